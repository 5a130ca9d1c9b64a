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


def steps_to_send(request, roles):
    """Decisions (3 working days) and denunciation notices (5 working days) not yet sent."""
    leader = any(r.role in (R.CHAIRMAN, R.VICE_CHAIRMAN) for r in roles)
    rows = selectors.step_attention(actor=request.user, escalated_only=leader)
    if not rows:
        return None
    return {
        "title": _("Decisions and notices not yet sent"),
        "tone": "warning",
        "count": len(rows),
        "items": [
            {
                "text": f"{s.petition.code} — {s.get_kind_display()}",
                "url": reverse("reception:detail", args=[s.petition_id]) + f"#step-{s.pk}",
                "meta": (_("Overdue") if s.escalated_at else _("Due soon")) + f" {s.due_date:%d/%m/%Y}"
                if s.due_date
                else "",
            }
            for s in rows
        ],
    }


register_home_panel([R.ONE_STOP_OFFICER, R.SPECIALIST_OFFICER], my_petitions, key="reception.mine", order=30)
register_home_panel([R.CHAIRMAN, R.VICE_CHAIRMAN], escalated_petitions, key="reception.escalated", order=31)
register_home_panel(
    [R.ONE_STOP_OFFICER, R.SPECIALIST_OFFICER, R.CHAIRMAN, R.VICE_CHAIRMAN],
    steps_to_send,
    key="reception.steps",
    order=32,
)
