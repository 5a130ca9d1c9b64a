"""Home panels: dossiers expected to be late or overdue (handler, leaders), flagged components."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from thanthien.core.home import register_home_panel
from thanthien.units.models import StaffRole

from . import selectors

R = StaffRole.Role


def _items(rows: list[Any]) -> list[dict[str, Any]]:
    items = []
    for d in rows:
        meta = _("due %(date)s") % {"date": d.due_date.strftime("%d/%m/%Y") if d.due_date else "—"}
        if d.predicted_late:
            meta += " · " + _("expected to be late")
        items.append(
            {
                "url": reverse("dossiers:detail", kwargs={"pk": d.pk}),
                "text": f"{d.code} — {d.applicant_name}",
                "meta": meta,
            }
        )
    return items


def my_late_dossiers(request, roles):
    rows = selectors.attention_list(actor=request.user, mine=True)
    if not rows:
        return None
    return {
        "title": _("My dossiers expected to be late or overdue"),
        "items": _items(rows),
        "count": len(rows),
        "tone": "danger",
        "more_url": reverse("dossiers:list") + "?state=predicted_late&mine=on",
    }


def unit_late_dossiers(request, roles):
    rows = selectors.attention_list(actor=request.user)
    if not rows:
        return None
    return {
        "title": _("Dossiers expected to be late or overdue"),
        "text": _("Issue the apology and new appointment (Form 04) at least one working day before the due date."),
        "items": _items(rows),
        "count": len(rows),
        "tone": "danger",
        "more_url": reverse("dossiers:list") + "?state=overdue",
    }


def extra_components(request, roles):
    rows = selectors.extra_components_open(actor=request.user)
    if not rows:
        return None
    return {
        "title": _("Components requested beyond the published list"),
        "items": [
            {
                "url": reverse("dossiers:detail", kwargs={"pk": c.dossier_id}),
                "text": f"{c.dossier.code or c.dossier.applicant_name}: {c.name}",
            }
            for c in rows
        ],
        "count": len(rows),
        "tone": "warn",
    }


register_home_panel([R.SPECIALIST_OFFICER, R.ONE_STOP_OFFICER], my_late_dossiers, key="dossiers.my_late", order=20)
register_home_panel(
    [R.CHAIRMAN, R.VICE_CHAIRMAN, R.ONE_STOP_OFFICER], unit_late_dossiers, key="dossiers.unit_late", order=21
)
register_home_panel([R.CHAIRMAN, R.VICE_CHAIRMAN], extra_components, key="dossiers.extra_components", order=22)
