"""The staff home panels that core contributes: today, my units, deadlines, administration.

Registered from :meth:`thanthien.core.apps.CoreConfig.ready`. The working-day calendar and
the legal clocks belong to ``thanthien.clocks``; core reads them through that app's selectors
and stays silent about them when the app is not there yet.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from typing import Any

from django.db.models import Count, Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thanthien.units.models import LEADER_ROLES, AdminUnit, StaffRole

from .home import ANY_ROLE, register_home_panel
from .nav import path_exists

logger = logging.getLogger(__name__)

Role = StaffRole.Role
OFFICER_ROLES = {Role.ONE_STOP_OFFICER, Role.SPECIALIST_OFFICER}
VIEWER_ROLES = {Role.DISTRICT_VIEWER, Role.PROVINCE_VIEWER}
DEADLINE_ROLES = OFFICER_ROLES | LEADER_ROLES
DUE_SOON_WORKING_DAYS = 2
DEADLINE_ROWS = 8


# ---- today ---------------------------------------------------------------------------------


def today_panel(request: HttpRequest, roles: Sequence[StaffRole]) -> dict[str, Any]:
    """Today's date and whether the office works today (from the working-day calendar)."""
    today = timezone.localdate()
    context: dict[str, Any] = {
        "today": today,
        "day": None,
        "next_working_day": None,
        "calendar_url": "/calendar/" if path_exists("/calendar/") else "",
    }
    day = clocks_day_info(today)
    if day is not None:
        context["day"] = day
        if not day["is_working"]:
            context["next_working_day"] = day.get("next_working_day")
    return context


def clocks_day_info(day: dt.date) -> dict[str, Any] | None:
    """``{"is_working", "name", "next_working_day"}`` for ``day``, or None without a calendar."""
    calendar = working_calendar()
    if calendar is None:
        return None
    try:
        info = calendar.day_info(day)
        next_day = None if info.is_working else calendar.next_working_day(day)
    except ValueError:  # CalendarRangeError: the calendar does not cover this year
        logger.warning("Working-day calendar does not cover %s", day)
        return None
    return {"is_working": info.is_working, "name": info.name, "reason": str(info.reason), "next_working_day": next_day}


def working_calendar() -> Any:
    """The province's WorkingCalendar (thanthien.clocks), or None while that app is absent."""
    try:
        from thanthien.clocks.selectors import calendar_for_range
    except ImportError:
        return None
    return calendar_for_range()


# ---- my units ------------------------------------------------------------------------------


def my_units_panel(request: HttpRequest, roles: Sequence[StaffRole]) -> dict[str, Any]:
    """The units (and hamlets, boards) the user works for, grouped by unit, with their links."""
    if not roles:
        return {"template": "core/home/_no_roles.html", "is_superuser": request.user.is_superuser}
    today = timezone.localdate()
    units: dict[int, dict[str, Any]] = {}
    for role in sorted(roles, key=lambda r: (r.unit.name, r.role)):
        entry = units.setdefault(
            role.unit_id,
            {"unit": role.unit, "roles": [], "public_url": None, "communes": None},
        )
        label = role.get_role_display()
        detail = role.hamlet or (role.get_board_display() if role.board else "")
        entry["roles"].append({"label": label, "detail": detail})
    for entry in units.values():
        unit: AdminUnit = entry["unit"]
        if unit.level == AdminUnit.Level.COMMUNE and unit.is_valid_on(today):
            entry["public_url"] = f"/xa/{unit.slug}/"
        elif unit.level != AdminUnit.Level.COMMUNE:
            entry["communes"] = _communes_under(unit, today)
    return {"units": list(units.values()), "units_url": "/staff/units/" if path_exists("/staff/units/") else ""}


def _communes_under(unit: AdminUnit, today: dt.date) -> int:
    from thanthien.units.selectors import covered_unit_ids, current_communes

    ids = covered_unit_ids({unit.pk})
    return current_communes(today).filter(pk__in=ids).count()


# ---- deadlines -----------------------------------------------------------------------------


def deadlines_panel(request: HttpRequest, roles: Sequence[StaffRole]) -> dict[str, Any]:
    """Running legal clocks of the user's units that are overdue or due within two working days."""
    return clocks_due_soon(request.user, within=DUE_SOON_WORKING_DAYS, limit=DEADLINE_ROWS)


def clocks_due_soon(user: Any, *, within: int, limit: int) -> dict[str, Any]:
    """Overdue and due-soon clocks in the user's scope (thanthien.clocks), soonest first.

    Paused clocks wait for the citizen (a supplement request) and are left out. Two queries,
    plus one per subject type for the links.
    """
    from thanthien.clocks.selectors import calendar_for_range, clock_list

    now = timezone.now()
    today = timezone.localdate()
    calendar = calendar_for_range()
    try:
        horizon = calendar.add_working_days(today, within)
    except ValueError:
        horizon = today + dt.timedelta(days=within)
    clocks = clock_list(actor=user, status="running").filter(Q(due_date__lte=horizon) | Q(warn_at__lte=now))
    totals = clocks.aggregate(total=Count("id"), overdue=Count("id", filter=Q(due_at__lte=now)))
    fetched = list(clocks.prefetch_related("subject")[:limit])
    multi_unit = len({clock.unit_id for clock in fetched}) > 1
    rows = []
    for clock in fetched:
        rows.append(
            {
                "label": clock.subject_label or str(clock),
                "kind": clock.kind,
                "url": _subject_url(clock),
                "unit": clock.unit.full_name if multi_unit else "",
                "due": clock.due_date,
                "days_left": _days_left(calendar, today, clock),
                "calendar_days": clock.measure == "calendar_days",
                "overdue": clock.due_at <= now,
            }
        )
    return {
        "rows": rows,
        "total": totals["total"],
        "overdue": totals["overdue"],
        "due_soon": totals["total"] - totals["overdue"],
        "within": within,
    }


def _days_left(calendar: Any, today: dt.date, clock: Any) -> int:
    """Days from today to the clock's last day: working days, or calendar days for such clocks."""
    if clock.measure == "calendar_days":
        return (clock.due_date - today).days
    try:
        return calendar.working_days_between(today, clock.due_date)
    except ValueError:
        return (clock.due_date - today).days


def _subject_url(clock: Any) -> str:
    subject = getattr(clock, "subject", None)
    get_url = getattr(subject, "get_absolute_url", None)
    return get_url() if callable(get_url) else ""


# ---- administration -----------------------------------------------------------------------


def admin_panel(request: HttpRequest, roles: Sequence[StaffRole]) -> dict[str, Any] | None:
    links = []
    if request.user.is_staff and path_exists("/admin/"):
        links.append({"text": _("Administration site (users, roles, units)"), "url": "/admin/"})
    if path_exists("/staff/audit/"):
        links.append({"text": _("Audit log"), "url": "/staff/audit/"})
    if not links:
        return None
    return {"title": _("Administration"), "items": links}


def register() -> None:
    register_home_panel(ANY_ROLE, today_panel, template="core/home/_today.html", order=0, key="core.today")
    try:
        import thanthien.clocks.selectors  # noqa: F401 — legal clocks live in thanthien.clocks
    except ImportError:
        logger.info("thanthien.clocks is not installed: no deadlines panel")
    else:
        register_home_panel(
            DEADLINE_ROLES, deadlines_panel, template="core/home/_deadlines.html", order=10, key="core.deadlines"
        )
    register_home_panel(ANY_ROLE, my_units_panel, template="core/home/_my_units.html", order=50, key="core.my_units")
    register_home_panel([Role.ADMINISTRATOR], admin_panel, order=90, key="core.admin")
