"""Staff home panel: disclosure alerts (missing, late, taken down too early)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thanthien.clocks.selectors import calendar_for_range
from thanthien.core.home import register_home_panel
from thanthien.units.models import AdminUnit

from . import selectors
from .permissions import EDITORS


def disclosure_alerts(request: Any, roles: Any) -> dict[str, Any] | None:
    unit_ids = {r.unit_id for r in roles}
    today = timezone.localdate()
    calendar = calendar_for_range(today.year - 3, today.year + 1)
    items = []
    total = 0
    for unit in AdminUnit.objects.filter(pk__in=unit_ids, level=AdminUnit.Level.COMMUNE)[:5]:
        rows = selectors.compliance_rows(
            actor=request.user, unit=unit, today=today, calendar=calendar, only_problems=True
        )
        total += len(rows)
        items += [
            {"url": reverse("disclosures:item", args=[r.item.pk]), "text": r.item.title, "meta": unit.full_name}
            for r in rows[:5]
        ]
    if not total:
        return None
    return {
        "title": _("Disclosure alerts"),
        "count": total,
        "tone": "warn",
        "items": items[:5],
        "more_url": reverse("disclosures:compliance"),
    }


def register() -> None:
    register_home_panel(sorted(EDITORS), disclosure_alerts, order=40, key="disclosure_alerts")
