"""A staff member signs in and lands on their home page."""

from .conftest import PHONE

PASSWORD = "mat-khau-an-toan-2024"  # set by UserFactory


def sign_in(page, username):
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/staff/")


def test_staff_login_lands_on_home_with_name_and_unit(new_page, officer_a, screenshot):
    page = new_page()
    sign_in(page, "officer_a")
    assert page.locator("h1").inner_text() == "Xin chào, Lê Thị Mai"
    assert page.locator(".topbar__user").inner_text().strip().endswith("Lê Thị Mai")
    my_units = page.locator("section", has=page.locator("h2", has_text="Đơn vị của tôi"))
    assert "Phường Phan Đình Phùng" in my_units.inner_text()
    assert page.locator('nav[aria-label="Menu chính"] a[aria-current="page"]').inner_text() == "Trang chủ"
    assert page.external_requests == []  # no external assets
    screenshot(page, "staff-home")


def test_staff_home_on_a_phone_and_sign_out(new_page, chairman_a, screenshot):
    page = new_page(viewport=PHONE)
    sign_in(page, "chairman_a")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert page.get_by_role("heading", name="Hạn xử lý").is_visible()
    screenshot(page, "staff-home-360")
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url("**/accounts/login/**")


def test_language_switch_to_english_and_back(new_page, officer_a):
    page = new_page()
    sign_in(page, "officer_a")
    page.get_by_role("button", name="English").click()
    page.wait_for_url("**/staff/")
    assert page.locator("h1").inner_text() == "Hello, Lê Thị Mai"
    page.get_by_role("button", name="Tiếng Việt").click()
    assert page.locator("h1").inner_text() == "Xin chào, Lê Thị Mai"
