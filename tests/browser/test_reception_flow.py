"""Reception end to end: a citizen sends a report from the public site (no JavaScript, phone),
an officer classifies and answers it, the citizen reads the answer by code and rates it; a
denunciation's identity stays hidden from an officer who is not assigned."""

import pytest

from thanthien.reception import services
from thanthien.reception.tests.factories import make_denunciation
from thanthien.units.tests.factories import make_staff

from .conftest import PHONE

pytestmark = pytest.mark.urls("thanthien.reception.tests.urls")
PASSWORD = "mat-khau-an-toan-2024"  # set by UserFactory


@pytest.fixture(autouse=True)
def _fresh_content_types():
    """A flush between transactional tests renumbers content types on PostgreSQL; the clocks
    store the subject's content type, so drop the process-wide cache first."""
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()


def sign_in(page, username):
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/staff/")


def test_citizen_report_answered_and_rated(new_page, commune_a, officer_a, screenshot):
    citizen = new_page(viewport=PHONE, javascript=False)
    citizen.goto(f"/phan-anh/xa/{commune_a.slug}/gui/")
    citizen.select_option("select[name=topic]", "lighting")
    citizen.fill("input[name=subject]", "Đèn đường hỏng")
    citizen.fill("textarea[name=content]", "Ba cột đèn ở tổ 5 không sáng từ tuần trước.")
    citizen.fill("input[name=submitter_name]", "Nguyễn Thị Hoa")
    citizen.fill("input[name=submitter_phone]", "0911222333")
    citizen.locator("main form button[type=submit]").click()
    citizen.wait_for_url("**/phan-anh/tra-cuu/PA-*/")
    code = citizen.locator("#code").inner_text().strip()
    assert code.startswith("PA-")
    screenshot(citizen, "reception-citizen-sent")

    officer = new_page()
    sign_in(officer, "officer_a")
    officer.goto("/staff/reception/")
    officer.locator(f"a:text('{code}')").click()
    officer.locator("form[action$='/phan-loai/'] select[name=kind]").select_option("report")
    officer.locator("form[action$='/phan-loai/'] button[type=submit]").click()
    assert officer.locator("#kind").inner_text() == "Phản ánh"
    officer.locator("form[action$='/tra-loi/'] textarea[name=answer]").fill(
        "Đã thay bóng đèn ngày 28/11. Cảm ơn bà đã phản ánh."
    )
    officer.locator("form[action$='/tra-loi/'] button[type=submit]").click()
    assert officer.locator("#status").inner_text() == "Đã trả lời"

    citizen.goto("/phan-anh/tra-cuu/")
    citizen.fill("input[name=code]", code.lower())
    citizen.locator("main form button[type=submit]").click()
    assert "Đã thay bóng đèn" in citizen.locator("#answer").inner_text()
    citizen.locator("input[name=rating][value='5']").check()
    citizen.fill("input[name=comment]", "Xử lý nhanh")
    citizen.locator("form[action$='/danh-gia/'] button[type=submit]").click()
    assert "5/5" in citizen.locator("#your-rating").inner_text()
    assert citizen.external_requests == []
    screenshot(citizen, "reception-citizen-rated")


def test_denouncer_hidden_from_an_officer_not_assigned(new_page, commune_a, officer_a, chairman_a):
    make_staff("one_stop_officer", commune_a, username="officer2_a", full_name="Vũ Văn Nam")
    p = make_denunciation(commune_a, signed=True, dated=True)
    services.petition_assign(actor=chairman_a, petition=p, handler=officer_a)

    other = new_page()
    sign_in(other, "officer2_a")
    other.goto(f"/staff/reception/{p.pk}/")
    assert other.locator("#sender").inner_text().startswith("***")
    assert "Trần Bí Mật" not in other.content()
    other.goto("/staff/reception/")
    assert "Trần Bí Mật" not in other.content() and p.code in other.content()

    handler = new_page()
    sign_in(handler, "officer_a")
    handler.goto(f"/staff/reception/{p.pk}/")
    assert handler.locator("#sender").inner_text().startswith("Trần Bí Mật")
