"""Creation of a dossier: at the counter, from the postal hand-over, online (and online entered
by staff for a citizen); the reception itself (Mẫu 01: code, book line, clock, due date).

NĐ 61/2018 Điều 15–17; QĐ 45/2016/QĐ-TTg Điều 7 (postal); legal-rules §2.2–2.4.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from thanthien.audit.services import audit_record
from thanthien.procedures.domain.components import extra_components
from thanthien.units.models import AdminUnit
from thanthien.units.permissions import ensure_role

from .. import permissions
from ..domain import deadlines
from ..domain.common import Channel, DossierRuleError, local_date
from ..domain.deadlines import DossierRules
from ..domain.status import Action, DossierStatus, check_transition, enters_tracking_book
from ..models import Dossier, DossierComponent
from ._common import (
    _AUDIT_CODES,
    _audit,
    _event,
    _now,
    _search_text,
    _state,
    calendar_around,
    dossier_rules,
    time_limit_of,
)
from .numbering import _assign_codes, allocate_book_line

S = DossierStatus


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


def _reception_giver_label(dossier: Dossier) -> str:
    """Who hands the dossier to the one-stop at reception, by channel (NĐ 61/2018 Điều 16;
    legal-rules §2.2): the applicant at the counter, the public postal service (QĐ 45/2016
    Điều 7) or the applicant through the online portal. The officer is the receiver."""
    if dossier.channel_in == Channel.POSTAL:
        if dossier.postal_receipt_no:
            return _("Public postal service (item %(number)s)") % {"number": dossier.postal_receipt_no}
        return str(_("Public postal service"))
    if dossier.channel_in == Channel.ONLINE:
        return _("%(applicant)s (online, through the public service portal)") % {"applicant": dossier.applicant_name}
    return dossier.applicant_name


def _reception_event_kw(dossier: Dossier, actor: Any) -> dict[str, Any]:
    """The reception's hand-off: from the applicant's side to the officer, whose step is the transfer."""
    return {
        "giver": None,
        "giver_label": _reception_giver_label(dossier),
        "receiver": actor,
        "step": str(_("Reception and transfer (one-stop)")),
        "step_due_at": _reception_step_due(
            dossier.received_at, calendar_around(dossier.received_at), dossier_rules(), dossier.channel_in
        ),
    }


def _apply_reception(dossier: Dossier, *, action: Action, actor: Any, at: dt.datetime) -> None:
    """Mẫu 01: the code, the tracking-book line, the clock start and the due date.

    NĐ 61 Điều 17.1c, 17.3, Điều 18; TT 01/2018 Điều 10 (the book). The line is the next of the
    book of the reception year, given now and stored: a postal dossier entered days after its
    hand-over gets the next line, and the lines already printed on earlier slips do not move.
    """
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
    if enters_tracking_book(action) and dossier.book_number is None:
        dossier.book_year = dossier.received_on.year
        dossier.book_number = allocate_book_line(dossier.unit, dossier.book_year)
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
            _apply_reception(dossier, action=action, actor=actor, at=at)
        elif action == Action.REFUSE_AT_RECEPTION:
            dossier.finished_at = at
        dossier.search_text = _search_text(dossier)
        dossier.save()
        _add_components(dossier, data.components, actor)
        event_kw = (
            _reception_event_kw(dossier, actor)
            if action == Action.RECEIVE
            else {"receiver_label": dossier.applicant_name}
        )
        _event(dossier, actor=actor, action=action, from_status=None, at=at, note=data.reason, **event_kw)
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
