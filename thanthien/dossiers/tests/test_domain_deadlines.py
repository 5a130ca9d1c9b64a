"""Legal clocks of a dossier: due date, 15:00 cut-off, supplement, restart, apology, classification.

No database: the real WorkingCalendar built from the 2024–2026 statutory holidays and the
announced swaps (29/4/2024 off ↔ Sat 4/5/2024 worked; Sat 26/4/2025 worked ↔ 2/5/2025 off).
Week used below: Mon 3/3/2025 … Fri 7/3/2025, Mon 10/3/2025 …
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation

from thanthien.clocks.domain.calendar import VIETNAM_TZ, WorkingCalendar
from thanthien.clocks.domain.sources import ANNOUNCED_SWAPS, statutory_holidays
from thanthien.dossiers.domain.common import Channel, DossierRuleError
from thanthien.dossiers.domain.deadlines import (
    DEFAULT_RULES,
    DossierRules,
    Due,
    TimeLimit,
    Timeliness,
    TimeUnit,
    apology_alert_date,
    apology_deadline,
    as_due,
    can_issue_apology,
    classify_for_reporting,
    classify_return,
    classify_step,
    clock_is_paused,
    clock_start,
    due_after_resume,
    due_after_supplement,
    due_at_reception,
    is_overdue,
    is_predicted_late,
    needs_apology_now,
    postal_submitted_at,
    remaining_at_pause,
    step_due,
    supplement_request_allowed,
    supplement_request_deadline,
    timeliness_label,
    validate_new_due,
)
from thanthien.dossiers.domain.status import DossierStatus

CAL = WorkingCalendar(
    first_year=2024, last_year=2026, holidays=statutory_holidays(2024, 2026), overrides=ANNOUNCED_SWAPS
)
UTC = dt.UTC


def at(y, m, d, hh=0, mm=0, ss=0):
    return dt.datetime(y, m, d, hh, mm, ss, tzinfo=VIETNAM_TZ)


def day_due(y, m, d):
    """A day-measured due: the period ends at 24:00 of the given day."""
    return Due(at(y, m, d) + dt.timedelta(days=1), dt.date(y, m, d))


def wd(n):
    return TimeLimit(n, TimeUnit.WORKING_DAYS)


# ---- reception and due date ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("received_at", "limit", "due_date"),
    [
        # BLDS Điều 147: reception day not counted → Tue, Wed, Thu.
        (at(2025, 3, 3, 10), wd(3), dt.date(2025, 3, 6)),
        # 15:00 exactly is not "after 15:00".
        (at(2025, 3, 3, 15, 0, 0), wd(3), dt.date(2025, 3, 6)),
        # After the cut-off: deemed received Tuesday, counting from Wednesday.
        (at(2025, 3, 3, 15, 0, 1), wd(3), dt.date(2025, 3, 7)),
        (at(2025, 3, 3, 16, 30), wd(3), dt.date(2025, 3, 7)),
        # Friday afternoon after the cut-off → Monday → due Thursday.
        (at(2025, 3, 7, 15, 30), wd(3), dt.date(2025, 3, 13)),
        # On a Saturday → deemed Monday 10/3 → Thu 13/3.
        (at(2025, 3, 8, 9), wd(3), dt.date(2025, 3, 13)),
        # Across 30/4–1/5 and the swapped day off 2/5/2025.
        (at(2025, 4, 29, 10), wd(2), dt.date(2025, 5, 6)),
        # The make-up Saturday 26/4/2025 is a working day.
        (at(2025, 4, 25, 10), wd(1), dt.date(2025, 4, 26)),
        # 29/4/2024 was swapped to a day off; Sat 4/5/2024 was worked.
        (at(2024, 4, 26, 10), wd(1), dt.date(2024, 5, 2)),
        (at(2024, 5, 3, 10), wd(1), dt.date(2024, 5, 4)),
        # Calendar days end on a day off → next working day (BLDS Điều 148).
        (at(2025, 3, 3, 10), TimeLimit(5, TimeUnit.CALENDAR_DAYS), dt.date(2025, 3, 10)),
        (at(2025, 3, 3, 10), TimeLimit(3, TimeUnit.CALENDAR_DAYS), dt.date(2025, 3, 6)),
        # Immediate: the same working day, or the next one after the cut-off.
        (at(2025, 3, 3, 10), TimeLimit(0, TimeUnit.IMMEDIATE), dt.date(2025, 3, 3)),
        (at(2025, 3, 3, 16), TimeLimit(0, TimeUnit.IMMEDIATE), dt.date(2025, 3, 4)),
    ],
)
def test_due_date_at_reception(received_at, limit, due_date):
    due = due_at_reception(received_at, limit, CAL)
    assert due.due_date == due_date
    if limit.unit != TimeUnit.WORKING_HOURS:
        assert due.due_at == at(due_date.year, due_date.month, due_date.day) + dt.timedelta(days=1)


@pytest.mark.parametrize(
    ("received_at", "limit", "due_at"),
    [
        (at(2025, 3, 3, 10), TimeLimit(8, TimeUnit.WORKING_HOURS), at(2025, 3, 4, 10)),
        # After the cut-off: the clock starts at 07:30 next working day.
        (at(2025, 3, 3, 16), TimeLimit(4, TimeUnit.WORKING_HOURS), at(2025, 3, 4, 11, 30)),
        # Lunch (11:30–13:30) does not count.
        (at(2025, 3, 3, 10), TimeLimit(2, TimeUnit.WORKING_HOURS), at(2025, 3, 3, 14)),
        # Half a working day = 4 working hours.
        (at(2025, 3, 3, 10), TimeLimit(Decimal("0.5"), TimeUnit.WORKING_DAYS), at(2025, 3, 3, 16)),
    ],
)
def test_due_instant_for_hour_based_limits(received_at, limit, due_at):
    due = due_at_reception(received_at, limit, CAL)
    assert due.due_at == due_at
    assert due.due_date == due_at.date()


def test_reception_time_in_utc_is_read_in_vietnam_time():
    # 08:30 UTC = 15:30 in Hà Nội: after the cut-off.
    received = dt.datetime(2025, 3, 3, 8, 30, tzinfo=UTC)
    assert due_at_reception(received, wd(3), CAL).due_date == dt.date(2025, 3, 7)


@pytest.mark.parametrize(
    ("channel", "received_at", "start"),
    [
        # Channel outside the cut-off rule: only out-of-hours rolls over.
        (Channel.ONLINE, at(2025, 3, 3, 16), at(2025, 3, 3, 16)),
        (Channel.ONLINE, at(2025, 3, 3, 18), at(2025, 3, 4, 7, 30)),
        (Channel.ONLINE, at(2025, 3, 3, 6), at(2025, 3, 3, 7, 30)),
        (Channel.ONLINE, at(2025, 3, 9, 10), at(2025, 3, 10, 7, 30)),
        # Channel under the cut-off rule.
        (Channel.DIRECT, at(2025, 3, 3, 16), at(2025, 3, 4, 7, 30)),
    ],
)
def test_clock_start_with_the_cutoff_for_paper_dossiers_only(channel, received_at, start):
    rules = DossierRules(cutoff_channels=frozenset({Channel.DIRECT}))
    assert clock_start(received_at, CAL, channel=channel, rules=rules) == start


@pytest.mark.parametrize("channel", list(Channel))
def test_by_default_the_cutoff_applies_to_every_channel(channel):
    assert clock_start(at(2025, 3, 3, 16), CAL, channel=channel) == at(2025, 3, 4, 7, 30)


def test_postal_submission_counts_from_the_hand_over_record():
    handover = at(2025, 3, 3, 9)
    assert postal_submitted_at(handover) == handover
    assert postal_submitted_at(handover, at(2025, 3, 5, 10)) == at(2025, 3, 5, 10)
    with pytest.raises(ValueError):
        postal_submitted_at(handover, at(2025, 3, 2, 10))


def test_postal_dossier_due_date_runs_from_the_hand_over():
    handover = postal_submitted_at(at(2025, 3, 3, 15, 45))
    assert due_at_reception(handover, wd(3), CAL, channel=Channel.POSTAL).due_date == dt.date(2025, 3, 7)


@pytest.mark.parametrize("bad", [dt.datetime(2025, 3, 3, 10), None])
def test_naive_datetimes_are_refused(bad):
    with pytest.raises((ValueError, AttributeError, TypeError)):
        due_at_reception(bad, wd(3), CAL)


@pytest.mark.parametrize(
    "kwargs", [{"amount": -1, "unit": "working_days"}, {"amount": Decimal("1.5"), "unit": "calendar_days"}]
)
def test_invalid_time_limits(kwargs):
    with pytest.raises(ValueError):
        TimeLimit(**kwargs)


@pytest.mark.parametrize(
    ("amount", "measure", "immediate", "expected"),
    [
        (Decimal(3), "working_days", False, TimeLimit(3, TimeUnit.WORKING_DAYS)),
        (Decimal(4), "working_hours", False, TimeLimit(4, TimeUnit.WORKING_HOURS)),
        (Decimal(15), "calendar_days", False, TimeLimit(15, TimeUnit.CALENDAR_DAYS)),
        (Decimal(1), "working_days", True, TimeLimit(1, TimeUnit.IMMEDIATE)),
    ],
)
def test_time_limit_from_the_procedure_catalogue(amount, measure, immediate, expected):
    assert TimeLimit.from_catalogue(amount, measure, immediate) == expected


def test_immediate_procedure_is_due_the_same_day_despite_its_ceiling():
    limit = TimeLimit.from_catalogue(Decimal(1), "working_days", immediate=True)
    assert due_at_reception(at(2025, 3, 3, 10), limit, CAL).due_date == dt.date(2025, 3, 3)


def test_step_due_runs_in_working_hours():
    assert step_due(at(2025, 3, 7, 16), 4, CAL) == at(2025, 3, 10, 10)


# ---- supplement during processing (≤ 3 working days) and restart ---------------------------


@pytest.mark.parametrize(
    ("received_at", "deadline"),
    [
        (at(2025, 3, 3, 10), dt.date(2025, 3, 6)),
        (at(2025, 3, 3, 16), dt.date(2025, 3, 7)),  # after the cut-off
        (at(2025, 4, 28, 10), dt.date(2025, 5, 6)),  # 29/4, 5/5, 6/5 are the three working days
    ],
)
def test_supplement_request_deadline(received_at, deadline):
    assert supplement_request_deadline(received_at, CAL) == deadline


@pytest.mark.parametrize(
    ("now", "already", "allowed", "code"),
    [
        (at(2025, 3, 4, 9), 0, True, ""),
        (at(2025, 3, 6, 23, 59), 0, True, ""),  # the whole third working day
        (at(2025, 3, 7, 8), 0, False, "supplement.too_late"),
        (at(2025, 3, 4, 9), 1, False, "supplement.already_requested"),
    ],
)
def test_supplement_request_allowed(now, already, allowed, code):
    decision = supplement_request_allowed(at(2025, 3, 3, 10), now, CAL, already_requested=already)
    assert bool(decision) is allowed
    assert decision.code == code


def test_refused_supplement_explains_itself_in_vietnamese():
    decision = supplement_request_allowed(at(2025, 3, 3, 10), at(2025, 3, 10, 9), CAL)
    with translation.override("vi"):
        assert "06/03/2025" in str(decision.reason)
        assert "ngày làm việc" in str(decision.reason)
    with pytest.raises(DossierRuleError) as info:
        decision.raise_if_refused()
    assert info.value.code == "supplement.too_late"


def test_supplement_limit_is_a_setting():
    rules = DossierRules(supplement_request_working_days=5, max_supplement_requests_in_processing=2)
    assert supplement_request_allowed(at(2025, 3, 3, 10), at(2025, 3, 10, 9), CAL, already_requested=1, rules=rules)


def test_clock_restarts_from_zero_when_the_supplement_is_complete():
    # Received Mon 3/3, 3 working days → Thu 6/3. Supplement complete Wed 12/3 → 13, 14, 17.
    assert due_at_reception(at(2025, 3, 3, 10), wd(3), CAL).due_date == dt.date(2025, 3, 6)
    assert due_after_supplement(at(2025, 3, 12, 9), wd(3), CAL).due_date == dt.date(2025, 3, 17)
    assert due_after_supplement(at(2025, 3, 12, 15, 30), wd(3), CAL).due_date == dt.date(2025, 3, 18)


# ---- pauses for fees (a setting) --------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "pause_for_fees", "paused"),
    [
        (DossierStatus.IN_PROCESSING, False, False),
        (DossierStatus.CONSULTATION, False, False),
        (DossierStatus.AWAITING_FEES, False, False),
        (DossierStatus.AWAITING_FEES, True, True),
        (DossierStatus.SUPPLEMENT_REQUESTED_IN_PROCESSING, False, True),
        (DossierStatus.SUBMITTED_ONLINE, False, True),
        (DossierStatus.RETURNED, False, True),
    ],
)
def test_clock_is_paused(status, pause_for_fees, paused):
    assert clock_is_paused(status, DossierRules(fees_pause_clock=pause_for_fees)) is paused


def test_pause_and_resume_keep_the_remaining_working_days():
    due = day_due(2025, 3, 7)
    remaining = remaining_at_pause(at(2025, 3, 4, 10), due, TimeUnit.WORKING_DAYS, CAL)
    assert remaining == 3  # Wed, Thu, Fri
    assert due_after_resume(at(2025, 3, 10, 10), remaining, TimeUnit.WORKING_DAYS, CAL).due_date == dt.date(2025, 3, 13)


def test_pause_and_resume_keep_the_remaining_working_hours():
    due = Due(at(2025, 3, 4, 10), dt.date(2025, 3, 4))
    remaining = remaining_at_pause(at(2025, 3, 3, 16), due, TimeUnit.WORKING_HOURS, CAL)
    assert remaining == int(4.0 * 3600)  # 16:00–17:30 and 07:30–10:00
    assert due_after_resume(at(2025, 3, 5, 7, 30), remaining, "working_hours", CAL).due_at == at(2025, 3, 5, 11, 30)


# ---- predicted lateness ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("now", "remaining_hours", "late"),
    [
        (at(2025, 3, 6, 8), 8, True),  # 7.5 office hours left on the last day
        (at(2025, 3, 6, 8), Decimal("7.5"), False),
        (at(2025, 3, 5, 8), 8, False),
        (at(2025, 3, 5, 8), 16, True),
        (at(2025, 3, 7, 8), 0, True),  # already overdue
    ],
)
def test_predicted_lateness(now, remaining_hours, late):
    assert is_predicted_late(day_due(2025, 3, 6), now, remaining_hours, CAL) is late


@pytest.mark.parametrize(
    ("now", "overdue"),
    [(at(2025, 3, 6, 23, 59), False), (at(2025, 3, 7, 0, 0), False), (at(2025, 3, 7, 0, 0, 1), True)],
)
def test_overdue_after_24h_of_the_due_day(now, overdue):
    assert is_overdue(now, day_due(2025, 3, 6)) is overdue


# ---- apology and new appointment (once, ≥ 1 working day before due) -----------------------------


@pytest.mark.parametrize(
    ("due_date", "deadline"),
    [
        (dt.date(2025, 3, 6), dt.date(2025, 3, 5)),
        (dt.date(2025, 3, 10), dt.date(2025, 3, 7)),  # due Monday → Friday
        (dt.date(2025, 5, 5), dt.date(2025, 4, 29)),  # across 30/4–4/5/2025
        (dt.date(2024, 5, 6), dt.date(2024, 5, 4)),  # the make-up Saturday 4/5/2024 counts
    ],
)
def test_apology_deadline_is_one_working_day_before_due(due_date, deadline):
    assert apology_deadline(day_due(due_date.year, due_date.month, due_date.day), CAL) == deadline


def test_apology_alert_comes_a_working_day_before_the_deadline():
    assert apology_alert_date(day_due(2025, 3, 10), CAL) == dt.date(2025, 3, 6)


@pytest.mark.parametrize(
    ("now", "already", "allowed", "code"),
    [
        (at(2025, 3, 5, 9), False, True, ""),
        (at(2025, 3, 7, 23, 0), False, True, ""),  # Friday, last working day before Monday's due
        (at(2025, 3, 8, 9), False, False, "apology.too_late"),  # Saturday: too late
        (at(2025, 3, 10, 9), False, False, "apology.too_late"),  # the due day itself
        (at(2025, 3, 5, 9), True, False, "apology.already_issued"),  # once only
        (at(2025, 3, 5, 9), 1, False, "apology.already_issued"),
    ],
)
def test_can_issue_apology(now, already, allowed, code):
    decision = can_issue_apology(day_due(2025, 3, 10), now, already, CAL)
    assert bool(decision) is allowed
    assert decision.code == code


def test_second_extension_is_refused_with_a_vietnamese_reason():
    decision = can_issue_apology(day_due(2025, 3, 10), at(2025, 3, 5, 9), True, CAL)
    with translation.override("vi"):
        assert "một lần" in str(decision.reason)


def test_apology_rules_are_settings():
    rules = DossierRules(apology_lead_working_days=2, max_extensions=2)
    assert apology_deadline(day_due(2025, 3, 10), CAL, rules) == dt.date(2025, 3, 6)
    assert can_issue_apology(day_due(2025, 3, 10), at(2025, 3, 5, 9), 1, CAL, rules)


@pytest.mark.parametrize(
    ("new_due", "code"),
    [
        (dt.date(2025, 3, 6), "apology.new_date_not_after_due"),
        (dt.date(2025, 3, 5), "apology.new_date_not_after_due"),
        (dt.date(2025, 3, 8), "apology.new_date_not_working_day"),
        (dt.date(2025, 3, 11), "apology.extension_too_long"),
    ],
)
def test_new_due_date_is_validated(new_due, code):
    rules = DossierRules(max_extension_working_days=2)
    with pytest.raises(DossierRuleError) as info:
        validate_new_due(day_due(2025, 3, 6), new_due, CAL, rules)
    assert info.value.code == code


@pytest.mark.parametrize(
    ("new_due", "expected"),
    [
        (dt.date(2025, 3, 10), Due(at(2025, 3, 11), dt.date(2025, 3, 10))),
        (at(2025, 3, 7, 16), Due(at(2025, 3, 7, 16), dt.date(2025, 3, 7))),
    ],
)
def test_valid_new_due_date(new_due, expected):
    assert validate_new_due(day_due(2025, 3, 6), new_due, CAL, DossierRules(max_extension_working_days=2)) == expected


def test_new_due_without_a_cap_by_default():
    assert DEFAULT_RULES.max_extension_working_days is None
    assert validate_new_due(day_due(2025, 3, 6), dt.date(2025, 6, 2), CAL).due_date == dt.date(2025, 6, 2)


# ---- early, on time, late -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("returned_at", "expected"),
    [
        (at(2025, 3, 5, 17), Timeliness.EARLY),
        (at(2025, 3, 6, 7, 30), Timeliness.ON_TIME),
        (at(2025, 3, 6, 23, 59), Timeliness.ON_TIME),
        (at(2025, 3, 7, 8), Timeliness.LATE),
        (dt.datetime(2025, 3, 6, 20, 0, tzinfo=UTC), Timeliness.LATE),  # 03:00 on 7/3 in Vietnam
        (dt.datetime(2025, 3, 5, 20, 0, tzinfo=UTC), Timeliness.ON_TIME),  # 03:00 on 6/3
    ],
)
def test_classify_return_against_a_day_due(returned_at, expected):
    assert classify_return(returned_at, day_due(2025, 3, 6)) == expected


@pytest.mark.parametrize(
    ("returned_at", "expected"),
    [
        (at(2025, 3, 3, 16), Timeliness.EARLY),
        (at(2025, 3, 4, 9), Timeliness.ON_TIME),
        (at(2025, 3, 4, 10), Timeliness.ON_TIME),
        (at(2025, 3, 4, 10, 30), Timeliness.LATE),
    ],
)
def test_classify_return_against_an_hour_due(returned_at, expected):
    due = due_at_reception(at(2025, 3, 3, 10), TimeLimit(8, TimeUnit.WORKING_HOURS), CAL)
    assert classify_return(returned_at, due) == expected


@pytest.mark.parametrize(
    ("finished_at", "step_due_at", "expected"),
    [
        # A step due at 11:30 on Tue 4/3 (the transfer after a reception after 15:00).
        (at(2025, 3, 3, 16, 30), at(2025, 3, 4, 11, 30), Timeliness.EARLY),  # the day before
        (at(2025, 3, 4, 8), at(2025, 3, 4, 11, 30), Timeliness.ON_TIME),  # on the day, before the hour
        (at(2025, 3, 4, 11, 30), at(2025, 3, 4, 11, 30), Timeliness.ON_TIME),  # at the due instant
        (at(2025, 3, 4, 11, 31), at(2025, 3, 4, 11, 30), Timeliness.LATE),
        (at(2025, 3, 5, 8), at(2025, 3, 4, 11, 30), Timeliness.LATE),
        # A step capped at the dossier's due (24:00 after Thu 6/3) is due on Thu 6/3.
        (at(2025, 3, 5, 16), at(2025, 3, 7), Timeliness.EARLY),
        (at(2025, 3, 6, 23, 59), at(2025, 3, 7), Timeliness.ON_TIME),
        (at(2025, 3, 7, 0, 1), at(2025, 3, 7), Timeliness.LATE),
        # Another time zone: 20:00 UTC on 5/3 is 03:00 on 6/3 in Vietnam, the due day.
        (dt.datetime(2025, 3, 5, 20, 0, tzinfo=UTC), at(2025, 3, 7), Timeliness.ON_TIME),
    ],
)
def test_a_step_is_early_on_time_or_late_for_form_05(finished_at, step_due_at, expected):
    assert classify_step(finished_at, step_due_at) == expected


def test_a_step_needs_an_aware_finish_time():
    with pytest.raises(ValueError, match="finished_at"):
        classify_step(dt.datetime(2025, 3, 4, 9), at(2025, 3, 4, 11, 30))


def test_a_stored_due_instant_gives_back_its_day():
    assert as_due(at(2025, 3, 7)) == day_due(2025, 3, 6)
    assert as_due(at(2025, 3, 4, 10)).due_date == dt.date(2025, 3, 4)
    assert classify_return(at(2025, 3, 6, 12), at(2025, 3, 7)) == Timeliness.ON_TIME


@pytest.mark.parametrize(
    ("returned_at", "kpi_due", "original", "extended", "kpi", "rescued"),
    [
        (at(2025, 3, 7, 9), "original", Timeliness.LATE, Timeliness.EARLY, Timeliness.LATE, True),
        (at(2025, 3, 7, 9), "extended", Timeliness.LATE, Timeliness.EARLY, Timeliness.EARLY, True),
        (at(2025, 3, 10, 9), "original", Timeliness.LATE, Timeliness.ON_TIME, Timeliness.LATE, True),
        (at(2025, 3, 11, 9), "original", Timeliness.LATE, Timeliness.LATE, Timeliness.LATE, False),
        (at(2025, 3, 6, 9), "original", Timeliness.ON_TIME, Timeliness.EARLY, Timeliness.ON_TIME, False),
    ],
)
def test_kpi_lateness_is_measured_against_the_original_due_by_default(
    returned_at, kpi_due, original, extended, kpi, rescued
):
    result = classify_for_reporting(
        returned_at, day_due(2025, 3, 6), day_due(2025, 3, 10), DossierRules(kpi_due=kpi_due)
    )
    assert (result.against_original, result.against_extended, result.kpi) == (original, extended, kpi)
    assert result.rescued_by_extension is rescued


def test_without_extension_both_views_agree():
    result = classify_for_reporting(at(2025, 3, 7, 9), day_due(2025, 3, 6), None, DossierRules(kpi_due="extended"))
    assert result.kpi == Timeliness.LATE
    assert result.against_extended is None
    assert not result.rescued_by_extension


def test_rules_from_environment_strings():
    rules = DossierRules.from_mapping(
        {
            "cutoff_channels": "direct, postal",
            "fees_pause_clock": "true",
            "kpi_due": "extended",
            "max_extensions": "1",
            "max_extension_working_days": "",
            "supplement_request_working_days": "3",
        }
    )
    assert rules.cutoff_channels == frozenset({Channel.DIRECT, Channel.POSTAL})
    assert rules.fees_pause_clock is True
    assert rules.kpi_due == "extended"
    assert rules.max_extension_working_days is None
    assert DossierRules.from_mapping({}) == DEFAULT_RULES


@pytest.mark.parametrize(
    "values", [{"max_extension": "1"}, {"cutoff_channels": "fax"}, {"kpi_due": "latest"}, {"max_extensions": "-1"}]
)
def test_bad_rule_settings_fail_loudly(values):
    with pytest.raises(ValueError):
        DossierRules.from_mapping(values)


def test_default_rules_measure_kpis_against_the_original_due():
    assert DEFAULT_RULES.kpi_due == "original"
    with pytest.raises(ValueError):
        DossierRules(kpi_due="latest")


@pytest.mark.parametrize(
    ("value", "vietnamese"),
    [(Timeliness.EARLY, "Trước hạn"), (Timeliness.ON_TIME, "Đúng hạn"), (Timeliness.LATE, "Quá hạn")],
)
def test_timeliness_labels_in_vietnamese(value, vietnamese):
    with translation.override("vi"):
        assert str(timeliness_label(value)) == vietnamese


@pytest.mark.parametrize(
    ("now", "remaining_hours", "flag"),
    [
        # Due Thu 6/3/2025 (24:00); the apology must be issued by Wed 5/3 (NĐ 61 Điều 19.9).
        (at(2025, 3, 5, 8), 8, True),  # 7.5 office hours left before the apology deadline ends
        (at(2025, 3, 4, 8), 8, False),  # 15.5 hours left: still fits
        (at(2025, 3, 5, 8), 0, False),  # nothing left to do
        (at(2025, 3, 7, 8), 0, True),  # already overdue
    ],
)
def test_predicted_late_is_raised_while_the_apology_is_still_lawful(now, remaining_hours, flag):
    due = day_due(2025, 3, 6)
    assert needs_apology_now(due, now, remaining_hours, CAL) is flag
    if flag and now < due.due_at:
        assert can_issue_apology(due, now, 0, CAL)
