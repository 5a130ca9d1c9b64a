"""Audit trail (nhật ký): every write through a service records one hash-chained event.

Public API used by every app's services::

    audit_record(actor=user, action="household.created", obj=household, unit=household.unit,
                 old=None, new={"code": "HGD-001"})

Call it inside your service's ``transaction.atomic()`` block, **after** your own row locks:
it locks the chain head until your transaction ends, so the event is committed or rolled
back together with the write it describes, and the chain never forks.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.utils import timezone

from .domain.chain import GENESIS, event_hash
from .models import AuditChainHead, AuditEvent
from .values import clean_text, json_safe, snapshot

__all__ = ["audit_record", "snapshot"]

logger = logging.getLogger(__name__)


def _truncate(value: str, field: str) -> str:
    limit = AuditEvent._meta.get_field(field).max_length
    return clean_text(value)[:limit]


def _actor_parts(actor: Any, actor_label: str) -> tuple[Any, str]:
    """(user or None, label). ``actor`` may be a user, None/anonymous, or a plain label."""
    if isinstance(actor, str):
        return None, actor_label or actor
    if actor is None or not getattr(actor, "is_authenticated", False):
        return None, actor_label
    name = getattr(actor, "display_name", "") or str(actor)
    username = actor.get_username()
    label = actor_label or (name if name == username else f"{name} ({username})")
    return actor, label


def _unit_id(unit: Any, obj: Any) -> int | None:
    if unit is not None:
        return unit if isinstance(unit, int) else unit.pk
    owner = getattr(obj, "owner_unit_id", None)
    return owner() if callable(owner) else None


def _lock_head() -> AuditChainHead:
    """The chain head, locked for the rest of the transaction (created on first use)."""
    heads = AuditChainHead.objects.select_for_update()
    head = heads.filter(pk=AuditChainHead.SINGLETON_ID).first()
    if head is not None:
        return head
    # First event ever, or the table was flushed: seal from the newest surviving event so
    # writes go on; `verify` still checks every link. ignore_conflicts makes two concurrent
    # first writers safe: one inserts, both then lock the same row.
    last = AuditEvent.objects.unscoped().order_by("-seq").first()
    if last is not None:
        logger.warning("audit chain head was missing; re-created from event #%s", last.seq)
    AuditChainHead.objects.bulk_create(
        [
            AuditChainHead(
                pk=AuditChainHead.SINGLETON_ID,
                count=last.seq if last else 0,
                last_id=last.pk if last else None,
                last_hash=last.hash if last else GENESIS,
            )
        ],
        ignore_conflicts=True,
    )
    return heads.get(pk=AuditChainHead.SINGLETON_ID)


def audit_record(
    *,
    actor: Any,
    action: str,
    obj: Any = None,
    unit: Any = None,
    old: dict[str, Any] | None = None,
    new: dict[str, Any] | None = None,
    note: str = "",
    on_behalf_of: str = "",
    actor_label: str = "",
) -> AuditEvent:
    """Record one audit event inside the caller's transaction. Returns the event.

    - ``actor``: the user who acted; None (or anonymous) for the system or a citizen — then say
      who in ``actor_label`` (e.g. a masked phone number); a plain string is taken as the label.
    - ``action``: a stable dotted code, ``<entity>.<verb>`` (``dossier.apology_issued``).
    - ``obj``: the record acted on (its type, id and ``str()`` are kept); ``unit`` defaults to
      the owner unit of a unit-owned ``obj``.
    - ``old``/``new``: the values before and after; made JSON-safe (see ``values.json_safe``).
    - ``on_behalf_of``: for "entered by the actor for …" (an officer typing a citizen's form).
    """
    if not action or " " in action:
        raise ValueError("audit action must be a dotted code without spaces, e.g. 'household.created'")
    user, label = _actor_parts(actor, actor_label)
    event = AuditEvent(
        actor=user,
        actor_label=_truncate(label, "actor_label"),
        on_behalf_of=_truncate(on_behalf_of, "on_behalf_of"),
        unit_id=_unit_id(unit, obj),
        action=_truncate(action, "action"),
        object_type=obj._meta.label_lower if obj is not None and hasattr(obj, "_meta") else "",
        object_id=_truncate(str(obj.pk), "object_id") if obj is not None and getattr(obj, "pk", None) else "",
        object_label=_truncate(str(obj), "object_label") if obj is not None else "",
        old=json_safe(old) if old is not None else None,
        new=json_safe(new) if new is not None else None,
        note=clean_text(note or ""),
    )
    with transaction.atomic():
        head = _lock_head()
        event.seq = head.count + 1
        event.at = timezone.now()  # taken under the lock, so time order follows seq order
        event.prev_hash = head.last_hash
        event.hash = event_hash(event.prev_hash, _row(event))
        event.save(force_insert=True)
        head.count = event.seq
        head.last_id = event.pk
        head.last_hash = event.hash
        head.save(update_fields=["count", "last_id", "last_hash"])
    return event


def _row(event: AuditEvent) -> dict[str, Any]:
    return {
        "seq": event.seq,
        "at": event.at,
        "actor_id": event.actor_id,
        "actor_label": event.actor_label,
        "on_behalf_of": event.on_behalf_of,
        "unit_id": event.unit_id,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "object_label": event.object_label,
        "old": event.old,
        "new": event.new,
        "note": event.note,
    }
