"""The staff home page and its panel registry (core/home.py, core/home_panels.py)."""

import datetime as dt
import logging
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from thanthien.core import home
from thanthien.units.models import StaffRole
from thanthien.units.tests.factories import HamletFactory, ProvinceFactory, UserFactory, make_staff

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")
# Monday 14/7/2025, 09:00 in Hà Nội time: a working day.
MONDAY = dt.datetime(2025, 7, 14, 9, 0, tzinfo=VN)


def text_of(response) -> str:
    html = response.content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture
def extra_panel():
    """Register a test panel; remove it afterwards."""
    keys = []

    def add(roles, func, **kwargs):
        key = kwargs.pop("key", f"test.{len(keys)}")
        keys.append(key)
        home.register_home_panel(roles, func, key=key, **kwargs)
        return key

    yield add
    for key in keys:
        home.unregister_home_panel(key)


# ---- the page --------------------------------------------------------------------------------


def test_staff_home_requires_login(client):
    response = client.get(reverse("core:staff_home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_staff_home_greets_the_user_and_names_their_unit(officer_a, client):
    client.force_login(officer_a)
    response = client.get("/staff/")
    assert response.status_code == 200
    text = text_of(response)
    assert "Xin chào, Lê Thị Mai" in text
    assert "Phường Phan Đình Phùng" in text
    assert 'href="/xa/phan-dinh-phung/"' in response.content.decode()


def test_staff_pages_have_the_navigation_language_switch_and_sign_out(officer_a, client):
    client.force_login(officer_a)
    html = client.get("/staff/").content.decode()
    assert '<a href="/staff/" aria-current="page">Trang chủ</a>' in html
    assert 'action="/i18n/setlang/"' in html
    assert 'lang="en">English</button>' in html
    assert f'action="{reverse("accounts:logout")}"' in html
    assert "htmx" in html  # staff pages may use htmx
    assert 'name="robots" content="noindex, nofollow"' in html


def test_staff_home_in_english(officer_a, client):
    client.force_login(officer_a)
    client.cookies["django_language"] = "en"
    text = text_of(client.get("/staff/"))
    assert "Hello, Lê Thị Mai" in text
    assert "My units" in text


def test_user_without_roles_is_told_what_to_do(client):
    user = UserFactory(full_name="Người Mới")
    client.force_login(user)
    text = text_of(client.get("/staff/"))
    assert "chưa có vai trò" in text


@time_machine.travel(MONDAY, tick=False)
def test_today_panel_says_whether_today_is_a_working_day(officer_a, client):
    client.force_login(officer_a)
    text = text_of(client.get("/staff/"))
    assert "14/7/2025" in text
    assert "Ngày làm việc" in text


@time_machine.travel(dt.datetime(2025, 9, 2, 9, 0, tzinfo=VN), tick=False)
def test_today_panel_names_a_holiday_and_the_next_working_day(officer_a, client):
    client.force_login(officer_a)
    text = text_of(client.get("/staff/"))
    assert "Ngày nghỉ" in text
    assert "Ngày làm việc tiếp theo" in text


def test_district_or_province_viewer_sees_how_many_communes_they_cover(commune_a, client):
    province = ProvinceFactory()
    viewer = make_staff(StaffRole.Role.PROVINCE_VIEWER, province, full_name="Sở Nội vụ")
    client.force_login(viewer)
    text = text_of(client.get("/staff/"))
    assert "Tỉnh Thái Nguyên" in text
    assert re.search(r"\d+ xã, phường hiện nay", text)
    assert "Hạn xử lý" not in text  # viewers have no deadlines panel


def test_hamlet_head_sees_their_hamlet(commune_a, client):
    hamlet = HamletFactory(unit=commune_a, name="Xóm Mới")
    user = make_staff(StaffRole.Role.HAMLET_HEAD, commune_a, full_name="Trưởng xóm")
    StaffRole.objects.filter(user=user).update(hamlet=hamlet)
    client.force_login(user)
    text = text_of(client.get("/staff/"))
    assert "Xóm Mới" in text
    assert "Hạn xử lý" not in text


# ---- deadlines from legal clocks ---------------------------------------------------------------


def _start_clock(actor, unit, label, started_at, days, measure="working_days"):
    from thanthien.clocks.services import clock_start

    return clock_start(
        actor=actor,
        unit=unit,
        kind="test.case",
        started_at=started_at,
        amount=days,
        measure=measure,
        subject_label=label,
    )


@time_machine.travel(MONDAY, tick=False)
def test_deadlines_panel_lists_overdue_and_due_soon_clocks_of_my_units(
    chairman_a, officer_b, commune_a, commune_b, client
):
    # Started Thursday 10/7, one working day: last day Friday 11/7, overdue by Monday.
    _start_clock(chairman_a, commune_a, "Hồ sơ quá hạn", dt.datetime(2025, 7, 10, 9, 0, tzinfo=VN), 1)
    # Started today, two working days: last day Wednesday 16/7.
    _start_clock(chairman_a, commune_a, "Hồ sơ sắp đến hạn", MONDAY, 2)
    _start_clock(chairman_a, commune_a, "Hồ sơ còn lâu", MONDAY, 15)
    _start_clock(officer_b, commune_b, "Hồ sơ xã khác", dt.datetime(2025, 7, 10, 9, 0, tzinfo=VN), 1)

    client.force_login(chairman_a)
    text = text_of(client.get("/staff/"))
    assert "Hạn xử lý" in text
    assert "1 quá hạn" in text
    assert "Hồ sơ quá hạn quá hạn 1 ngày" in text
    assert "Hồ sơ sắp đến hạn còn 2 ngày làm việc" in text
    assert "Hồ sơ còn lâu" not in text
    assert "Hồ sơ xã khác" not in text  # another commune's clock


@time_machine.travel(MONDAY, tick=False)
def test_deadlines_panel_says_so_when_nothing_is_due(officer_a, client):
    client.force_login(officer_a)
    text = text_of(client.get("/staff/"))
    assert "Không có việc quá hạn hay sắp đến hạn" in text


def test_staff_home_stays_within_a_query_budget(chairman_a, client, django_assert_max_num_queries):
    client.force_login(chairman_a)
    client.get("/staff/")  # warm the working-day calendar cache
    with django_assert_max_num_queries(16):
        assert client.get("/staff/").status_code == 200


# ---- the registry -----------------------------------------------------------------------------


def test_a_registered_panel_shows_only_for_its_roles(officer_a, chairman_a, client, extra_panel):
    seen = []

    def panel(request, roles):
        seen.append([r.role for r in roles])
        return {"title": "Bảng thử", "items": [{"text": "Việc cần làm", "url": "/x/"}], "count": 1}

    extra_panel([StaffRole.Role.CHAIRMAN], panel)
    client.force_login(officer_a)
    assert "Bảng thử" not in client.get("/staff/").content.decode()
    client.force_login(chairman_a)
    html = client.get("/staff/").content.decode()
    assert "Bảng thử" in html
    assert '<a href="/x/">Việc cần làm</a>' in html
    assert seen == [["chairman"]]  # the panel receives the roles that qualified it


def test_a_panel_returning_none_is_hidden(officer_a, rf, extra_panel):
    from thanthien.units.selectors import active_roles

    key = extra_panel(None, lambda request, roles: None)
    request = rf.get("/staff/")
    request.user = officer_a
    keys = [panel.key for panel in home.panels_for(request, list(active_roles(officer_a)))]
    assert key not in keys
    assert "core.my_units" in keys


def test_panels_are_ordered_and_replaced_by_key(officer_a, client, extra_panel):
    extra_panel(None, lambda r, roles: {"title": "Thứ hai"}, order=2, key="test.second")
    extra_panel(None, lambda r, roles: {"title": "Thứ nhất"}, order=1, key="test.first")
    extra_panel(None, lambda r, roles: {"title": "Thứ hai (mới)"}, order=2, key="test.second")
    client.force_login(officer_a)
    html = client.get("/staff/").content.decode()
    assert "Thứ hai (mới)" in html
    assert ">Thứ hai<" not in html
    assert html.index("Thứ nhất") < html.index("Thứ hai (mới)")


def test_register_home_panel_works_as_a_decorator(extra_panel):
    @home.register_home_panel(None, key="test.decorated", order=3)
    def decorated(request, roles):
        return {"title": "x"}

    try:
        assert any(p.key == "test.decorated" and p.func is decorated for p in home.registered_panels())
    finally:
        home.unregister_home_panel("test.decorated")


def test_a_failing_panel_does_not_break_the_home_page(officer_a, client, extra_panel, caplog):
    def broken(request, roles):
        raise RuntimeError("boom")

    extra_panel(None, broken, key="test.broken")
    client.force_login(officer_a)
    with caplog.at_level(logging.ERROR, logger="thanthien.core.home"):
        response = client.get("/staff/")
    assert response.status_code == 200
    text = text_of(response)
    assert "Không tải được phần này" in text
    assert "Phường Phan Đình Phùng" in text  # the other panels still render
    assert any("test.broken" in record.getMessage() for record in caplog.records)


def test_each_panel_can_be_refreshed_alone_for_htmx(officer_a, client):
    client.force_login(officer_a)
    html = client.get("/staff/").content.decode()
    assert 'hx-get="/staff/panels/core.my_units/"' in html
    response = client.get("/staff/panels/core.my_units/", headers={"HX-Request": "true"})
    assert response.status_code == 200
    fragment = response.content.decode()
    assert "Phường Phan Đình Phùng" in fragment
    assert "<html" not in fragment


def test_refreshing_a_panel_of_another_role_returns_nothing(officer_a, client):
    client.force_login(officer_a)
    assert client.get("/staff/panels/core.admin/").content == b""
    assert client.get("/staff/panels/no.such.panel/").content == b""


def test_panel_refresh_requires_login(client):
    assert client.get("/staff/panels/core.my_units/").status_code == 302
