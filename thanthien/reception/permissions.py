"""Who may do what in reception. Denouncer identity: only the assigned handler and the leaders
(chairman, vice-chairmen) of the commune see it (Luật Tố cáo Điều 9; legal-rules §6.3)."""

from __future__ import annotations

from typing import Any

from thanthien.units.models import StaffRole
from thanthien.units.permissions import ensure_role, has_role, held_roles

R = StaffRole.Role
HANDLERS = frozenset({R.ONE_STOP_OFFICER, R.SPECIALIST_OFFICER, R.CHAIRMAN, R.VICE_CHAIRMAN, R.ADMINISTRATOR})
LEADERS = frozenset({R.CHAIRMAN, R.VICE_CHAIRMAN})


def ensure_handler(actor: Any, unit_id: int) -> None:
    ensure_role(actor, unit_id, HANDLERS)


def ensure_leader(actor: Any, unit_id: int) -> None:
    ensure_role(actor, unit_id, LEADERS)


def is_handler(actor: Any, unit_id: int) -> bool:
    return has_role(actor, unit_id, HANDLERS)


def is_leader_of(actor: Any, unit_id: int) -> bool:
    """A chairman or vice-chairman covering the unit. No superuser shortcut: confidentiality
    of the denouncer binds system administrators too."""
    return any(h.role in LEADERS and unit_id in h.covered for h in held_roles(actor))


def can_see_identity(actor: Any, petition: Any) -> bool:
    """Everyone handling the commune's petitions sees the sender, except for denunciations."""
    if not petition.is_denunciation:
        return is_handler(actor, petition.unit_id)
    if actor is None or not getattr(actor, "is_authenticated", False):
        return False
    return petition.assigned_to_id == actor.pk or is_leader_of(actor, petition.unit_id)
