"""Calendar API (/api/v1/calendar/): public, read-only answers from the working calendar."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router

from .domain.calendar import CalendarRangeError
from .forms import MAX_YEAR, MIN_YEAR
from .schemas import AddWorkingDaysIn, DateOut, HolidayOut, HolidaysIn, IsWorkingDayIn, IsWorkingDayOut
from .selectors import calendar_for_dates, calendar_for_range

router = Router(tags=["calendar"])


def _check_year(field: str, year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        message = _("Choose a date between %(first)s and %(last)s.") % {"first": MIN_YEAR, "last": MAX_YEAR}
        raise ValidationError({field: [message]})


@router.get("add-working-days", response=DateOut, summary="Add working days to a date")
def add_working_days(request: HttpRequest, params: Query[AddWorkingDaysIn]) -> dict:
    """The last day of a period of ``days`` working days from ``start``: the first working day
    after ``start`` is day 1 (BLDS 2015 Điều 147); 0 gives ``start`` or the next working day."""
    _check_year("start", params.start.year)
    try:
        result = calendar_for_dates(params.start, extra_days=params.days).add_working_days(params.start, params.days)
    except CalendarRangeError:
        raise ValidationError({"days": [_("The result falls outside the calendar.")]}) from None
    return {"date": result}


@router.get("is-working-day", response=IsWorkingDayOut, summary="Is this date a working day?")
def is_working_day(request: HttpRequest, params: Query[IsWorkingDayIn]) -> dict:
    _check_year("date", params.date.year)
    info = calendar_for_dates(params.date).day_info(params.date)
    return {
        "date": info.day,
        "is_working_day": info.is_working,
        "reason": info.reason.value,
        "name": info.name,
        "legal_basis": info.legal_basis,
    }


@router.get("holidays", response=list[HolidayOut], summary="Holidays, days off and make-up days of a year")
def holidays(request: HttpRequest, params: Query[HolidaysIn]) -> list[dict]:
    return [
        {
            "date": e.day,
            "name": e.name,
            "kind": e.kind,
            "is_working_day": e.is_working,
            "legal_basis": e.legal_basis,
        }
        for e in calendar_for_range(params.year, params.year).entries_for_year(params.year)
    ]
