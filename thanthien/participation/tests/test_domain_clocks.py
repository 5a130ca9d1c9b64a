"""Legal time limits (NĐ 59/2023 Điều 3–6, 10; Luật Điều 21.2, 28, 33) against a stand-in calendar."""

from datetime import date, timedelta

import pytest

from thanthien.participation.domain.clocks import (
    TIME_LIMITS,
    DayKind,
    LimitKind,
    RecognisingBody,
    TimeLimit,
    WorkingCalendar,
    add_months,
    annual_conference_notice_is_timely,
    ballot_info_is_timely,
    ballot_plan_due,
    ballot_results_due,
    consultation_duration_ok,
    consultation_earliest_close,
    decision_document_due,
    documents_are_timely,
    due_date,
    entry_into_force,
    hamlet_head_election_schedule,
    is_timely,
    latest_notice_date,
    new_hamlet_head_election_due,
    notice_is_timely,
    online_vote_decision_due,
    recognising_body,
    recognition_due,
)
from thanthien.participation.domain.matters import Scope

V, C = Scope.HAMLET, Scope.COMMUNE

# Tết Ất Tỵ 2025 for civil servants: Saturday 25/1 to Sunday 2/2/2025.
TET_2025 = {date(2025, 1, 25) + timedelta(days=i) for i in range(9)}


class WeekCalendar:
    """Monday–Friday minus the given holidays; stands in for thanthien/clocks/domain/calendar.py."""

    def __init__(self, holidays=frozenset()):
        self.holidays = frozenset(holidays)

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5 and day not in self.holidays

    def add_working_days(self, start: date, days: int) -> date:
        day = start
        while days:
            day += timedelta(days=1)
            if self.is_working_day(day):
                days -= 1
        return day


CAL = WeekCalendar()


def test_stand_in_calendar_satisfies_the_protocol():
    assert isinstance(CAL, WorkingCalendar)


@pytest.mark.parametrize(
    ("sent_on", "meeting_on", "timely"),
    [
        (date(2024, 6, 10), date(2024, 6, 12), True),  # exactly 2 days before
        (date(2024, 6, 11), date(2024, 6, 12), False),
        (date(2024, 6, 12), date(2024, 6, 12), False),
        (date(2024, 6, 1), date(2024, 6, 12), True),
        (date(2024, 6, 13), date(2024, 6, 12), False),
    ],
)
def test_meeting_notice_at_least_two_days_before(sent_on, meeting_on, timely):
    assert notice_is_timely(sent_on, meeting_on) is timely


def test_latest_notice_date_is_two_days_before_even_across_a_month():
    assert latest_notice_date(date(2024, 3, 1)) == date(2024, 2, 28)


@pytest.mark.parametrize(
    ("item", "sent_on", "timely"),
    [
        (1, date(2024, 6, 10), True),
        (2, date(2024, 6, 11), False),
        (3, None, False),
        (3, date(2024, 6, 10), True),
        (4, None, True),  # no document limit for items 4–6
        (5, date(2024, 6, 12), True),
        (6, None, True),
    ],
)
def test_documents_for_items_1_to_3_reach_households_two_days_before(item, sent_on, timely):
    assert documents_are_timely(item, sent_on, date(2024, 6, 12)) is timely


@pytest.mark.parametrize(
    ("meeting_on", "holidays", "due"),
    [
        (date(2024, 6, 7), (), date(2024, 6, 14)),  # Friday → next Friday
        (date(2024, 6, 7), (date(2024, 6, 10),), date(2024, 6, 17)),  # a Monday holiday pushes it
        (date(2024, 6, 8), (), date(2024, 6, 14)),  # Saturday meeting: count from Monday
        (date(2025, 1, 24), TET_2025, date(2025, 2, 7)),  # across Tết
    ],
)
def test_decision_document_within_five_working_days(meeting_on, holidays, due):
    assert decision_document_due(meeting_on, WeekCalendar(holidays)) == due


@pytest.mark.parametrize(
    ("sent_on", "timely"),
    [
        (date(2024, 6, 7), True),  # the meeting day itself
        (date(2024, 6, 14), True),  # the 5th working day
        (date(2024, 6, 15), False),
        (date(2024, 6, 6), False),  # before the meeting it records
    ],
)
def test_deadline_is_met_between_the_anchor_and_the_due_date(sent_on, timely):
    assert is_timely("decision_document", date(2024, 6, 7), sent_on, CAL) is timely


def test_recognition_and_results_and_online_decision_are_five_working_days():
    d = date(2024, 6, 7)
    assert recognition_due(d, CAL) == date(2024, 6, 14)
    assert ballot_results_due(d, CAL) == date(2024, 6, 14)
    assert online_vote_decision_due(d, CAL) == date(2024, 6, 14)


@pytest.mark.parametrize(
    ("adopted_on", "calendar", "due"),
    [
        (date(2024, 6, 4), CAL, date(2024, 6, 6)),
        (date(2024, 6, 6), CAL, date(2024, 6, 10)),  # day 2 is a Saturday: next working day
        (date(2024, 6, 6), None, date(2024, 6, 8)),  # without a calendar: plain calendar days
    ],
)
def test_ballot_plan_to_commune_within_two_days(adopted_on, calendar, due):
    assert ballot_plan_due(adopted_on, calendar) == due


@pytest.mark.parametrize(
    ("published_on", "distribution_on", "timely"),
    [(date(2024, 6, 10), date(2024, 6, 12), True), (date(2024, 6, 11), date(2024, 6, 12), False)],
)
def test_ballot_information_public_two_days_before_distribution(published_on, distribution_on, timely):
    assert ballot_info_is_timely(published_on, distribution_on) is timely


@pytest.mark.parametrize(
    ("published_on", "closes_on", "ok"),
    [
        (date(2024, 6, 1), date(2024, 6, 21), True),  # day 20 is a Friday
        (date(2024, 6, 1), date(2024, 6, 20), False),
        (date(2024, 6, 2), date(2024, 6, 22), False),  # day 20 is a Saturday → must run to Monday
        (date(2024, 6, 2), date(2024, 6, 24), True),
    ],
)
def test_consultation_stays_open_at_least_twenty_days(published_on, closes_on, ok):
    assert consultation_duration_ok(published_on, closes_on, CAL) is ok


def test_consultation_earliest_close_without_calendar_is_twenty_calendar_days():
    assert consultation_earliest_close(date(2024, 6, 2)) == date(2024, 6, 22)
    assert consultation_earliest_close(date(2024, 6, 2), CAL) == date(2024, 6, 24)


@pytest.mark.parametrize(
    ("sent_on", "timely"),
    [(date(2024, 12, 15), True), (date(2024, 12, 16), False), (date(2024, 12, 1), True)],
)
def test_annual_conference_notice_five_days_before(sent_on, timely):
    assert annual_conference_notice_is_timely(sent_on, date(2024, 12, 20)) is timely


def test_hamlet_head_election_schedule_counts_back_from_the_meeting():
    assert hamlet_head_election_schedule(date(2024, 7, 21)) == {
        "hamlet_head_election_plan": date(2024, 7, 1),
        "hamlet_head_candidates": date(2024, 7, 6),
        "hamlet_head_election_group": date(2024, 7, 11),
        "hamlet_head_announcement": date(2024, 7, 14),
        "meeting_notice": date(2024, 7, 19),
    }


def test_new_hamlet_head_within_sixty_days():
    assert new_hamlet_head_election_due(date(2024, 7, 1)) == date(2024, 8, 30)
    assert new_hamlet_head_election_due(date(2024, 7, 2), CAL) == date(2024, 9, 2)  # 31/8 is a Saturday


@pytest.mark.parametrize(
    ("item", "scope", "kwargs", "effective_on", "waiting_for"),
    [
        (1, V, {}, date(2024, 6, 12), None),  # from the vote
        (2, V, {}, date(2024, 6, 12), None),
        (6, V, {}, date(2024, 6, 12), None),
        (1, C, {}, None, "commune_aggregation"),
        (2, C, {"commune_effective_on": date(2024, 7, 1)}, date(2024, 7, 1), None),
        (3, V, {}, None, RecognisingBody.COMMUNE_PEOPLES_COMMITTEE),
        (4, V, {"recognised_on": date(2024, 6, 18)}, date(2024, 6, 18), None),
        (5, V, {}, None, RecognisingBody.COMMUNE_FATHERLAND_FRONT),
        (5, V, {"recognised_on": date(2024, 6, 19)}, date(2024, 6, 19), None),
    ],
)
def test_entry_into_force_per_article_21_2(item, scope, kwargs, effective_on, waiting_for):
    result = entry_into_force(item, scope, decided_on=date(2024, 6, 12), **kwargs)
    assert result.effective_on == effective_on
    assert result.waiting_for == waiting_for
    assert "Điều 21.2" in result.rule_vi


def test_recognition_cannot_precede_the_vote():
    with pytest.raises(ValueError):
        entry_into_force(4, V, decided_on=date(2024, 6, 12), recognised_on=date(2024, 6, 11))


@pytest.mark.parametrize(
    ("item", "body"),
    [
        (1, None),
        (2, None),
        (3, RecognisingBody.COMMUNE_PEOPLES_COMMITTEE),
        (4, RecognisingBody.COMMUNE_PEOPLES_COMMITTEE),
        (5, RecognisingBody.COMMUNE_FATHERLAND_FRONT),
        (6, None),
    ],
)
def test_recognising_body(item, body):
    assert recognising_body(item) is body


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2023, 1, 31), 1, date(2023, 2, 28)),
        (date(2024, 12, 15), 3, date(2025, 3, 15)),
        (date(2024, 10, 31), 3, date(2025, 1, 31)),
        (date(2024, 3, 31), -1, date(2024, 2, 29)),
        (date(2024, 1, 15), -1, date(2023, 12, 15)),
    ],
)
def test_add_months_clamps_to_the_end_of_a_shorter_month(start, months, expected):
    assert add_months(start, months) == expected


def test_working_day_limits_need_a_calendar():
    with pytest.raises(ValueError, match="calendar"):
        due_date("recognition", date(2024, 6, 7))


@pytest.mark.parametrize(
    ("days", "day_kind", "kind"),
    [(0, DayKind.CALENDAR, LimitKind.DEADLINE), (2, DayKind.WORKING, LimitKind.LEAD)],
)
def test_time_limit_rows_are_validated(days, day_kind, kind):
    with pytest.raises(ValueError):
        TimeLimit("x", days, day_kind, kind, "x", "x", "x")


@pytest.mark.parametrize(
    ("code", "days", "day_kind"),
    [
        ("meeting_notice", 2, DayKind.CALENDAR),
        ("meeting_documents", 2, DayKind.CALENDAR),
        ("decision_document", 5, DayKind.WORKING),
        ("recognition", 5, DayKind.WORKING),
        ("ballot_plan", 2, DayKind.CALENDAR),
        ("ballot_results", 5, DayKind.WORKING),
        ("online_vote_decision", 5, DayKind.WORKING),
        ("consultation_open", 20, DayKind.CALENDAR),
        ("annual_conference_notice", 5, DayKind.CALENDAR),
        ("hamlet_head_election_plan", 20, DayKind.CALENDAR),
    ],
)
def test_time_limits_table_matches_the_law(code, days, day_kind):
    limit = TIME_LIMITS[code]
    assert (limit.days, limit.day_kind) == (days, day_kind)
    assert "Luật" in limit.source or "NĐ 59" in limit.source


def test_the_real_working_calendar_fits_the_protocol_and_counts_make_up_saturdays():
    """Contract with thanthien/clocks/domain/calendar.py (no database involved)."""
    from thanthien.clocks.domain.calendar import WorkingCalendar as RealCalendar
    from thanthien.clocks.domain.sources import ANNOUNCED_SWAPS, statutory_holidays

    real = RealCalendar(
        first_year=2024, last_year=2026, holidays=statutory_holidays(2024, 2026), overrides=ANNOUNCED_SWAPS
    )
    assert isinstance(real, WorkingCalendar)
    assert decision_document_due(date(2025, 1, 24), real) == date(2025, 2, 7)  # across Tết Ất Tỵ
    # 29/4/2024 was a swapped day off, paid for by working Saturday 4/5/2024.
    assert recognition_due(date(2024, 4, 26), real) == date(2024, 5, 7)
