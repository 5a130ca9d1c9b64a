"""Legal clocks of a dossier (hồ sơ): due date at reception, restart, apology, early/on-time/late.

Pure Python: plain values in, plain values out, ``now`` always passed in. The working-day
arithmetic (holidays, make-up Saturdays, office hours, the 15:00 cut-off time, the Civil Code
counting convention) belongs to the calendar of ``thanthien.clocks``; this module only says
*which* period applies *from when*, and what the law allows at a given moment. It depends on
the calendar through the small :class:`Calendar` protocol, which
:class:`thanthien.clocks.domain.calendar.WorkingCalendar` satisfies.

A due date is a :class:`~thanthien.clocks.domain.calendar.Due`: ``due_at`` is the end instant
(exclusive; 24:00 of the last day for day periods, BLDS 2015 Điều 148) and ``due_date`` the last
day, i.e. the appointment day (ngày hẹn trả) printed on Mẫu 01.

Every choice the law leaves open is a field of :class:`DossierRules` (see docs/dossier-rules.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, fields
from decimal import Decimal
from enum import StrEnum
from typing import Any, Literal, Protocol

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from thanthien.clocks.domain.calendar import Due, OfficeHours, Timeliness, classify_completion

from .common import VIETNAM_TZ, Channel, Decision, DossierRuleError, local_date, require_aware
from .status import CLOCK_STATES, ClockState, DossierStatus

__all__ = [
    "DEFAULT_RULES",
    "Calendar",
    "DossierRules",
    "Due",
    "ReturnClassification",
    "TimeLimit",
    "TimeUnit",
    "Timeliness",
    "apology_alert_date",
    "apology_deadline",
    "as_due",
    "can_issue_apology",
    "classify_for_reporting",
    "classify_return",
    "classify_step",
    "clock_is_paused",
    "clock_start",
    "due_after_resume",
    "due_after_supplement",
    "due_at_reception",
    "is_overdue",
    "is_predicted_late",
    "postal_submitted_at",
    "remaining_at_pause",
    "step_due",
    "supplement_request_allowed",
    "supplement_request_deadline",
    "timeliness_label",
    "validate_new_due",
]


class Calendar(Protocol):
    """The part of ``thanthien.clocks.domain.calendar.WorkingCalendar`` the dossier rules use."""

    tz: dt.tzinfo

    def is_working_day(self, day: dt.date) -> bool: ...
    def next_working_day(self, day: dt.date) -> dt.date: ...
    def add_working_days(self, start: dt.date, days: int) -> dt.date: ...
    def subtract_working_days(self, end: dt.date, days: int) -> dt.date: ...
    def working_days_between(self, start: dt.date, end: dt.date) -> int: ...
    def add_calendar_days(self, start: dt.date, days: int) -> dt.date: ...
    def add_working_seconds(self, start: dt.datetime, seconds: int) -> dt.datetime: ...
    def working_seconds_between(self, start: dt.datetime, end: dt.datetime) -> int: ...
    def end_of_day(self, day: dt.date) -> dt.datetime: ...
    def office_hours_on(self, day: dt.date) -> OfficeHours: ...
    def receipt_start(self, received_at: dt.datetime) -> dt.datetime: ...


# --------------------------------------------------------------------------------------------
# Choices the law leaves open
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DossierRules:
    """Every parameter of the dossier rules, with the default this platform chose.

    The service layer builds one from settings (``DOSSIER_RULES`` overrides); the rules below
    never read settings themselves. docs/dossier-rules.md explains each choice.
    """

    #: Channels to which the 15:00 cut-off applies (NĐ 61/2018 Điều 18 is written for the transfer
    #: of paper dossiers; applying it to online and postal dossiers too is our choice, so that one
    #: reception rule holds for every channel). Channels left out only roll over outside office
    #: hours or on a day off (NĐ 45/2020, ❓ U).
    cutoff_channels: frozenset[Channel] = frozenset(Channel)
    #: A supplement may be requested during processing no later than this many working days after
    #: reception (NĐ 61/2018 Điều 19 khoản 4).
    supplement_request_working_days: int = 3
    #: How many times a supplement may be requested during processing (NĐ 61/2018 Điều 19 khoản 4,
    #: "không quá một lần", ❓ U — quoted from memory).
    max_supplement_requests_in_processing: int = 1
    #: The apology and new appointment must be issued at least this many working days before the
    #: due date (NĐ 61/2018 Điều 19 khoản 9: "chậm nhất 01 ngày trước ngày hết hạn"; we read
    #: "ngày" as a working day, legal-rules §2.6).
    apology_lead_working_days: int = 1
    #: Alert the handler and the one-stop head this many working days before the apology deadline.
    apology_alert_working_days: int = 1
    #: The return date may be rescheduled at most this many times (Điều 19 khoản 9: "không quá một lần").
    max_extensions: int = 1
    #: Upper bound on the new appointment, in working days after the original due date (no legal
    #: bound; ``None`` = none).
    max_extension_working_days: int | None = None
    #: Which due date citizen-facing KPIs measure lateness against (legal-rules §2.10, ❓ U).
    kpi_due: Literal["original", "extended"] = "original"
    #: Whether the clock pauses while the applicant pays fees or taxes (specialised law, ❓ U).
    fees_pause_clock: bool = False

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> DossierRules:
        """Build from a settings mapping (e.g. ``settings.DOSSIER_RULES``); strings as from the environment.

        Unknown keys are an error, so a misspelt setting cannot be silently ignored.
        """
        names = {f.name: f for f in fields(cls)}
        unknown = set(values) - set(names)
        if unknown:
            raise ValueError(f"Unknown dossier rule(s): {', '.join(sorted(unknown))}.")
        kwargs: dict[str, Any] = {}
        for key, raw in values.items():
            if key == "cutoff_channels":
                items = raw.split(",") if isinstance(raw, str) else raw
                kwargs[key] = frozenset(Channel(str(c).strip()) for c in items if str(c).strip())
            elif key == "fees_pause_clock":
                kwargs[key] = raw if isinstance(raw, bool) else str(raw).strip().lower() in {"1", "true", "yes", "on"}
            elif key == "kpi_due":
                kwargs[key] = str(raw)
            elif key == "max_extension_working_days" and raw in (None, ""):
                kwargs[key] = None
            else:
                kwargs[key] = int(raw)
        return cls(**kwargs)

    def __post_init__(self) -> None:
        if self.supplement_request_working_days < 0 or self.apology_lead_working_days < 0:
            raise ValueError("Working-day limits must not be negative.")
        if self.max_extensions < 0 or self.max_supplement_requests_in_processing < 0:
            raise ValueError("Counts must not be negative.")
        if self.kpi_due not in ("original", "extended"):
            raise ValueError("kpi_due must be 'original' or 'extended'.")


DEFAULT_RULES = DossierRules()


class TimeUnit(StrEnum):
    """How a procedure's time limit (thời hạn giải quyết) is expressed in the TTHC catalogue."""

    WORKING_DAYS = "working_days"  # ngày làm việc (the usual case, legal-rules §2.10)
    WORKING_HOURS = "working_hours"  # giờ làm việc (provincial internal procedures, §2.5)
    CALENDAR_DAYS = "calendar_days"  # ngày (theo lịch)
    IMMEDIATE = "immediate"  # giải quyết ngay / trả kết quả ngay (NĐ 61 Điều 17 khoản 4)


@dataclass(frozen=True)
class TimeLimit:
    """A procedure's legal time limit: ``amount`` × ``unit``; ``IMMEDIATE`` ignores the amount.

    Fractional working days (e.g. "0,5 ngày làm việc") are counted in working hours at the
    calendar's hours per day (8, legal-rules §2.5). Calendar days must be whole.
    """

    amount: Decimal | int
    unit: TimeUnit | str

    @classmethod
    def from_catalogue(cls, amount: Decimal | int, measure: str, immediate: bool = False) -> TimeLimit:
        """Build from the procedure catalogue's ``time_amount``, ``time_measure``, ``is_immediate``.

        An immediate procedure ("giải quyết ngay trong ngày"; after 15:00, the next working day)
        is due on the day its clock starts, whatever ceiling the catalogue keeps beside it.
        """
        return cls(amount, TimeUnit.IMMEDIATE if immediate else TimeUnit(measure))

    def __post_init__(self) -> None:
        object.__setattr__(self, "unit", TimeUnit(self.unit))
        object.__setattr__(self, "amount", Decimal(self.amount))
        if self.amount < 0:
            raise ValueError("A time limit must not be negative.")
        if self.unit == TimeUnit.CALENDAR_DAYS and self.amount != self.amount.to_integral_value():
            raise ValueError("Calendar days must be whole.")


# --------------------------------------------------------------------------------------------
# Reception and the due date (hẹn trả)
# --------------------------------------------------------------------------------------------


def postal_submitted_at(
    handover_signed_at: dt.datetime, supplement_completed_at: dt.datetime | None = None
) -> dt.datetime:
    """When a dossier sent through the public postal service counts as submitted.

    QĐ 45/2016/QĐ-TTg Điều 7: from the signing of the hand-over record (biên bản giao nhận hồ sơ)
    between the postal worker and the authority; where a supplement was needed, from the moment
    the supplement is complete.
    """
    require_aware(handover_signed_at, "handover_signed_at")
    if supplement_completed_at is None:
        return handover_signed_at
    require_aware(supplement_completed_at, "supplement_completed_at")
    if supplement_completed_at < handover_signed_at:
        raise ValueError("The supplement cannot be completed before the hand-over record is signed.")
    return supplement_completed_at


def clock_start(
    received_at: dt.datetime,
    cal: Calendar,
    *,
    channel: Channel | str = Channel.DIRECT,
    rules: DossierRules = DEFAULT_RULES,
) -> dt.datetime:
    """The instant the processing clock starts for a dossier received at ``received_at``.

    * NĐ 61/2018/NĐ-CP Điều 18: a dossier received after the cut-off (15:00, set in the
      calendar's office hours) or on a day off is handled from the start of the next working day.
    * NĐ 45/2020/NĐ-CP (❓ U): an online dossier submitted outside office hours or on a day off
      counts as received at the start of the next working day.
    * Channels in ``rules.cutoff_channels`` get the cut-off; others only the out-of-hours rule.
    """
    require_aware(received_at, "received_at")
    if Channel(channel) in rules.cutoff_channels:
        return cal.receipt_start(received_at)
    local = received_at.astimezone(cal.tz)
    day = local.date()
    if cal.is_working_day(day):
        hours = cal.office_hours_on(day)
        if local.time() < hours.morning_start:
            return dt.datetime.combine(day, hours.morning_start, tzinfo=cal.tz)
        if local.time() < hours.afternoon_end:
            return local
    day = cal.next_working_day(day)
    return dt.datetime.combine(day, cal.office_hours_on(day).morning_start, tzinfo=cal.tz)


def _due_from_start(start: dt.datetime, limit: TimeLimit, cal: Calendar) -> Due:
    day = start.astimezone(cal.tz).date()
    amount = Decimal(limit.amount)
    if limit.unit == TimeUnit.IMMEDIATE:
        return Due(cal.end_of_day(day), day)
    if limit.unit == TimeUnit.CALENDAR_DAYS:
        last = cal.add_calendar_days(day, int(amount))
        return Due(cal.end_of_day(last), last)
    if limit.unit == TimeUnit.WORKING_DAYS and amount == amount.to_integral_value():
        # BLDS 2015 Điều 147: the reception day is not counted; the period ends at 24:00 of the
        # last working day (Điều 148).
        last = cal.add_working_days(day, int(amount))
        return Due(cal.end_of_day(last), last)
    hours = amount if limit.unit == TimeUnit.WORKING_HOURS else amount * cal.office_hours_on(day).hours_per_day
    due_at = cal.add_working_seconds(start, int(hours * 3600))
    return Due(due_at, due_at.astimezone(cal.tz).date())


def due_at_reception(
    received_at: dt.datetime,
    limit: TimeLimit,
    cal: Calendar,
    *,
    channel: Channel | str = Channel.DIRECT,
    rules: DossierRules = DEFAULT_RULES,
) -> Due:
    """The due date printed on the Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu 01).

    NĐ 61/2018/NĐ-CP Điều 17 khoản 1 điểm c: the clock starts at reception of a complete dossier;
    the start is moved by :func:`clock_start` (15:00 cut-off, days off). Working and calendar
    days follow BLDS 2015 Điều 147–148 (first day not counted; a period ending on a day off ends
    on the next working day; at 24:00); working hours run inside office hours only. For a postal
    dossier pass :func:`postal_submitted_at` as ``received_at``.
    """
    return _due_from_start(clock_start(received_at, cal, channel=channel, rules=rules), limit, cal)


def due_after_supplement(
    completed_at: dt.datetime,
    limit: TimeLimit,
    cal: Calendar,
    *,
    channel: Channel | str = Channel.DIRECT,
    rules: DossierRules = DEFAULT_RULES,
) -> Due:
    """The new due date once a supplement requested during processing is complete.

    NĐ 61/2018/NĐ-CP Điều 19 khoản 4: the processing time restarts from zero when the complete
    dossier is received; the completion counts as a new reception (same cut-off rule). For the
    postal channel the completion time is the one given by :func:`postal_submitted_at`.
    """
    return due_at_reception(completed_at, limit, cal, channel=channel, rules=rules)


def step_due(started_at: dt.datetime, hours: Decimal | int, cal: Calendar) -> dt.datetime:
    """Deadline of one internal step (consultation, inter-agency, a handler's share) in working hours.

    NĐ 61/2018/NĐ-CP Điều 19 khoản 5–7: each consulted or linked body gets its own deadline;
    provincial internal procedures budget the steps in working hours (legal-rules §2.5).
    """
    require_aware(started_at, "started_at")
    return cal.add_working_seconds(started_at, int(Decimal(hours) * 3600))


def as_due(value: Due | dt.datetime, tz: dt.tzinfo = VIETNAM_TZ) -> Due:
    """A stored due instant back to a :class:`Due` (the last day is the day of the last instant)."""
    if isinstance(value, Due):
        return value
    require_aware(value, "due")
    return Due(value, (value - dt.timedelta(microseconds=1)).astimezone(tz).date())


# --------------------------------------------------------------------------------------------
# Supplement during processing (yêu cầu bổ sung trong quá trình giải quyết)
# --------------------------------------------------------------------------------------------


def supplement_request_deadline(
    received_at: dt.datetime,
    cal: Calendar,
    *,
    channel: Channel | str = Channel.DIRECT,
    rules: DossierRules = DEFAULT_RULES,
) -> dt.date:
    """The last day on which a supplement may be requested during processing.

    NĐ 61/2018/NĐ-CP Điều 19 khoản 4: "chậm nhất sau 03 ngày làm việc kể từ ngày tiếp nhận hồ sơ".
    Counted from the day the dossier counts as received (after the cut-off rule), that day not
    counted (BLDS 2015 Điều 147).
    """
    start = clock_start(received_at, cal, channel=channel, rules=rules)
    return cal.add_working_days(start.astimezone(cal.tz).date(), rules.supplement_request_working_days)


def supplement_request_allowed(
    received_at: dt.datetime,
    now: dt.datetime,
    cal: Calendar,
    *,
    already_requested: int = 0,
    channel: Channel | str = Channel.DIRECT,
    rules: DossierRules = DEFAULT_RULES,
) -> Decision:
    """May the handler still return the dossier for a supplement (Mẫu 02) at ``now``?

    NĐ 61/2018/NĐ-CP Điều 19 khoản 4: no later than 03 working days after reception, and
    (❓ U) not more than once during processing. Past the limit, the body must settle the
    dossier or refuse it with reasons (Điều 19 khoản 8).
    """
    require_aware(now, "now")
    if already_requested >= rules.max_supplement_requests_in_processing:
        return Decision.no(
            "supplement.already_requested",
            _("A supplement has already been requested during processing; it may be requested only %(limit)s time(s)."),
            limit=rules.max_supplement_requests_in_processing,
        )
    deadline = supplement_request_deadline(received_at, cal, channel=channel, rules=rules)
    if local_date(now, cal.tz) > deadline:
        return Decision.no(
            "supplement.too_late",
            _(
                "A supplement may be requested no later than %(days)s working days after reception "
                "(until %(deadline)s); the dossier must now be settled or refused with reasons."
            ),
            days=rules.supplement_request_working_days,
            deadline=deadline.strftime("%d/%m/%Y"),
        )
    return Decision.yes()


# --------------------------------------------------------------------------------------------
# Clock pauses (fees) — only if the rules say so
# --------------------------------------------------------------------------------------------


def clock_is_paused(status: DossierStatus | str, rules: DossierRules = DEFAULT_RULES) -> bool:
    """True when the legal clock does not run in ``status``.

    Not started before reception (NĐ 61 Điều 17); waiting for a supplement requested during
    processing it will restart from zero (Điều 19 khoản 4); waiting for fees only if
    ``rules.fees_pause_clock`` (specialised law, ❓ U); stopped once the result is ready.
    """
    state = CLOCK_STATES[DossierStatus(status)]
    if state == ClockState.FEES:
        return rules.fees_pause_clock
    return state != ClockState.RUNNING


def remaining_at_pause(paused_at: dt.datetime, due: Due, unit: TimeUnit | str, cal: Calendar) -> int:
    """What is left of the period when the clock pauses: working days, or working seconds.

    Working-day and calendar-day periods keep whole days; immediate procedures keep 0.
    """
    require_aware(paused_at, "paused_at")
    unit = TimeUnit(unit)
    if unit == TimeUnit.WORKING_HOURS:
        return cal.working_seconds_between(paused_at, due.due_at)
    day = paused_at.astimezone(cal.tz).date()
    if unit == TimeUnit.CALENDAR_DAYS:
        return max(0, (due.due_date - day).days)
    if unit == TimeUnit.IMMEDIATE:
        return 0
    return max(0, cal.working_days_between(day, due.due_date))


def due_after_resume(resumed_at: dt.datetime, remaining: int, unit: TimeUnit | str, cal: Calendar) -> Due:
    """The due date when a paused clock resumes with ``remaining`` (from :func:`remaining_at_pause`)."""
    require_aware(resumed_at, "resumed_at")
    unit = TimeUnit(unit)
    if unit == TimeUnit.WORKING_HOURS:
        due_at = cal.add_working_seconds(resumed_at, remaining)
        return Due(due_at, due_at.astimezone(cal.tz).date())
    day = resumed_at.astimezone(cal.tz).date()
    if unit == TimeUnit.CALENDAR_DAYS:
        last = cal.add_calendar_days(day, remaining)
    else:
        last = cal.add_working_days(day, remaining)
    return Due(cal.end_of_day(last), last)


# --------------------------------------------------------------------------------------------
# Lateness ahead of time, apology and new appointment (xin lỗi, hẹn lại)
# --------------------------------------------------------------------------------------------


def is_overdue(now: dt.datetime, due: Due | dt.datetime) -> bool:
    """True once the period has ended (quá hạn): after 24:00 of the appointment day."""
    return require_aware(now, "now") > as_due(due).due_at


def is_predicted_late(
    due: Due | dt.datetime, now: dt.datetime, remaining_step_hours: Decimal | float, cal: Calendar
) -> bool:
    """A dossier that *will be* late (hồ sơ dự kiến quá hạn, NĐ 61/2018 Điều 19 khoản 9).

    True when it is already overdue, or when the working hours budgeted for the steps still to
    do exceed the office hours left before the due instant.
    """
    due = as_due(due)
    if is_overdue(now, due):
        return True
    left_seconds = cal.working_seconds_between(now, due.due_at)
    return Decimal(str(remaining_step_hours)) * 3600 > left_seconds


def needs_apology_now(
    due: Due | dt.datetime,
    now: dt.datetime,
    remaining_step_hours: Decimal | float,
    cal: Calendar,
    rules: DossierRules = DEFAULT_RULES,
) -> bool:
    """Predicted late while the apology is still lawful (NĐ 61/2018 Điều 19 khoản 9).

    The apology and new appointment must be issued "chậm nhất 01 ngày trước ngày hết hạn", so
    a dossier is flagged as soon as the working hours budgeted for its remaining steps no longer
    fit before the end of the apology deadline day — not only when they no longer fit before the
    due time, by which point the apology is already too late.
    """
    if is_predicted_late(due, now, remaining_step_hours, cal):
        return True
    if Decimal(str(remaining_step_hours)) <= 0:
        return False
    last_day = apology_deadline(due, cal, rules)
    end_of_last_day = dt.datetime.combine(last_day + dt.timedelta(days=1), dt.time(0, 0), tzinfo=VIETNAM_TZ)
    return Decimal(str(remaining_step_hours)) * 3600 > cal.working_seconds_between(now, end_of_last_day)


def apology_deadline(due: Due | dt.datetime, cal: Calendar, rules: DossierRules = DEFAULT_RULES) -> dt.date:
    """The last day to issue the apology and new appointment (Mẫu 04).

    NĐ 61/2018/NĐ-CP Điều 19 khoản 9: "chậm nhất 01 ngày trước ngày hết hạn" — computed as the
    due date minus ``rules.apology_lead_working_days`` working days.
    """
    return cal.subtract_working_days(as_due(due).due_date, rules.apology_lead_working_days)


def apology_alert_date(due: Due | dt.datetime, cal: Calendar, rules: DossierRules = DEFAULT_RULES) -> dt.date:
    """When to alert the handler and the one-stop head that the apology deadline is near (§2.6)."""
    return cal.subtract_working_days(apology_deadline(due, cal, rules), rules.apology_alert_working_days)


def can_issue_apology(
    due: Due | dt.datetime,
    now: dt.datetime,
    already_issued: int | bool,
    cal: Calendar,
    rules: DossierRules = DEFAULT_RULES,
) -> Decision:
    """May the deciding body issue the apology and new appointment (Mẫu 04) at ``now``?

    NĐ 61/2018/NĐ-CP Điều 19 khoản 9: at least one (working) day before the due date, and the
    return date may be rescheduled at most once. Past the deadline the dossier stays late for
    reporting; the commune can still send an apology letter (thư xin lỗi, plan §1.6).
    """
    require_aware(now, "now")
    if int(already_issued) >= rules.max_extensions:
        return Decision.no(
            "apology.already_issued",
            _(
                "The return date has already been rescheduled; the law allows it only once "
                "(Decree 61/2018 Article 19.9). Escalate to the head of the one-stop shop."
            ),
        )
    deadline = apology_deadline(due, cal, rules)
    if local_date(now, cal.tz) > deadline:
        return Decision.no(
            "apology.too_late",
            _(
                "The apology and new appointment had to be issued by %(deadline)s, one working day "
                "before the due date. The dossier will be reported late; send an apology letter instead."
            ),
            deadline=deadline.strftime("%d/%m/%Y"),
        )
    return Decision.yes()


def validate_new_due(
    original: Due | dt.datetime,
    new_due: dt.date | dt.datetime,
    cal: Calendar,
    rules: DossierRules = DEFAULT_RULES,
) -> Due:
    """Check the new appointment of an apology slip and return it as a :class:`Due`.

    NĐ 61/2018/NĐ-CP Điều 19 khoản 9: the apology states the proposed new return date; it must
    fall after the original due date, on a working day, and (our choice) within
    ``rules.max_extension_working_days`` when set. Raises :class:`DossierRuleError`.
    """
    original = as_due(original)
    if isinstance(new_due, dt.datetime):
        require_aware(new_due, "new_due")
        day = new_due.astimezone(cal.tz).date()
        result = Due(new_due, day)
    else:
        day = new_due
        result = Due(cal.end_of_day(day), day)
    if day <= original.due_date:
        raise DossierRuleError(
            "apology.new_date_not_after_due",
            _("The new return date must be after the original due date (%(due)s)."),
            due=original.due_date.strftime("%d/%m/%Y"),
        )
    if not cal.is_working_day(day):
        raise DossierRuleError(
            "apology.new_date_not_working_day",
            _("The new return date %(date)s is not a working day."),
            date=day.strftime("%d/%m/%Y"),
        )
    limit = rules.max_extension_working_days
    if limit is not None and cal.working_days_between(original.due_date, day) > limit:
        raise DossierRuleError(
            "apology.extension_too_long",
            _("The new return date may be at most %(days)s working days after the original due date."),
            days=limit,
        )
    return result


# --------------------------------------------------------------------------------------------
# Early, on time, late (trước hạn, đúng hạn, quá hạn)
# --------------------------------------------------------------------------------------------


def classify_return(returned_at: dt.datetime, due: Due | dt.datetime, tz: dt.tzinfo = VIETNAM_TZ) -> Timeliness:
    """Early, on time or late (legal-rules §2.10; TT 01/2018/TT-VPCP Điều 13 Chỉ số 1; Mẫu 05).

    Early: returned before the appointment day. On time: returned on the appointment day (and,
    for an hour-based period, not after the due instant). Late: returned after the due instant.
    """
    require_aware(returned_at, "returned_at")
    return classify_completion(returned_at, as_due(due, tz), tz)


def classify_step(finished_at: dt.datetime, step_due_at: dt.datetime, tz: dt.tzinfo = VIETNAM_TZ) -> Timeliness:
    """One unit's step of the hand-off trail: early, on time or late (Mẫu 05, column "Kết quả
    giải quyết hồ sơ (trước hạn / đúng hạn / quá hạn)"; TT 01/2018/TT-VPCP Điều 13 Chỉ số 2).

    The same rule as the return (legal-rules §2.10): early when the step ends before the day it
    is due, on time on that day up to the due instant, late after it. A step due at 24:00 (a
    day's end) is due on that day.
    """
    require_aware(finished_at, "finished_at")
    return classify_completion(finished_at, as_due(step_due_at, tz), tz)


@dataclass(frozen=True)
class ReturnClassification:
    """A return classified against both due dates (legal-rules §2.10: keep two due dates)."""

    against_original: Timeliness
    against_extended: Timeliness | None
    kpi: Timeliness

    @property
    def rescued_by_extension(self) -> bool:
        """Late against the original appointment but within the new one (Mẫu 04)."""
        return self.against_original == Timeliness.LATE and self.against_extended not in (None, Timeliness.LATE)


def classify_for_reporting(
    returned_at: dt.datetime,
    original_due: Due | dt.datetime,
    extended_due: Due | dt.datetime | None = None,
    rules: DossierRules = DEFAULT_RULES,
    tz: dt.tzinfo = VIETNAM_TZ,
) -> ReturnClassification:
    """Classify a return for reports: ``kpi`` follows ``rules.kpi_due`` (default: the original due).

    Our choice (legal-rules §2.6, §2.10, ❓ U): an extension keeps the citizen's original
    appointment as the yardstick for citizen-facing KPIs — the citizen still waited longer than
    promised — and the extension is shown separately. ``kpi_due="extended"`` mirrors dashboards
    that count a timely extension as on time.
    """
    original = classify_return(returned_at, original_due, tz)
    extended = classify_return(returned_at, extended_due, tz) if extended_due is not None else None
    kpi = extended if rules.kpi_due == "extended" and extended is not None else original
    return ReturnClassification(original, extended, kpi)


_TIMELINESS_LABELS: dict[Timeliness, Promise] = {
    Timeliness.EARLY: pgettext_lazy("timeliness", "Early"),
    Timeliness.ON_TIME: pgettext_lazy("timeliness", "On time"),
    Timeliness.LATE: pgettext_lazy("timeliness", "Late"),
}


def timeliness_label(value: Timeliness | str) -> Promise:
    """Translatable label of a classification (trước hạn, đúng hạn, quá hạn)."""
    return _TIMELINESS_LABELS[Timeliness(value)]
