"""Helpers shared by the dossier services: rule choices, calendars, the event log, locks, audit.

Private to :mod:`thanthien.dossiers.services`; the public ones (``dossier_rules``,
``calendar_around``, ``time_limit_of``, ``refusal``) are re-exported by the package.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from thanthien.audit.services import audit_record
from thanthien.clocks.selectors import calendar_for_dates
from thanthien.core.search import fold_join

from ..cache import invalidate_status
from ..domain import deadlines
from ..domain.common import DossierRuleError, local_date
from ..domain.deadlines import DossierRules, TimeLimit
from ..domain.status import Action
from ..models import Dossier, DossierEvent


def dossier_rules() -> DossierRules:
    """The platform's rule choices (``DOSSIER_RULE_*`` environment overrides)."""
    return DossierRules.from_mapping(getattr(settings, "DOSSIER_RULES", {}) or {})


def time_limit_of(procedure: Any) -> TimeLimit:
    return TimeLimit.from_catalogue(procedure.time_amount, procedure.time_measure, procedure.is_immediate)


def calendar_around(*moments: dt.datetime | dt.date | None, extra_days: int = 0) -> Any:
    days = [m if isinstance(m, dt.date) and not isinstance(m, dt.datetime) else local_date(m) for m in moments if m]
    return calendar_for_dates(*(days or [timezone.localdate()]), extra_days=extra_days)


def _calendar_for(dossier: Dossier, *moments: dt.datetime | dt.date | None) -> Any:
    amount = int(Decimal(dossier.procedure.time_amount or 0))
    return calendar_around(dossier.received_at, dossier.due_at, *moments, extra_days=amount + 30)


def refusal(code: str, message: str, field: str | None = None) -> DossierRuleError:
    """A rule refusal tied to a form field (``fields`` for the API error shape and the forms)."""
    error = DossierRuleError(code, "%(message)s", message=message)
    error.fields = {field: [message]} if field else {}  # type: ignore[attr-defined]
    return error


def _now(at: dt.datetime | None) -> dt.datetime:
    return at or timezone.now()


def _label(user: Any) -> str:
    if user is None:
        return ""
    return getattr(user, "display_name", "") or getattr(user, "full_name", "") or user.get_username()


def _search_text(dossier: Dossier) -> str:
    return fold_join(
        dossier.code,
        dossier.tracking_code,
        dossier.applicant_name,
        dossier.applicant_phone,
        dossier.applicant_id_number,
        dossier.procedure.code,
        dossier.procedure.name,
    )[:500]


def _close_open_step(dossier: Dossier, at: dt.datetime) -> None:
    """Close the receiver's step of the last hand-off: early, on time or late (Mẫu 05)."""
    last = (
        DossierEvent.objects.unscoped()
        .filter(dossier=dossier, step_finished_at__isnull=True)
        .exclude(step="")
        .order_by("-at", "-id")
        .first()
    )
    if last is None:
        return
    last.step_finished_at = at
    if last.step_due_at:
        last.step_timeliness = deadlines.classify_step(at, last.step_due_at).value
    last.save(update_fields=["step_finished_at", "step_timeliness"])


#: ``_event(giver=...)`` default: the actor hands the dossier over.
_ACTOR: Any = object()


def _event(
    dossier: Dossier,
    *,
    actor: Any,
    action: Action,
    from_status: str | None,
    at: dt.datetime,
    giver: Any = _ACTOR,
    giver_label: str = "",
    receiver: Any = None,
    receiver_label: str = "",
    step: str = "",
    step_due_at: dt.datetime | None = None,
    note: str = "",
    data: dict[str, Any] | None = None,
) -> DossierEvent:
    _close_open_step(dossier, at)
    if giver is _ACTOR:
        giver = actor if getattr(actor, "is_authenticated", False) else None
        giver_label = giver_label or (_label(actor) if giver is not None else str(actor or ""))
    # Every creation and transition passes here: drop the public status page's cached copy once committed.
    transaction.on_commit(lambda code=dossier.tracking_code: invalidate_status(code))
    return DossierEvent.objects.create(
        unit_id=dossier.unit_id,
        dossier=dossier,
        action=action.value,
        from_status=from_status or "",
        to_status=dossier.status,
        at=at,
        giver=giver,
        giver_label=giver_label[:200],
        receiver=receiver,
        receiver_label=receiver_label or _label(receiver),
        step=step,
        step_due_at=step_due_at,
        note=note,
        data=data or {},
    )


def _audit(actor: Any, code: str, dossier: Dossier, old: dict | None, new: dict | None, note: str = "") -> None:
    audit_record(
        actor=actor,
        action=code,
        obj=dossier,
        unit=dossier.unit_id,
        old=old,
        new=new,
        note=note,
        on_behalf_of=dossier.on_behalf_of if code in {"dossier.submitted_online", "dossier.received"} else "",
    )


def _lock(dossier: Dossier) -> Dossier:
    """The dossier's row, locked for the transaction. Only that row: a plain ``FOR UPDATE`` with
    ``select_related`` would also lock the procedure and the unit, and a reception inserting a
    dossier of the same procedure (its foreign-key check) would deadlock with us on PostgreSQL."""
    return (
        Dossier.objects.unscoped()
        .select_for_update(of=("self",))
        .select_related("procedure", "unit")
        .get(pk=dossier.pk)
    )


def _state(dossier: Dossier) -> dict[str, Any]:
    return {
        "status": dossier.status,
        "due_at": dossier.due_at,
        "handler": dossier.handler_id,
        "extended_due_at": dossier.extended_due_at,
    }


def _steps_hours(procedure: Any) -> list[Decimal]:
    return [Decimal(s.hours) for s in procedure.steps.all()]


def _processing_hours(procedure: Any) -> Decimal:
    """Working hours budgeted for the handler (every catalogue step after reception)."""
    hours = _steps_hours(procedure)
    return sum(hours[1:], Decimal(0)) if len(hours) > 1 else sum(hours, Decimal(0))


_AUDIT_CODES = {
    Action.SUBMIT_ONLINE: "submitted_online",
    Action.REQUEST_SUPPLEMENT_AT_RECEPTION: "supplement_requested_at_reception",
    Action.RESUBMIT: "resubmitted",
    Action.REFUSE_AT_RECEPTION: "refused_at_reception",
    Action.RECEIVE: "received",
    Action.TRANSFER: "transferred",
    Action.ASSIGN: "assigned",
    Action.REASSIGN: "reassigned",
    Action.REQUEST_SUPPLEMENT: "supplement_requested",
    Action.COMPLETE_SUPPLEMENT: "supplement_completed",
    Action.REQUEST_CONSULTATION: "consultation_requested",
    Action.CLOSE_CONSULTATION: "consultation_closed",
    Action.SEND_INTER_AGENCY: "sent_inter_agency",
    Action.RECEIVE_INTER_AGENCY: "received_inter_agency",
    Action.REQUEST_FEES: "fees_requested",
    Action.CONFIRM_FEES_PAID: "fees_paid",
    Action.ISSUE_APOLOGY: "apology_issued",
    Action.REFUSE: "refused",
    Action.STOP_AT_REQUEST: "stopped_at_request",
    Action.RECORD_RESULT: "result_recorded",
    Action.RECORD_IMMEDIATE_RESULT: "immediate_result_recorded",
    Action.RETURN_RESULT: "returned",
}
