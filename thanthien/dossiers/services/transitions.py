"""The lifecycle driver: every transition of an existing dossier and its hand-off (Mẫu 05).

:func:`dossier_transition` checks the move against ``domain.status``, runs the action's
handler (``_t_*``: the rule checks and the fields it changes, returning the event's giver,
receiver and step), saves, logs the hand-off and records the audit event. NĐ 61/2018 Điều 17–20.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import permissions
from ..domain import deadlines
from ..domain.common import DossierRuleError, local_date
from ..domain.status import ACTIVE_STATES, Action, check_transition
from ..models import Dossier
from ._common import (
    _AUDIT_CODES,
    _audit,
    _calendar_for,
    _event,
    _label,
    _lock,
    _now,
    _processing_hours,
    _search_text,
    _state,
    _steps_hours,
    dossier_rules,
    refusal,
    time_limit_of,
)
from .fees import _fee_insert
from .intake import _apply_reception, _reception_event_kw
from .late import dossier_apology_issue


def _require(params: dict[str, Any], name: str, message: str) -> Any:
    value = params.get(name)
    if value in (None, ""):
        raise refusal(f"dossier.{name}_required", message, name)
    return value


def _handler_in_unit(handler: Any, unit_id: int) -> None:
    from thanthien.units.permissions import has_role

    if handler is None or not has_role(handler, unit_id, permissions.DOSSIER_STAFF):
        message = _("Choose a handler who works on dossiers in the deciding commune.")
        raise refusal("dossier.handler_invalid", message, "handler")


def dossier_transition(
    *, actor: Any, dossier: Dossier, action: Action | str, at: dt.datetime | None = None, **params: Any
) -> Dossier:
    """Apply ``action`` to ``dossier`` (every lifecycle step except creation and the apology).

    ``params`` per action: ``reason`` (supplements, refusals, stop), ``handler`` (assign,
    reassign), ``step_hours`` and ``body`` (consultation, inter-agency: their own deadline),
    ``result_note`` (results), ``fee_amount``/``receipt_no`` (confirm fees). Raises
    :class:`IllegalTransition` (nothing changed), :class:`DossierRuleError` or PermissionDenied.
    """
    try:
        action = Action(action)
    except ValueError:
        check_transition(dossier.status, action)  # raises the "unknown action" refusal
        raise
    if action == Action.ISSUE_APOLOGY:
        return dossier_apology_issue(
            actor=actor,
            dossier=dossier,
            new_due_date=params.get("new_due_date"),
            reason=params.get("reason", ""),
            delivered_channel=params.get("delivered_channel", ""),
            at=at,
        )
    if action == Action.SUBMIT_ONLINE or (dossier.pk is None):
        raise DossierRuleError("dossier.not_saved", gettext_lazy("Use the reception form for a new dossier."))
    at = _now(at)
    permissions.ensure_dossier_scope(actor, dossier)
    permissions.ensure_can(actor, dossier, action)
    with transaction.atomic():
        dossier = _lock(dossier)
        old_status = dossier.status
        new_status = check_transition(old_status, action)
        old = _state(dossier)
        event_kw: dict[str, Any] = {}
        handler = _TRANSITION_HANDLERS.get(action)
        if handler is not None:
            event_kw = handler(dossier, actor=actor, at=at, params=params) or {}
        dossier.status = new_status
        if new_status not in ACTIVE_STATES:
            dossier.predicted_late = False
        dossier.save()
        _event(dossier, actor=actor, action=action, from_status=old_status, at=at, **event_kw)
        _audit(actor, f"dossier.{_AUDIT_CODES[action]}", dossier, old, _state(dossier), note=params.get("reason", ""))
    return dossier


def _t_receive(dossier: Dossier, *, actor: Any, at: dt.datetime, params: dict) -> dict:
    _apply_reception(dossier, action=Action.RECEIVE, actor=actor, at=at)
    dossier.search_text = _search_text(dossier)
    return _reception_event_kw(dossier, actor)


def _t_reception_reason(dossier: Dossier, *, actor: Any, at: dt.datetime, params: dict) -> dict:
    dossier.reason = _require(params, "reason", _("Enter the reason (it is printed on the slip)."))
    if params.get("action_is_refusal"):
        dossier.finished_at = at
    return {"receiver_label": dossier.applicant_name, "note": dossier.reason}


def _t_refuse_final(dossier: Dossier, *, actor: Any, at: dt.datetime, params: dict) -> dict:
    dossier.reason = _require(params, "reason", _("Enter the reason for the refusal (it is sent to the applicant)."))
    dossier.finished_at = at
    cal = _calendar_for(dossier, at)
    if dossier.original_due_at:
        result = deadlines.classify_for_reporting(
            at, dossier.original_due_at, dossier.extended_due_at, dossier_rules(), cal.tz
        )
        dossier.timeliness = result.kpi.value
    return {"receiver_label": dossier.applicant_name, "note": dossier.reason}


def _t_resubmit(dossier: Dossier, *, actor: Any, at: dt.datetime, params: dict) -> dict:
    return {}


def _t_transfer(dossier: Dossier, *, actor: Any, at: dt.datetime, params: dict) -> dict:
    receiver = params.get("receiver")
    label = (receiver and _label(receiver)) or (
        str(dossier.deciding_unit) if dossier.deciding_unit_id else str(_("Processing officers"))
    )
    return {"receiver": receiver, "receiver_label": label, "data": {"to_unit": dossier.decider_unit_id}}


def _t_assign(dossier: Dossier, *, actor: Any, at: dt.datetime, params: dict) -> dict:
    handler = params.get("handler")
    _handler_in_unit(handler, dossier.decider_unit_id)
    if handler.pk == dossier.handler_id:
        message = _("The dossier is already assigned to this handler.")
        raise refusal("dossier.same_handler", message, "handler")
    dossier.handler = handler
    cal = _calendar_for(dossier, at)
    step_due = deadlines.step_due(at, _processing_hours(dossier.procedure), cal)
    if dossier.due_at and step_due > dossier.due_at:
        step_due = dossier.due_at
    return {"receiver": handler, "step": str(_("Processing")), "step_due_at": step_due}


def _t_request_supplement(dossier: Dossier, *, actor: Any, at: dt.datetime, params: dict) -> dict:
    reason = _require(params, "reason", _("List what the applicant must supplement and why."))
    cal = _calendar_for(dossier, at)
    deadlines.supplement_request_allowed(
        dossier.received_at,
        at,
        cal,
        already_requested=dossier.supplement_requests,
        channel=dossier.channel_in,
        rules=dossier_rules(),
    ).raise_if_refused()
    dossier.supplement_requests += 1
    dossier.reason = reason
    return {"receiver_label": dossier.applicant_name, "note": reason}


def _t_complete_supplement(dossier: Dossier, *, actor: Any, at: dt.datetime, params: dict) -> dict:
    """NĐ 61 Điều 19.4: the processing time restarts from zero; the new due date is printed again."""
    cal = _calendar_for(dossier, at)
    completed_at = at
    due = deadlines.due_after_supplement(
        completed_at, time_limit_of(dossier.procedure), cal, channel=dossier.channel_in, rules=dossier_rules()
    )
    previous = {"due_at": dossier.due_at}
    dossier.clock_started_at = deadlines.clock_start(
        completed_at, cal, channel=dossier.channel_in, rules=dossier_rules()
    )
    dossier.due_at = dossier.original_due_at = due.due_at
    dossier.due_date = dossier.original_due_date = due.due_date
    dossier.extended_due_at = None
    dossier.extended_due_date = None
    step_due = min(deadlines.step_due(at, _processing_hours(dossier.procedure), cal), due.due_at)
    return {
        "receiver": dossier.handler,
        "step": str(_("Processing after the supplement")),
        "step_due_at": step_due,
        "data": {"previous_due_at": previous["due_at"].isoformat() if previous["due_at"] else None},
    }


def _t_external_step(dossier: Dossier, *, actor: Any, at: dt.datetime, params: dict) -> dict:
    body = _require(params, "body", _("Name the body that is consulted or takes part."))
    hours = params.get("step_hours")
    try:
        hours = Decimal(str(hours)) if hours not in (None, "") else None
    except ArithmeticError:
        hours = None
    if hours is None or hours <= 0:
        message = _("Enter the working hours the other body has for its step.")
        raise refusal("dossier.step_hours_required", message, "step_hours")
    cal = _calendar_for(dossier, at)
    return {
        "receiver_label": body,
        "step": str(body),
        "step_due_at": deadlines.step_due(at, hours, cal),
        "data": {"step_hours": str(hours)},
    }


def _t_back_to_handler(dossier: Dossier, *, actor: Any, at: dt.datetime, params: dict) -> dict:
    cal = _calendar_for(dossier, at)
    step_due = dossier.due_at
    if dossier.procedure.steps.exists():
        hours = _steps_hours(dossier.procedure)
        step_due = min(deadlines.step_due(at, hours[-1], cal), dossier.due_at) if dossier.due_at else None
    return {"receiver": dossier.handler, "step": str(_("Processing")), "step_due_at": step_due}


def _t_request_fees(dossier: Dossier, *, actor: Any, at: dt.datetime, params: dict) -> dict:
    return {"receiver_label": dossier.applicant_name, "note": params.get("reason", "")}


def _t_confirm_fees(dossier: Dossier, *, actor: Any, at: dt.datetime, params: dict) -> dict:
    amount = params.get("fee_amount")
    if amount not in (None, ""):
        _fee_insert(dossier, actor=actor, amount=amount, receipt_no=params.get("receipt_no", ""), at=at)
    return _t_back_to_handler(dossier, actor=actor, at=at, params=params)


def _t_stop(dossier: Dossier, *, actor: Any, at: dt.datetime, params: dict) -> dict:
    dossier.reason = _require(params, "reason", _("Record the applicant's request to stop (date and content)."))
    dossier.finished_at = at
    return {"receiver_label": dossier.applicant_name, "note": dossier.reason}


def _t_record_result(dossier: Dossier, *, actor: Any, at: dt.datetime, params: dict) -> dict:
    dossier.result_note = (params.get("result_note") or "")[:500]
    dossier.result_at = at
    return {
        "receiver_label": str(_("One-stop centre")),
        "step": str(_("Return of the result")),
        "step_due_at": dossier.due_at,
    }


def _t_record_immediate(dossier: Dossier, *, actor: Any, at: dt.datetime, params: dict) -> dict:
    if not dossier.procedure.is_immediate:
        raise DossierRuleError(
            "dossier.not_immediate", gettext_lazy("This procedure is not settled immediately at the counter.")
        )
    return _t_record_result(dossier, actor=actor, at=at, params=params)


def _t_return(dossier: Dossier, *, actor: Any, at: dt.datetime, params: dict) -> dict:
    """Điều 20: classified early / on time / late against both due dates (legal-rules §2.10)."""
    cal = _calendar_for(dossier, at)
    result = deadlines.classify_for_reporting(
        at, dossier.original_due_at or dossier.due_at, dossier.extended_due_at, dossier_rules(), cal.tz
    )
    dossier.returned_at = dossier.finished_at = at
    dossier.returned_on = local_date(at)
    dossier.timeliness = result.kpi.value
    dossier.timeliness_extended = result.against_extended.value if result.against_extended else ""
    return {
        "receiver_label": dossier.applicant_name,
        "data": {"against_original": result.against_original.value, "rescued": result.rescued_by_extension},
    }


_TRANSITION_HANDLERS = {
    Action.RECEIVE: _t_receive,
    Action.REQUEST_SUPPLEMENT_AT_RECEPTION: _t_reception_reason,
    Action.REFUSE_AT_RECEPTION: lambda d, **kw: _t_reception_reason(
        d, actor=kw["actor"], at=kw["at"], params=kw["params"] | {"action_is_refusal": True}
    ),
    Action.RESUBMIT: _t_resubmit,
    Action.TRANSFER: _t_transfer,
    Action.ASSIGN: _t_assign,
    Action.REASSIGN: _t_assign,
    Action.REQUEST_SUPPLEMENT: _t_request_supplement,
    Action.COMPLETE_SUPPLEMENT: _t_complete_supplement,
    Action.REQUEST_CONSULTATION: _t_external_step,
    Action.SEND_INTER_AGENCY: _t_external_step,
    Action.CLOSE_CONSULTATION: _t_back_to_handler,
    Action.RECEIVE_INTER_AGENCY: _t_back_to_handler,
    Action.REQUEST_FEES: _t_request_fees,
    Action.CONFIRM_FEES_PAID: _t_confirm_fees,
    Action.REFUSE: _t_refuse_final,
    Action.STOP_AT_REQUEST: _t_stop,
    Action.RECORD_RESULT: _t_record_result,
    Action.RECORD_IMMEDIATE_RESULT: _t_record_immediate,
    Action.RETURN_RESULT: _t_return,
}
