"""Writes to the procedure catalogue. Every function checks permission, validates against the
domain rules (``domain/records.py``), writes in one transaction and records one audit event.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from thanthien.audit.services import audit_record

from .domain.records import ProcedureRecord
from .domain.text import procedure_search_text
from .exchange import Issue, parse_tables, record_messages, record_of
from .models import Field, Procedure, ProcedureComponent, ProcedureStep
from .permissions import ensure_can_edit_catalogue
from .tabular import Tables

_SCALARS = (
    "name",
    "competent_level",
    "time_amount",
    "time_measure",
    "is_immediate",
    "time_note",
    "fee_amount",
    "fee_unit",
    "fee_note",
    "online_level",
    "postal_eligible",
    "postal_ineligible_reason",
    "result_type",
    "legal_basis",
    "valid_from",
    "valid_to",
    "is_published",
    "confidence",
    "source_note",
)


def _snapshot(record: ProcedureRecord) -> dict[str, Any]:
    data: dict[str, Any] = {name: getattr(record, name) for name in ("code", "field_code", *_SCALARS)}
    data["components"] = [c.__dict__ for c in record.components]
    data["steps"] = [s.__dict__ for s in record.steps]
    return data


def _write(record: ProcedureRecord, field_obj: Field, existing: Procedure | None) -> Procedure:
    """Create or update the procedure and replace its components and steps (inside a transaction)."""
    procedure = existing or Procedure(code=record.code)
    procedure.code = record.code
    procedure.field = field_obj
    for name in _SCALARS:
        setattr(procedure, name, getattr(record, name))
    procedure.search_text = procedure_search_text(record.code, record.name, field_obj.name)
    procedure.save()
    procedure.components.all().delete()
    procedure.steps.all().delete()
    ProcedureComponent.objects.bulk_create(
        ProcedureComponent(procedure=procedure, **c.__dict__) for c in record.components
    )
    ProcedureStep.objects.bulk_create(ProcedureStep(procedure=procedure, **s.__dict__) for s in record.steps)
    return procedure


def procedure_save(*, actor: Any, record: ProcedureRecord, original_code: str | None = None) -> Procedure:
    """Create (``original_code`` None) or update a procedure with its components and steps.

    Raises ``ValidationError`` (field → Vietnamese messages) when the record breaks a rule.
    """
    ensure_can_edit_catalogue(actor)
    errors: dict[str, list[str]] = {}
    for where, message in record_messages(record):
        errors.setdefault(where, []).append(message)
    field_obj = Field.objects.filter(code=record.field_code).first()
    if field_obj is None and "field_code" not in errors:
        errors.setdefault("field_code", []).append(_("Field “%(code)s” does not exist.") % {"code": record.field_code})
    with transaction.atomic():
        existing = None
        if original_code is not None:
            existing = Procedure.objects.select_for_update().filter(code=original_code).first()
            if existing is None:
                raise Procedure.DoesNotExist(original_code)
        clash = Procedure.objects.filter(code=record.code)
        if existing is not None:
            clash = clash.exclude(pk=existing.pk)
        if clash.exists():
            errors.setdefault("code", []).append(
                _("Another procedure already uses code %(code)s.") % {"code": record.code}
            )
        if errors:
            raise ValidationError(errors)
        old = _snapshot(record_of(existing)) if existing is not None else None
        procedure = _write(record, field_obj, existing)
        audit_record(
            actor=actor,
            action="procedure.updated" if existing is not None else "procedure.created",
            obj=procedure,
            old=old,
            new=_snapshot(record),
        )
    return procedure


def procedure_set_published(*, actor: Any, procedure: Procedure, published: bool) -> Procedure:
    """Publish or withdraw a procedure from the public catalogue."""
    ensure_can_edit_catalogue(actor)
    with transaction.atomic():
        locked = Procedure.objects.select_for_update().get(pk=procedure.pk)
        if locked.is_published == published:
            return locked
        locked.is_published = published
        locked.save(update_fields=["is_published", "updated_at"])
        audit_record(
            actor=actor,
            action="procedure.published" if published else "procedure.unpublished",
            obj=locked,
            old={"is_published": not published},
            new={"is_published": published},
        )
    return locked


@dataclass
class ImportOutcome:
    """What an import would do (preview) or did (apply)."""

    issues: list[Issue] = field(default_factory=list)
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    new_fields: list[str] = field(default_factory=list)
    applied: bool = False

    @property
    def ok(self) -> bool:
        return not self.issues

    @property
    def changes(self) -> int:
        return len(self.created) + len(self.updated)


def _plan(tables: Tables) -> tuple[ImportOutcome, list[ProcedureRecord], dict[str, str]]:
    known = dict(Field.objects.values_list("code", "name"))
    parsed = parse_tables(tables, known_fields=known)
    outcome = ImportOutcome(issues=parsed.issues, new_fields=sorted(parsed.new_fields))
    codes = [r.code for r in parsed.records]
    existing = {
        p.code: record_of(p)
        for p in Procedure.objects.filter(code__in=codes)
        .select_related("field")
        .prefetch_related("components", "steps")
    }
    for record in parsed.records:
        before = existing.get(record.code)
        if before is None:
            outcome.created.append(record.code)
        elif before == record:
            outcome.unchanged.append(record.code)
        else:
            outcome.updated.append(record.code)
    return outcome, parsed.records, parsed.new_fields


def catalogue_import_preview(*, actor: Any, tables: Tables) -> ImportOutcome:
    """Validate a table set and say what applying it would change. Writes nothing."""
    ensure_can_edit_catalogue(actor)
    outcome, _records, _fields = _plan(tables)
    return outcome


def catalogue_import_apply(*, actor: Any, tables: Tables) -> ImportOutcome:
    """Validate and apply a table set, all or nothing, in one transaction.

    If any row has a problem, nothing is written and the outcome lists the issues.
    """
    ensure_can_edit_catalogue(actor)
    with transaction.atomic():
        outcome, records, new_fields = _plan(tables)
        if not outcome.ok:
            return outcome
        fields = {f.code: f for f in Field.objects.all()}
        next_order = max([f.order for f in fields.values()], default=0) + 10
        for code, name in sorted(new_fields.items()):
            fields[code] = Field.objects.create(code=code, name=name, order=next_order)
            next_order += 10
        changed = set(outcome.created) | set(outcome.updated)
        existing = {p.code: p for p in Procedure.objects.select_for_update().filter(code__in=changed)}
        for record in records:
            if record.code in changed:
                _write(record, fields[record.field_code], existing.get(record.code))
        if outcome.changes or outcome.new_fields:
            audit_record(
                actor=actor,
                action="procedure.catalogue_imported",
                new={
                    "created": outcome.created,
                    "updated": outcome.updated,
                    "unchanged": len(outcome.unchanged),
                    "new_fields": outcome.new_fields,
                },
            )
        outcome.applied = True
    return outcome
