"""Components requested from the applicant (thành phần hồ sơ); one beyond the published list
is flagged to the leader (NĐ 61/2018 Điều 5)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from thanthien.audit.services import audit_record
from thanthien.core.tenancy import ensure_in_scope
from thanthien.procedures.domain.components import extra_components
from thanthien.units.permissions import ensure_role

from .. import permissions
from ..models import Dossier, DossierComponent
from ._common import _lock, _now, refusal


def dossier_component_add(
    *, actor: Any, dossier: Dossier, name: str, originals: int = 1, copies: int = 0
) -> DossierComponent:
    """Record a requested component; one beyond the procedure's list is flagged to the leader."""
    permissions.ensure_dossier_scope(actor, dossier)
    ensure_role(actor, dossier.unit_id, permissions.DOSSIER_STAFF)
    name = (name or "").strip()
    if not name:
        message = _("Enter the component's name.")
        raise refusal("component.name_required", message, "name")
    with transaction.atomic():
        dossier = _lock(dossier)
        listed = [c.name for c in dossier.procedure.components.all()]
        component = DossierComponent.objects.create(
            unit_id=dossier.unit_id,
            dossier=dossier,
            name=name,
            originals=originals,
            copies=copies,
            is_extra=bool(extra_components([name], listed)),
            requested_by=actor,
        )
        audit_record(
            actor=actor,
            action="dossier.component_added",
            obj=dossier,
            unit=dossier.unit_id,
            new={"name": name, "is_extra": component.is_extra},
        )
    return component


def dossier_component_review(
    *, actor: Any, component: DossierComponent, at: dt.datetime | None = None
) -> DossierComponent:
    """A leader acknowledges a component flagged as beyond the published list."""
    ensure_in_scope(actor, component)
    ensure_role(actor, component.unit_id, permissions.LEADERS | {"administrator"})
    with transaction.atomic():
        component = DossierComponent.objects.unscoped().select_for_update().get(pk=component.pk)
        if component.reviewed_at is not None:
            return component
        component.reviewed_by = actor
        component.reviewed_at = _now(at)
        component.save(update_fields=["reviewed_by", "reviewed_at"])
        audit_record(
            actor=actor,
            action="dossier.component_reviewed",
            obj=component,
            unit=component.unit_id,
            new={"name": component.name},
        )
    return component
