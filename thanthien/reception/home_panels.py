"""Staff home panel: petitions due soon or overdue (warnings before a clock ends, escalation
to the leader after it)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from thanthien.core.home import register_home_panel
from thanthien.units.models import StaffRole

from . import selectors

R = StaffRole.Role


def _panel(request, *, mine: bool):
    rows = selectors.petition_attention(actor=request.user, mine=mine)
    if not rows:
        return None
    return {
        "title": _("Petitions due soon or overdue") if mine else _("Overdue petitions of the commune"),
        "tone": "warning",
        "count": len(rows),
        "items": [
            {
                "text": f"{p.code} — {p.subject}",
                "url": reverse("reception:detail", args=[p.pk]),
                "meta": (_("Overdue") if p.escalated_at else _("Due soon")) + f" {p.due_date:%d/%m/%Y}"
                if p.due_date
                else "",
            }
            for p in rows
        ],
        "more_url": reverse("reception:list") + ("?mine=on" if mine else "?overdue=on"),
    }


def my_petitions(request, roles):
    return _panel(request, mine=True)


def escalated_petitions(request, roles):
    return _panel(request, mine=False)


register_home_panel([R.ONE_STOP_OFFICER, R.SPECIALIST_OFFICER], my_petitions, key="reception.mine", order=30)
register_home_panel([R.CHAIRMAN, R.VICE_CHAIRMAN], escalated_petitions, key="reception.escalated", order=31)
