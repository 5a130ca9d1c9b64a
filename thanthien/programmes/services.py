"""Writes for programmes (chương trình): create, add members (later joiners), add targets."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from thanthien.audit.services import audit_record
from thanthien.core.tenancy import ensure_in_scope
from thanthien.units.models import AdminUnit
from thanthien.units.permissions import ADMINISTRATORS, ensure_role

from .models import Programme, ProgrammeMember, ProgrammeTarget


@dataclass(frozen=True)
class TargetData:
    code: str
    label: str
    target_value: Decimal
    unit_of_measure: str = "%"
    requirement: str = ""


def _error(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})


def programme_create(
    *,
    actor: Any,
    code: str,
    name: str,
    province: AdminUnit,
    start_date: dt.date,
    end_date: dt.date,
    report_due: dt.date | None = None,
    legal_basis: str = "",
    description: str = "",
    previous: Programme | None = None,
    targets: Sequence[TargetData] = (),
) -> Programme:
    """Create a programme of a province (e.g. next year's pilot) with its targets."""
    ensure_role(actor, province.pk, ADMINISTRATORS)
    if province.level != AdminUnit.Level.PROVINCE:
        raise _error("province", _("A programme belongs to a province."))
    if end_date < start_date:
        raise _error("end_date", _("The end date is before the start date."))
    with transaction.atomic():
        if Programme.objects.filter(code=code).exists():
            raise _error("code", _("A programme with this code already exists."))
        programme = Programme.objects.create(
            code=code,
            name=name.strip(),
            province=province,
            start_date=start_date,
            end_date=end_date,
            report_due=report_due,
            legal_basis=legal_basis.strip(),
            description=description.strip(),
            previous=previous,
        )
        ProgrammeTarget.objects.bulk_create(
            ProgrammeTarget(
                programme=programme,
                code=t.code,
                requirement=t.requirement,
                label=t.label,
                target_value=t.target_value,
                unit_of_measure=t.unit_of_measure,
            )
            for t in targets
        )
        audit_record(
            actor=actor,
            action="programme.created",
            obj=programme,
            unit=province,
            new={
                "code": code,
                "name": programme.name,
                "start_date": start_date.isoformat(),
                "end_date": end_date.isoformat(),
                "targets": [t.code for t in targets],
            },
        )
    return programme


def programme_add_member(
    *,
    actor: Any,
    programme: Programme,
    unit: AdminUnit,
    joined_on: dt.date,
    kind: str = ProgrammeMember.Kind.SCALE_UP,
    note: str = "",
) -> ProgrammeMember:
    """Add a unit to a programme from ``joined_on`` (units joining later: "nhân rộng", R0.2)."""
    ensure_role(actor, programme.province_id, ADMINISTRATORS)
    ensure_in_scope(actor, unit.pk)
    if not programme.start_date <= joined_on <= programme.end_date:
        raise _error("joined_on", _("The joining date must fall within the programme's period."))
    if not unit.is_valid_on(joined_on):
        raise _error("unit", _("This unit did not exist on the joining date."))
    with transaction.atomic():
        if programme.members.filter(unit=unit).exists():
            raise _error("unit", _("This unit is already a member of the programme."))
        member = ProgrammeMember.objects.create(
            programme=programme, unit=unit, kind=kind, joined_on=joined_on, note=note.strip()
        )
        audit_record(
            actor=actor,
            action="programme.member_added",
            obj=member,
            unit=programme.province,
            new={"programme": programme.code, "unit": unit.code, "kind": kind, "joined_on": joined_on.isoformat()},
        )
    return member
