"""The one-stop shop end to end (Done when of the one-stop issue).

An officer of commune A receives a dossier at the counter through the real form and prints the
receipt slip (Mẫu 01); the chairman assigns it to a specialist, who processes it; it becomes
predicted late, the chairman issues the apology and new appointment (Mẫu 04) through the page;
the specialist records the result and the officer returns it. Then a citizen — new browser,
no login, 360-px phone, JavaScript off — opens the status address encoded in the slip's QR code,
sees the status with personal data masked, and rates the service. Every paper is downloaded,
its text checked with pypdf and its first page rendered to var/screenshots/onestop-*.png.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from thanthien.units.tests.factories import make_staff

from .conftest import PHONE, SCREENSHOTS
from .onestop_helpers import (
    action_form,
    apology_window,
    do_action,
    docx_text,
    fetch,
    flat,
    pdf_text,
    printed_qr_matches,
    save_pdf_and_png,
    sign_in,
)

PROCEDURE_CODE = "2.001035"  # Chứng thực giao dịch liên quan đến tài sản là động sản: 2 working days
APPLICANT = {
    "applicant_name": "Trần Thị Bích Ngọc",
    "applicant_id_number": "019186004321",
    "applicant_address": "Tổ dân phố Đồng Quang 5, phường Phan Đình Phùng",
    "applicant_phone": "0987654321",
}


@pytest.fixture(autouse=True)
def _qr_to_live_server(settings, live_server):
    """The QR code points at this live server; per-process caches from earlier tests are dropped."""
    from django.contrib.contenttypes.models import ContentType

    from thanthien.onestop.selectors import clear_names_cache

    ContentType.objects.clear_cache()
    clear_names_cache()
    settings.PUBLIC_BASE_URL = live_server.url


@pytest.fixture
def specialist_a(commune_a):
    return make_staff("specialist_officer", commune_a, username="specialist_a", full_name="Đỗ Thị Hạnh")


def _paper(page, dossier_pk: int, form: str, name: str) -> tuple[str, bytes]:
    """From the dossier page, open its papers and follow the PDF link of ``form``.

    Returns the PDF text (pypdf) and the Word file; the PDF's first page goes to var/screenshots.
    """
    page.goto(f"/staff/dossiers/{dossier_pk}/")
    papers_link = page.locator(f"main a[href$='/staff/onestop/dossiers/{dossier_pk}/papers/']")
    if papers_link.count():
        papers_link.first.click()
        page.wait_for_url(f"**/staff/onestop/dossiers/{dossier_pk}/papers/")
    else:  # reported by the test (no link on the dossier page)
        page.goto(f"/staff/onestop/dossiers/{dossier_pk}/papers/")
    link = page.locator(f"a[href$='/papers/{form}.pdf']")
    assert link.count() == 1, f"no PDF link for Mẫu {form}: {page.locator('main').inner_text()}"
    response = fetch(page, link.get_attribute("href"))
    assert response.headers["content-type"].startswith("application/pdf")
    body = response.body()
    assert body.startswith(b"%PDF")
    save_pdf_and_png(body, SCREENSHOTS, name)
    docx = fetch(page, page.locator(f"a[href$='/papers/{form}.docx']").get_attribute("href")).body()
    return pdf_text(body), docx


def _facts(page) -> dict[str, str]:
    """The public status page's facts (``dt`` → ``dd``)."""
    names = [x.strip() for x in page.locator("main dl dt").all_inner_texts()]
    values = [x.strip() for x in page.locator("main dl dd").all_inner_texts()]
    return dict(zip(names, values, strict=True))


def test_counter_to_rating_through_the_qr_code(
    new_page, screenshot, live_server, commune_a, officer_a, chairman_a, specialist_a
):
    from thanthien.dossiers import papers, services
    from thanthien.dossiers.domain.codes import format_tracking_code
    from thanthien.dossiers.models import Dossier, DossierApology
    from thanthien.onestop.models import ServiceRating

    wrong: list[str] = []  # visible defects that do not stop the flow; asserted at the end

    # --- 1. The officer receives the dossier at the counter through the real form -------------
    officer = new_page()
    sign_in(officer, "officer_a")
    officer.goto("/staff/dossiers/")
    officer.locator("main a[href$='/staff/dossiers/receive/']").first.click()
    officer.fill("#proc-q", "chung thuc giao dich dong san")  # accents optional
    officer.locator("form[role=search] button[type=submit]").click()
    officer.locator("#procedure-options a", has_text=PROCEDURE_CODE).click()
    form = officer.locator("main form[method=post]")
    assert PROCEDURE_CODE in form.locator("select[name=procedure] option:checked").inner_text()
    for name, value in APPLICANT.items():
        form.locator(f"[name={name}]").fill(value)
    boxes = form.locator("input[name=components]")
    assert boxes.count() >= 2, "the procedure's published components are offered as check boxes"
    boxes.nth(0).check()
    boxes.nth(1).check()
    assert form.locator("[name=decision]").input_value() == "receive"
    screenshot(officer, "onestop-01-counter-form")
    with officer.expect_navigation():
        form.locator("button[type=submit]").last.click()
    assert re.search(r"/staff/dossiers/\d+/$", officer.url), officer.url
    dossier = Dossier.objects.unscoped().get(applicant_name=APPLICANT["applicant_name"])
    assert dossier.status == "received" and dossier.code and dossier.tracking_code
    assert dossier.code in officer.locator("h1").inner_text()
    screenshot(officer, "onestop-02-received")

    # --- 2. The receipt slip (Mẫu 01): a PDF with the code, Vietnamese text, the QR --------------
    if officer.locator(f"main a[href*='/staff/onestop/dossiers/{dossier.pk}/papers/']").count() == 0:
        wrong.append(
            "the dossier page has no link to its papers (Mẫu 01–05): the counter officer cannot print the "
            f"receipt without typing /staff/onestop/dossiers/{dossier.pk}/papers/"
        )
    text, docx = _paper(officer, dossier.pk, "01", "onestop-paper-01-receipt")
    t = flat(text)
    assert dossier.code in t.replace(" ", "") or dossier.code in t
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in t
    assert "Trần Thị Bích Ngọc" in t
    assert "Thời gian trả kết quả" in t
    assert dossier.code in docx_text(docx)
    qr_url = papers.receipt_slip(dossier).qr_url  # what the slip's QR code encodes
    assert qr_url == f"{live_server.url}/tra-cuu/{dossier.tracking_code}/"
    receipt_pdf = SCREENSHOTS / "onestop-paper-01-receipt.pdf"
    assert printed_qr_matches(receipt_pdf, qr_url), "the printed QR code does not encode the status address"
    assert not printed_qr_matches(receipt_pdf, qr_url.replace("/tra-cuu/", "/tra-cuu/X"))
    tracking = format_tracking_code(dossier.tracking_code)
    if tracking not in t and dossier.tracking_code not in t:
        wrong.append(
            f"Mẫu 01 does not print the tracking code {tracking}, yet the lookup page tells citizens to "
            "type 'the tracking code printed under the QR code of your receipt'"
        )

    slip_due = re.search(r"Thời gian trả kết quả: ngày (\d\d/\d\d/\d{4})", t)
    assert slip_due and slip_due.group(1) == dossier.due_date.strftime("%d/%m/%Y"), t

    # The citizen scans the QR code at once: phone, no login, no JavaScript.
    citizen = new_page(viewport=PHONE, javascript=False)
    citizen.goto(qr_url)
    assert citizen.locator("main h2").first.inner_text() == "Đã tiếp nhận"
    assert citizen.locator("main a[href$='/danh-gia/']").count() == 0  # nothing to rate yet
    shown_due = _facts(citizen).get("Hẹn trả kết quả", "")
    if shown_due != slip_due.group(1):
        wrong.append(
            f"public status page shows the appointment as {shown_due!r}; the receipt slip (Mẫu 01) says "
            f"{slip_due.group(1)}"
        )
    screenshot(citizen, "onestop-02b-citizen-status-after-reception")

    # --- 3. Transfer (officer), assign (chairman) to the specialist ------------------------------
    officer.goto(f"/staff/dossiers/{dossier.pk}/")
    do_action(officer, "transfer")
    chairman = new_page()
    sign_in(chairman, "chairman_a")
    chairman.goto(f"/staff/dossiers/{dossier.pk}/")
    handler_select = action_form(chairman, "assign").locator("select[name=handler]")
    assert "Đỗ Thị Hạnh" in handler_select.inner_text()
    do_action(chairman, "assign", handler=str(specialist_a.pk))
    assert "Đỗ Thị Hạnh" in chairman.locator("dl.facts").inner_text()
    screenshot(chairman, "onestop-03-assigned")

    # --- 4. The specialist finds it in "only mine" and processes it (a consultation) -------------
    specialist = new_page()
    sign_in(specialist, "specialist_a")
    specialist.goto("/staff/dossiers/?mine=on")
    specialist.locator(f"#results a:text('{dossier.code}')").click()
    specialist.wait_for_url(f"**/staff/dossiers/{dossier.pk}/")
    do_action(specialist, "request_consultation", body="Công an phường Phan Đình Phùng", step_hours="2")
    do_action(specialist, "close_consultation")
    dossier.refresh_from_db()
    assert dossier.status == "in_processing" and dossier.handler_id == specialist_a.pk
    screenshot(specialist, "onestop-04-processing")

    # --- 5. Predicted late: the due date moves to the last day an apology is still possible ------
    # (no service moves a due date; the test process shares the database with the live server).
    now = timezone.now()
    cal, due_day, sweep_at = apology_window(now)
    hours = cal.office_hours_on(due_day)
    due_at = dt.datetime.combine(due_day, hours.morning_start, tzinfo=cal.tz)
    Dossier.objects.unscoped().filter(pk=dossier.pk).update(
        due_at=due_at, due_date=due_day, original_due_at=due_at, original_due_date=due_day
    )
    result = services.dossiers_flag_predicted_late(now=sweep_at)
    assert result["flagged"] == 1, result
    dossier.refresh_from_db()
    assert dossier.predicted_late
    draft = DossierApology.objects.unscoped().get(dossier=dossier)
    assert draft.state == "draft" and draft.new_due_date > due_day

    # --- 6. The chairman issues the apology slip (Mẫu 04) through the page ----------------------
    chairman.goto(f"/staff/dossiers/{dossier.pk}/")
    assert "Dự kiến trễ hạn" in chairman.locator("main > p").first.inner_text()
    screenshot(chairman, "onestop-05-predicted-late")
    chairman.locator(f"a[href$='/staff/dossiers/{dossier.pk}/apology/']").click()
    apology_form = chairman.locator("main form[method=post]")
    assert apology_form.locator("[name=new_due_date]").input_value() == draft.new_due_date.isoformat()
    new_day = cal.add_working_days(due_day, 2)
    apology_form.locator("[name=new_due_date]").fill(new_day.isoformat())
    apology_form.locator("[name=reason]").fill("Chờ Công an phường xác minh quyền sở hữu tài sản.")
    screenshot(chairman, "onestop-06-apology-form")
    with chairman.expect_navigation():
        apology_form.locator("button[type=submit]").click()
    assert re.search(r"/staff/dossiers/\d+/$", chairman.url), chairman.locator("main").inner_text()
    dossier.refresh_from_db()
    assert dossier.extended_due_date == new_day and not dossier.predicted_late
    screenshot(chairman, "onestop-07-apology-issued")
    text, docx = _paper(chairman, dossier.pk, "04", "onestop-paper-04-apology")
    t = flat(text)
    assert "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ" in t
    assert dossier.code in t
    assert new_day.strftime("%d/%m/%Y") in t
    assert "Chờ Công an phường xác minh" in t
    assert "Hoàng Văn Dũng" in t  # the signer

    # --- 7. The specialist records the result; the officer returns it --------------------------
    specialist.goto(f"/staff/dossiers/{dossier.pk}/")
    do_action(specialist, "record_result", result_note="Đã chứng thực hợp đồng mua bán xe máy.")
    officer.goto(f"/staff/dossiers/{dossier.pk}/")
    do_action(officer, "return_result")
    dossier.refresh_from_db()
    assert dossier.status == "returned" and dossier.returned_at and dossier.timeliness
    screenshot(officer, "onestop-08-returned")
    # The "step due" column (5th) only: event times may legitimately read 00:0x after midnight.
    step_dues = officer.locator("section[aria-labelledby=ev-h] tbody tr td:nth-child(5)").all_inner_texts()
    if any(cell.strip().startswith("00:00") for cell in step_dues):
        wrong.append(
            "the dossier page's hand-off table prints an end-of-day step due as '00:00' of the next day "
            f"(the result step is due {dossier.due_date:%d/%m/%Y})"
        )
    text, _docx = _paper(officer, dossier.pk, "05", "onestop-paper-05-control")
    t = flat(text)
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in t and dossier.code in t
    assert "Đỗ Thị Hạnh" in t
    # The receipt again, and everything in one PDF, after the whole flow.
    _paper(officer, dossier.pk, "01", "onestop-paper-01-receipt-final")
    all_pdf = fetch(officer, f"/staff/onestop/dossiers/{dossier.pk}/papers/all.pdf").body()
    save_pdf_and_png(all_pdf, SCREENSHOTS, "onestop-paper-all")
    all_text = flat(pdf_text(all_pdf))
    for title in ("GIẤY TIẾP NHẬN", "PHIẾU XIN LỖI", "PHIẾU KIỂM SOÁT"):
        assert title in all_text

    # The notification sweep tells the applicant by SMS: received, delay with apology, result ready.
    from thanthien.accounts import senders
    from thanthien.onestop import services as onestop_services

    senders.outbox.clear()
    onestop_services.dossiers_notify(now=timezone.now())
    sms = [m.text for m in senders.outbox if m.to == APPLICANT["applicant_phone"]]
    assert any(qr_url in x and "đã được tiếp nhận" in x for x in sms), sms
    assert any("xin lỗi" in x and f"ngày {new_day:%d/%m/%Y}" in x for x in sms), sms
    assert any("đã có kết quả" in x and qr_url in x for x in sms), sms

    # The tracking book (Mẫu 06) of the commune lists the dossier.
    book = fetch(officer, f"/staff/onestop/book.pdf?unit={commune_a.pk}&year={dossier.received_at.year}")
    assert book.headers["content-type"].startswith("application/pdf")
    save_pdf_and_png(book.body(), SCREENSHOTS, "onestop-paper-06-book")
    t = flat(pdf_text(book.body()))
    assert f"SỔ THEO DÕI HỒ SƠ NĂM {dossier.received_at.year}" in t
    assert dossier.code in t.replace(" ", "") or dossier.code in t
    assert "Trần Thị Bích Ngọc" in t

    # --- 8. The citizen opens the QR address again, sees the result and rates the service -------
    citizen.goto(qr_url)
    main = citizen.locator("main").inner_text()
    assert citizen.locator("main h2").first.inner_text() == "Đã trả kết quả"
    assert "Trần T*** B*** N" in main, main  # masked name
    assert "09******21" in main
    for secret in ("Trần Thị Bích Ngọc", "0987654321", "019186004321", "Đồng Quang 5"):
        assert secret not in citizen.content()
    assert citizen.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    history = citizen.locator("#tl").inner_text()
    if history == "Bản ghi nhớ":
        wrong.append("public status page: the 'History' heading reads 'Bản ghi nhớ' (Django admin's translation)")
    shown_new = next((v for k, v in _facts(citizen).items() if k.startswith("Hẹn lại")), "")
    if shown_new != new_day.strftime("%d/%m/%Y"):
        wrong.append(
            f"public status page shows the new appointment as {shown_new!r}; the apology slip says {new_day:%d/%m/%Y}"
        )
    screenshot(citizen, "onestop-09-citizen-status")
    citizen.locator("main a[href$='/danh-gia/']").click()
    for field, value in (("access", "5"), ("procedure", "4"), ("staff", "5"), ("result", "4")):
        citizen.locator(f"input[name={field}][value='{value}']").check()
    citizen.fill("input[name=trips]", "2")
    citizen.locator("input[name=extra_payment_asked][value=no]").check()
    citizen.locator("input[name=appointment_kept][value=yes]").check()
    citizen.fill("textarea[name=comment]", "Cán bộ hướng dẫn tận tình, có phiếu xin lỗi khi trễ hẹn.")
    screenshot(citizen, "onestop-10-citizen-rating-form")
    citizen.locator("main form button[type=submit]").click()
    assert "Cảm ơn" in citizen.locator("h1").inner_text()
    screenshot(citizen, "onestop-11-citizen-rated")
    citizen.goto(qr_url + "danh-gia/")  # once only: the form is gone
    assert citizen.locator("main form").count() == 0
    assert "đã được đánh giá" in citizen.locator("main").inner_text()
    assert citizen.external_requests == []

    rating = ServiceRating.objects.unscoped().get(dossier=dossier)
    assert rating.source == "qr"
    assert (rating.score_access, rating.score_procedure, rating.score_staff, rating.score_result) == (5, 4, 5, 4)
    assert rating.trips == 2 and rating.extra_payment_asked is False and rating.appointment_kept is True
    assert rating.unit_id == commune_a.pk
    assert rating.handler_id == specialist_a.pk and rating.receiver_id == officer_a.pk
    assert "tận tình" in rating.comment
    assert not wrong, "\n".join(wrong)
