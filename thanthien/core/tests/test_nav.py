"""Navigation registry: a link shows only when its page exists."""

import pytest

from thanthien.core import nav


@pytest.fixture
def links():
    added = []

    def add(area, key, *args, **kwargs):
        added.append((area, key))
        nav.register_nav_link(area, key, *args, **kwargs)

    yield add
    for area, key in added:
        nav.unregister_nav_link(area, key)


def test_a_link_to_a_missing_page_is_hidden(links):
    links("public", "test-missing", "Không có", "/khong-co-trang-nay/")
    links("public", "test-present", "Có", "/xa/")
    keys = [link["key"] for link in nav.nav_links("public")]
    assert "test-present" in keys
    assert "test-missing" not in keys


def test_current_link_is_marked(links):
    found = {link["key"]: link for link in nav.nav_links("public", current_path="/xa/dinh-hoa/")}
    assert found["communes"]["current"] is True


def test_home_link_is_current_only_on_the_exact_path():
    found = {link["key"]: link for link in nav.nav_links("staff", current_path="/staff/units/")}
    assert found["home"]["current"] is False
    found = {link["key"]: link for link in nav.nav_links("staff", current_path="/staff/")}
    assert found["home"]["current"] is True


def test_role_limited_links_need_the_role(links):
    links("staff", "test-leaders", "Lãnh đạo", "/staff/", roles=["chairman"])
    assert "test-leaders" not in [link["key"] for link in nav.nav_links("staff", role_codes={"one_stop_officer"})]
    assert "test-leaders" in [link["key"] for link in nav.nav_links("staff", role_codes={"chairman"})]


def test_commune_links_may_depend_on_the_unit(links):
    class Unit:
        slug = "dinh-hoa"

    links("commune", "test-unit", "Trang xã", lambda unit: f"/xa/{unit.slug}/")
    urls = [link["url"] for link in nav.nav_links("commune", obj=Unit())]
    assert "/xa/dinh-hoa/" in urls


def test_unknown_area_is_refused():
    with pytest.raises(ValueError, match="Unknown navigation area"):
        nav.register_nav_link("sidebar", "x", "X", "/")
