"""Audit trail (nhật ký): every write through a service records one hash-chained event.

Public API used by every app's services::

    audit_record(actor=user, action="household.created", obj=household, unit=household.unit,
                 old=None, new={"code": "HGD-001"})
"""

from __future__ import annotations

from typing import Any


def audit_record(
    *,
    actor: Any,
    action: str,
    obj: Any = None,
    unit: Any = None,
    old: dict[str, Any] | None = None,
    new: dict[str, Any] | None = None,
    note: str = "",
) -> Any:
    """Record one audit event inside the caller's transaction. Returns the event.

    Placeholder until the audit app lands its hash-chained model; keeps the signature stable.
    """
    return None
