"""The working-day calendar (lịch ngày làm việc) behind every legal clock.

Pure Python: no ORM, no clock reads. A :class:`WorkingCalendar` is built from plain values — the
public holidays (ngày nghỉ lễ, tết) with their names, the administrator's override rows (a day
off or a make-up working day, each with its legal basis) and the office-hours rules in force —
and answers every question a deadline needs:

* which days are working days (ngày làm việc): Monday to Friday for civil servants
  (QĐ 188/1999/QĐ-TTg, 40-hour week; BLLĐ 2019 Điều 105), minus the statutory holidays
  (BLLĐ 2019 Điều 111 khoản 3 — nghỉ bù —, Điều 112) and the announced swapped days off, plus the
  announced make-up working Saturdays (hoán đổi ngày làm việc; legal-rules §4);
* periods counted in working days, in calendar days and in working hours, with the Civil Code
  convention (Bộ luật Dân sự 2015 Điều 147–148): the first day is not counted; a period whose
  last day is a day off ends at the end of the next working day; a day ends at 24:00;
* the 15:00 receipt cut-off (NĐ 61/2018/NĐ-CP Điều 18): a paper dossier received after 15:00,
  or on a day off, is handled from the next working day.

Days outside the calendar's year range raise :class:`CalendarRangeError` rather than silently
ignoring holidays.

Precomputation makes the common question — "add N working days to this date" — two list look-ups,
so a batch of a million due dates takes well under a second (``bench/calendar_bench.py``).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from zoneinfo import ZoneInfo

VIETNAM_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
SATURDAY, SUNDAY = 5, 6
_DAY_SECONDS = 24 * 3600


class CalendarRangeError(ValueError):
    """The computation needs a day outside the years the calendar was built for."""


class OverrideKind(StrEnum):
    """What an override row does to its date."""

    DAY_OFF = "day_off"  # ngày nghỉ (e.g. a weekday swapped to join a holiday)
    WORKING_DAY = "working_day"  # ngày làm việc bù (e.g. the Saturday that pays for the swap)


class DayReason(StrEnum):
    """Why a day is (not) a working day."""

    WEEKDAY = "weekday"
    WEEKEND = "weekend"
    HOLIDAY = "holiday"  # a public holiday or nghỉ bù from the holidays table
    OVERRIDE_DAY_OFF = "day_off"  # an administrator's override: day off
    OVERRIDE_WORKING_DAY = "working_day"  # an administrator's override: make-up working day


class Measure(StrEnum):
    """The unit a legal period is expressed in."""

    WORKING_DAYS = "working_days"  # ngày làm việc
    WORKING_HOURS = "working_hours"  # giờ làm việc (8 per working day)
    CALENDAR_DAYS = "calendar_days"  # ngày (theo lịch)


class Timeliness(StrEnum):
    """Classification of a finished clock (legal-rules §2.10; TT 01/2018 Chỉ số 1)."""

    EARLY = "early"  # trước hạn
    ON_TIME = "on_time"  # đúng hạn
    LATE = "late"  # quá hạn


@dataclass(frozen=True, slots=True)
class Override:
    """One administrator's row: ``day`` is a day off, or a working day, whatever else applies."""

    day: dt.date
    kind: OverrideKind | str
    name: str = ""
    legal_basis: str = ""


@dataclass(frozen=True, slots=True)
class OfficeHours:
    """Office hours (giờ hành chính) and the receipt cut-off, in force from ``effective_from``.

    ``hours_per_day`` converts days to hours ("tính mỗi ngày 08 giờ làm việc", provincial
    internal procedures, legal-rules §2.5). Working-hour clocks consume the real office minutes
    of the two periods below; the two are meant to agree (the data layer validates it).
    ``receipt_cutoff``: NĐ 61/2018 Điều 18 — dossiers received after 15:00 go on the next
    working day.
    """

    effective_from: dt.date = dt.date.min
    morning_start: dt.time = dt.time(7, 30)
    morning_end: dt.time = dt.time(11, 30)
    afternoon_start: dt.time = dt.time(13, 30)
    afternoon_end: dt.time = dt.time(17, 30)
    hours_per_day: int = 8
    receipt_cutoff: dt.time = dt.time(15, 0)
    legal_basis: str = ""

    def __post_init__(self) -> None:
        if not (self.morning_start < self.morning_end <= self.afternoon_start < self.afternoon_end):
            raise ValueError("Office hours must be ordered: morning start < morning end ≤ afternoon start < end.")
        if not 1 <= self.hours_per_day <= 24:
            raise ValueError("hours_per_day must be between 1 and 24.")

    @property
    def periods(self) -> tuple[tuple[int, int], tuple[int, int]]:
        """The two office periods as (start, end) seconds since midnight."""
        return (
            (_seconds(self.morning_start), _seconds(self.morning_end)),
            (_seconds(self.afternoon_start), _seconds(self.afternoon_end)),
        )

    @property
    def office_seconds(self) -> int:
        return sum(end - start for start, end in self.periods)


DEFAULT_OFFICE_HOURS = OfficeHours()


@dataclass(frozen=True, slots=True)
class DayInfo:
    """One day as the public calendar shows it."""

    day: dt.date
    is_working: bool
    reason: DayReason
    name: str = ""
    legal_basis: str = ""


@dataclass(frozen=True, slots=True)
class CalendarEntry:
    """A named day of the year: a holiday, an override day off, or a make-up working day."""

    day: dt.date
    name: str
    kind: str  # "holiday" | "day_off" | "working_day"
    is_working: bool
    legal_basis: str = ""


@dataclass(frozen=True, slots=True)
class Due:
    """When a period ends: ``due_at`` is the end instant (exclusive), ``due_date`` the last day."""

    due_at: dt.datetime
    due_date: dt.date


def _seconds(t: dt.time) -> int:
    return t.hour * 3600 + t.minute * 60 + t.second


# Default legal basis shown for days that come from the statutory holidays table.
HOLIDAY_LEGAL_BASIS = "Bộ luật Lao động 2019, Điều 111 khoản 3 và Điều 112"


class WorkingCalendar:
    """Working days of the civil service over ``first_year``..``last_year`` (inclusive).

    Precedence for one day: an override row wins; otherwise a public holiday is a day off;
    otherwise Saturday and Sunday are days off; otherwise it is a working day.
    """

    def __init__(
        self,
        *,
        first_year: int,
        last_year: int,
        holidays: Mapping[dt.date, str],
        overrides: Iterable[Override] = (),
        office_hours: Sequence[OfficeHours] = (DEFAULT_OFFICE_HOURS,),
        weekend: Iterable[int] = (SATURDAY, SUNDAY),
        tz: dt.tzinfo = VIETNAM_TZ,
    ) -> None:
        if last_year < first_year:
            raise ValueError("last_year must not be before first_year.")
        self.first_day = dt.date(first_year, 1, 1)
        self.last_day = dt.date(last_year, 12, 31)
        self.tz = tz
        self.weekend = frozenset(weekend)
        self._holidays = {d: n for d, n in holidays.items() if self.first_day <= d <= self.last_day}
        self._overrides: dict[dt.date, Override] = {}
        for row in overrides:
            self._overrides[row.day] = Override(row.day, OverrideKind(row.kind), row.name, row.legal_basis)
        rules = sorted(office_hours or (DEFAULT_OFFICE_HOURS,), key=lambda r: r.effective_from)
        self._rules = rules
        self._rule_starts = [r.effective_from for r in rules]

        base = self.first_day.toordinal()
        size = self.last_day.toordinal() - base + 1
        self._base = base
        flags = bytearray(size)
        work_ords: list[int] = []
        # count_le[i]: number of working days on or before base+i, i.e. the index in work_ords of
        # the first working day strictly after base+i.
        count_le = [0] * size
        count = 0
        for i in range(size):
            day = dt.date.fromordinal(base + i)
            if self._classify(day)[0]:
                flags[i] = 1
                work_ords.append(base + i)
                count += 1
            count_le[i] = count
        self._flags = bytes(flags)
        self._work = work_ords
        self._count_le = count_le

    # ---- one day -------------------------------------------------------------------------

    def _classify(self, day: dt.date) -> tuple[bool, DayReason, str, str]:
        row = self._overrides.get(day)
        if row is not None:
            if row.kind == OverrideKind.WORKING_DAY:
                return True, DayReason.OVERRIDE_WORKING_DAY, row.name, row.legal_basis
            return False, DayReason.OVERRIDE_DAY_OFF, row.name, row.legal_basis
        name = self._holidays.get(day)
        if name is not None:
            return False, DayReason.HOLIDAY, name, HOLIDAY_LEGAL_BASIS
        if day.weekday() in self.weekend:
            return False, DayReason.WEEKEND, "", ""
        return True, DayReason.WEEKDAY, "", ""

    def _index(self, day: dt.date) -> int:
        i = day.toordinal() - self._base
        if i < 0 or i >= len(self._flags):
            raise CalendarRangeError(f"{day.isoformat()} is outside {self.first_day.year}–{self.last_day.year}.")
        return i

    def covers(self, day: dt.date) -> bool:
        return self.first_day <= day <= self.last_day

    def is_working_day(self, day: dt.date) -> bool:
        """True if civil servants work on ``day`` (Mon–Fri or a make-up day, and not a day off)."""
        return bool(self._flags[self._index(day)])

    def day_info(self, day: dt.date) -> DayInfo:
        self._index(day)
        is_working, reason, name, basis = self._classify(day)
        return DayInfo(day, is_working, reason, name, basis)

    def _work_at(self, index: int) -> dt.date:
        if index < 0 or index >= len(self._work):
            raise CalendarRangeError(f"The result falls outside {self.first_day.year}–{self.last_day.year}.")
        return dt.date.fromordinal(self._work[index])

    def next_working_day(self, day: dt.date) -> dt.date:
        """The first working day strictly after ``day``."""
        return self._work_at(self._count_le[self._index(day)])

    def previous_working_day(self, day: dt.date) -> dt.date:
        """The last working day strictly before ``day``."""
        i = self._index(day)
        return self._work_at(self._count_le[i] - self._flags[i] - 1)

    def working_day_on_or_after(self, day: dt.date) -> dt.date:
        return day if self.is_working_day(day) else self.next_working_day(day)

    # ---- periods in days -------------------------------------------------------------------

    def add_working_days(self, start: dt.date, days: int) -> dt.date:
        """The last day of a period of ``days`` working days counted from ``start``.

        BLDS 2015 Điều 147 khoản 1: the first day (``start``) is not counted; the first working
        day after ``start`` is day 1. ``days == 0`` gives ``start`` itself if it is a working
        day, else the next working day (a same-day procedure received on a day off).
        """
        if days < 0:
            raise ValueError("days must not be negative.")
        i = self._index(start)
        if days == 0:
            return self._work_at(self._count_le[i] - self._flags[i])
        return self._work_at(self._count_le[i] + days - 1)

    def subtract_working_days(self, end: dt.date, days: int) -> dt.date:
        """The working day ``days`` working days before ``end`` (``end`` itself not counted)."""
        if days < 0:
            raise ValueError("days must not be negative.")
        i = self._index(end)
        if days == 0:
            return end if self._flags[i] else self.previous_working_day(end)
        return self._work_at(self._count_le[i] - self._flags[i] - days)

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Number of working days ``d`` with ``start < d <= end`` (negative if ``end < start``).

        The inverse of :meth:`add_working_days`: ``working_days_between(s, add_working_days(s, n))
        == n`` for ``n >= 1``.
        """
        return self._count_le[self._index(end)] - self._count_le[self._index(start)]

    def add_calendar_days(self, start: dt.date, days: int) -> dt.date:
        """The last day of a period of ``days`` calendar days counted from ``start``.

        BLDS 2015 Điều 147 khoản 1: the first day is not counted. Điều 148 khoản 5: when the
        last day is a weekend day or a public holiday, the period ends at the end of the next
        working day.
        """
        if days < 0:
            raise ValueError("days must not be negative.")
        end = start + dt.timedelta(days=days)
        return self.working_day_on_or_after(end)

    # ---- office hours and working hours ----------------------------------------------------

    def office_hours_on(self, day: dt.date) -> OfficeHours:
        """The office-hours rule in force on ``day`` (the earliest rule covers earlier days)."""
        i = bisect_right(self._rule_starts, day) - 1
        return self._rules[max(i, 0)]

    def _local(self, moment: dt.datetime) -> dt.datetime:
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise ValueError("Datetimes must be timezone-aware.")
        return moment.astimezone(self.tz)

    def _at(self, day: dt.date, seconds: int) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(), tzinfo=self.tz) + dt.timedelta(seconds=seconds)

    def end_of_day(self, day: dt.date) -> dt.datetime:
        """24:00 of ``day`` (BLDS 2015 Điều 148 khoản 6), i.e. 00:00 of the next day, local time."""
        return self._at(day, _DAY_SECONDS)

    def add_working_hours(self, start: dt.datetime, hours: float) -> dt.datetime:
        """The instant ``hours`` office hours after ``start``.

        Time runs only inside office hours of working days (lunch, evenings and days off are
        skipped); a period that runs out exactly at the end of a session ends there (e.g. 17:30),
        not at the next morning. Provincial internal procedures count 8 working hours per
        working day (legal-rules §2.5, §2.10).
        """
        return self.add_working_seconds(start, round(hours * 3600))

    def add_working_seconds(self, start: dt.datetime, seconds: int) -> dt.datetime:
        if seconds < 0:
            raise ValueError("The duration must not be negative.")
        local = self._local(start)
        day = local.date()
        pos = local.hour * 3600 + local.minute * 60 + local.second
        remaining = seconds
        if remaining == 0:
            return local
        while True:
            if self.is_working_day(day):
                for period_start, period_end in self.office_hours_on(day).periods:
                    if pos >= period_end:
                        continue
                    begin = max(pos, period_start)
                    available = period_end - begin
                    if remaining <= available:
                        return self._at(day, begin + remaining)
                    remaining -= available
                    pos = period_end
            day = self.next_working_day(day)
            pos = 0

    def subtract_working_hours(self, end: dt.datetime, hours: float) -> dt.datetime:
        """The instant ``hours`` office hours before ``end`` (the mirror of :meth:`add_working_hours`)."""
        remaining = round(hours * 3600)
        if remaining < 0:
            raise ValueError("The duration must not be negative.")
        local = self._local(end)
        day = local.date()
        pos = local.hour * 3600 + local.minute * 60 + local.second
        if remaining == 0:
            return local
        while True:
            if self.is_working_day(day):
                for period_start, period_end in reversed(self.office_hours_on(day).periods):
                    if pos <= period_start:
                        continue
                    finish = min(pos, period_end)
                    available = finish - period_start
                    if remaining <= available:
                        return self._at(day, finish - remaining)
                    remaining -= available
                    pos = period_start
            day = self.previous_working_day(day)
            pos = _DAY_SECONDS

    def working_seconds_between(self, start: dt.datetime, end: dt.datetime) -> int:
        """Office seconds in ``[start, end)`` (0 if ``end <= start``)."""
        a, b = self._local(start), self._local(end)
        if b <= a:
            return 0
        total = 0
        day = a.date()
        while day <= b.date():
            if self.is_working_day(day):
                lo = a.hour * 3600 + a.minute * 60 + a.second if day == a.date() else 0
                hi = b.hour * 3600 + b.minute * 60 + b.second if day == b.date() else _DAY_SECONDS
                for period_start, period_end in self.office_hours_on(day).periods:
                    total += max(0, min(hi, period_end) - max(lo, period_start))
                day += dt.timedelta(days=1)
            else:
                day = self.next_working_day(day)
        return total

    # ---- receipt cut-off ---------------------------------------------------------------------

    def is_after_cutoff(self, received_at: dt.datetime) -> bool:
        local = self._local(received_at)
        return local.time() > self.office_hours_on(local.date()).receipt_cutoff

    def receipt_date(self, received_at: dt.datetime) -> dt.date:
        """The day a paper dossier counts as received (ngày tiếp nhận tính thời hạn).

        NĐ 61/2018/NĐ-CP Điều 18: dossiers received after 15:00 (the configurable cut-off) are
        transferred at the start of the next working day; dossiers received on a day off are
        likewise deemed received on the next working day (legal-rules §2.10). Counting then
        starts the day after (BLDS 2015 Điều 147).
        """
        local = self._local(received_at)
        day = local.date()
        if self.is_working_day(day) and not self.is_after_cutoff(local):
            return day
        return self.next_working_day(day)

    def receipt_start(self, received_at: dt.datetime) -> dt.datetime:
        """The instant a working-hours clock starts under the cut-off rule (see :meth:`receipt_date`)."""
        local = self._local(received_at)
        day = self.receipt_date(local)
        if day == local.date():
            return local
        return self._at(day, self.office_hours_on(day).periods[0][0])

    # ---- a whole period ---------------------------------------------------------------------

    def due(self, start: dt.datetime, amount: int, measure: Measure | str, *, receipt_cutoff: bool = False) -> Due:
        """When a period of ``amount`` ``measure`` started at ``start`` ends.

        ``amount`` is in days for day measures and in hours for working hours. Day measures end
        at 24:00 of the last day (BLDS 2015 Điều 148); hour measures end at the instant the
        office hours run out. ``receipt_cutoff`` applies the 15:00 rule first (NĐ 61/2018 Điều 18).
        """
        measure = Measure(measure)
        if measure == Measure.WORKING_HOURS:
            return self.due_in_units(start, amount * 3600, measure, receipt_cutoff=receipt_cutoff)
        return self.due_in_units(start, amount, measure, receipt_cutoff=receipt_cutoff)

    def due_in_units(
        self, start: dt.datetime, units: int, measure: Measure | str, *, receipt_cutoff: bool = False
    ) -> Due:
        """Like :meth:`due`, with ``units`` in base units: days, or seconds for working hours."""
        measure = Measure(measure)
        if measure == Measure.WORKING_HOURS:
            begin = self.receipt_start(start) if receipt_cutoff else self._local(start)
            due_at = self.add_working_seconds(begin, units)
            return Due(due_at, due_at.date())
        first = self.receipt_date(start) if receipt_cutoff else self._local(start).date()
        if measure == Measure.WORKING_DAYS:
            last = self.add_working_days(first, units)
        else:
            last = self.add_calendar_days(first, units)
        return Due(self.end_of_day(last), last)

    def remaining_units(self, at: dt.datetime, due: Due, measure: Measure | str) -> int:
        """What is left of a period at ``at``, in base units (days, or seconds for working hours).

        Used to pause a clock: resuming later with this remainder gives the same end if no time
        passed. Day measures count the days after ``at``'s date up to the last day.
        """
        measure = Measure(measure)
        if measure == Measure.WORKING_HOURS:
            return self.working_seconds_between(at, due.due_at)
        day = self._local(at).date()
        if measure == Measure.WORKING_DAYS:
            return max(0, self.working_days_between(day, due.due_date))
        return max(0, (due.due_date - day).days)

    def warn_from(self, due: Due, measure: Measure | str) -> dt.datetime:
        """When a clock enters its last working day (the D−1 alert, legal-rules §2.6, §11 item 5).

        Day measures: 00:00 of the working day before the last day. Working hours: one working
        day's worth of office hours (``hours_per_day``) before the end.
        """
        measure = Measure(measure)
        if measure == Measure.WORKING_HOURS:
            hours = self.office_hours_on(due.due_date).hours_per_day
            return self.subtract_working_hours(due.due_at, hours)
        return self._at(self.previous_working_day(due.due_date), 0)

    # ---- listings ---------------------------------------------------------------------------

    def entries_for_year(self, year: int) -> list[CalendarEntry]:
        """The year's named days: holidays (also on weekends), override days off and make-up days."""
        days = {d for d in self._holidays if d.year == year} | {d for d in self._overrides if d.year == year}
        entries = []
        for day in sorted(days):
            self._index(day)
            is_working, reason, name, basis = self._classify(day)
            kind = {
                DayReason.OVERRIDE_WORKING_DAY: "working_day",
                DayReason.OVERRIDE_DAY_OFF: "day_off",
            }.get(reason, "holiday")
            entries.append(CalendarEntry(day, name, kind, is_working, basis))
        return entries

    def month_weeks(self, year: int, month: int) -> list[list[DayInfo | None]]:
        """The month as weeks Monday–Sunday; ``None`` pads days of other months."""
        first = dt.date(year, month, 1)
        weeks: list[list[DayInfo | None]] = []
        week: list[DayInfo | None] = [None] * first.weekday()
        day = first
        while day.month == month:
            week.append(self.day_info(day))
            if len(week) == 7:
                weeks.append(week)
                week = []
            day += dt.timedelta(days=1)
        if week:
            weeks.append(week + [None] * (7 - len(week)))
        return weeks

    # ---- batch path -------------------------------------------------------------------------

    def add_working_days_ordinals(self, starts: Sequence[int], days: Sequence[int]) -> list[int]:
        """Batch :meth:`add_working_days` on proleptic ordinals, for ``days >= 1``.

        Two list look-ups per item over the precomputed arrays; the range is checked once.
        """
        if not starts:
            return []
        base = self._base
        if min(starts) < base or max(starts) >= base + len(self._flags):
            raise CalendarRangeError("A start date is outside the calendar.")
        if min(days) < 1:
            raise ValueError("Batch periods must be at least one working day.")
        work, count_le = self._work, self._count_le
        try:
            return [work[count_le[o - base] + n - 1] for o, n in zip(starts, days, strict=True)]
        except IndexError:
            raise CalendarRangeError("A due date falls outside the calendar.") from None

    def add_working_days_many(self, starts: Sequence[dt.date], days: Sequence[int]) -> list[dt.date]:
        """Batch :meth:`add_working_days` on dates (``days >= 1``)."""
        fromordinal = dt.date.fromordinal
        ordinals = self.add_working_days_ordinals([d.toordinal() for d in starts], days)
        return [fromordinal(o) for o in ordinals]


def classify_completion(finished_at: dt.datetime, due: Due, tz: dt.tzinfo = VIETNAM_TZ) -> Timeliness:
    """Early, on time or late (legal-rules §2.10; TT 01/2018/TT-VPCP Chỉ số 1).

    Late: finished after the end of the period. On time: finished on the last day. Early:
    finished before the last day.
    """
    if finished_at > due.due_at:
        return Timeliness.LATE
    if finished_at.astimezone(tz).date() >= due.due_date:
        return Timeliness.ON_TIME
    return Timeliness.EARLY
