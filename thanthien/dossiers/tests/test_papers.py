"""The papers of a dossier as an officer reads them: Mẫu 01 (number), Mẫu 05 (who gave the dossier
to whom, the coordinating body, the new appointment) and Mẫu 06 (both appointments)."""

import datetime as dt
import io

import pytest

from thanthien.clocks.domain.calendar import VIETNAM_TZ
from thanthien.dossiers import papers, selectors, services
from thanthien.dossiers.services import ApplicantData, IntakeData
from thanthien.papers.domain.paper import FieldLines, Table
from thanthien.papers.render import render_pdf

pytestmark = pytest.mark.django_db

MON_10 = dt.datetime(2026, 3, 9, 10, 0, tzinfo=VIETNAM_TZ)
APPLICANT = "Trần Văn Nam"
BODY = "Công an phường Phan Đình Phùng"


def receive(officer, unit, procedure, at=MON_10, **kw):
    data = IntakeData(procedure=procedure, applicant=ApplicantData(name=APPLICANT, phone="0987654321"), **kw)
    return services.dossier_create(actor=officer, unit=unit, data=data, at=at)


def step(actor, dossier, action, hours, **params):
    return services.dossier_transition(
        actor=actor, dossier=dossier, action=action, at=MON_10 + dt.timedelta(hours=hours), **params
    )


def consulted(officer, chairman, specialist, unit, procedure):
    """Received, transferred, assigned, consulted (a body with 2 working hours) and back."""
    d = receive(officer, unit, procedure)
    d = step(officer, d, "transfer", 1)
    d = step(chairman, d, "assign", 2, handler=specialist)
    d = step(specialist, d, "request_consultation", 3, body=BODY, step_hours=2)
    return step(specialist, d, "close_consultation", 5)


def fields(paper) -> dict[str, str]:
    return {f.label: f.value for b in paper.blocks if isinstance(b, FieldLines) for row in b.rows for f in row}


def table(paper) -> Table:
    return next(b for b in paper.blocks if isinstance(b, Table))


def pdf_text(paper) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(render_pdf(paper)))
    return " ".join(" ".join((p.extract_text() or "") for p in reader.pages).split())


def full(dossier, actor):
    return selectors.dossier_get(actor=actor, pk=dossier.pk)


# --- Mẫu 05 ------------------------------------------------------------------------------------------


def test_control_slip_reception_row_gives_from_the_applicant_to_the_officer(
    officer_a, chairman_a, specialist_a, commune_a, procedure
):
    d = full(consulted(officer_a, chairman_a, specialist_a, commune_a, procedure), officer_a)
    paper = papers.control_slip(d)
    rows = table(paper).rows
    units, people = rows[0][0].text, rows[0][1].text
    assert units == "1. Giao: Tổ chức, cá nhân nộp hồ sơ\nNhận: Bộ phận tiếp nhận và trả kết quả"
    assert f"Người giao: {APPLICANT}" in people and "Người nhận: Lê Thị Mai" in people
    assert "Người giao: Lê Thị Mai" not in people  # the receiving officer is not the giver
    # Later hand-offs: the officer who handed over gives, the one who took it receives.
    assign = rows[2][1].text
    assert "Người giao: Hoàng Văn Dũng" in assign and "Người nhận: Ngô Văn Bình" in assign
    # To the consulted body and back from it.
    assert rows[3][0].text.endswith(f"Nhận: {BODY}")
    assert rows[4][0].text.startswith(f"5. Giao: {BODY}") and "Người nhận: Ngô Văn Bình" in rows[4][1].text


def test_control_slip_names_the_consulted_body_as_coordinating_agency(
    officer_a, chairman_a, specialist_a, commune_a, procedure
):
    d = full(consulted(officer_a, chairman_a, specialist_a, commune_a, procedure), officer_a)
    paper = papers.control_slip(d)
    assert fields(paper)["Cơ quan phối hợp giải quyết"] == BODY
    text = pdf_text(paper)
    assert f"Cơ quan phối hợp giải quyết: {BODY}" in text
    assert f"Người giao: {APPLICANT}" in text


@pytest.mark.parametrize(
    ("channel", "giver_unit", "giver"),
    [
        ("postal", "Bưu chính công ích", "Nhân viên bưu chính (số hiệu bưu gửi BĐ-17)"),
        ("online", "Cổng Dịch vụ công", f"{APPLICANT} (nộp trực tuyến)"),
    ],
)
def test_control_slip_reception_giver_follows_the_channel(officer_a, commune_a, procedure, channel, giver_unit, giver):
    data = IntakeData(procedure=procedure, applicant=ApplicantData(name=APPLICANT, phone="0987654321"))
    if channel == "postal":
        data.channel_in, data.postal_receipt_no = "postal", "BĐ-17"
        data.handover_signed_at = MON_10 - dt.timedelta(hours=1)
        d = services.dossier_create(actor=officer_a, unit=commune_a, data=data, at=MON_10)
    else:
        d = services.dossier_submit_online(actor=None, unit=commune_a, data=data, at=MON_10)
        d = step(officer_a, d, "receive", 1)
    rows = table(papers.control_slip(full(d, officer_a))).rows
    assert len(rows) == 1  # the online filing is not a hand-off of its own
    assert rows[0][0].text.startswith(f"1. Giao: {giver_unit}\n")
    assert f"Người giao: {giver}\nNgười nhận: Lê Thị Mai" in rows[0][1].text


# --- the new appointment (Mẫu 04) on Mẫu 05 and Mẫu 06 ---------------------------------------------------


@pytest.fixture
def late_but_within_new_date(officer_a, chairman_a, specialist_a, commune_a, procedure):
    """Due 10/3; apology on 9/3 with a new date 12/3; returned on 12/3 (late, but on the new date)."""
    d = receive(officer_a, commune_a, procedure)
    services.dossier_apology_issue(
        actor=chairman_a,
        dossier=d,
        new_due_date=dt.date(2026, 3, 12),
        reason="Chờ xác minh",
        at=MON_10 + dt.timedelta(hours=1),
    )
    d = step(officer_a, d, "transfer", 2)
    d = step(chairman_a, d, "assign", 3, handler=specialist_a)
    d = step(specialist_a, d, "record_result", 48, result_note="Đã chứng thực")
    d = step(officer_a, d, "return_result", 72)  # Thursday 12/3 10:00
    assert (d.timeliness, d.timeliness_extended) == ("late", "on_time")
    return d


def test_control_slip_prints_the_new_appointment_and_both_verdicts(late_but_within_new_date, officer_a):
    paper = papers.control_slip(full(late_but_within_new_date, officer_a))
    values = fields(paper)
    assert values["Hẹn trả kết quả"] == "ngày 10/3/2026"
    assert values["Hẹn lại ngày trả kết quả (Mẫu 04)"] == "ngày 12/3/2026"
    last = table(paper).rows[-1]
    # The KPI keeps the original appointment (legal-rules §2.10); the new one is shown beside it.
    assert last[2].text == "Quá hạn (theo ngày hẹn lại: đúng hạn)"
    assert all("xin lỗi" not in row[3].text.lower() for row in table(paper).rows)  # not a hand-off


def test_tracking_book_row_shows_original_and_new_appointment(late_but_within_new_date, officer_a, commune_a):
    rows = list(selectors.tracking_book(actor=officer_a, unit_id=commune_a.pk, year=2026))
    paper = papers.tracking_book(commune_a, 2026, rows)
    row = table(paper).rows[0]
    assert row[7] == "ngày 10/3/2026\nHẹn lại: ngày 12/3/2026"
    assert row[8].endswith("\nQuá hạn (theo ngày hẹn lại: đúng hạn)")
    text = pdf_text(paper)
    assert "Hẹn lại: ngày 12/3/2026" in text


def test_tracking_book_without_apology_shows_one_date(officer_a, commune_a, procedure):
    receive(officer_a, commune_a, procedure)
    rows = list(selectors.tracking_book(actor=officer_a, unit_id=commune_a.pk, year=2026))
    assert table(papers.tracking_book(commune_a, 2026, rows)).rows[0][7] == "ngày 10/3/2026"


# --- Mẫu 01: "Số: …/TNHS" -------------------------------------------------------------------------


def test_receipt_slip_number_is_the_line_of_the_tracking_book(officer_a, commune_a, procedure):
    receive(officer_a, commune_a, procedure)
    d = receive(officer_a, commune_a, procedure, at=MON_10 + dt.timedelta(days=1))  # code …-260310-0001
    assert d.code.endswith("-0001")
    paper = papers.receipt_slip(full(d, officer_a))
    assert (paper.number, paper.symbol) == (2, "TNHS-BPTNTKQ")
    assert fields(paper)["Số thứ tự"] == "02"
    assert fields(paper)["Vào Sổ theo dõi hồ sơ, Quyển số"] == "2026"
    book = papers.tracking_book(
        commune_a, 2026, list(selectors.tracking_book(actor=officer_a, unit_id=commune_a.pk, year=2026))
    )
    assert [(r[0].text, r[1]) for r in table(book).rows][1] == ("02", d.code)
    assert "Số: 02/TNHS-BPTNTKQ" in pdf_text(paper)
    control = papers.control_slip(full(d, officer_a))  # Mẫu 05 carries the same number
    assert "Số: 02/PKS-BPTNTKQ" in pdf_text(control)


def test_slip_symbol_names_the_commune_one_stop_not_a_provincial_centre(commune_a):
    assert papers.unit_symbol(commune_a) == "BPTNTKQ"
    assert papers.unit_symbol(commune_a.parent) == "TTPVHCC"


def test_receipt_before_reception_has_no_number(officer_a, commune_a, procedure):
    data = IntakeData(procedure=procedure, applicant=ApplicantData(name=APPLICANT))
    d = services.dossier_submit_online(actor=None, unit=commune_a, data=data, at=MON_10)
    assert papers.book_entry_number(d) is None


def test_a_postal_dossier_entered_late_keeps_every_printed_number(client, officer_a, commune_a, procedure):
    """Mẫu 01 of the earlier dossiers, Mẫu 06 and the book page agree after a late postal entry."""
    first = receive(officer_a, commune_a, procedure)
    printed = papers.receipt_slip(full(first, officer_a)).number
    postal = receive(
        officer_a,
        commune_a,
        procedure,
        at=MON_10 + dt.timedelta(days=1),
        channel_in="postal",
        handover_signed_at=MON_10 - dt.timedelta(days=3),  # signed on the Friday before
        postal_receipt_no="BĐ-3",
    )
    assert papers.receipt_slip(full(first, officer_a)).number == printed == 1
    slip = papers.receipt_slip(full(postal, officer_a))
    assert (slip.number, fields(slip)["Số thứ tự"], fields(slip)["Vào Sổ theo dõi hồ sơ, Quyển số"]) == (
        2,
        "02",
        "2026",
    )
    rows = table(
        papers.tracking_book(
            commune_a, 2026, list(selectors.tracking_book(actor=officer_a, unit_id=commune_a.pk, year=2026))
        )
    ).rows
    assert [(r[0].text, r[1]) for r in rows] == [("01", first.code), ("02", postal.code)]
    client.force_login(officer_a)
    from django.urls import reverse

    html = client.get(reverse("dossiers:book"), {"unit": commune_a.pk, "year": 2026}).content.decode()
    assert html.index(f'<td>02</td><td><a href="{reverse("dossiers:detail", args=[postal.pk])}"') > html.index(
        "<td>01</td>"
    )


def test_mau_01_and_mau_06_read_the_stored_line(officer_a, commune_a, procedure):
    d = receive(officer_a, commune_a, procedure)
    d.book_number = 41  # as numbered by another path (migration, generator): printed as stored
    assert papers.receipt_slip(d).number == 41
    assert table(papers.tracking_book(commune_a, 2026, [d])).rows[0][0].text == "41"


def test_an_appointment_at_24h_prints_as_that_day_and_a_timed_one_with_its_hour():
    assert papers.moment_text(dt.datetime(2026, 3, 11, 0, 0, tzinfo=VIETNAM_TZ)) == "ngày 10/3/2026"
    assert papers.moment_text(dt.datetime(2026, 3, 10, 15, 30, tzinfo=VIETNAM_TZ)).startswith("15 giờ 30 phút")
