"""Reads: the working calendar (cached), overrides, office-hours rules and clocks.

The calendar is built from the ``holidays`` package plus the override and office-hours rows and
kept in process memory, keyed by a *calendar version*. The version lives in Django's cache (so
every web worker and task worker sees a change as soon as the cache is shared) and is derived
from the rows themselves when the key is missing; it is also re-read from the database at most
every :data:`VERSION_TTL` seconds, so a per-process cache converges too.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
from typing import Any

from django.core.cache import cache
from django.db.models import Count, Max, QuerySet, Sum
from django.utils import timezone

from .domain.calendar import OfficeHours, Override, WorkingCalendar
from .domain.sources import statutory_holidays
from .models import CalendarOverride, Clock, WorkingTimeRule

VERSION_KEY = "clocks:calendar-version"
VERSION_TTL = 60  # seconds
# The window every cached calendar covers at least: old clocks and long periods fit in it.
WINDOW_PAST_YEARS = 10
WINDOW_FUTURE_YEARS = 10

_lock = threading.Lock()
_calendars: dict[str, WorkingCalendar] = {}  # by version; holds the current version only


def calendar_fingerprint() -> str:
    """A digest of the override and office-hours rows (count, newest change, id sum)."""
    parts = []
    for model in (CalendarOverride, WorkingTimeRule):
        agg = model.objects.aggregate(n=Count("id"), last=Max("updated_at"), ids=Sum("id"))
        parts.append(f"{agg['n']}:{agg['last'].isoformat() if agg['last'] else '-'}:{agg['ids'] or 0}")
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def calendar_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = calendar_fingerprint()
        cache.set(VERSION_KEY, version, VERSION_TTL)
    return version


def bump_calendar_version() -> str:
    """Publish a new version after overrides or rules changed (call on commit)."""
    version = calendar_fingerprint()
    cache.set(VERSION_KEY, version, VERSION_TTL)
    return version


def _build(first_year: int, last_year: int) -> WorkingCalendar:
    overrides = [
        Override(row.date, row.kind, row.name, row.legal_basis)
        for row in CalendarOverride.objects.filter(date__year__gte=first_year, date__year__lte=last_year)
    ]
    rules = [
        OfficeHours(
            effective_from=rule.effective_from,
            morning_start=rule.morning_start,
            morning_end=rule.morning_end,
            afternoon_start=rule.afternoon_start,
            afternoon_end=rule.afternoon_end,
            hours_per_day=rule.hours_per_day,
            receipt_cutoff=rule.receipt_cutoff,
            legal_basis=rule.legal_basis,
        )
        for rule in WorkingTimeRule.objects.all()
    ]
    return WorkingCalendar(
        first_year=first_year,
        last_year=last_year,
        holidays=statutory_holidays(first_year, last_year),
        overrides=overrides,
        office_hours=rules or (OfficeHours(),),
    )


def calendar_for_range(first_year: int | None = None, last_year: int | None = None) -> WorkingCalendar:
    """The working calendar covering at least ``first_year``..``last_year``.

    One calendar per process and version: it always covers a window around today (10 years back,
    10 ahead), and a request beyond it rebuilds the calendar over the union of both ranges, so
    the range only grows and requests cannot make the process rebuild again and again.
    """
    this_year = timezone.localdate().year
    first = max(min(first_year or this_year, this_year - WINDOW_PAST_YEARS), 1)
    last = min(max(last_year or this_year, this_year + WINDOW_FUTURE_YEARS), 9998)
    version = calendar_version()
    with _lock:
        cached = _calendars.get(version)
    if cached is not None:
        if cached.first_day.year <= first and last <= cached.last_day.year:
            return cached
        first, last = min(first, cached.first_day.year), max(last, cached.last_day.year)
    calendar = _build(first, last)
    with _lock:
        _calendars.clear()
        _calendars[version] = calendar
    return calendar


def calendar_for_dates(*days: dt.date, extra_days: int = 0) -> WorkingCalendar:
    """A calendar covering ``days`` plus ``extra_days`` working days after the latest one."""
    # A year holds at least ~240 working days; pad generously.
    years_ahead = extra_days // 200 + 2
    return calendar_for_range(min(d.year for d in days) - 1, max(d.year for d in days) + years_ahead)


def forget_cached_calendars() -> None:
    with _lock:
        _calendars.clear()


def override_list(*, year: int | None = None) -> QuerySet[CalendarOverride]:
    qs = CalendarOverride.objects.all()
    if year is not None:
        qs = qs.filter(date__year=year)
    return qs.order_by("date")


def working_time_rule_list() -> QuerySet[WorkingTimeRule]:
    return WorkingTimeRule.objects.order_by("effective_from")


def clock_list(*, actor: Any, status: str | None = None, kind: str | None = None) -> QuerySet[Clock]:
    """Clocks the actor may see (scoped to their units)."""
    qs = Clock.objects.for_actor(actor).select_related("unit")
    if status:
        qs = qs.filter(status=status)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("due_at")


def clocks_for_subject(*, actor: Any, subject: Any) -> QuerySet[Clock]:
    """The clocks of one subject (a dossier, a complaint…) that the actor may see."""
    from django.contrib.contenttypes.models import ContentType

    return Clock.objects.for_actor(actor).filter(
        subject_type=ContentType.objects.get_for_model(subject), subject_id=str(subject.pk)
    )
