"""Who may read and who may change the procedure catalogue.

The catalogue is published by the province, so only a province administrator (a
``StaffRole`` with role ``administrator`` in a province-level unit) or a superuser edits it.
Every active staff member may read it (the one-stop officer explains it to citizens).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


def _active(actor: Any) -> bool:
    return actor is not None and getattr(actor, "is_authenticated", False) and actor.is_active


def can_edit_catalogue(actor: Any) -> bool:
    if not _active(actor):
        return False
    if actor.is_superuser:
        return True
    cached = getattr(actor, "_thanthien_catalogue_editor", None)
    if cached is None:
        from thanthien.units.models import AdminUnit, StaffRole
        from thanthien.units.selectors import active_roles

        cached = (
            active_roles(actor).filter(role=StaffRole.Role.ADMINISTRATOR, unit__level=AdminUnit.Level.PROVINCE).exists()
        )
        actor._thanthien_catalogue_editor = cached
    return cached


def can_view_catalogue(actor: Any) -> bool:
    if not _active(actor):
        return False
    if actor.is_superuser or can_edit_catalogue(actor):
        return True
    from thanthien.units.selectors import active_roles

    return active_roles(actor).exists()


def ensure_can_edit_catalogue(actor: Any) -> None:
    if not can_edit_catalogue(actor):
        raise PermissionDenied(_("Only a province administrator can change the procedure catalogue."))


def ensure_can_view_catalogue(actor: Any) -> None:
    if not can_view_catalogue(actor):
        raise PermissionDenied(_("You do not have permission to see the procedure catalogue."))
