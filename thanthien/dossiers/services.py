"""Writes on dossiers (hồ sơ): reception, every lifecycle transition, hand-offs, the apology.

Every service is keyword-only with the actor first, checks permission, validates against the
rules in ``domain/`` (:func:`~.domain.status.check_transition` first, so an illegal action
changes nothing), writes inside ``transaction.atomic()`` under a row lock and records one audit
event. The HTML pages and the API call these same functions.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thanthien.audit.services import audit_record
from thanthien.clocks.selectors import calendar_for_dates
from thanthien.core.search import fold_join
from thanthien.core.tenancy import ensure_in_scope
from thanthien.procedures.domain.components import extra_components
from thanthien.procedures.domain.fees import charge_allowed
from thanthien.units.models import AdminUnit
from thanthien.units.permissions import ensure_role

from . import permissions
from .cache import invalidate_status
from .domain import deadlines
from .domain.codes import DEFAULT_CODE_FORMAT, tracking_code
from .domain.common import Channel, DossierRuleError, local_date
from .domain.deadlines import DossierRules, TimeLimit
from .domain.status import ACTIVE_STATES, Action, DossierStatus, check_transition
from .models import (
    Dossier,
    DossierApology,
    DossierCodeCounter,
    DossierComponent,
    DossierEvent,
    DossierFee,
    Timeliness,
    VolunteerShift,
)

S = DossierStatus


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


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


def agency_code(unit: AdminUnit) -> str:
    """The agency identifier in the dossier code (TT 10/2016/TT-BTTTT ``V1V2V3.Z1Z2.Y1Y2.MX1X2``).

    ``settings.DOSSIER_AGENCY_CODES`` maps a unit's GSO code to its official identifier. Without
    one, an identifier is derived from the GSO codes (commune ``ccc.cc``, province ``pp``, ``H``
    for a provincial-level body): unique per commune and valid for the pattern, but not the
    official TT 10/2016 code — set the mapping before go-live.
    """
    mapping = getattr(settings, "DOSSIER_AGENCY_CODES", {}) or {}
    if unit.code in mapping:
        return mapping[unit.code]
    digits = "".join(c for c in unit.code if c.isdigit()).rjust(5, "0")[-5:]
    province = unit.parent.code if unit.parent_id else "00"
    province = "".join(c for c in province if c.isdigit()).rjust(2, "0")[-2:]
    return f"{digits[:3]}.{digits[3:]}.{province}.H{province}"


def allocate_code(unit: AdminUnit, day: dt.date) -> str:
    """The next dossier code of ``unit`` for ``day`` (TT 01/2018 Điều 19).

    One counter row per unit and day, taken under ``SELECT … FOR UPDATE`` inside the caller's
    transaction, so parallel receptions wait for each other instead of reading the same number.
    """
    DossierCodeCounter.objects.bulk_create([DossierCodeCounter(unit=unit, day=day, last=0)], ignore_conflicts=True)
    counter = DossierCodeCounter.objects.select_for_update().get(unit=unit, day=day)
    counter.last += 1
    if counter.last > DEFAULT_CODE_FORMAT.max_sequence:
        raise DossierRuleError(
            "dossier.code_exhausted", gettext_lazy("No more dossier codes are available for this day.")
        )
    counter.save(update_fields=["last"])
    return DEFAULT_CODE_FORMAT.format(agency_code(unit), day, counter.last)


def _assign_codes(dossier: Dossier, at: dt.datetime) -> None:
    if dossier.code:
        return
    dossier.code = allocate_code(dossier.unit, local_date(at))
    secret = getattr(settings, "DOSSIER_TRACKING_SECRET", settings.SECRET_KEY.encode())
    for attempt in range(20):
        candidate = tracking_code(dossier.code, secret=secret, attempt=attempt)
        if not Dossier.objects.unscoped().filter(tracking_code=candidate).exists():
            dossier.tracking_code = candidate
            return
    raise DossierRuleError("dossier.tracking_code", gettext_lazy("Could not allocate a tracking code."))


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
    """Close the receiver's step of the last hand-off: on time or late (Mẫu 05)."""
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
        last.step_timeliness = Timeliness.LATE if at > last.step_due_at else Timeliness.ON_TIME
    last.save(update_fields=["step_finished_at", "step_timeliness"])


def _event(
    dossier: Dossier,
    *,
    actor: Any,
    action: Action,
    from_status: str | None,
    at: dt.datetime,
    receiver: Any = None,
    receiver_label: str = "",
    step: str = "",
    step_due_at: dt.datetime | None = None,
    note: str = "",
    data: dict[str, Any] | None = None,
) -> DossierEvent:
    _close_open_step(dossier, at)
    # Every creation and transition passes here: drop the public status page's cached copy once committed.
    transaction.on_commit(lambda code=dossier.tracking_code: invalidate_status(code))
    return DossierEvent.objects.create(
        unit_id=dossier.unit_id,
        dossier=dossier,
        action=action.value,
        from_status=from_status or "",
        to_status=dossier.status,
        at=at,
        giver=actor if getattr(actor, "is_authenticated", False) else None,
        giver_label=_label(actor) if getattr(actor, "is_authenticated", False) else str(actor or ""),
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
    return Dossier.objects.unscoped().select_for_update().select_related("procedure", "unit").get(pk=dossier.pk)


def _state(dossier: Dossier) -> dict[str, Any]:
    return {
        "status": dossier.status,
        "due_at": dossier.due_at,
        "handler": dossier.handler_id,
        "extended_due_at": dossier.extended_due_at,
    }


def _reception_step_due(received_at: dt.datetime, cal: Any, rules: DossierRules, channel: str) -> dt.datetime:
    """When the one-stop must hand the dossier on (NĐ 61/2018 Điều 18).

    Received before 15:00: the same working day; after 15:00 or on a day off: the morning of
    the next working day.
    """
    start = deadlines.clock_start(received_at, cal, channel=channel, rules=rules)
    day = start.astimezone(cal.tz).date()
    hours = cal.office_hours_on(day)
    if start.astimezone(cal.tz).date() == received_at.astimezone(cal.tz).date() and start <= received_at:
        return dt.datetime.combine(day, hours.afternoon_end, tzinfo=cal.tz)
    return dt.datetime.combine(day, hours.morning_end, tzinfo=cal.tz)


def _steps_hours(procedure: Any) -> list[Decimal]:
    return [Decimal(s.hours) for s in procedure.steps.all()]


def _processing_hours(procedure: Any) -> Decimal:
    """Working hours budgeted for the handler (every catalogue step after reception)."""
    hours = _steps_hours(procedure)
    return sum(hours[1:], Decimal(0)) if len(hours) > 1 else sum(hours, Decimal(0))


def remaining_step_hours(dossier: Dossier) -> Decimal:
    """Budgeted working hours still ahead, for the predicted-late rule (Điều 19.9).

    Before assignment: the handler's whole budget; while processing: the last catalogue step
    (sign-off and return); otherwise nothing.
    """
    status = dossier.status
    if status in {S.RECEIVED, S.TRANSFERRED}:
        return _processing_hours(dossier.procedure)
    if status in {S.IN_PROCESSING, S.CONSULTATION, S.INTER_AGENCY, S.AWAITING_FEES}:
        hours = _steps_hours(dossier.procedure)
        # A single-step procedure still has that whole step ahead until the result is ready.
        return hours[-1] if hours else Decimal(0)
    return Decimal(0)


# --------------------------------------------------------------------------------------------
# Creation: at the counter, by post, online (and online entered by staff for a citizen)
# --------------------------------------------------------------------------------------------


@dataclass
class ApplicantData:
    """Who files the dossier (personal data)."""

    name: str
    id_number: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""


@dataclass
class IntakeData:
    """Everything the counter, the postal hand-over or the online form provides."""

    procedure: Any
    applicant: ApplicantData
    channel_in: str = Channel.DIRECT.value
    channel_out: str = Channel.DIRECT.value
    components: list[str] = field(default_factory=list)
    deciding_unit: AdminUnit | None = None
    postal_receipt_no: str = ""
    handover_signed_at: dt.datetime | None = None
    postal_return_address: str = ""
    on_behalf_of: str = ""
    reason: str = ""


def _check_intake(unit: AdminUnit, data: IntakeData) -> None:
    errors: dict[str, list[str]] = {}
    if not (data.applicant.name or "").strip():
        errors["applicant_name"] = [_("Enter the applicant's name.")]
    channels = {c.value for c in Channel}
    if data.channel_in not in channels:
        errors["channel_in"] = [_("Choose how the dossier was submitted.")]
    if data.channel_out not in channels:
        errors["channel_out"] = [_("Choose how the dossier was submitted.")]
    if data.channel_in == Channel.POSTAL and data.handover_signed_at is None:
        errors["handover_signed_at"] = [
            _("For a dossier sent by post, enter when the hand-over record was signed (QĐ 45/2016 Điều 7).")
        ]
    postal = Channel.POSTAL.value in {data.channel_in, data.channel_out}
    if postal and not data.procedure.postal_eligible:
        errors["channel_in" if data.channel_in == Channel.POSTAL else "channel_out"] = [
            _("This procedure cannot be carried out through the postal service.")
        ]
    if data.channel_out == Channel.POSTAL and not (data.postal_return_address or data.applicant.address):
        errors["postal_return_address"] = [_("Enter the address the result should be posted to.")]
    if data.deciding_unit is not None:
        d = data.deciding_unit
        if d.pk == unit.pk:
            data.deciding_unit = None
        elif d.level != AdminUnit.Level.COMMUNE or d.parent_id != unit.parent_id:
            errors["deciding_unit"] = [_("A dossier can be routed only to another commune of the same province.")]
    if errors:
        first = next(iter(errors.values()))[0]
        error = DossierRuleError("dossier.invalid", "%(message)s", message=first)
        error.fields = errors  # type: ignore[attr-defined]
        raise error


def _new_dossier(unit: AdminUnit, data: IntakeData, at: dt.datetime, actor: Any) -> Dossier:
    a = data.applicant
    submitted_at = data.handover_signed_at if data.channel_in == Channel.POSTAL and data.handover_signed_at else at
    return Dossier(
        unit=unit,
        deciding_unit=data.deciding_unit,
        procedure=data.procedure,
        applicant_name=a.name.strip(),
        applicant_id_number=a.id_number.strip(),
        applicant_address=a.address.strip(),
        applicant_phone=a.phone.strip(),
        applicant_email=a.email.strip(),
        channel_in=data.channel_in,
        channel_out=data.channel_out,
        postal_receipt_no=data.postal_receipt_no,
        handover_signed_at=data.handover_signed_at,
        postal_return_address=data.postal_return_address,
        on_behalf_of=data.on_behalf_of.strip(),
        entered_by=actor if (getattr(actor, "is_authenticated", False) and data.on_behalf_of) else None,
        submitted_at=submitted_at,
        submitted_on=local_date(submitted_at),
        status=S.SUBMITTED_ONLINE,
    )


def _add_components(dossier: Dossier, names: list[str], actor: Any) -> list[DossierComponent]:
    names = [n.strip() for n in names if n and n.strip()]
    if not names:
        return []
    listed = [c.name for c in dossier.procedure.components.all()]
    extra = set(extra_components(names, listed))
    user = actor if getattr(actor, "is_authenticated", False) else None
    return DossierComponent.objects.bulk_create(
        [
            DossierComponent(unit_id=dossier.unit_id, dossier=dossier, name=n, is_extra=n in extra, requested_by=user)
            for n in names
        ]
    )


def _apply_reception(dossier: Dossier, *, actor: Any, at: dt.datetime) -> None:
    """Mẫu 01: the code, the clock start and the due date (NĐ 61 Điều 17.1c, 17.3, Điều 18)."""
    rules = dossier_rules()
    received_at = (
        deadlines.postal_submitted_at(dossier.handover_signed_at)
        if dossier.channel_in == Channel.POSTAL and dossier.handover_signed_at
        else at
    )
    amount = int(Decimal(dossier.procedure.time_amount or 0))
    cal = calendar_around(received_at, at, extra_days=amount + 30)
    due = deadlines.due_at_reception(
        received_at, time_limit_of(dossier.procedure), cal, channel=dossier.channel_in, rules=rules
    )
    _assign_codes(dossier, received_at)
    dossier.received_at = received_at
    dossier.received_on = local_date(received_at)
    dossier.clock_started_at = deadlines.clock_start(received_at, cal, channel=dossier.channel_in, rules=rules)
    dossier.due_at = dossier.original_due_at = due.due_at
    dossier.due_date = dossier.original_due_date = due.due_date
    dossier.received_by = actor if getattr(actor, "is_authenticated", False) else None


def _ensure_can_intake(actor: Any, unit: AdminUnit, action: Action) -> None:
    ensure_role(actor, unit.pk, permissions.roles_for_action(action))


def dossier_create(
    *,
    actor: Any,
    unit: AdminUnit,
    data: IntakeData,
    action: Action | str = Action.RECEIVE,
    at: dt.datetime | None = None,
) -> Dossier:
    """A new dossier at the counter or from the postal hand-over.

    ``action`` is the officer's decision on the spot: ``receive`` (Mẫu 01, code and due date),
    ``request_supplement_at_reception`` (Mẫu 02, the clock does not start) or
    ``refuse_at_reception`` (Mẫu 03). ``submit_online`` files an online dossier awaiting reception
    (use :func:`dossier_submit_online`).
    """
    action = Action(action)
    at = _now(at)
    new_status = check_transition(None, action)
    if action == Action.SUBMIT_ONLINE:
        return dossier_submit_online(actor=actor, unit=unit, data=data, at=at)
    _ensure_can_intake(actor, unit, action)
    _check_intake(unit, data)
    with transaction.atomic():
        dossier = _new_dossier(unit, data, at, actor)
        dossier.status = new_status
        dossier.reason = data.reason
        if action == Action.RECEIVE:
            _apply_reception(dossier, actor=actor, at=at)
        elif action == Action.REFUSE_AT_RECEPTION:
            dossier.finished_at = at
        dossier.search_text = _search_text(dossier)
        dossier.save()
        _add_components(dossier, data.components, actor)
        step, step_due = "", None
        if action == Action.RECEIVE:
            step = str(_("Reception and transfer (one-stop)"))
            step_due = _reception_step_due(
                dossier.received_at, calendar_around(dossier.received_at), dossier_rules(), dossier.channel_in
            )
        _event(
            dossier,
            actor=actor,
            action=action,
            from_status=None,
            at=at,
            receiver=actor if action == Action.RECEIVE else None,
            receiver_label="" if action == Action.RECEIVE else dossier.applicant_name,
            step=step,
            step_due_at=step_due,
            note=data.reason,
        )
        _audit(actor, f"dossier.{_AUDIT_CODES[action]}", dossier, None, _state(dossier) | {"code": dossier.code})
    return dossier


def dossier_submit_online(*, actor: Any, unit: AdminUnit, data: IntakeData, at: dt.datetime | None = None) -> Dossier:
    """An online submission (NĐ 61 Điều 17.2), by the citizen (``actor=None``) or by an officer
    for a citizen at home or after hours (assisted service, R1.2): "entered by X for Y"."""
    at = _now(at)
    check_transition(None, Action.SUBMIT_ONLINE)
    if getattr(actor, "is_authenticated", False):
        ensure_role(actor, unit.pk, permissions.DOSSIER_STAFF)
        if not data.on_behalf_of:
            data.on_behalf_of = data.applicant.name
    data.channel_in = Channel.ONLINE.value
    _check_intake(unit, data)
    with transaction.atomic():
        dossier = _new_dossier(unit, data, at, actor)
        dossier.search_text = _search_text(dossier)
        dossier.save()
        _add_components(dossier, data.components, actor)
        _event(dossier, actor=actor or dossier.applicant_name, action=Action.SUBMIT_ONLINE, from_status=None, at=at)
        audit_record(
            actor=actor if actor is not None else None,
            actor_label="" if actor is not None else _("citizen (online)"),
            action="dossier.submitted_online",
            obj=dossier,
            unit=unit,
            new={"status": dossier.status},
            on_behalf_of=dossier.on_behalf_of,
        )
    return dossier


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


# --------------------------------------------------------------------------------------------
# Transitions on an existing dossier
# --------------------------------------------------------------------------------------------


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
    _apply_reception(dossier, actor=actor, at=at)
    dossier.search_text = _search_text(dossier)
    return {
        "receiver": actor,
        "step": str(_("Reception and transfer (one-stop)")),
        "step_due_at": _reception_step_due(
            dossier.received_at, calendar_around(dossier.received_at), dossier_rules(), dossier.channel_in
        ),
    }


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


# --------------------------------------------------------------------------------------------
# Apology and new appointment (Mẫu 04)
# --------------------------------------------------------------------------------------------


def _proposed_new_due(dossier: Dossier, cal: Any) -> dt.date:
    hours = remaining_step_hours(dossier)
    days = max(1, int((hours / 8).to_integral_value(rounding="ROUND_CEILING")))
    return cal.add_working_days(dossier.due_date or local_date(dossier.due_at), days)


def apology_draft(*, dossier: Dossier, now: dt.datetime, actor: Any = None) -> DossierApology | None:
    """Draft the Mẫu 04 slip for a predicted-late dossier, once; None if one exists or it is too late."""
    if dossier.due_at is None or dossier.extended_due_at is not None:
        return None
    if DossierApology.objects.unscoped().filter(dossier=dossier).exists():
        return None
    cal = _calendar_for(dossier, now)
    if not deadlines.can_issue_apology(dossier.due_at, now, 0, cal, dossier_rules()):
        return None
    with transaction.atomic():
        apology, created = DossierApology.objects.unscoped().get_or_create(
            dossier=dossier,
            defaults={
                "unit_id": dossier.unit_id,
                "original_due_at": dossier.due_at,
                "new_due_date": _proposed_new_due(dossier, cal),
                "drafted_at": now,
                "reason": "",
            },
        )
        if created:
            audit_record(
                actor=actor,
                actor_label="" if actor else "system",
                action="dossier.apology_drafted",
                obj=dossier,
                unit=dossier.unit_id,
                new={"new_due_date": apology.new_due_date},
            )
    return apology if created else None


def dossier_apology_issue(
    *,
    actor: Any,
    dossier: Dossier,
    new_due_date: dt.date | None,
    reason: str,
    delivered_channel: str = "",
    at: dt.datetime | None = None,
) -> Dossier:
    """Issue the apology and new appointment (NĐ 61/2018 Điều 19 khoản 9; Mẫu 04).

    At least one working day before the due date, at most once per dossier (a second extension
    is refused, and the database refuses a second slip). The original due date is kept; the new
    one becomes the dossier's due date.
    """
    at = _now(at)
    permissions.ensure_dossier_scope(actor, dossier)
    permissions.ensure_can(actor, dossier, Action.ISSUE_APOLOGY)
    with transaction.atomic():
        dossier = _lock(dossier)
        check_transition(dossier.status, Action.ISSUE_APOLOGY)
        existing = DossierApology.objects.unscoped().filter(dossier=dossier).first()
        issued = 1 if (dossier.extended_due_at or (existing and existing.state == DossierApology.State.ISSUED)) else 0
        cal = _calendar_for(dossier, at)
        rules = dossier_rules()
        original = dossier.original_due_at or dossier.due_at
        deadlines.can_issue_apology(dossier.due_at, at, issued, cal, rules).raise_if_refused()
        if not (reason or "").strip():
            message = _("Explain the reason for the delay (it is printed on the slip).")
            raise refusal("apology.reason_required", message, "reason")
        if new_due_date is None:
            message = _("Choose the new return date.")
            raise refusal("apology.new_date_required", message, "new_due_date")
        new_due = deadlines.validate_new_due(dossier.due_at, new_due_date, cal, rules)
        old = _state(dossier)
        if existing is None:
            existing = DossierApology(unit_id=dossier.unit_id, dossier=dossier, drafted_at=at, original_due_at=original)
        existing.state = DossierApology.State.ISSUED
        existing.reason = reason.strip()
        existing.original_due_at = original
        existing.new_due_date = new_due.due_date
        existing.new_due_at = new_due.due_at
        existing.issued_at = at
        existing.signer = actor if getattr(actor, "is_authenticated", False) else None
        existing.delivered_channel = delivered_channel or dossier.channel_out
        existing.delivered_at = at
        existing.save()
        dossier.extended_due_at = new_due.due_at
        dossier.extended_due_date = new_due.due_date
        dossier.due_at = new_due.due_at
        dossier.due_date = new_due.due_date
        dossier.predicted_late = False
        dossier.save(
            update_fields=["extended_due_at", "extended_due_date", "due_at", "due_date", "predicted_late", "updated_at"]
        )
        DossierEvent.objects.create(
            unit_id=dossier.unit_id,
            dossier=dossier,
            action=Action.ISSUE_APOLOGY.value,
            from_status=dossier.status,
            to_status=dossier.status,
            at=at,
            giver=existing.signer,
            giver_label=_label(actor),
            receiver_label=dossier.applicant_name,
            note=existing.reason,
            data={"original_due_at": original.isoformat(), "new_due_at": new_due.due_at.isoformat()},
        )
        _audit(actor, "dossier.apology_issued", dossier, old, _state(dossier), note=existing.reason)
        transaction.on_commit(lambda code=dossier.tracking_code: invalidate_status(code))
    return dossier


# --------------------------------------------------------------------------------------------
# Fees and components
# --------------------------------------------------------------------------------------------


def _fee_insert(
    dossier: Dossier, *, actor: Any, amount: Any, receipt_no: str, at: dt.datetime, note: str = ""
) -> DossierFee:
    try:
        value = Decimal(str(amount))
    except ArithmeticError:
        value = Decimal(-1)
    legal = Decimal(dossier.procedure.fee_amount or 0)
    if value < 0 or value != value.to_integral_value():
        message = _("Enter the amount in đồng, a whole number not below 0.")
        raise refusal("fee.invalid", message, "amount")
    if not charge_allowed(legal, value):
        message = _(
            "The charge of %(amount)s đồng is above the legal fee of this procedure (%(legal)s đồng); "
            "collecting more than the law allows is prohibited (Decree 61/2018 Article 5)."
        ) % {"amount": f"{int(value):,}".replace(",", "."), "legal": f"{int(legal):,}".replace(",", ".")}
        raise refusal("fee.above_legal", message, "amount")
    return DossierFee.objects.create(
        unit_id=dossier.unit_id,
        dossier=dossier,
        amount=value,
        legal_amount=legal,
        receipt_no=receipt_no,
        note=note,
        paid_at=at,
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )


def dossier_fee_record(
    *, actor: Any, dossier: Dossier, amount: Any, receipt_no: str = "", note: str = "", at: dt.datetime | None = None
) -> DossierFee:
    """Record a fee paid on the dossier; a charge above the procedure's legal fee is refused."""
    at = _now(at)
    permissions.ensure_dossier_scope(actor, dossier)
    if not permissions.can(actor, dossier, Action.CONFIRM_FEES_PAID):
        ensure_role(actor, dossier.unit_id, permissions.DOSSIER_STAFF)
    with transaction.atomic():
        dossier = _lock(dossier)
        fee = _fee_insert(dossier, actor=actor, amount=amount, receipt_no=receipt_no, at=at, note=note)
        audit_record(
            actor=actor,
            action="dossier.fee_recorded",
            obj=dossier,
            unit=dossier.unit_id,
            new={"amount": fee.amount, "receipt_no": receipt_no},
        )
    return fee


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


# --------------------------------------------------------------------------------------------
# Volunteers on duty (R1.2)
# --------------------------------------------------------------------------------------------


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


# --------------------------------------------------------------------------------------------
# The sweep: predicted late, apology drafts (idempotent)
# --------------------------------------------------------------------------------------------


def dossiers_flag_predicted_late(*, now: dt.datetime, batch: int = 2000) -> dict[str, int]:
    """Flag active dossiers expected to be late and draft their apology slips (once).

    NĐ 61/2018 Điều 19 khoản 9. Idempotent: a second run at the same ``now`` changes nothing.
    """
    flagged = unflagged = drafted = 0
    qs = (
        Dossier.objects.unscoped()
        .filter(status__in=[s.value for s in ACTIVE_STATES], due_at__isnull=False)
        .select_related("procedure")
        .prefetch_related("procedure__steps")
        .order_by("id")
    )
    cal = None
    for dossier in qs.iterator(chunk_size=batch):
        if cal is None or not (cal.first_day <= local_date(dossier.due_at) <= cal.last_day):
            cal = _calendar_for(dossier, now)
        late = deadlines.needs_apology_now(
            dossier.due_at, now, remaining_step_hours(dossier), cal, rules=dossier_rules()
        )
        if late != dossier.predicted_late:
            Dossier.objects.unscoped().filter(pk=dossier.pk).update(predicted_late=late)
            dossier.predicted_late = late
            flagged += late
            unflagged += not late
        if late and apology_draft(dossier=dossier, now=now):
            drafted += 1
    return {"flagged": flagged, "unflagged": unflagged, "drafted": drafted}


__all__ = [
    "ApplicantData",
    "IntakeData",
    "allocate_code",
    "apology_draft",
    "dossier_apology_issue",
    "dossier_component_add",
    "dossier_component_review",
    "dossier_create",
    "dossier_fee_record",
    "dossier_submit_online",
    "dossier_transition",
    "dossiers_flag_predicted_late",
    "volunteer_shift_delete",
    "volunteer_shift_save",
]
