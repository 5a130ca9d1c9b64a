"""Writes for reception, petitions and information requests. Keyword-only, actor first; each
checks permission, writes in a transaction and records one audit event. The denouncer's
identity never enters the audit trail: snapshots carry only whether an identity was given."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thanthien.audit.services import audit_record
from thanthien.clocks import services as clocks
from thanthien.clocks.models import Clock
from thanthien.clocks.selectors import calendar_for_dates
from thanthien.core.search import fold_join
from thanthien.units.models import AdminUnit

from .domain import rules
from .domain import steps as step_rules
from .domain.classification import Facts, Kind, classify
from .domain.codes import normalise_code, tracking_code
from .domain.masking import MASK, redact
from .domain.status import OPEN, Status, can_move
from .models import (
    ComplaintDialogue,
    DialogueConference,
    DialogueQuestion,
    Handoff,
    InfoRequest,
    Petition,
    PetitionStep,
    ReceptionSession,
    ReceptionSetting,
    StepDelivery,
)
from .permissions import ensure_handler, ensure_leader, is_handler

IDENTITY_FIELDS = ("submitter_name", "submitter_address", "submitter_phone", "submitter_email", "submitter_id_number")
CITIZEN = "citizen"


# ---- helpers -------------------------------------------------------------------------------------


def _state(p: Petition) -> dict[str, Any]:
    """Audit snapshot of a petition, without the sender's identity (masked)."""
    return {
        "code": p.code,
        "kind": p.kind,
        "status": p.status,
        "channel": p.channel,
        "topic": p.topic,
        "subject": p.subject,
        "assigned_to": p.assigned_to_id,
        "forwarded_to": p.forwarded_to,
        "due_date": p.due_date,
        "rating": p.rating,
        "identity": MASK if any(getattr(p, f) for f in IDENTITY_FIELDS) else "",
    }


def _search_text(p: Petition) -> str:
    """The sender's name is searchable only for items that are not denunciations."""
    parts: list[Any] = [p.code, p.subject, p.location]
    if not p.is_denunciation:
        parts.append(p.submitter_name)
    return fold_join(*parts)[:500]


def _move(p: Petition, target: str) -> None:
    if not can_move(p.status, target):
        raise ValidationError(_("This action is not possible in the current status."))
    p.status = target


def _lock(p: Petition) -> Petition:
    return Petition.objects.unscoped().select_for_update().get(pk=p.pk)


def _now(at: dt.datetime | None) -> dt.datetime:
    return at or timezone.now()


def _start_clock(p: Petition, code: str, at: dt.datetime) -> Clock:
    """Stop the running clock (if any) and start the one of ``code`` (rules in force at ``at``)."""
    if p.clock_id and p.clock.is_open:
        clocks.clock_stop(actor=None, clock=p.clock, at=at, done=True)
    rule = rules.rule_for(code, timezone.localdate(at))
    if rule.measure == rules.Measure.IMMEDIATE:
        amount, measure = 0, "working_days"
    else:
        amount, measure = rule.amount, rule.measure.value
    clock = clocks.clock_start(
        actor=None,
        unit=p.unit,
        kind=f"reception.{code}",
        started_at=at,
        amount=amount,
        measure=measure,
        subject=p,
        subject_label=p.code,
    )
    p.clock = clock
    p.due_date = clock.due_date
    p.warned_at = None
    p.escalated_at = None
    return clock


def _stop_clock(p: Petition, at: dt.datetime) -> None:
    if p.clock_id and p.clock.is_open:
        clocks.clock_stop(actor=None, clock=p.clock, at=at, done=True)


def _unique_code(prefix: str, model: type, day: dt.date) -> str:
    for _attempt in range(5):
        code = tracking_code(prefix, day)
        if not model.objects.unscoped().filter(code=code).exists():
            return code
    raise IntegrityError("could not allocate a tracking code")


# ---- petitions ----------------------------------------------------------------------------------


def petition_receive(
    *,
    actor: Any,
    unit: AdminUnit,
    channel: str,
    subject: str,
    content: str,
    topic: str = Petition.Topic.OTHER,
    kind: str = Petition.Kind.UNCLASSIFIED,
    received_at: dt.datetime | None = None,
    submitter_name: str = "",
    submitter_address: str = "",
    submitter_phone: str = "",
    submitter_email: str = "",
    submitter_id_number: str = "",
    location: str = "",
    lat: Any = None,
    long: Any = None,
    session: ReceptionSession | None = None,
    forwarded_from: str = "",
    written: bool = True,
    signed: bool = False,
    dated: bool = False,
    signatories: int = 1,
    representatives: int = 0,
) -> Petition:
    """Register an item from any channel and start the 10-working-day answer clock (Luật TCD
    Điều 28). ``actor=None`` is a citizen using the public form or Open311."""
    if actor is not None:
        ensure_handler(actor, unit.pk)
    elif channel not in (Petition.Channel.WEB, Petition.Channel.OPEN311):
        raise PermissionDenied(_("You do not have permission to do this."))
    if unit.level != AdminUnit.Level.COMMUNE:
        raise ValidationError({"unit": [_("Petitions are received by a commune.")]})
    if channel not in Petition.Channel.values:
        raise ValidationError({"channel": [_("Unknown channel.")]})
    if topic not in Petition.Topic.values:
        raise ValidationError({"topic": [_("Unknown topic.")]})
    if kind not in Petition.Kind.values:
        raise ValidationError({"kind": [_("Unknown kind.")]})
    if not subject.strip() or not content.strip():
        raise ValidationError({"content": [_("Please describe the matter.")]})
    if session is not None and session.unit_id != unit.pk:
        raise ValidationError({"session": [_("This session belongs to another commune.")]})
    at = _now(received_at)
    p = Petition(
        unit=unit,
        code=_unique_code("PA", Petition, timezone.localdate(at)),
        channel=channel,
        kind=kind,
        topic=topic,
        subject=subject.strip()[:200],
        content=content.strip(),
        location=location,
        lat=lat,
        long=long,
        submitter_name=submitter_name.strip(),
        submitter_address=submitter_address.strip(),
        submitter_phone=submitter_phone.strip(),
        submitter_email=submitter_email.strip(),
        submitter_id_number=submitter_id_number.strip(),
        written=written,
        signed=signed,
        dated=dated,
        signatories=max(1, signatories),
        representatives=representatives,
        received_at=at,
        session=session,
        forwarded_from=forwarded_from,
    )
    with transaction.atomic():
        p.search_text = _search_text(p)
        p.save()
        # Recommendations of the People's Inspection Board / Community Investment Supervision
        # Board are answered within 15 days (Luật THDCCS Điều 40, 45).
        _start_clock(p, "board.answer" if channel == Petition.Channel.BOARD else "reception.answer", at)
        p.save(update_fields=["clock", "due_date", "warned_at", "escalated_at"])
        audit_record(
            actor=actor,
            action="petition.received",
            obj=p,
            unit=unit,
            new=_state(p),
            actor_label="" if actor else _("Citizen (public form)"),
        )
    return p


def petition_classify(
    *,
    actor: Any,
    petition: Petition,
    kind: str,
    facts: Facts | None = None,
    complex_case: bool = False,
    multi_place: bool = False,
    competent: bool = True,
    at: dt.datetime | None = None,
) -> Petition:
    """Classify (phân loại) and check eligibility; start the clock of the kind:
    complaint acceptance 10 working days; denunciation initial processing 7 (10 if several
    places must be checked) working days; reports and recommendations keep the answer clock."""
    ensure_handler(actor, petition.unit_id)
    if kind not in (k for k in Kind if k not in (Kind.UNCLASSIFIED, Kind.NOT_ELIGIBLE)):
        raise ValidationError({"kind": [_("Choose complaint, denunciation, recommendation, report or mixed.")]})
    moment = _now(at)
    with transaction.atomic():
        p = _lock(petition)
        old = _state(p)
        facts = facts or Facts(
            signed=p.signed,
            dated=p.dated,
            has_name=bool(p.submitter_name),
            has_address=bool(p.submitter_address),
            signatories=p.signatories,
            representatives=p.representatives,
            written=p.written,
        )
        final, issues = classify(kind, facts)
        p.kind = final.value
        p.eligibility_issues = [i.value for i in issues]
        p.complex_case = complex_case
        if p.status != Status.CLASSIFIED:
            _move(p, Status.CLASSIFIED)
        if not competent and final != Kind.NOT_ELIGIBLE:
            # Not within the commune's competence: forward within 5 working days (LTC Điều 24.2;
            # NĐ 20/2008 Điều 9); the forwarding service stops this clock.
            _start_clock(
                p, "denunciation.forward" if final in (Kind.DENUNCIATION, Kind.MIXED) else "feedback.forward", moment
            )
        elif final == Kind.COMPLAINT:
            _start_clock(p, "complaint.acceptance", moment)
        elif final in (Kind.DENUNCIATION, Kind.MIXED):
            _start_clock(p, "denunciation.initial.multi_place" if multi_place else "denunciation.initial", moment)
        p.search_text = _search_text(p)
        p.save()
        audit_record(actor=actor, action="petition.classified", obj=p, old=old, new=_state(p))
    return p


def petition_assign(*, actor: Any, petition: Petition, handler: Any) -> Petition:
    """Assign the item to an officer of the commune (giao xử lý)."""
    ensure_handler(actor, petition.unit_id)
    if not is_handler(handler, petition.unit_id):
        raise ValidationError({"handler": [_("This person cannot handle petitions of this commune.")]})
    with transaction.atomic():
        p = _lock(petition)
        old = _state(p)
        if p.status not in OPEN:
            raise ValidationError(_("This action is not possible in the current status."))
        p.assigned_to = handler
        if p.status in (Status.RECEIVED, Status.CLASSIFIED):
            p.status = Status.ASSIGNED
        p.save(update_fields=["assigned_to", "status", "updated_at"])
        audit_record(actor=actor, action="petition.assigned", obj=p, old=old, new=_state(p))
    return p


def petition_accept(*, actor: Any, petition: Petition, at: dt.datetime | None = None) -> Petition:
    """Accept (thụ lý) a complaint or denunciation and start the resolution clock:
    complaints 30 / 45 days, remote communes 45 / 60 (LKN Điều 28); denunciations 30 days
    (LTC Điều 30)."""
    ensure_handler(actor, petition.unit_id)
    moment = _now(at)
    with transaction.atomic():
        p = _lock(petition)
        old = _state(p)
        if p.kind == Kind.COMPLAINT:
            code = rules.complaint_resolution_code(remote=p.unit.is_remote, complex_case=p.complex_case)
        elif p.kind in (Kind.DENUNCIATION, Kind.MIXED):
            code = "denunciation.resolution"
        else:
            raise ValidationError(_("Only complaints and denunciations are accepted for resolution."))
        _move(p, Status.ACCEPTED)
        _start_clock(p, code, moment)
        p.save()
        audit_record(actor=actor, action="petition.accepted", obj=p, old=old, new=_state(p))
        if p.kind in (Kind.DENUNCIATION, Kind.MIXED):
            # Notify the denouncer and the accused within 5 working days (LTC Điều 29.3).
            _open_step(actor=actor, petition=p, kind=step_rules.DENUNCIATION_NOTICE, at=moment)
    return p


def petition_extend(*, actor: Any, petition: Petition, reason: str) -> Petition:
    """Extend a denunciation's resolution by 30 days, at most twice (LTC Điều 30); the leader decides."""
    ensure_leader(actor, petition.unit_id)
    with transaction.atomic():
        p = _lock(petition)
        old = _state(p)
        if p.status != Status.ACCEPTED or p.kind not in (Kind.DENUNCIATION, Kind.MIXED) or not p.clock_id:
            raise ValidationError(_("Only an accepted denunciation can be extended."))
        today = timezone.localdate()
        if not rules.can_extend_denunciation(p.extensions, today):
            raise ValidationError(_("A denunciation can be extended at most twice."))
        rule = rules.rule_for("denunciation.extension", today)
        calendar = calendar_for_dates(p.clock.due_date, extra_days=rule.amount + 15)
        until = rules.compute_due(rule, p.clock.due_date, calendar)
        clock = clocks.clock_extend(actor=actor, clock=p.clock, until=until, reason=reason)
        p.extensions += 1
        p.due_date = clock.due_date
        p.save(update_fields=["extensions", "due_date", "updated_at"])
        audit_record(actor=actor, action="petition.extended", obj=p, old=old, new=_state(p), note=reason)
        # The extension is notified in writing to the denouncer and the accused (LTC Điều 30).
        _open_step(
            actor=actor,
            petition=p,
            kind=step_rules.EXTENSION_NOTICE,
            at=timezone.now(),
            summary=reason.strip(),
            decided_on=today,
        )
    return p


def petition_forward(
    *, actor: Any, petition: Petition, body_kind: str, body_name: str, note: str = "", at: dt.datetime | None = None
) -> Handoff:
    """Forward to the competent body (chuyển đơn) and track the hand-off."""
    ensure_handler(actor, petition.unit_id)
    if body_kind not in Handoff.BodyKind.values or not body_name.strip():
        raise ValidationError({"body_name": [_("Name the competent body.")]})
    moment = _now(at)
    with transaction.atomic():
        p = _lock(petition)
        old = _state(p)
        _move(p, Status.FORWARDED)
        p.forwarded_to = body_name.strip()
        _stop_clock(p, moment)
        p.reopen_until = None
        p.save()
        handoff = Handoff.objects.create(
            unit=p.unit, petition=p, body_kind=body_kind, body_name=body_name.strip(), sent_at=moment, note=note
        )
        audit_record(actor=actor, action="petition.forwarded", obj=p, old=old, new=_state(p))
    return handoff


def handoff_acknowledge(*, actor: Any, handoff: Handoff, at: dt.datetime | None = None) -> Handoff:
    ensure_handler(actor, handoff.unit_id)
    with transaction.atomic():
        h = Handoff.objects.unscoped().select_for_update().get(pk=handoff.pk)
        h.acknowledged_at = _now(at)
        h.save(update_fields=["acknowledged_at"])
        audit_record(actor=actor, action="petition.handoff_acknowledged", obj=h, new={"body": h.body_name})
    return h


def petition_refuse(*, actor: Any, petition: Petition, reason: str, at: dt.datetime | None = None) -> Petition:
    """ "Not our responsibility" or not eligible: close with the reason told to the citizen."""
    ensure_handler(actor, petition.unit_id)
    if not reason.strip():
        raise ValidationError({"reason": [_("Tell the citizen why.")]})
    moment = _now(at)
    with transaction.atomic():
        p = _lock(petition)
        old = _state(p)
        _move(p, Status.REFUSED)
        p.refusal_reason = reason.strip()
        p.answered_at = moment
        _stop_clock(p, moment)
        p.save()
        audit_record(actor=actor, action="petition.refused", obj=p, old=old, new=_state(p))
    return p


def petition_answer(
    *, actor: Any, petition: Petition, answer: str, publish: bool = False, at: dt.datetime | None = None
) -> Petition:
    """Write the answer; the citizen reads it by code, rates it and may reopen it within the
    reopen window. A published answer has personal data removed."""
    ensure_handler(actor, petition.unit_id)
    if not answer.strip():
        raise ValidationError({"answer": [_("Write the answer.")]})
    moment = _now(at)
    with transaction.atomic():
        p = _lock(petition)
        old = _state(p)
        _move(p, Status.ANSWERED)
        p.answer = answer.strip()
        p.answered_at = moment
        p.publish_answer = publish
        names = [p.submitter_name, *([] if not p.submitter_address else [p.submitter_address])]
        p.public_summary = redact(f"{p.subject}\n\n{p.answer}", names) if publish else ""
        window = rules.rule_for("citizen.reopen_window", timezone.localdate(moment))
        p.reopen_until = timezone.localdate(moment) + dt.timedelta(days=window.amount)
        _stop_clock(p, moment)
        p.save()
        audit_record(actor=actor, action="petition.answered", obj=p, old=old, new=_state(p))
    return p


def petition_link_duplicate(*, actor: Any, petition: Petition, original: Petition) -> Petition:
    """Link a duplicate to the original; it stays in the register (nothing is lost)."""
    ensure_handler(actor, petition.unit_id)
    if original.unit_id != petition.unit_id or original.pk == petition.pk:
        raise ValidationError({"original": [_("Choose another item of the same commune.")]})
    with transaction.atomic():
        p = _lock(petition)
        old = _state(p)
        p.duplicate_of = original.duplicate_of or original
        p.save(update_fields=["duplicate_of", "updated_at"])
        audit_record(
            actor=actor, action="petition.duplicate_linked", obj=p, old=old, new={"duplicate_of": original.code}
        )
    return p


def _by_code(code: str) -> Petition:
    return Petition.objects.unscoped().select_for_update().get(code=normalise_code(code))


def petition_rate(*, code: str, rating: int, comment: str = "") -> Petition:
    """The citizen rates the answer (1–5), knowing only the code."""
    if rating not in range(1, 6):
        raise ValidationError({"rating": [_("Choose from 1 to 5.")]})
    with transaction.atomic():
        p = _by_code(code)
        if p.status not in (Status.ANSWERED, Status.CLOSED, Status.REFUSED, Status.FORWARDED):
            raise ValidationError(_("You can rate once the answer has been sent."))
        old = _state(p)
        p.rating = rating
        p.rating_comment = comment.strip()[:500]
        p.save(update_fields=["rating", "rating_comment", "updated_at"])
        audit_record(actor=None, action="petition.rated", obj=p, old=old, new=_state(p), actor_label=_("Citizen"))
    return p


def petition_reopen(*, code: str, reason: str, at: dt.datetime | None = None) -> Petition:
    """The citizen reopens an answered item within the window; the answer clock restarts."""
    if not reason.strip():
        raise ValidationError({"reason": [_("Tell us why the answer does not settle the matter.")]})
    moment = _now(at)
    with transaction.atomic():
        p = _by_code(code)
        if p.status != Status.ANSWERED or p.reopen_until is None or timezone.localdate(moment) > p.reopen_until:
            raise ValidationError(_("This case can no longer be reopened."))
        old = _state(p)
        _move(p, Status.REOPENED)
        p.reopen_count += 1
        p.content = f"{p.content}\n\n[{timezone.localdate(moment):%d/%m/%Y}] {reason.strip()}"
        p.rating = None
        _start_clock(p, "reception.answer", moment)
        p.save()
        audit_record(actor=None, action="petition.reopened", obj=p, old=old, new=_state(p), actor_label=_("Citizen"))
    return p


def petition_close_expired(*, now: dt.datetime) -> int:
    """Sweep: answered items whose reopen window passed are closed (idempotent)."""
    today = timezone.localdate(now)
    count = 0
    for p in Petition.objects.unscoped().filter(status=Status.ANSWERED, reopen_until__lt=today).only("pk")[:1000]:
        with transaction.atomic():
            row = _lock(p)
            if row.status != Status.ANSWERED:
                continue
            old = _state(row)
            row.status = Status.CLOSED
            row.save(update_fields=["status", "updated_at"])
            audit_record(actor=None, action="petition.closed", obj=row, old=old, new=_state(row), actor_label="system")
            count += 1
    return count


def petition_clock_event(clock: Clock, event: str) -> None:
    """Clock listener: mark the warning before the end and escalate to the leader after it."""
    if clock.subject_id == "" or event not in ("warned", "overdue"):
        return
    with transaction.atomic():
        p = Petition.objects.unscoped().select_for_update().filter(pk=clock.subject_id, clock=clock).first()
        if p is None:
            _step_clock_event(clock, event)
            return
        now = timezone.now()
        if event == "warned" and p.warned_at is None:
            p.warned_at = now
            p.save(update_fields=["warned_at"])
            audit_record(
                actor=None, action="petition.clock_warned", obj=p, new={"due_date": p.due_date}, actor_label="system"
            )
        elif event == "overdue" and p.escalated_at is None:
            p.escalated_at = now
            p.warned_at = p.warned_at or now
            p.save(update_fields=["escalated_at", "warned_at"])
            audit_record(
                actor=None, action="petition.escalated", obj=p, new={"due_date": p.due_date}, actor_label="system"
            )


# ---- steps after acceptance: decision sent, denunciation notices (LKN Điều 32; LTC Điều 29–30) ----


def _step_state(step: PetitionStep) -> dict[str, Any]:
    """Audit snapshot of a step (never the denouncer's identity)."""
    return {
        "kind": step.kind,
        "petition": step.petition.code,
        "decided_on": step.decided_on,
        "due_date": step.due_date,
        "reached": sorted(step.deliveries.values_list("recipient", flat=True)) if step.pk else [],
        "completed": step.completed_at is not None,
    }


def _open_step(
    *,
    actor: Any,
    petition: Petition,
    kind: str,
    at: dt.datetime,
    summary: str = "",
    decided_on: dt.date | None = None,
    document: Any = None,
) -> PetitionStep:
    """Create the step and start its clock (inside the caller's transaction)."""
    step = PetitionStep(
        unit_id=petition.unit_id,
        petition=petition,
        kind=kind,
        started_at=at,
        summary=summary,
        decided_on=decided_on,
    )
    if document:
        step.document = document
    step.save()
    code = step_rules.CLOCK_RULE[kind]
    if code is not None:
        rule = rules.rule_for(code, timezone.localdate(at))
        clock = clocks.clock_start(
            actor=None,
            unit=petition.unit,
            kind=f"reception.{code}",
            started_at=at,
            amount=rule.amount,
            measure=rule.measure.value,
            subject=step,
            subject_label=petition.code,
        )
        step.clock, step.due_date = clock, clock.due_date
        step.save(update_fields=["clock", "due_date"])
    audit_record(
        actor=actor, action=f"petition.step_opened.{kind}", obj=step, unit=petition.unit, new=_step_state(step)
    )
    return step


def complaint_decision_issue(
    *,
    actor: Any,
    petition: Petition,
    decided_on: dt.date,
    summary: str,
    document: Any = None,
    at: dt.datetime | None = None,
) -> PetitionStep:
    """Record the complaint decision (quyết định giải quyết khiếu nại): it ends the resolution
    period and starts the 3-working-day clock to send it (LKN Điều 32)."""
    ensure_handler(actor, petition.unit_id)
    if not summary.strip():
        raise ValidationError({"summary": [_("Summarise the decision.")]})
    moment = _now(at)
    if decided_on > timezone.localdate(moment):
        raise ValidationError({"decided_on": [_("The decision date cannot be in the future.")]})
    with transaction.atomic():
        p = _lock(petition)
        if p.kind != Kind.COMPLAINT or p.status != Status.ACCEPTED:
            raise ValidationError(_("A decision is issued only on an accepted complaint."))
        if p.steps.filter(kind=step_rules.DECISION).exists():
            raise ValidationError(_("The decision is already recorded."))
        old = _state(p)
        _stop_clock(p, moment)
        p.save()
        step = _open_step(
            actor=actor,
            petition=p,
            kind=step_rules.DECISION,
            at=moment,
            summary=summary.strip(),
            decided_on=decided_on,
            document=document,
        )
        audit_record(actor=actor, action="petition.decision_issued", obj=p, old=old, new=_state(p))
    return step


def step_delivery_record(
    *,
    actor: Any,
    step: PetitionStep,
    recipient: str,
    sent_on: dt.date,
    method: str,
    reference: str = "",
    at: dt.datetime | None = None,
) -> StepDelivery:
    """Record that the decision or notice reached one recipient; when every recipient of the
    step is reached, its clock stops (done). The accused receives the content only: the
    notice paper for the accused never carries the denouncer's identity (LTC Điều 9, 29.3)."""
    ensure_handler(actor, step.unit_id)
    if recipient not in step_rules.RECIPIENTS[step.kind]:
        raise ValidationError({"recipient": [_("This recipient does not apply to this step.")]})
    if method not in StepDelivery.Method.values:
        raise ValidationError({"method": [_("Choose how it was sent.")]})
    moment = _now(at)
    if sent_on > timezone.localdate(moment):
        raise ValidationError({"sent_on": [_("The date cannot be in the future.")]})
    with transaction.atomic():
        s = PetitionStep.objects.unscoped().select_for_update().select_related("petition").get(pk=step.pk)
        if s.decided_on and sent_on < s.decided_on:
            raise ValidationError({"sent_on": [_("It cannot be sent before the decision date.")]})
        if s.deliveries.filter(recipient=recipient).exists():
            raise ValidationError({"recipient": [_("Already recorded for this recipient.")]})
        old = _step_state(s)
        delivery = StepDelivery.objects.create(
            unit_id=s.unit_id, step=s, recipient=recipient, sent_on=sent_on, method=method, reference=reference.strip()
        )
        reached = list(s.deliveries.values_list("recipient", flat=True))
        if step_rules.is_complete(s.kind, reached):
            s.completed_at = moment
            s.save(update_fields=["completed_at"])
            if s.clock_id and s.clock.is_open:
                clocks.clock_stop(actor=None, clock=s.clock, at=moment, done=True)
        audit_record(actor=actor, action="petition.step_delivered", obj=s, old=old, new=_step_state(s))
    return delivery


def _step_clock_event(clock: Clock, event: str) -> None:
    """Warnings (D−1) and escalation (overdue) of a step's clock, like the petition clocks."""
    s = PetitionStep.objects.unscoped().select_for_update().filter(pk=clock.subject_id, clock=clock).first()
    if s is None:
        return
    now = timezone.now()
    if event == "warned" and s.warned_at is None:
        s.warned_at = now
        s.save(update_fields=["warned_at"])
        audit_record(
            actor=None, action="petition.step_warned", obj=s, new={"due_date": s.due_date}, actor_label="system"
        )
    elif event == "overdue" and s.escalated_at is None:
        s.escalated_at = now
        s.warned_at = s.warned_at or now
        s.save(update_fields=["escalated_at", "warned_at"])
        audit_record(
            actor=None, action="petition.step_escalated", obj=s, new={"due_date": s.due_date}, actor_label="system"
        )


# ---- complaint dialogue (LKN Điều 30) ----------------------------------------------------------


def _dialogue_state(d: ComplaintDialogue) -> dict[str, Any]:
    return {
        "held_at": d.held_at,
        "place": d.place,
        "notified_on": d.notified_on,
        "signed": d.signed,
        "minutes": d.minutes_at is not None,
    }


def complaint_dialogue_schedule(
    *,
    actor: Any,
    petition: Petition,
    held_at: dt.datetime,
    place: str,
    content: str,
    notified_on: dt.date | None = None,
) -> ComplaintDialogue:
    """Schedule a dialogue with the written notice of time, place and content (LKN Điều 30)."""
    ensure_handler(actor, petition.unit_id)
    if not place.strip() or not content.strip():
        raise ValidationError({"content": [_("Give the place and the content of the dialogue.")]})
    notified_on = notified_on or timezone.localdate()
    if timezone.localdate(held_at) < notified_on:
        raise ValidationError({"held_at": [_("The dialogue must be after the notice.")]})
    with transaction.atomic():
        p = _lock(petition)
        if p.kind != Kind.COMPLAINT or p.status != Status.ACCEPTED:
            raise ValidationError(_("A dialogue is held while resolving an accepted complaint."))
        if p.steps.filter(kind=step_rules.DECISION).exists():
            raise ValidationError(_("The decision is already issued."))
        d = ComplaintDialogue.objects.create(
            unit_id=p.unit_id,
            petition=p,
            held_at=held_at,
            place=place.strip(),
            content=content.strip(),
            notified_on=notified_on,
        )
        audit_record(actor=actor, action="petition.dialogue_scheduled", obj=d, unit=p.unit, new=_dialogue_state(d))
    return d


def complaint_dialogue_record(
    *,
    actor: Any,
    dialogue: ComplaintDialogue,
    participants: str,
    discussion: str,
    results: str,
    signed: bool,
    at: dt.datetime | None = None,
) -> ComplaintDialogue:
    """Record the minutes: participants, content, results; signed or fingerprinted (LKN Điều 30)."""
    ensure_handler(actor, dialogue.unit_id)
    errors = {
        name: [_("This field is required.")]
        for name, value in (("participants", participants), ("discussion", discussion), ("results", results))
        if not value.strip()
    }
    if not signed:
        errors["signed"] = [_("The minutes must be signed or fingerprinted by the participants.")]
    if errors:
        raise ValidationError(errors)
    moment = _now(at)
    with transaction.atomic():
        d = ComplaintDialogue.objects.unscoped().select_for_update().get(pk=dialogue.pk)
        if moment < d.held_at:
            raise ValidationError(_("The minutes are recorded after the dialogue."))
        old = _dialogue_state(d)
        d.participants, d.discussion, d.results = participants.strip(), discussion.strip(), results.strip()
        d.signed, d.minutes_at = True, moment
        d.save()
        audit_record(actor=actor, action="petition.dialogue_recorded", obj=d, old=old, new=_dialogue_state(d))
    return d


# ---- reception sessions -------------------------------------------------------------------------


def reception_setting_save(
    *, actor: Any, unit: AdminUnit, place: str, regular_hours: str, rules_url: str = ""
) -> ReceptionSetting:
    ensure_handler(actor, unit.pk)
    with transaction.atomic():
        row, created = (
            ReceptionSetting.objects.unscoped()
            .select_for_update()
            .get_or_create(unit=unit, defaults={"place": place, "regular_hours": regular_hours, "rules_url": rules_url})
        )
        old = None if created else {"place": row.place, "regular_hours": row.regular_hours}
        row.place, row.regular_hours, row.rules_url = place, regular_hours, rules_url
        row.save()
        audit_record(
            actor=actor,
            action="reception.setting_saved",
            obj=row,
            unit=unit,
            old=old,
            new={"place": place, "regular_hours": regular_hours},
        )
    return row


def session_schedule(
    *,
    actor: Any,
    unit: AdminUnit,
    day: dt.date,
    start_time: dt.time,
    end_time: dt.time,
    place: str,
    host: str,
    is_chairman: bool = True,
    online: bool = False,
    participants: str = "",
    expected_content: str = "",
    published_on: dt.date | None = None,
) -> ReceptionSession:
    """Schedule and publish a session. The head's schedule must be published at least 5
    working days ahead (Luật TCD Điều 24); online sessions exist from 1/7/2026."""
    ensure_handler(actor, unit.pk)
    published_on = published_on or timezone.localdate()
    if end_time <= start_time:
        raise ValidationError({"end_time": [_("The end must be after the start.")]})
    if online:
        try:
            rules.rule_for("reception.online_notice_ahead", day)
        except rules.UnknownRule:
            raise ValidationError({"online": [_("Online reception exists from 1/7/2026.")]}) from None
    calendar = calendar_for_dates(published_on, day)
    if is_chairman and not rules.schedule_published_in_time(
        session_day=day, published_on=published_on, calendar=calendar, on=published_on
    ):
        raise ValidationError({"day": [_("The chairman's schedule must be published at least 5 working days ahead.")]})
    with transaction.atomic():
        s = ReceptionSession.objects.create(
            unit=unit,
            day=day,
            start_time=start_time,
            end_time=end_time,
            place=place,
            host=host,
            is_chairman=is_chairman,
            online=online,
            participants=participants,
            expected_content=expected_content,
            published_on=published_on,
        )
        audit_record(
            actor=actor, action="reception.session_scheduled", obj=s, unit=unit, new={"day": day, "host": host}
        )
    return s


def session_postpone(*, actor: Any, session: ReceptionSession, new_day: dt.date, reason: str) -> ReceptionSession:
    """Postpone for good reason, with a notice of the new time (Luật TCD Điều 24)."""
    ensure_handler(actor, session.unit_id)
    if not reason.strip():
        raise ValidationError({"reason": [_("Give the reason for the postponement.")]})
    if new_day <= session.day:
        raise ValidationError({"new_day": [_("The new day must be later.")]})
    with transaction.atomic():
        s = ReceptionSession.objects.unscoped().select_for_update().get(pk=session.pk)
        if s.status != ReceptionSession.Status.SCHEDULED:
            raise ValidationError(_("Only a scheduled session can be postponed."))
        old = {"day": s.day, "status": s.status}
        s.status = ReceptionSession.Status.POSTPONED
        s.postponed_to, s.postponement_reason = new_day, reason.strip()
        s.save(update_fields=["status", "postponed_to", "postponement_reason"])
        audit_record(actor=actor, action="reception.session_postponed", obj=s, old=old, new={"postponed_to": new_day})
    return s


def session_record(
    *,
    actor: Any,
    session: ReceptionSession,
    attendees: str,
    summary: str,
    outcome: str,
    follow_ups: str = "",
    recording_ref: str = "",
) -> ReceptionSession:
    """The record of a held session: who came, what about, outcome, follow-ups."""
    ensure_handler(actor, session.unit_id)
    with transaction.atomic():
        s = ReceptionSession.objects.unscoped().select_for_update().get(pk=session.pk)
        if s.online and not recording_ref.strip():
            raise ValidationError({"recording_ref": [_("An online session must be recorded.")]})
        s.status = ReceptionSession.Status.HELD
        s.attendees, s.summary, s.outcome, s.follow_ups, s.recording_ref = (
            attendees,
            summary,
            outcome,
            follow_ups,
            recording_ref,
        )
        s.save()
        audit_record(actor=actor, action="reception.session_recorded", obj=s, new={"status": s.status})
    return s


# ---- dialogue conferences (R1.7) ----------------------------------------------------------------


def conference_schedule(
    *, actor: Any, unit: AdminUnit, title: str, held_at: dt.datetime, place: str
) -> DialogueConference:
    ensure_handler(actor, unit.pk)
    with transaction.atomic():
        c = DialogueConference.objects.create(unit=unit, title=title, held_at=held_at, place=place)
        audit_record(actor=actor, action="dialogue.scheduled", obj=c, unit=unit, new={"title": title})
    return c


def conference_question_add(*, conference: DialogueConference, question: str, asked_by: str = "") -> DialogueQuestion:
    """Questions are gathered beforehand from the public page (no account)."""
    if not question.strip():
        raise ValidationError({"question": [_("Write your question.")]})
    if conference.held_at <= timezone.now():
        raise ValidationError(_("Questions are gathered before the conference."))
    with transaction.atomic():
        q = DialogueQuestion.objects.create(
            unit_id=conference.unit_id,
            conference=conference,
            question=question.strip(),
            asked_by=asked_by.strip()[:150],
        )
        audit_record(
            actor=None, action="dialogue.question_added", obj=q, unit=conference.unit_id, actor_label=_("Citizen")
        )
    return q


def conference_answer(*, actor: Any, question: DialogueQuestion, answer: str) -> DialogueQuestion:
    ensure_handler(actor, question.unit_id)
    with transaction.atomic():
        q = DialogueQuestion.objects.unscoped().select_for_update().get(pk=question.pk)
        old = {"answer": q.answer}
        q.answer = answer.strip()
        q.save(update_fields=["answer"])
        audit_record(actor=actor, action="dialogue.answered", obj=q, old=old, new={"answer": q.answer})
    return q


def conference_publish(*, actor: Any, conference: DialogueConference) -> DialogueConference:
    ensure_handler(actor, conference.unit_id)
    with transaction.atomic():
        c = DialogueConference.objects.unscoped().select_for_update().get(pk=conference.pk)
        c.published = True
        c.save(update_fields=["published"])
        audit_record(actor=actor, action="dialogue.published", obj=c, new={"published": True})
    return c


# ---- information requests (Luật Tiếp cận thông tin) ---------------------------------------------


def _info_state(r: InfoRequest) -> dict[str, Any]:
    return {
        "code": r.code,
        "status": r.status,
        "channel": r.channel,
        "due_date": r.due_date,
        "ground": r.refusal_ground,
    }


def info_request_receive(
    *,
    actor: Any,
    unit: AdminUnit,
    channel: str,
    requester_name: str,
    address: str,
    id_number: str,
    information: str,
    delivery: str,
    purpose: str,
    phone: str = "",
    fax: str = "",
    email: str = "",
    complex_case: bool = False,
    received_at: dt.datetime | None = None,
) -> InfoRequest:
    """Register a request (Phiếu yêu cầu, Điều 24) and start its clock (Điều 29–31).
    ``actor=None``: the citizen's electronic request from the public form."""
    if actor is not None:
        ensure_handler(actor, unit.pk)
    elif channel != InfoRequest.Channel.ELECTRONIC:
        raise PermissionDenied(_("You do not have permission to do this."))
    if channel not in InfoRequest.Channel.values or delivery not in InfoRequest.Delivery.values:
        raise ValidationError({"channel": [_("Unknown channel.")]})
    missing = {
        name: [_("This field is required.")]
        for name, value in (
            ("requester_name", requester_name),
            ("address", address),
            ("id_number", id_number),
            ("information", information),
            ("purpose", purpose),
        )
        if not value.strip()
    }
    if missing:
        raise ValidationError(missing)
    at = _now(received_at)
    r = InfoRequest(
        unit=unit,
        code=_unique_code("TT", InfoRequest, timezone.localdate(at)),
        channel=channel,
        requester_name=requester_name.strip(),
        address=address.strip(),
        id_number=id_number.strip(),
        phone=phone,
        fax=fax,
        email=email,
        information=information.strip(),
        delivery=delivery,
        purpose=purpose.strip(),
        complex_case=complex_case,
        received_at=at,
    )
    code = rules.info_request_code(channel=channel, complex_case=complex_case)
    rule = rules.rule_for(code, timezone.localdate(at))
    amount = 0 if rule.measure == rules.Measure.IMMEDIATE else rule.amount
    with transaction.atomic():
        r.save()
        clock = clocks.clock_start(
            actor=None,
            unit=unit,
            kind=f"reception.{code}",
            started_at=at,
            amount=amount,
            measure="working_days",
            subject=r,
            subject_label=r.code,
        )
        r.clock, r.due_date = clock, clock.due_date
        r.save(update_fields=["clock", "due_date"])
        audit_record(
            actor=actor,
            action="info_request.received",
            obj=r,
            unit=unit,
            new=_info_state(r),
            actor_label="" if actor else _("Citizen"),
        )
    return r


def times_provided(r: InfoRequest) -> int:
    """How many times the same information went to the same requester (Điều 28: twice → refuse)."""
    from thanthien.core.search import fold

    wanted = fold(r.information)
    rows = (
        InfoRequest.objects.unscoped()
        .filter(unit_id=r.unit_id, id_number=r.id_number, status=InfoRequest.Status.PROVIDED)
        .exclude(pk=r.pk)
    )
    return sum(1 for info in rows.values_list("information", flat=True) if fold(info) == wanted)


def info_request_extend(*, actor: Any, request: InfoRequest, reason: str) -> InfoRequest:
    """One extension, notified in writing (Điều 29–31)."""
    ensure_handler(actor, request.unit_id)
    with transaction.atomic():
        r = InfoRequest.objects.unscoped().select_for_update().get(pk=request.pk)
        if r.extended or r.status != InfoRequest.Status.RECEIVED:
            raise ValidationError(_("A request can be extended only once."))
        if not reason.strip():
            raise ValidationError({"reason": [_("Give the reason for the extension.")]})
        old = _info_state(r)
        rule = rules.rule_for(
            rules.info_request_code(channel=r.channel, complex_case=True, extension=True), timezone.localdate()
        )
        calendar = calendar_for_dates(r.due_date, extra_days=rule.amount + 10)
        until = rules.compute_due(rule, r.due_date, calendar)
        clock = clocks.clock_extend(actor=actor, clock=r.clock, until=until, reason=reason)
        r.extended, r.extension_reason, r.status, r.due_date = (
            True,
            reason.strip(),
            InfoRequest.Status.EXTENDED,
            clock.due_date,
        )
        r.save()
        audit_record(actor=actor, action="info_request.extended", obj=r, old=old, new=_info_state(r))
    return r


def info_request_provide(
    *, actor: Any, request: InfoRequest, copying_cost: int = 0, cost_paid: bool = True, at: dt.datetime | None = None
) -> InfoRequest:
    ensure_handler(actor, request.unit_id)
    moment = _now(at)
    with transaction.atomic():
        r = InfoRequest.objects.unscoped().select_for_update().get(pk=request.pk)
        if r.status not in (InfoRequest.Status.RECEIVED, InfoRequest.Status.EXTENDED):
            raise ValidationError(_("This request is already settled."))
        if copying_cost and not cost_paid:
            raise ValidationError({"cost_paid": [_("The copying costs must be paid first.")]})
        if times_provided(r) >= rules.rule_for("info.max_provided", timezone.localdate(moment)).amount:
            raise ValidationError(
                _("This information was already provided twice to this requester; refuse with a reason.")
            )
        old = _info_state(r)
        r.status, r.provided_at, r.copying_cost, r.cost_paid = (
            InfoRequest.Status.PROVIDED,
            moment,
            copying_cost,
            cost_paid,
        )
        r.save()
        if r.clock and r.clock.is_open:
            clocks.clock_stop(actor=None, clock=r.clock, at=moment, done=True)
        audit_record(actor=actor, action="info_request.provided", obj=r, old=old, new=_info_state(r))
    return r


def info_request_refuse(
    *, actor: Any, request: InfoRequest, ground: str, reason: str, at: dt.datetime | None = None
) -> InfoRequest:
    """Refuse in writing with reasons (Điều 28)."""
    ensure_handler(actor, request.unit_id)
    if ground not in InfoRequest.Ground.values:
        raise ValidationError({"ground": [_("Choose a refusal ground.")]})
    if not reason.strip():
        raise ValidationError({"reason": [_("Give the reasons.")]})
    moment = _now(at)
    with transaction.atomic():
        r = InfoRequest.objects.unscoped().select_for_update().get(pk=request.pk)
        if r.status not in (InfoRequest.Status.RECEIVED, InfoRequest.Status.EXTENDED):
            raise ValidationError(_("This request is already settled."))
        old = _info_state(r)
        r.status, r.refusal_ground, r.refusal_reason = InfoRequest.Status.REFUSED, ground, reason.strip()
        r.save()
        if r.clock and r.clock.is_open:
            clocks.clock_stop(actor=None, clock=r.clock, at=moment, done=True)
        audit_record(actor=actor, action="info_request.refused", obj=r, old=old, new=_info_state(r))
    return r
