"""The working-day engine, table-driven and without a database (legal-rules §2.4, §2.10, §4)."""

import datetime as dt
import random

import pytest

from thanthien.clocks.domain.calendar import (
    VIETNAM_TZ,
    CalendarRangeError,
    DayReason,
    Due,
    Measure,
    OfficeHours,
    Override,
    OverrideKind,
    Timeliness,
    WorkingCalendar,
    classify_completion,
)
from thanthien.clocks.domain.sources import ANNOUNCED_SWAPS, statutory_holidays

D = dt.date


def at(y, m, d, hh=0, mm=0, ss=0):
    return dt.datetime(y, m, d, hh, mm, ss, tzinfo=VIETNAM_TZ)


@pytest.fixture(scope="module")
def cal():
    return WorkingCalendar(
        first_year=2023, last_year=2027, holidays=statutory_holidays(2023, 2027), overrides=ANNOUNCED_SWAPS
    )


# ---- the examples and the official spans ------------------------------------------------


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (D(2024, 4, 26), 1, D(2024, 5, 2)),  # the issue: over the 27/4–1/5/2024 break
        (D(2024, 5, 3), 1, D(2024, 5, 4)),  # the issue: a make-up Saturday
        (D(2024, 5, 3), 2, D(2024, 5, 6)),
        (D(2025, 4, 25), 1, D(2025, 4, 26)),  # make-up Saturday 2025
        (D(2025, 4, 29), 1, D(2025, 5, 5)),
        (D(2026, 8, 21), 1, D(2026, 8, 22)),  # make-up Saturday 2026
        (D(2026, 8, 21), 2, D(2026, 8, 24)),
        (D(2026, 8, 28), 1, D(2026, 9, 3)),  # over Quốc khánh 2026 (31/8 swapped)
        (D(2025, 1, 24), 1, D(2025, 2, 3)),  # over Tết Ất Tỵ
        (D(2026, 2, 13), 1, D(2026, 2, 23)),  # over Tết Bính Ngọ
        (D(2024, 2, 7), 1, D(2024, 2, 15)),  # over Tết Giáp Thìn
        (D(2024, 6, 3), 5, D(2024, 6, 10)),  # an ordinary week
        (D(2024, 6, 1), 1, D(2024, 6, 3)),  # start on a Saturday: Monday is day 1
        (D(2024, 6, 3), 0, D(2024, 6, 3)),  # zero days on a working day: the day itself
        (D(2024, 6, 1), 0, D(2024, 6, 3)),  # zero days on a day off: the next working day
        (D(2024, 6, 3), 20, D(2024, 7, 1)),
    ],
)
def test_add_working_days_excludes_the_first_day_and_skips_days_off(cal, start, days, expected):
    assert cal.add_working_days(start, days) == expected


# (first day off, last day off) of every official 2024–2026 span (legal-rules §4.3 and the
# announced swaps); the day before and the day after each span are working days.
OFFICIAL_SPANS = [
    ("Tết Dương lịch 2024", D(2023, 12, 30), D(2024, 1, 1)),
    ("Tết Giáp Thìn 2024", D(2024, 2, 8), D(2024, 2, 14)),
    ("Giỗ Tổ 2024", D(2024, 4, 18), D(2024, 4, 18)),
    ("30/4–1/5/2024", D(2024, 4, 27), D(2024, 5, 1)),
    ("Quốc khánh 2024", D(2024, 8, 31), D(2024, 9, 3)),
    ("Tết Dương lịch 2025", D(2025, 1, 1), D(2025, 1, 1)),
    ("Tết Ất Tỵ 2025", D(2025, 1, 25), D(2025, 2, 2)),
    ("Giỗ Tổ 2025", D(2025, 4, 5), D(2025, 4, 7)),
    ("30/4–1/5/2025", D(2025, 4, 30), D(2025, 5, 4)),
    ("Quốc khánh 2025", D(2025, 8, 30), D(2025, 9, 2)),
    ("Tết Dương lịch 2026", D(2026, 1, 1), D(2026, 1, 1)),
    ("Tết Bính Ngọ 2026", D(2026, 2, 14), D(2026, 2, 22)),
    ("Giỗ Tổ 2026", D(2026, 4, 25), D(2026, 4, 27)),
    ("30/4–1/5/2026", D(2026, 4, 30), D(2026, 5, 3)),
    ("Quốc khánh 2026", D(2026, 8, 29), D(2026, 9, 2)),
]


@pytest.mark.parametrize(("label", "first", "last"), OFFICIAL_SPANS, ids=[s[0] for s in OFFICIAL_SPANS])
def test_official_holiday_spans_are_days_off_between_working_days(cal, label, first, last):
    day = first
    while day <= last:
        assert not cal.is_working_day(day), f"{label}: {day} should be a day off"
        day += dt.timedelta(days=1)
    assert cal.is_working_day(first - dt.timedelta(days=1)), f"{label}: the day before is a working day"
    assert cal.is_working_day(last + dt.timedelta(days=1)), f"{label}: the day after is a working day"


@pytest.mark.parametrize(
    ("day", "reason"),
    [
        (D(2024, 5, 4), DayReason.OVERRIDE_WORKING_DAY),
        (D(2025, 4, 26), DayReason.OVERRIDE_WORKING_DAY),
        (D(2026, 8, 22), DayReason.OVERRIDE_WORKING_DAY),
    ],
)
def test_make_up_saturdays_are_working_days(cal, day, reason):
    assert day.weekday() == 5
    assert cal.is_working_day(day)
    assert cal.day_info(day).reason == reason
    assert not cal.is_working_day(day + dt.timedelta(days=1))  # the Sunday stays off


@pytest.mark.parametrize("day", [D(2024, 4, 29), D(2025, 5, 2), D(2026, 8, 31)])
def test_swapped_weekdays_are_days_off_with_their_legal_basis(cal, day):
    info = cal.day_info(day)
    assert not info.is_working
    assert info.reason == DayReason.OVERRIDE_DAY_OFF
    assert "Thông báo" in info.legal_basis


def test_without_the_overrides_a_make_up_saturday_would_be_a_day_off():
    bare = WorkingCalendar(first_year=2024, last_year=2024, holidays=statutory_holidays(2024, 2024))
    assert not bare.is_working_day(D(2024, 5, 4))
    assert bare.add_working_days(D(2024, 5, 3), 1) == D(2024, 5, 6)


def test_culture_day_24_11_is_kept_as_listed_and_an_override_can_cancel_it():
    day = D(2026, 11, 24)
    listed = WorkingCalendar(first_year=2026, last_year=2026, holidays=statutory_holidays(2026, 2026))
    assert not listed.is_working_day(day)
    assert "Văn hóa" in listed.day_info(day).name
    cancelled = WorkingCalendar(
        first_year=2026,
        last_year=2026,
        holidays=statutory_holidays(2026, 2026),
        overrides=[Override(day, OverrideKind.WORKING_DAY, "Làm việc", "Quyết định giả định")],
    )
    assert cancelled.is_working_day(day)


def test_year_listing_names_holidays_swaps_and_make_up_days(cal):
    entries = {e.day: e for e in cal.entries_for_year(2024)}
    assert entries[D(2024, 5, 4)].kind == "working_day" and entries[D(2024, 5, 4)].is_working
    assert entries[D(2024, 4, 29)].kind == "day_off"
    assert entries[D(2024, 9, 2)].kind == "holiday" and entries[D(2024, 9, 2)].name == "Quốc khánh"
    assert all(e.day.year == 2024 for e in entries.values())


def test_month_grid_has_monday_first_weeks(cal):
    weeks = cal.month_weeks(2024, 5)
    assert all(len(w) == 7 for w in weeks)
    assert weeks[0][:2] == [None, None]  # 1/5/2024 is a Wednesday
    assert weeks[0][2].day == D(2024, 5, 1) and not weeks[0][2].is_working
    assert weeks[0][5].day == D(2024, 5, 4) and weeks[0][5].is_working


# ---- Civil Code counting in calendar days ----------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (D(2024, 6, 3), 3, D(2024, 6, 6)),  # first day excluded: Mon + 3 = Thu
        (D(2024, 1, 4), 2, D(2024, 1, 8)),  # ends on Saturday → Monday (Điều 148 khoản 5)
        (D(2026, 2, 6), 10, D(2026, 2, 23)),  # ends on 16/2 in Tết → the next working day
        (D(2024, 8, 26), 5, D(2024, 9, 4)),  # ends Sat 31/8 → after Quốc khánh
        (D(2025, 4, 16), 10, D(2025, 4, 26)),  # ends on a make-up Saturday: a working day
        (D(2024, 6, 3), 30, D(2024, 7, 3)),
        (D(2024, 6, 1), 0, D(2024, 6, 3)),
    ],
)
def test_calendar_days_exclude_the_first_day_and_roll_forward_over_days_off(cal, start, days, expected):
    assert cal.add_calendar_days(start, days) == expected


def test_working_days_between_is_the_inverse_of_adding(cal):
    rng = random.Random(7)
    for _ in range(300):
        start = D(2024, 1, 1) + dt.timedelta(days=rng.randrange(0, 1000))
        n = rng.randint(1, 60)
        assert cal.working_days_between(start, cal.add_working_days(start, n)) == n


@pytest.mark.parametrize(
    ("end", "days", "expected"),
    [(D(2024, 5, 2), 1, D(2024, 4, 26)), (D(2024, 5, 6), 1, D(2024, 5, 4)), (D(2024, 6, 1), 0, D(2024, 5, 31))],
)
def test_subtract_working_days(cal, end, days, expected):
    assert cal.subtract_working_days(end, days) == expected


def test_next_and_previous_working_day(cal):
    assert cal.next_working_day(D(2024, 4, 26)) == D(2024, 5, 2)
    assert cal.previous_working_day(D(2024, 5, 2)) == D(2024, 4, 26)
    assert cal.previous_working_day(D(2024, 5, 6)) == D(2024, 5, 4)


# ---- working hours ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "hours", "expected"),
    [
        (at(2024, 6, 3, 10), 2, at(2024, 6, 3, 14)),  # across lunch 11:30–13:30
        (at(2024, 6, 3, 11), 0.5, at(2024, 6, 3, 11, 30)),  # ends exactly at the end of a session
        (at(2024, 6, 3, 14), 8, at(2024, 6, 4, 14)),  # one working day
        (at(2024, 6, 3, 7, 30), 8, at(2024, 6, 3, 17, 30)),  # a full day ends at 17:30, not next morning
        (at(2024, 6, 3, 17, 30), 8, at(2024, 6, 4, 17, 30)),
        (at(2024, 6, 3, 6), 1, at(2024, 6, 3, 8, 30)),  # before office hours
        (at(2024, 6, 3, 12), 1, at(2024, 6, 3, 14, 30)),  # during lunch
        (at(2024, 6, 2, 9), 1, at(2024, 6, 3, 8, 30)),  # on a Sunday
        (at(2024, 4, 26, 17), 1, at(2024, 5, 2, 8)),  # across the 27/4–1/5/2024 break
        (at(2024, 5, 4, 8), 4, at(2024, 5, 4, 14)),  # on a make-up Saturday
        (at(2024, 6, 3, 7, 30), 168, at(2024, 7, 1, 17, 30)),  # a 21-day procedure = 168 h
        (at(2024, 6, 3, 10), 0, at(2024, 6, 3, 10)),
    ],
)
def test_add_working_hours_counts_only_office_hours_of_working_days(cal, start, hours, expected):
    assert cal.add_working_hours(start, hours) == expected


def test_working_hours_accept_utc_and_return_local_time(cal):
    start_utc = dt.datetime(2024, 6, 3, 3, 0, tzinfo=dt.UTC)  # 10:00 in Hà Nội
    result = cal.add_working_hours(start_utc, 2)
    assert result == at(2024, 6, 3, 14) and result.tzinfo == VIETNAM_TZ


def test_naive_datetimes_are_refused(cal):
    with pytest.raises(ValueError, match="timezone-aware"):
        cal.add_working_hours(dt.datetime(2024, 6, 3, 10), 1)


@pytest.mark.parametrize(
    ("end", "hours", "expected"),
    [
        (at(2024, 6, 3, 14), 2, at(2024, 6, 3, 10)),
        (at(2024, 6, 4, 14), 8, at(2024, 6, 3, 14)),
        (at(2024, 5, 2, 8), 1, at(2024, 4, 26, 17)),
    ],
)
def test_subtract_working_hours_mirrors_adding(cal, end, hours, expected):
    assert cal.subtract_working_hours(end, hours) == expected


def test_working_seconds_between(cal):
    assert cal.working_seconds_between(at(2024, 6, 3, 14), at(2024, 6, 4, 14)) == 8 * 3600
    assert cal.working_seconds_between(at(2024, 6, 3, 10), at(2024, 6, 4, 14)) == 10 * 3600
    assert cal.working_seconds_between(at(2024, 4, 26, 17), at(2024, 5, 2, 8)) == 3600
    assert cal.working_seconds_between(at(2024, 6, 4), at(2024, 6, 3)) == 0


def test_office_hours_are_effective_dated():
    summer = OfficeHours(
        effective_from=D(2024, 7, 1),
        morning_start=dt.time(7),
        morning_end=dt.time(11),
        afternoon_start=dt.time(13),
        afternoon_end=dt.time(17),
        receipt_cutoff=dt.time(16),
    )
    c = WorkingCalendar(first_year=2024, last_year=2024, holidays={}, office_hours=[OfficeHours(), summer])
    assert c.add_working_hours(at(2024, 6, 28, 16, 30), 2) == at(2024, 7, 1, 8)  # 1 h Fri, 1 h from 07:00 Mon
    assert c.receipt_date(at(2024, 7, 1, 15, 30)) == D(2024, 7, 1)  # cut-off 16:00 from 1/7
    assert c.receipt_date(at(2024, 6, 28, 15, 30)) == D(2024, 7, 1)  # cut-off 15:00 before


def test_office_hours_must_be_ordered():
    with pytest.raises(ValueError):
        OfficeHours(morning_start=dt.time(12), morning_end=dt.time(11))


# ---- the 15:00 receipt rule (NĐ 61/2018 Điều 18) -------------------------------------------------


@pytest.mark.parametrize(
    ("received", "expected"),
    [
        (at(2024, 6, 3, 14, 59), D(2024, 6, 3)),
        (at(2024, 6, 3, 15, 0), D(2024, 6, 3)),  # at 15:00 sharp: not "after 15:00"
        (at(2024, 6, 3, 15, 0, 1), D(2024, 6, 4)),
        (at(2024, 6, 3, 16, 30), D(2024, 6, 4)),
        (at(2024, 6, 1, 9), D(2024, 6, 3)),  # Saturday
        (at(2024, 4, 26, 16), D(2024, 5, 2)),  # Friday after 15:00 before the break
        (at(2024, 5, 4, 10), D(2024, 5, 4)),  # make-up Saturday before the cut-off
        (at(2024, 5, 4, 16), D(2024, 5, 6)),
    ],
)
def test_receipt_after_cutoff_or_on_a_day_off_counts_from_the_next_working_day(cal, received, expected):
    assert cal.receipt_date(received) == expected


@pytest.mark.parametrize(
    ("received", "amount", "measure", "cutoff", "due_date", "due_at"),
    [
        (at(2024, 6, 3, 10), 3, Measure.WORKING_DAYS, True, D(2024, 6, 6), at(2024, 6, 7)),
        (at(2024, 6, 3, 16), 3, Measure.WORKING_DAYS, True, D(2024, 6, 7), at(2024, 6, 8)),
        (at(2024, 6, 3, 16), 3, Measure.WORKING_DAYS, False, D(2024, 6, 6), at(2024, 6, 7)),
        (at(2024, 4, 26, 16), 1, Measure.WORKING_DAYS, True, D(2024, 5, 3), at(2024, 5, 4)),
        (at(2024, 6, 3, 15, 30), 8, Measure.WORKING_HOURS, True, D(2024, 6, 4), at(2024, 6, 4, 17, 30)),
        (at(2024, 6, 3, 15, 30), 8, Measure.WORKING_HOURS, False, D(2024, 6, 4), at(2024, 6, 4, 15, 30)),
        (at(2024, 8, 26, 9), 5, Measure.CALENDAR_DAYS, False, D(2024, 9, 4), at(2024, 9, 5)),
    ],
)
def test_due_of_a_period(cal, received, amount, measure, cutoff, due_date, due_at):
    due = cal.due(received, amount, measure, receipt_cutoff=cutoff)
    assert due == Due(due_at, due_date)


def test_day_periods_end_at_24_00_of_the_last_day(cal):
    assert cal.end_of_day(D(2024, 6, 3)) == at(2024, 6, 4)


@pytest.mark.parametrize(
    ("due", "measure", "expected"),
    [
        (Due(at(2024, 5, 7), D(2024, 5, 6)), Measure.WORKING_DAYS, at(2024, 5, 4)),  # D−1 = make-up Saturday
        (Due(at(2024, 6, 8), D(2024, 6, 7)), Measure.CALENDAR_DAYS, at(2024, 6, 6)),
        (Due(at(2024, 6, 4, 14), D(2024, 6, 4)), Measure.WORKING_HOURS, at(2024, 6, 3, 14)),
    ],
)
def test_warning_starts_one_working_day_before_the_end(cal, due, measure, expected):
    assert cal.warn_from(due, measure) == expected


def test_remaining_units_after_a_pause(cal):
    due = cal.due(at(2024, 6, 3, 9), 5, Measure.WORKING_DAYS)
    assert cal.remaining_units(at(2024, 6, 5, 9), due, Measure.WORKING_DAYS) == 3
    hours = cal.due(at(2024, 6, 3, 9), 8, Measure.WORKING_HOURS)
    assert cal.remaining_units(at(2024, 6, 3, 10), hours, Measure.WORKING_HOURS) == 7 * 3600


@pytest.mark.parametrize(
    ("finished", "expected"),
    [
        (at(2024, 6, 5, 16), Timeliness.EARLY),
        (at(2024, 6, 6, 9), Timeliness.ON_TIME),
        (at(2024, 6, 6, 23, 59), Timeliness.ON_TIME),
        (at(2024, 6, 7, 0, 0, 1), Timeliness.LATE),
    ],
)
def test_classify_completion(finished, expected):
    assert classify_completion(finished, Due(at(2024, 6, 7), D(2024, 6, 6))) == expected


# ---- range and batch ------------------------------------------------------------------------------


def test_days_outside_the_calendar_raise_instead_of_ignoring_holidays(cal):
    with pytest.raises(CalendarRangeError):
        cal.is_working_day(D(2022, 12, 31))
    with pytest.raises(CalendarRangeError):
        cal.add_working_days(D(2027, 12, 20), 30)


def test_batch_path_agrees_with_the_single_path(cal):
    rng = random.Random(11)
    starts = [D(2024, 1, 1) + dt.timedelta(days=rng.randrange(0, 1096)) for _ in range(5000)]
    days = [rng.randint(1, 90) for _ in starts]
    assert cal.add_working_days_many(starts, days) == [
        cal.add_working_days(s, n) for s, n in zip(starts, days, strict=True)
    ]


def test_batch_path_checks_its_inputs(cal):
    with pytest.raises(ValueError):
        cal.add_working_days_many([D(2024, 6, 3)], [0])
    with pytest.raises(CalendarRangeError):
        cal.add_working_days_many([D(2020, 6, 3)], [1])
    with pytest.raises(CalendarRangeError):
        cal.add_working_days_many([D(2027, 12, 30)], [10])
