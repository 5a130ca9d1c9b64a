"""Who may do what with units, hamlets, households and staff roles.

A role held in a unit applies to that unit, every unit below it and the units it succeeded
(the same coverage as tenancy scopes). Services call :func:`ensure_role` after
``ensure_in_scope``; views use :func:`has_role` to show or hide actions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from thanthien.core.tenancy import ensure_in_scope, scope_for

from .models import StaffRole

R = StaffRole.Role

# Keep the household registry (sổ hộ): commune officers and leaders; hamlet heads for their hamlet.
REGISTRY_EDITORS = frozenset({R.ONE_STOP_OFFICER, R.SPECIALIST_OFFICER, R.CHAIRMAN, R.VICE_CHAIRMAN, R.ADMINISTRATOR})
HAMLET_SCOPED_EDITORS = frozenset({R.HAMLET_HEAD})
# Create and rename hamlets (thôn / tổ dân phố): leaders, specialist officers, administrators.
HAMLET_EDITORS = frozenset({R.SPECIALIST_OFFICER, R.CHAIRMAN, R.VICE_CHAIRMAN, R.ADMINISTRATOR})
# Grant and end staff roles; create programmes.
ADMINISTRATORS = frozenset({R.ADMINISTRATOR})


@dataclass(frozen=True)
class HeldRole:
    role: str
    unit_id: int
    hamlet_id: int | None
    covered: frozenset[int]


def held_roles(actor: Any) -> list[HeldRole]:
    """The actor's active roles with the units each one covers. Cached with the actor's scope."""
    if actor is None or not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return []
    scope = scope_for(actor)  # (re)computes the scope cache; ours lives and dies with it
    cached = getattr(actor, "_thanthien_roles", None)
    if cached is not None and cached[0] is scope:
        return cached[1]
    from .selectors import active_roles, covered_unit_ids_many

    roles = list(active_roles(actor))
    covered = covered_unit_ids_many([r.unit_id for r in roles])
    result = [HeldRole(r.role, r.unit_id, r.hamlet_id, frozenset(covered[r.unit_id])) for r in roles]
    actor._thanthien_roles = (scope, result)
    return result


def has_role(actor: Any, unit_id: int | None, roles: frozenset[str], *, hamlet_id: int | None = None) -> bool:
    """True if the actor holds one of ``roles`` covering ``unit_id``.

    Roles in ``HAMLET_SCOPED_EDITORS`` count only for their own hamlet (``hamlet_id``).
    Superusers may do everything.
    """
    if actor is None or not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return False
    if actor.is_superuser:
        return True
    for held in held_roles(actor):
        if held.role not in roles or unit_id not in held.covered:
            continue
        if held.role in HAMLET_SCOPED_EDITORS and (hamlet_id is None or held.hamlet_id != hamlet_id):
            continue
        return True
    return False


def ensure_role(actor: Any, unit_id: int | None, roles: frozenset[str], *, hamlet_id: int | None = None) -> None:
    """Raise PermissionDenied unless ``unit_id`` is in scope and the actor holds a fitting role."""
    ensure_in_scope(actor, unit_id)
    if not has_role(actor, unit_id, roles, hamlet_id=hamlet_id):
        raise PermissionDenied(_("Your role does not allow this action."))


def forget_roles(actor: Any) -> None:
    """Drop cached roles and scope (after roles change)."""
    from thanthien.core.tenancy import forget_scope

    forget_scope(actor)
    if actor is not None and hasattr(actor, "_thanthien_roles"):
        del actor._thanthien_roles
