"""Reads of the audit trail: the chain check and the trail a leader or inspector may see."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Max, Q, QuerySet
from django.utils import timezone

from thanthien.units.models import AdminUnit, StaffRole
from thanthien.units.selectors import active_roles, covered_unit_ids

from .domain.chain import HASHED_FIELDS, ChainHeadState, ChainProblem, ChainReport, verify_chain
from .models import AuditChainHead, AuditEvent

# Who may read the audit trail of their units (R1.7, R2.3a): commune leaders, administrators,
# People's Inspection Board members and province viewers. Other roles see no trail at all.
AUDIT_READER_ROLES = frozenset(
    {
        StaffRole.Role.CHAIRMAN,
        StaffRole.Role.VICE_CHAIRMAN,
        StaffRole.Role.ADMINISTRATOR,
        StaffRole.Role.PROVINCE_VIEWER,
    }
)


def _reads_audit(role: StaffRole) -> bool:
    if role.role in AUDIT_READER_ROLES:
        return True
    return role.role == StaffRole.Role.BOARD_MEMBER and role.board == StaffRole.Board.INSPECTION


def audit_unit_ids(actor: Any) -> set[int] | None:
    """Unit ids whose trail ``actor`` may read; None means every unit (superuser)."""
    if actor is None or not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return set()
    if actor.is_superuser:
        return None
    cached = getattr(actor, "_thanthien_audit_units", None)
    if cached is None:
        units = {role.unit_id for role in active_roles(actor) if _reads_audit(role)}
        cached = frozenset(covered_unit_ids(units)) if units else frozenset()
        actor._thanthien_audit_units = cached  # dropped with the scope by forget_scope()
    return set(cached)


def can_read_audit(actor: Any) -> bool:
    units = audit_unit_ids(actor)
    return units is None or bool(units)


@dataclass(frozen=True)
class AuditFilters:
    action: str = ""
    actor: str = ""
    unit_id: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None


def _local_midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def audit_event_list(*, actor: Any, filters: AuditFilters | None = None) -> QuerySet[AuditEvent]:
    """The trail ``actor`` may read, newest first, filtered. Empty for everyone else."""
    units = audit_unit_ids(actor)
    qs = AuditEvent.objects.for_actor(actor)
    if units is not None:
        qs = qs.filter(unit_id__in=units)
    f = filters or AuditFilters()
    if f.action:
        qs = qs.filter(action__startswith=f.action.strip())
    if f.actor:
        qs = qs.filter(Q(actor_label__icontains=f.actor.strip()) | Q(on_behalf_of__icontains=f.actor.strip()))
    if f.unit_id:
        qs = qs.filter(unit_id=f.unit_id)
    if f.date_from:
        qs = qs.filter(at__gte=_local_midnight(f.date_from))
    if f.date_to:
        qs = qs.filter(at__lt=_local_midnight(f.date_to + dt.timedelta(days=1)))
    return qs.select_related("unit").order_by("-seq")


def audit_event_get(*, actor: Any, pk: int) -> AuditEvent:
    """One event the actor may read, or ``AuditEvent.DoesNotExist``."""
    return audit_event_list(actor=actor).get(pk=pk)


def audit_units_for_filter(*, actor: Any) -> QuerySet[AdminUnit]:
    units = audit_unit_ids(actor)
    qs = AdminUnit.objects.filter(level=AdminUnit.Level.COMMUNE)
    if units is not None:
        qs = qs.filter(pk__in=units)
    return qs.order_by("name")


def audit_object_history(*, actor: Any, obj: Any) -> QuerySet[AuditEvent]:
    """Events about one record, for a "history" panel on that record's page."""
    return audit_event_list(actor=actor).filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))


def _stream_rows(chunk_size: int, up_to: int | None) -> Iterator[dict[str, Any]]:
    fields = ("id", "hash", "prev_hash", *HASHED_FIELDS)
    qs = AuditEvent.objects.unscoped().order_by("seq")
    if up_to is not None:
        qs = qs.filter(seq__lte=up_to)
    for values in qs.values_list(*fields).iterator(chunk_size=chunk_size):
        yield dict(zip(fields, values, strict=True))


def _head_state() -> ChainHeadState | None:
    row = AuditChainHead.objects.filter(pk=AuditChainHead.SINGLETON_ID).first()
    return ChainHeadState(row.count, row.last_hash, row.last_id) if row else None


def audit_chain_verify(*, chunk_size: int = 2000) -> ChainReport:
    """Walk the whole chain in ``seq`` order and report the first altered or removed event.

    Safe while the platform keeps writing: the walk stops at the head read before it starts
    (an event and its head update commit together), and events written later are only checked
    for being sealed by the head.
    """
    head = _head_state()
    report = verify_chain(_stream_rows(chunk_size, head.count if head else None), head)
    if not report.ok or head is None:
        return report
    # Rows inserted around the service carry a sequence number the head never reached. Read the
    # highest number first, then the head: a legitimate writer committing in between has moved
    # the head at least as far.
    highest = AuditEvent.objects.unscoped().aggregate(top=Max("seq"))["top"] or 0
    latest = _head_state()
    if latest is None or highest > latest.count:
        sealed = latest.count if latest else 0
        return ChainReport(
            report.checked,
            report.last_hash,
            ChainProblem("unsealed", sealed + 1, None, f"events after #{sealed} were written around the audit service"),
        )
    return report
