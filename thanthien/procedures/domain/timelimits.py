"""Time limits (thời hạn giải quyết) and the internal steps' hour budgets.

Provincial internal procedures (quy trình nội bộ) split a procedure's time limit into steps
written in working hours, "tính mỗi ngày 08 giờ làm việc": a 3-working-day procedure is 24
hours shared between reception, appraisal, signature and return (legal-rules §2.5, e.g. Nghệ An
QĐ 3857/QĐ-UBND). The rule here:

* time in working days (ngày làm việc): the steps' hours must equal ``amount × 8``;
* time in working hours (giờ làm việc): the steps' hours must equal ``amount``;
* time in calendar days (ngày): a calendar day holds at most one working day, so the steps'
  hours must not exceed ``amount × 8`` (the exact figure depends on the weekends and holidays
  inside the period, which the working-day engine in ``thanthien.clocks`` computes).

A procedure returned immediately (trả ngay, "ngay trong ngày") keeps its legal ceiling as the
time limit (usually 1 working day: a dossier received after 15:00 is returned the next working
day, NĐ 61/2018 Điều 18) and its steps fit the same budget.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

HOURS_PER_WORKING_DAY = Decimal(8)


class TimeMeasure(StrEnum):
    """The unit a time limit is written in (same values as ``thanthien.clocks`` ``Measure``)."""

    WORKING_DAYS = "working_days"  # ngày làm việc
    WORKING_HOURS = "working_hours"  # giờ làm việc
    CALENDAR_DAYS = "calendar_days"  # ngày (theo lịch)


@dataclass(frozen=True)
class TimeLimit:
    """A procedure's legal time limit, as the dossier clocks need it."""

    amount: Decimal
    measure: TimeMeasure
    immediate: bool = False  # trả ngay / ngay trong ngày

    @property
    def working_hours(self) -> Decimal | None:
        """The budget in working hours, or None for calendar days (it depends on the calendar)."""
        return budget_hours(self.amount, self.measure)


@dataclass(frozen=True)
class StepBudgetCheck:
    """Result of comparing the steps' hours with the time limit."""

    ok: bool
    total: Decimal
    expected: Decimal | None  # exact budget, None when only a ceiling applies
    ceiling: Decimal | None  # upper bound for calendar days
    measure: TimeMeasure


def budget_hours(amount: Decimal, measure: TimeMeasure | str) -> Decimal | None:
    """Working hours the steps must add up to; None when the measure is calendar days."""
    measure = TimeMeasure(measure)
    if measure is TimeMeasure.WORKING_DAYS:
        return Decimal(amount) * HOURS_PER_WORKING_DAY
    if measure is TimeMeasure.WORKING_HOURS:
        return Decimal(amount)
    return None


def check_step_hours(amount: Decimal, measure: TimeMeasure | str, hours: Iterable[Decimal]) -> StepBudgetCheck:
    """Do the internal steps' hours fit the time limit? (see the module docstring)."""
    measure = TimeMeasure(measure)
    values = [Decimal(h) for h in hours]
    total = sum(values, Decimal(0))
    expected = budget_hours(amount, measure)
    ceiling = None if expected is not None else Decimal(amount) * HOURS_PER_WORKING_DAY
    if not values or any(h <= 0 for h in values):
        ok = False  # every procedure needs steps, each with some time
    elif expected is not None:
        ok = total == expected
    else:
        ok = ceiling is not None and total <= ceiling
    return StepBudgetCheck(ok, total, expected, ceiling, measure)
