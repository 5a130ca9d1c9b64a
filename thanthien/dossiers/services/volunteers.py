"""Volunteers on duty at the one-stop centre (tình nguyện viên hỗ trợ, R1.2)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from thanthien.audit.services import audit_record
from thanthien.units.models import AdminUnit
from thanthien.units.permissions import ensure_role

from .. import permissions
from ..models import VolunteerShift
from ._common import refusal


def volunteer_shift_save(
    *,
    actor: Any,
    unit: AdminUnit | None = None,
    shift: VolunteerShift | None = None,
    volunteer_name: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    phone: str = "",
    organisation: str = "",
    note: str = "",
) -> VolunteerShift:
    """Create or update a volunteer's shift at the one-stop centre."""
    unit_id = shift.unit_id if shift is not None else unit.pk  # type: ignore[union-attr]
    ensure_role(actor, unit_id, permissions.ONE_STOP)
    if not volunteer_name.strip() or ends_at <= starts_at:
        message = _("Enter the volunteer's name and a shift that ends after it starts.")
        raise refusal("volunteer.invalid", message, "ends_at")
    with transaction.atomic():
        old = None
        if shift is None:
            shift = VolunteerShift(unit_id=unit_id, created_by=actor)
        else:
            shift = VolunteerShift.objects.unscoped().select_for_update().get(pk=shift.pk)
            old = {"volunteer_name": shift.volunteer_name, "starts_at": shift.starts_at, "ends_at": shift.ends_at}
        shift.volunteer_name = volunteer_name.strip()
        shift.starts_at, shift.ends_at = starts_at, ends_at
        shift.phone, shift.organisation, shift.note = phone, organisation, note
        shift.save()
        audit_record(
            actor=actor,
            action="volunteer_shift.saved",
            obj=shift,
            unit=unit_id,
            old=old,
            new={"volunteer_name": shift.volunteer_name, "starts_at": starts_at, "ends_at": ends_at},
        )
    return shift


def volunteer_shift_delete(*, actor: Any, shift: VolunteerShift) -> None:
    ensure_role(actor, shift.unit_id, permissions.ONE_STOP)
    with transaction.atomic():
        audit_record(actor=actor, action="volunteer_shift.deleted", obj=shift, unit=shift.unit_id)
        shift.delete()
