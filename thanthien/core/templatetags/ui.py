"""UI components as template tags: ``{% load ui %}``.

Each tag renders a template in ``core/templates/components/`` (which can also be included
directly). See docs/ui.md for examples.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from numbers import Number
from typing import Any

from django import template
from django.utils import timezone
from django.utils.safestring import SafeData
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from thanthien.core import nav

register = template.Library()

# Tone of common status slugs; apps pass ``tone=`` for anything else.
STATUS_TONES = {
    "draft": "neutral",
    "new": "info",
    "received": "info",
    "open": "info",
    "in_progress": "info",
    "processing": "info",
    "pending": "warn",
    "paused": "warn",
    "waiting": "warn",
    "supplement": "warn",
    "due_soon": "warn",
    "done": "ok",
    "closed": "ok",
    "returned": "ok",
    "on_time": "ok",
    "published": "ok",
    "approved": "ok",
    "passed": "ok",
    "late": "danger",
    "overdue": "danger",
    "rejected": "danger",
    "failed": "danger",
    "cancelled": "neutral",
    "withdrawn": "neutral",
}
TONES = {"ok", "warn", "danger", "info", "neutral"}
# A deadline this close (working days) is shown as a warning.
DEADLINE_WARN_DAYS = 2


@register.inclusion_tag("components/status_badge.html")
def status_badge(status: str, label: Any = None, tone: str | None = None) -> dict[str, Any]:
    """A coloured status label; the text carries the meaning, the colour only repeats it."""
    slug = str(status or "")
    chosen = tone if tone in TONES else STATUS_TONES.get(slug, "neutral")
    return {"status": slug, "label": label or slug, "tone": chosen}


def deadline_state(
    days_left: int | None, *, paused: bool = False, calendar_days: bool = False, overdue: bool = False
) -> tuple[str, str]:
    """(tone, text) of a deadline ``days_left`` days away (negative: overdue by that many days).

    Days are working days unless ``calendar_days``. ``overdue`` marks a deadline already past
    on its last day (an hour-based period that ended this morning).
    """
    if paused:
        return "neutral", _("paused")
    if days_left is None:
        return "neutral", _("no deadline")
    if days_left < 0:
        late = -days_left
        return "danger", ngettext("%(n)s day overdue", "%(n)s days overdue", late) % {"n": late}
    if overdue:
        return "danger", _("overdue")
    if days_left == 0:
        return "warn", _("due today")
    tone = "warn" if days_left <= DEADLINE_WARN_DAYS else "ok"
    if calendar_days:
        return tone, ngettext("%(n)s day left", "%(n)s days left", days_left) % {"n": days_left}
    return tone, ngettext("%(n)s working day left", "%(n)s working days left", days_left) % {"n": days_left}


@register.inclusion_tag("components/deadline_chip.html")
def deadline_chip(
    days_left: int | None,
    due: dt.date | dt.datetime | None = None,
    paused: bool = False,
    calendar_days: bool = False,
    overdue: bool = False,
) -> dict[str, Any]:
    """'còn 2 ngày làm việc' / 'hạn hôm nay' / 'quá hạn 1 ngày', coloured by urgency.

    ``days_left`` is counted by the caller on the working-day calendar (thanthien.clocks):
    ``calendar.working_days_between(today, due_date)``.
    """
    tone, text = deadline_state(days_left, paused=paused, calendar_days=calendar_days, overdue=overdue)
    return {"tone": tone, "text": text, "due": due}


@register.inclusion_tag("components/pagination.html", takes_context=True)
def pagination(context: template.Context, page_obj: Any, label: Any = None) -> dict[str, Any]:
    """Previous / numbered / next links that keep the other query parameters (search, filters)."""
    pages = []
    if page_obj is not None and page_obj.paginator.num_pages > 1:
        pages = list(page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1))
    return {
        "request": context.get("request"),
        "page_obj": page_obj,
        "pages": pages,
        "ellipsis": getattr(getattr(page_obj, "paginator", None), "ELLIPSIS", "…"),
        "label": label or _("Pages"),
    }


@register.inclusion_tag("components/empty_state.html")
def empty_state(title: Any, text: Any = "", action_url: str = "", action_label: Any = "") -> dict[str, Any]:
    return {"title": title, "text": text, "action_url": action_url, "action_label": action_label}


@register.inclusion_tag("components/breadcrumb.html")
def breadcrumb(*items: Any) -> dict[str, Any]:
    """``{% breadcrumb "/" _("Home") "/xa/" _("Communes") "" unit.full_name %}``: url/label pairs.

    A single list of ``(url, label)`` pairs works too. The last item is the current page.
    """
    pairs: list[tuple[str, Any]]
    if len(items) == 1 and isinstance(items[0], list | tuple):
        pairs = [(str(url or ""), label) for url, label in items[0]]
    else:
        if len(items) % 2:
            raise template.TemplateSyntaxError("breadcrumb takes url/label pairs")
        pairs = [(str(items[i] or ""), items[i + 1]) for i in range(0, len(items), 2)]
    crumbs = [{"url": url, "label": label, "current": i == len(pairs) - 1} for i, (url, label) in enumerate(pairs)]
    return {"crumbs": crumbs}


def _cell(value: Any) -> dict[str, Any]:
    if isinstance(value, dict):
        cell = {"text": value.get("text", ""), "url": value.get("url", ""), "numeric": value.get("numeric", False)}
        cell["html"] = value.get("html")
        return cell
    if isinstance(value, SafeData):
        return {"text": "", "url": "", "numeric": False, "html": value}
    numeric = isinstance(value, Number) and not isinstance(value, bool)
    return {"text": "" if value is None else value, "url": "", "numeric": numeric, "html": None}


@register.inclusion_tag("components/data_table.html")
def data_table(
    columns: Sequence[Any], rows: Sequence[Sequence[Any]], caption: Any = "", empty: Any = None
) -> dict[str, Any]:
    """A table with a caption, header cells with scope, numbers right-aligned, horizontal scroll on phones.

    Cells are values, safe HTML (e.g. a rendered badge), or dicts ``{"text", "url", "numeric"}``.
    A column is a label or ``(label, "num")`` for a numeric column.
    """
    cols = []
    for col in columns:
        if isinstance(col, list | tuple):
            cols.append({"label": col[0], "numeric": len(col) > 1 and col[1] == "num"})
        else:
            cols.append({"label": col, "numeric": False})
    body = []
    for row in rows:
        cells = [_cell(v) for v in row]
        for i, cell in enumerate(cells):
            if i < len(cols) and cols[i]["numeric"]:
                cell["numeric"] = True
        body.append(cells)
    return {"columns": cols, "rows": body, "caption": caption, "empty": empty or _("Nothing to show.")}


@register.inclusion_tag("components/field.html")
def form_field(field: Any, hint: Any = "") -> dict[str, Any]:
    """One form field: label, help text, errors (announced with the field), the widget."""
    return {"field": field, "hint": hint}


@register.simple_tag(takes_context=True)
def nav_links(context: template.Context, area: str, obj: Any = None) -> list[dict[str, Any]]:
    """The links of a navigation area (see thanthien/core/nav.py) that exist now."""
    request = context.get("request")
    path = request.path if request is not None else ""
    role_codes = None
    if nav.area_has_role_links(area) and request is not None and getattr(request, "user", None) is not None:
        role_codes = _role_codes(request)
    return nav.nav_links(area, current_path=path, obj=obj, role_codes=role_codes)


def _role_codes(request: Any) -> set[str]:
    cached = getattr(request, "_thanthien_role_codes", None)
    if cached is None:
        cached = set()
        if request.user.is_authenticated:
            from thanthien.units.selectors import active_roles

            cached = {str(code) for code in active_roles(request.user).values_list("role", flat=True)}
        request._thanthien_role_codes = cached
    return cached


def end_of_day_local(value: dt.datetime) -> tuple[dt.date, str]:
    """A legal deadline's local day and time; midnight is shown as 24:00 of the day before.

    Why: periods end at 24:00 of their last day (BLDS 2015 Điều 148); such a due time is stored
    as 00:00 of the next day, which would print as the wrong day on slips and pages.
    """
    local = timezone.localtime(value)
    if local.time() == dt.time(0, 0):
        return (local - dt.timedelta(days=1)).date(), "24:00"
    return local.date(), f"{local:%H:%M}"


@register.filter
def deadline(value: dt.datetime | None, with_time: bool = True) -> str:
    """``{{ due_at|deadline }}`` → "24:00 02/12/2026"; ``{{ due_at|deadline:False }}`` → "02/12/2026"."""
    if not value:
        return ""
    day, clock = end_of_day_local(value)
    return f"{clock} {day:%d/%m/%Y}" if with_time else f"{day:%d/%m/%Y}"
