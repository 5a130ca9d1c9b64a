"""Schemas of the calendar API (one In and one Out per endpoint)."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

from .forms import MAX_DAYS, MAX_YEAR, MIN_YEAR


class AddWorkingDaysIn(Schema):
    start: dt.date = Field(description="The day of receipt (not counted), YYYY-MM-DD.")
    days: int = Field(ge=0, le=MAX_DAYS, description="Number of working days, 0–3650.")


class DateOut(Schema):
    date: dt.date


class IsWorkingDayIn(Schema):
    date: dt.date


class IsWorkingDayOut(Schema):
    date: dt.date
    is_working_day: bool
    reason: str = Field(description="weekday | weekend | holiday | day_off | working_day")
    name: str
    legal_basis: str


class HolidaysIn(Schema):
    year: int = Field(ge=MIN_YEAR, le=MAX_YEAR)


class HolidayOut(Schema):
    date: dt.date
    name: str
    kind: str = Field(description="holiday | day_off | working_day")
    is_working_day: bool
    legal_basis: str
