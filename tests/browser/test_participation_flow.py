"""A hamlet decision end to end, and a consultation closed with every opinion answered.

notice → check-in short of quorum → fallback household ballot → double-entry tally → adopted by
the legal threshold (> 50% of ALL households) → decision paper; then a consultation: a citizen's
opinion (no JavaScript, 360 px), an opinion from a meeting, every opinion answered, the synthesis
on the public site.
"""

import datetime as dt
import re

import pytest
from django.utils import timezone, translation

from thanthien.participation.models import Ballot, Consultation, Decision
from thanthien.participation.tests.factories import make_households
from thanthien.units.tests.factories import HamletFactory

from .conftest import PHONE

PASSWORD = "mat-khau-an-toan-2024"  # set by UserFactory


@pytest.fixture(autouse=True)
def public_urls(settings):
    settings.ROOT_URLCONF = "thanthien.participation.tests.urls"


def sign_in(page, username):
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/staff/")


def form(page, action_end):
    return page.locator(f"main form[action$='{action_end}']")


def test_hamlet_decision_falls_back_to_a_ballot_and_is_adopted(new_page, chairman_a, officer_a, commune_a, screenshot):
    hamlet = HamletFactory(unit=commune_a, name="Đồng Tâm")
    households = make_households(hamlet, 4)
    today = timezone.localdate()
    page = new_page()
    sign_in(page, "chairman_a")

    # Plan the meeting and its agenda.
    page.goto("/staff/participation/meetings/new/")
    page.select_option("select[name=hamlet]", str(hamlet.pk))
    page.fill("input[name=title]", "Họp thôn bàn làm đường")
    page.fill("input[name=scheduled_at]", f"{today + dt.timedelta(days=5):%Y-%m-%d}T19:00")
    page.fill("input[name=place]", "Nhà văn hóa thôn")
    page.fill("input[name=convener_name]", "Hoàng Văn Dũng")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/staff/participation/meetings/*/")
    meeting_url = page.url

    page.get_by_text("Thêm nội dung chương trình").click()
    agenda = form(page, "/agenda/")
    agenda.locator("select[name=kind]").select_option("decide")
    agenda.locator("input[name=title]").fill("Dọn vệ sinh đường làng hằng tháng")
    agenda.locator("select[name=matter]").select_option("6")
    agenda.locator("button[type=submit]").click()
    assert "Đã thêm nội dung chương trình." in page.locator("main").inner_text()

    # Notice two days ahead, through two channels; per-household reach.
    page.get_by_text("Ghi nhận thông báo").click()
    notice = form(page, "/notice/")
    notice.locator("input[name=sent_on]").fill(f"{today:%Y-%m-%d}")
    notice.locator("input[name=channels][value=invitation]").check()
    notice.locator("input[name=channels][value=radio]").check()
    notice.locator("button[type=submit]").click()
    for _ in range(2):
        form(page, "/informed/").first.locator("button[type=submit]").click()
    assert page.get_by_test_id("reach").inner_text() == "2/4"

    # Only one household turns up: check-in by the QR code on its invitation.
    page.fill("#qr-code", households[0].code)
    page.locator("main form[action$='/check-in/'] button", has_text="Điểm danh").first.click()
    assert page.get_by_test_id("present").inner_text() == "1"
    screenshot(page, "participation-meeting")

    # Counting the households present: 1 of 4 cannot reach > 50% → household ballot (Điều 19.1.b).
    page.get_by_role("link", name=re.compile(r"^Quyết định: ")).click()
    page.get_by_role("button", name="Kiểm đếm số hộ có mặt và mở biểu quyết").click()
    assert page.get_by_test_id("form").inner_text() == "Phát phiếu lấy ý kiến hộ gia đình"
    assert "chuyển sang phát phiếu" in page.get_by_test_id("explanation").inner_text()
    decision_url = page.url

    plan = form(page, "/plan/")
    plan.locator("input[name=plan_adopted_on]").fill(f"{today:%Y-%m-%d}")
    plan.locator("input[name=info_published_on]").fill(f"{today:%Y-%m-%d}")
    plan.locator("textarea[name=team]").fill("Trần Thị Mặt Trận\nLê Văn B\nPhạm Văn C")
    plan.locator("input[name=opens_at]").fill(f"{today + dt.timedelta(days=2):%Y-%m-%d}T08:00")
    plan.locator("input[name=closes_at]").fill(f"{today + dt.timedelta(days=10):%Y-%m-%d}T17:00")
    plan.locator("button[type=submit]").click()
    page.get_by_role("button", name="Phát mỗi hộ một phiếu").click()
    assert "Đã phát: 4" in page.get_by_test_id("log").inner_text()
    pdf = page.request.get(page.get_by_role("link", name="In toàn bộ phiếu (PDF)").get_attribute("href"))
    assert pdf.ok and pdf.body()[:4] == b"%PDF"

    # Three households return their ballot (agree); two clerks key each ballot.
    decision = Decision.objects.get(question="Dọn vệ sinh đường làng hằng tháng")
    codes = [Ballot.objects.get(decision=decision, household=h).code for h in households[:3]]
    for code in codes:
        page.fill("#collect-code", code)
        form(page, "/collect/").locator("button").click()
        page.fill("#entry-code", code)
        form(page, "/entry/").locator("input[name=choice][value=agree]").check()
        form(page, "/entry/").locator("button").click()
        assert "Cần người thứ hai nhập lại" in page.locator("main").inner_text()
    clerk = new_page()
    sign_in(clerk, "officer_a")
    clerk.goto(decision_url)
    for code in codes:
        clerk.fill("#entry-code", code)
        form(clerk, "/entry/").locator("input[name=choice][value=agree]").check()
        form(clerk, "/entry/").locator("button").click()
        assert "Hai lần nhập khớp nhau" in clerk.locator("main").inner_text()

    # Close and count: 3 of ALL 4 households agree → adopted (Điều 21.1: > 50%).
    page.goto(decision_url)
    assert page.get_by_test_id("agree").inner_text() == "3"
    page.get_by_role("button", name="Kết thúc biểu quyết và kiểm phiếu").click()
    assert page.get_by_test_id("adopted").inner_text() == "Được thông qua"
    assert "Tán thành: 3/4 hộ" in page.get_by_test_id("explanation").inner_text()
    screenshot(page, "participation-decision")
    for link in ("Văn bản quyết định của cộng đồng dân cư (PDF)", "Biên bản kiểm phiếu (PDF)"):
        response = page.request.get(page.get_by_role("link", name=link).get_attribute("href"))
        assert response.ok and response.body()[:4] == b"%PDF"
    page.goto(meeting_url)
    assert page.get_by_test_id("present").inner_text() == "1"


def test_consultation_closes_with_every_opinion_answered_and_the_synthesis_public(
    new_page, chairman_a, commune_a, screenshot
):
    today = timezone.localdate()
    page = new_page()
    sign_in(page, "chairman_a")
    page.goto("/staff/participation/consultations/new/")
    page.select_option("select[name=matter]", "7")
    page.fill("input[name=title]", "Dự thảo Quy chế thực hiện dân chủ ở phường")
    page.fill("textarea[name=plan]", "Lấy ý kiến qua cổng thông tin và họp tổ dân phố trong 21 ngày.")
    page.fill("textarea[name=draft]", "Điều 1. Phạm vi điều chỉnh.\nĐiều 2. Giờ tiếp công dân.")
    page.locator("input[name=consultation_forms][value=portal]").check()
    page.locator("input[name=consultation_forms][value=meeting]").check()
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/consultations/*/")
    staff_url = page.url
    pk = int(staff_url.rstrip("/").rsplit("/", 1)[1])

    opening = form(page, "/open/")
    opening.locator("input[name=published_on]").fill(f"{today - dt.timedelta(days=21):%Y-%m-%d}")
    opening.locator("input[name=closes_on]").fill(f"{today:%Y-%m-%d}")
    opening.locator("button").click()
    assert page.get_by_test_id("status").inner_text() == "Đang lấy ý kiến"

    # A citizen on a phone, without JavaScript, sends an opinion through the portal.
    citizen = new_page(viewport=PHONE, javascript=False)
    citizen.goto(f"/tham-gia/lay-y-kien/{pk}/")
    citizen.locator("input[name=stance][value=agree]").check()
    citizen.fill("textarea[name=text]", "Đề nghị tiếp công dân thêm sáng thứ Bảy.")
    citizen.fill("input[name=author_phone]", "0912345678")
    citizen.get_by_role("button", name="Gửi").click()
    receipt = citizen.get_by_test_id("receipt").inner_text().strip()
    assert receipt
    assert citizen.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    # An opinion from the residential-group meeting enters the same register.
    page.reload()
    page.get_by_text("Thêm ý kiến từ kênh khác").click()
    other = form(page, "/opinions/")
    other.locator("select[name=channel]").select_option("meeting")
    other.locator("select[name=stance]").select_option("other")
    other.locator("textarea[name=text]").fill("Cần niêm yết lịch tiếp dân tại nhà văn hóa.")
    other.locator("button").click()
    page.get_by_role("button", name="Kết thúc lấy ý kiến").click()
    with translation.override("vi"):  # "Closed" is a shared msgid: take whatever the catalogues say
        closed = str(Consultation.Status.CLOSED.label)
    assert page.get_by_test_id("status").inner_text() == closed
    assert "còn 2 chưa trả lời" in page.get_by_test_id("ledger").inner_text()

    # Tiếp thu – giải trình for every opinion.
    answers = [("partly_accepted", "Bổ sung tiếp dân sáng thứ Bảy đầu tháng."), ("accepted", "Đã bổ sung Điều 2.")]
    for n, (decision, reason) in enumerate(answers):
        answer = page.locator("main form[action*='/opinions/'][action$='/answer/']").nth(n)
        answer.locator("select[name=decision]").select_option(decision)
        answer.locator("textarea[name=reason]").fill(reason)
        answer.locator("button").click()
    assert "còn 0 chưa trả lời" in page.get_by_test_id("ledger").inner_text()
    publish = form(page, "/publish/")
    publish.locator("textarea[name=synthesis]").fill("Đã nhận 2 ý kiến; tiếp thu đầy đủ.")
    publish.locator("input[name=authority_approves]").check()
    publish.locator("button").click()
    assert page.get_by_test_id("status").inner_text() == "Đã công bố báo cáo tổng hợp"
    assert Consultation.objects.get(pk=pk).opinions.filter(decision="").count() == 0

    # The synthesis and the answer to each opinion are public; the citizen checks the receipt.
    citizen.goto(f"/tham-gia/lay-y-kien/{pk}/")
    assert "Đã nhận 2 ý kiến; tiếp thu đầy đủ." in citizen.get_by_test_id("synthesis").inner_text()
    assert "Bổ sung tiếp dân sáng thứ Bảy đầu tháng." in citizen.locator("main").inner_text()
    citizen.goto(f"/tham-gia/bien-nhan/?receipt={receipt}")
    assert "Bổ sung tiếp dân sáng thứ Bảy đầu tháng." in citizen.locator("main").inner_text()
    screenshot(citizen, "participation-consultation-360")
    assert citizen.external_requests == []
