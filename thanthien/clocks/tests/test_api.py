"""Calendar API: the issue's examples, every official span, and the JSON error shape."""

import datetime as dt

import pytest

from .test_domain_calendar import OFFICIAL_SPANS

pytestmark = pytest.mark.django_db

URL = "/api/v1/calendar/"


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        ("2024-04-26", 1, "2024-05-02"),
        ("2024-05-03", 1, "2024-05-04"),
        ("2025-04-25", 1, "2025-04-26"),
        ("2025-04-29", 1, "2025-05-05"),
        ("2026-08-21", 1, "2026-08-22"),
        ("2026-08-28", 1, "2026-09-03"),
        ("2025-01-24", 1, "2025-02-03"),
        ("2026-02-13", 1, "2026-02-23"),
        ("2024-06-01", 0, "2024-06-03"),
        ("2024-01-02", 3650, None),
    ],
)
def test_add_working_days(client, start, days, expected):
    response = client.get(URL + "add-working-days", {"start": start, "days": days})
    assert response.status_code == 200, response.content
    body = response.json()
    assert set(body) == {"date"}
    if expected:
        assert body["date"] == expected


@pytest.mark.parametrize(("label", "first", "last"), OFFICIAL_SPANS, ids=[s[0] for s in OFFICIAL_SPANS])
def test_every_official_span_through_the_api(client, label, first, last):
    def working(day):
        response = client.get(URL + "is-working-day", {"date": day.isoformat()})
        assert response.status_code == 200
        return response.json()["is_working_day"]

    day = first
    while day <= last:
        assert working(day) is False, f"{label}: {day}"
        day += dt.timedelta(days=1)
    assert working(first - dt.timedelta(days=1)) is True
    assert working(last + dt.timedelta(days=1)) is True


def test_span_edges_through_add_working_days(client):
    # From the working day before each span, one working day lands on the day after it.
    for label, first, last in OFFICIAL_SPANS:
        response = client.get(
            URL + "add-working-days", {"start": (first - dt.timedelta(days=1)).isoformat(), "days": 1}
        )
        assert response.json()["date"] == (last + dt.timedelta(days=1)).isoformat(), label


def test_is_working_day_explains_why(client):
    body = client.get(URL + "is-working-day", {"date": "2024-05-04"}).json()
    assert body["is_working_day"] is True and body["reason"] == "working_day"
    assert "29/4/2024" in body["name"] and body["legal_basis"]
    body = client.get(URL + "is-working-day", {"date": "2024-09-02"}).json()
    assert body == {
        "date": "2024-09-02",
        "is_working_day": False,
        "reason": "holiday",
        "name": "Quốc khánh",
        "legal_basis": "Bộ luật Lao động 2019, Điều 111 khoản 3 và Điều 112",
    }


def test_holidays_of_a_year_with_names_and_kinds(client):
    response = client.get(URL + "holidays", {"year": 2026})
    assert response.status_code == 200
    items = {item["date"]: item for item in response.json()}
    assert items["2026-08-22"]["kind"] == "working_day" and items["2026-08-22"]["is_working_day"]
    assert items["2026-08-31"]["kind"] == "day_off"
    assert items["2026-02-17"] == {
        "date": "2026-02-17",
        "name": "Tết Nguyên Đán",
        "kind": "holiday",
        "is_working_day": False,
        "legal_basis": "Bộ luật Lao động 2019, Điều 111 khoản 3 và Điều 112",
    }
    assert all(date.startswith("2026-") for date in items)


@pytest.mark.parametrize(
    ("endpoint", "params", "field"),
    [
        ("add-working-days", {"start": "2024-13-01", "days": 1}, "start"),
        ("add-working-days", {"start": "hôm nay", "days": 1}, "start"),
        ("add-working-days", {"start": "2024-04-26", "days": -1}, "days"),
        ("add-working-days", {"start": "2024-04-26", "days": 3651}, "days"),
        ("add-working-days", {"start": "2024-04-26", "days": "một"}, "days"),
        ("add-working-days", {"days": 1}, "start"),
        ("is-working-day", {"date": "2024-02-30"}, "date"),
        ("holidays", {"year": 1800}, "year"),
        ("holidays", {}, "year"),
    ],
)
def test_bad_input_gets_the_json_error_shape(client, endpoint, params, field):
    response = client.get(URL + endpoint, params)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert error["message"]
    assert field in error["fields"]


@pytest.mark.parametrize(
    ("endpoint", "params", "field"),
    [
        ("add-working-days", {"start": "1999-12-31", "days": 1}, "start"),
        ("is-working-day", {"date": "2101-01-01"}, "date"),
    ],
)
def test_dates_outside_the_supported_years_get_a_vietnamese_message(client, endpoint, params, field):
    response = client.get(URL + endpoint, params, HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert error["message"] == "Hãy chọn một ngày trong khoảng từ 2000 đến 2100."
    assert error["fields"] == {field: ["Hãy chọn một ngày trong khoảng từ 2000 đến 2100."]}


def test_calendar_endpoints_are_in_the_openapi_schema(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for name in ("add-working-days", "is-working-day", "holidays"):
        assert f"{URL}{name}" in paths
