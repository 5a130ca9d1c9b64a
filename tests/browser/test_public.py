"""A citizen finds a commune on a 360-px phone, without JavaScript."""

import datetime as dt
import re

import pytest

from thanthien.units.models import AdminUnit, UnitSuccession
from thanthien.units.tests.factories import CommuneFactory

from .conftest import PHONE


@pytest.fixture
def communes(commune_a, commune_b):
    commune_b.address = "Tổ dân phố Trung Kiên, xã Định Hóa"
    commune_b.phone = "0208 3878 123"
    commune_b.save(update_fields=["address", "phone"])
    old = AdminUnit.objects.filter(slug="trung-vuong").first() or CommuneFactory(
        name="Trưng Vương",
        slug="trung-vuong",
        unit_type=AdminUnit.Type.WARD,
        valid_from=None,
        valid_to=dt.date(2025, 6, 30),
    )
    UnitSuccession.objects.get_or_create(
        predecessor=old, successor=commune_a, defaults={"effective_date": dt.date(2025, 7, 1)}
    )
    return commune_a, commune_b, old


def test_citizen_searches_without_accents_and_opens_the_commune(new_page, communes, screenshot):
    page = new_page(viewport=PHONE, javascript=False)
    page.goto("/xa/")
    assert page.locator("h1").inner_text().startswith("Xã, phường")
    screenshot(page, "public-communes-360")

    page.get_by_label("Tìm xã, phường của bạn").fill("dinh hoa")
    page.get_by_role("button", name="Tìm kiếm", exact=True).click()  # a plain form submission
    page.wait_for_url(re.compile(r"/xa/\?q=dinh\+hoa"))
    assert "khớp với “dinh hoa”" in page.locator(".result-count").inner_text()
    screenshot(page, "public-search-360")

    page.get_by_role("link", name=re.compile("^Xã Định Hóa")).click()
    page.wait_for_url("**/xa/dinh-hoa/")
    assert page.locator("h1").inner_text() == "Xã Định Hóa"
    assert "Tổ dân phố Trung Kiên" in page.locator("main").inner_text()
    assert page.locator(".site-header__commune").inner_text() == "Xã Định Hóa"
    assert page.external_requests == []
    screenshot(page, "public-commune-360")


def test_old_unit_address_leads_to_its_successor(new_page, communes, screenshot):
    page = new_page(viewport=PHONE, javascript=False)
    response = page.goto("/xa/trung-vuong/")
    assert response.status == 200
    notice = page.locator(".notice__big").inner_text()
    assert notice == "Phường Trưng Vương (trước 1/7/2025) nay thuộc Phường Phan Đình Phùng."
    screenshot(page, "public-former-360")
    page.locator(".notice__big a").click()
    page.wait_for_url("**/xa/phan-dinh-phung/")
    assert page.locator("h1").inner_text() == "Phường Phan Đình Phùng"


PUBLIC_PATHS = ["/", "/xa/", "/xa/?q=dinh", "/xa/dinh-hoa/", "/xa/trung-vuong/", "/khong-co/"]


def test_public_pages_fit_a_360_px_phone_and_are_labelled(new_page, communes):
    page = new_page(viewport=PHONE)  # JavaScript on only to measure the layout
    for path in PUBLIC_PATHS:
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], f"{path}: horizontal scrolling"
        assert page.locator("html").get_attribute("lang") == "vi"
        assert page.locator("h1").count() == 1, path
        unlabelled = page.evaluate(
            """() => [...document.querySelectorAll('a, button, input:not([type=hidden]), select, textarea')]
                .filter(el => !(el.getAttribute('aria-label') || el.labels?.length || el.textContent.trim()))
                .map(el => el.outerHTML)"""
        )
        assert unlabelled == [], path
        small = page.evaluate(
            """() => [...document.querySelectorAll('main a, main button, main input, header a, header button')]
                .filter(el => el.offsetParent && !el.closest('p, dd, .plain-list, .breadcrumb'))
                .filter(el => el.getBoundingClientRect().height < 44)
                .map(el => el.outerHTML.slice(0, 80))"""
        )
        assert small == [], f"{path}: touch targets under 44 px"
    assert page.external_requests == []


def test_skip_link_is_the_first_tab_stop(new_page, communes):
    page = new_page(viewport=PHONE)
    page.goto("/xa/dinh-hoa/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert page.locator(".skip-link").is_visible()
