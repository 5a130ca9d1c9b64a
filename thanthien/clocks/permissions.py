"""Who may edit the working calendar."""

from __future__ import annotations

from typing import Any


def can_manage_calendar(actor: Any) -> bool:
    """Superusers and holders of an active ``administrator`` staff role (province administrators).

    The calendar is national (one civil-service calendar for every commune), so the role's unit
    does not matter.
    """
    if actor is None or not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return False
    if actor.is_superuser:
        return True
    from thanthien.units.models import StaffRole
    from thanthien.units.selectors import active_roles

    return active_roles(actor).filter(role=StaffRole.Role.ADMINISTRATOR).exists()
