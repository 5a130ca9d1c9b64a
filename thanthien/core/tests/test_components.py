"""UI components (template tags in core/templatetags/ui.py)."""

import datetime as dt

import pytest
from django import forms
from django.core.paginator import Paginator
from django.template import Context, RequestContext, Template
from django.test import RequestFactory
from django.utils.translation import override

from thanthien.core.templatetags.ui import deadline_state


def render(source: str, context: dict | None = None, request=None) -> str:
    template = Template("{% load ui %}" + source)
    if request is not None:
        return template.render(RequestContext(request, context or {}))
    return template.render(Context(context or {}))


@pytest.mark.parametrize(
    ("days_left", "kwargs", "tone", "text"),
    [
        (2, {}, "warn", "còn 2 ngày làm việc"),
        (5, {}, "ok", "còn 5 ngày làm việc"),
        (1, {}, "warn", "còn 1 ngày làm việc"),
        (0, {}, "warn", "hạn hôm nay"),
        (0, {"overdue": True}, "danger", "quá hạn"),
        (-1, {}, "danger", "quá hạn 1 ngày"),
        (-3, {}, "danger", "quá hạn 3 ngày"),
        (10, {"calendar_days": True}, "ok", "còn 10 ngày"),
        (3, {"paused": True}, "neutral", "tạm dừng"),
        (None, {}, "neutral", "không có thời hạn"),
    ],
)
def test_deadline_state_in_vietnamese(days_left, kwargs, tone, text):
    with override("vi"):
        assert deadline_state(days_left, **kwargs) == (tone, text)


def test_deadline_state_in_english():
    with override("en"):
        assert deadline_state(2) == ("warn", "2 working days left")
        assert deadline_state(-1) == ("danger", "1 day overdue")


def test_deadline_chip_shows_text_and_machine_readable_date():
    with override("vi"):
        html = render("{% deadline_chip days due %}", {"days": -1, "due": dt.date(2025, 7, 11)})
    assert 'class="chip chip--danger"' in html
    assert '<time datetime="2025-07-11">quá hạn 1 ngày</time>' in html
    assert "hạn 11/7/2025" in html  # said to screen readers, not only in a tooltip


@pytest.mark.parametrize(
    ("status", "tone", "expected"),
    [
        ("overdue", None, "badge--danger"),
        ("done", None, "badge--ok"),
        ("whatever", None, "badge--neutral"),
        ("x", "info", "badge--info"),
    ],
)
def test_status_badge_tone(status, tone, expected):
    html = render("{% status_badge status 'Label' tone %}", {"status": status, "tone": tone})
    assert expected in html
    assert ">Label<" in html


def test_pagination_keeps_the_other_query_parameters():
    request = RequestFactory().get("/xa/", {"q": "dinh hoa", "page": "2"})
    page = Paginator(list(range(100)), 10).get_page(2)
    with override("vi"):
        html = render("{% pagination page_obj %}", {"page_obj": page}, request=request)
    assert "Trang 2 / 10" in html
    assert 'href="?q=dinh+hoa&amp;page=3" rel="next"' in html
    assert 'href="?q=dinh+hoa&amp;page=1" rel="prev"' in html
    assert 'aria-current="page">2<' in html
    assert "…" in html  # long ranges are elided


def test_pagination_renders_nothing_for_one_page():
    request = RequestFactory().get("/")
    page = Paginator([1, 2], 10).get_page(1)
    assert render("{% pagination page_obj %}", {"page_obj": page}, request=request).strip() == ""


def test_breadcrumb_marks_the_current_page():
    with override("vi"):
        html = render('{% breadcrumb "/" "Trang chủ" "/xa/" "Xã, phường" "" "Xã Định Hóa" %}')
    assert '<a href="/xa/">Xã, phường</a>' in html
    assert '<span aria-current="page">Xã Định Hóa</span>' in html
    assert 'aria-label="Đường dẫn"' in html


def test_empty_state_with_action():
    html = render('{% empty_state "Không có gì" "Chưa có hồ sơ." "/new/" "Tạo mới" %}')
    assert "Không có gì" in html
    assert '<a class="btn btn--secondary" href="/new/">Tạo mới</a>' in html


def test_data_table_has_scoped_headers_numeric_cells_and_links():
    html = render(
        "{% data_table columns rows caption %}",
        {
            "columns": ["Xã", ("Hồ sơ", "num")],
            "rows": [[{"text": "Định Hóa", "url": "/xa/dinh-hoa/"}, 12]],
            "caption": "Hồ sơ theo xã",
        },
    )
    assert "<caption>Hồ sơ theo xã</caption>" in html
    assert '<th scope="col" class="num">Hồ sơ</th>' in html
    assert '<th scope="row"><a href="/xa/dinh-hoa/">Định Hóa</a></th>' in html
    assert '<td class="num">12</td>' in html
    assert 'role="region" tabindex="0" aria-label="Hồ sơ theo xã"' in html


def test_data_table_without_rows_shows_the_empty_state():
    with override("vi"):
        html = render("{% data_table columns rows %}", {"columns": ["A"], "rows": []})
    assert "empty-state" in html
    assert "Không có dữ liệu." in html


class PhoneForm(forms.Form):
    phone = forms.CharField(label="Số điện thoại", help_text="Ví dụ: 0912345678")


def test_form_field_ties_errors_and_hint_to_the_input():
    form = PhoneForm(data={"phone": ""})
    form.is_valid()
    with override("vi"):
        html = render("{% form_field form.phone %}", {"form": form})
    assert 'class="field field--error"' in html
    assert '<div class="field__hint" id="id_phone_helptext">' in html
    assert '<ul class="field__errors" id="id_phone_error">' in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_phone_helptext id_phone_error"' in html
    assert '<label for="id_phone">Số điện thoại:</label>' in html


def test_form_errors_summary_links_to_each_field():
    form = PhoneForm(data={"phone": ""})
    form.is_valid()
    html = Template('{% include "components/form_errors.html" %}').render(Context({"form": form}))
    assert 'role="alert"' in html
    assert 'href="#id_phone"' in html
