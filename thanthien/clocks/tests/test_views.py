"""Pages: the public calendar (no login) and the calendar administration (administrators only)."""

import datetime as dt

import pytest
from django.urls import reverse

from thanthien.clocks.models import CalendarOverride

pytestmark = pytest.mark.django_db


def test_public_calendar_lists_holidays_and_make_up_days_without_login(client):
    response = client.get(reverse("clocks:calendar"), {"year": 2024, "month": 5})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Làm việc bù cho ngày nghỉ 29/4/2024" in html
    assert "Quốc khánh" in html
    assert 'datetime="2024-05-04"' in html
    assert "cal-makeup" in html  # the make-up Saturday is marked in the month grid
    assert 'name="viewport"' in html and "<script" not in html  # phone-friendly, no JavaScript


def test_public_calendar_adds_working_days_server_side(client):
    response = client.get(reverse("clocks:calendar"), {"start": "2024-04-26", "days": "1", "year": 2024, "month": 4})
    assert response.status_code == 200
    answer = response.context["answer"]
    assert answer["date"] == dt.date(2024, 5, 2)
    assert "02/05/2024" in response.content.decode()


def test_public_calendar_shows_form_errors(client):
    response = client.get(reverse("clocks:calendar"), {"start": "2024-04-26", "days": "-3"})
    assert response.status_code == 200
    assert response.context["answer"] is None
    assert response.context["add_form"].errors["days"]


def test_public_calendar_ignores_a_bad_month(client):
    response = client.get(reverse("clocks:calendar"), {"year": "abc", "month": "13"})
    assert response.status_code == 200


def test_manage_page_needs_login(client):
    response = client.get(reverse("clocks:manage"))
    assert response.status_code == 302


def test_officer_gets_403_on_the_override_admin(client, officer_a):
    client.force_login(officer_a)
    assert client.get(reverse("clocks:manage")).status_code == 403
    row = CalendarOverride.objects.first()
    response = client.post(reverse("clocks:override_delete", args=[row.pk]))
    assert response.status_code == 403
    assert CalendarOverride.objects.filter(pk=row.pk).exists()


def test_administrator_lists_and_adds_an_override(client, administrator):
    client.force_login(administrator)
    response = client.get(reverse("clocks:manage"))
    assert response.status_code == 200
    assert "Làm việc bù cho ngày nghỉ 31/8/2026" in response.content.decode()
    response = client.post(
        reverse("clocks:manage"),
        {"date": "2027-01-02", "kind": "day_off", "name": "Nghỉ hoán đổi", "legal_basis": "Thông báo của Bộ Nội vụ"},
    )
    assert response.status_code == 302
    assert CalendarOverride.objects.get(date=dt.date(2027, 1, 2)).name == "Nghỉ hoán đổi"


def test_administrator_gets_errors_for_a_duplicate_date(client, administrator):
    client.force_login(administrator)
    response = client.post(
        reverse("clocks:manage"), {"date": "2024-05-04", "kind": "day_off", "name": "Trùng", "legal_basis": "x"}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["date"]


def test_superuser_edits_and_deletes_an_override(client, superuser):
    client.force_login(superuser)
    row = CalendarOverride.objects.get(date=dt.date(2026, 8, 22))
    url = reverse("clocks:override_edit", args=[row.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"date": "2026-08-22", "kind": "working_day", "name": "Làm bù", "legal_basis": row.legal_basis}
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.name == "Làm bù"
    response = client.post(reverse("clocks:override_delete", args=[row.pk]))
    assert response.status_code == 302
    assert not CalendarOverride.objects.filter(pk=row.pk).exists()


def test_administrator_adds_a_working_time_rule(client, administrator):
    client.force_login(administrator)
    assert client.get(reverse("clocks:rule_new")).status_code == 200
    response = client.post(
        reverse("clocks:rule_new"),
        {
            "effective_from": "2027-01-01",
            "morning_start": "07:00",
            "morning_end": "11:00",
            "afternoon_start": "13:00",
            "afternoon_end": "17:00",
            "hours_per_day": "8",
            "receipt_cutoff": "15:00",
            "legal_basis": "Quyết định của UBND tỉnh về giờ làm việc",
        },
    )
    assert response.status_code == 302
