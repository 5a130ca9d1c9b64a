"""Writes for the result of a community decision: closing and tallying the vote (Luật Điều 21.1),
the legal clocks, sending Mẫu 03 to the commune and recognition (công nhận, Luật Điều 21.2). Same
conventions as ``services.py`` (permission, transaction, audit event).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thanthien.audit.services import audit_record
from thanthien.units.permissions import ensure_role

from .domain import clocks as rule_clocks
from .domain.matters import FormGround, Scope
from .domain.thresholds import MAJORITY_OF_ALL_HOUSEHOLDS, evaluate, online_poll_passes, witnesses_valid
from .models import Decision
from .services import LEADERS, _aware, _calendar, _ensure_manager, _err
from .vote_services import decision_tally


def decision_close(*, actor: Any, decision: Decision, at: dt.datetime, witnesses: Sequence[str] = ()) -> Decision:
    """Close the vote, tally it, apply Điều 21.1, and start the legal clocks.

    An online poll that passes opens the online vote's last ground (NĐ 59 Điều 5.2). Candidates of
    an election are elected with > 50% of all households (items 4–5).
    """
    _ensure_manager(actor, decision.unit_id, decision.hamlet_id)
    _aware(at, "at")
    if decision.status != Decision.Status.VOTING:
        raise _err("status", _("Voting is not open."))
    names = [w.strip() for w in witnesses if w.strip()]
    if names and not witnesses_valid(len(names)):
        raise _err("witnesses", _("Two household representatives must witness the count."))
    if names:
        decision.witnesses = names
    result = decision_tally(decision)
    if decision.purpose == Decision.Purpose.ONLINE_POLL:
        threshold = online_poll_passes(result.agree, result.total_households)
    else:
        threshold = result.adoption(decision.matter, Scope.HAMLET)
    candidates = list(decision.candidates.all())
    elected: dict[int, bool] = {}
    if candidates:
        # An election (items 4–5): each candidate needs > 50% of ALL households (Điều 21.1).
        lines = []
        for candidate in candidates:
            one = evaluate(
                MAJORITY_OF_ALL_HOUSEHOLDS,
                min(candidate.votes, result.total_households),
                result.total_households,
                what_vi=f"Bầu {candidate.full_name}",
            )
            elected[candidate.pk] = one.adopted
            lines.append(one.explanation)
        threshold = type(threshold)(
            threshold.rule,
            threshold.numerator,
            threshold.denominator,
            threshold.required,
            any(elected.values()),
            " ".join(lines),
        )
    old = {"status": decision.status}
    decision.status = Decision.Status.CLOSED
    decision.closed_at = at
    decision.total_households = result.total_households
    decision.agree, decision.disagree, decision.other = result.agree, result.disagree, result.other
    decision.adopted = threshold.adopted
    decision.result_explanation = threshold.explanation
    if decision.adopted and decision.purpose == Decision.Purpose.DECISION:
        body = rule_clocks.recognising_body(decision.matter)
        decision.recognition = Decision.Recognition.WAITING if body else Decision.Recognition.NOT_NEEDED
        if not decision.decision_text:
            decision.decision_text = decision.question
    with transaction.atomic():
        decision.save(
            update_fields=[
                "status",
                "closed_at",
                "total_households",
                "agree",
                "disagree",
                "other",
                "adopted",
                "result_explanation",
                "recognition",
                "decision_text",
                "witnesses",
            ]
        )
        if decision.purpose == Decision.Purpose.ONLINE_POLL and threshold.adopted and decision.parent_id:
            parent = Decision.objects.unscoped().select_for_update().get(pk=decision.parent_id)
            parent.grounds = sorted({*parent.grounds, FormGround.ONLINE_POLL_PASSED.value})
            parent.save(update_fields=["grounds"])
        for candidate in candidates:
            candidate.elected = elected[candidate.pk]
            candidate.save(update_fields=["elected"])
        audit_record(
            actor=actor,
            action="decision.closed",
            obj=decision,
            old=old,
            new={
                "agree": result.agree,
                "disagree": result.disagree,
                "other": result.other,
                "total": result.total_households,
                "adopted": threshold.adopted,
                "duplicates": len(result.duplicates),
            },
        )
        if decision.purpose == Decision.Purpose.DECISION:
            _start_clock(actor, decision, "participation.decision_document", at)
    return decision


def _start_clock(actor: Any, decision: Decision, kind: str, at: dt.datetime) -> None:
    """Five working days: Mẫu 03 to the commune (NĐ 59 Điều 3–5) or recognition (Luật Điều 21.2)."""
    from thanthien.clocks.services import clock_start

    clock_start(
        actor=actor,
        unit=decision.unit,
        kind=kind,
        started_at=at,
        amount=5,
        measure="working_days",
        subject=decision,
        subject_label=decision.question[:200],
    )


def decision_due_dates(decision: Decision) -> dict[str, dt.date | None]:
    """Mẫu 03 due date and recognition due date, from the domain clocks and the working calendar."""
    out: dict[str, dt.date | None] = {"decision_document": None, "recognition": None}
    if decision.closed_at:
        day = timezone.localtime(decision.closed_at).date()
        out["decision_document"] = rule_clocks.decision_document_due(day, _calendar(day))
    if decision.sent_to_commune_on:
        out["recognition"] = rule_clocks.recognition_due(
            decision.sent_to_commune_on, _calendar(decision.sent_to_commune_on)
        )
    return out


def decision_sent_to_commune(*, actor: Any, decision: Decision, on: dt.date) -> Decision:
    """Mẫu 03 reached the commune; the recognition clock starts (Luật Điều 21.2)."""
    _ensure_manager(actor, decision.unit_id, decision.hamlet_id)
    if decision.status != Decision.Status.CLOSED:
        raise _err("status", _("Close the vote first."))
    decision.sent_to_commune_on = on
    with transaction.atomic():
        decision.save(update_fields=["sent_to_commune_on"])
        audit_record(actor=actor, action="decision.sent_to_commune", obj=decision, new={"on": on})
        if decision.recognition == Decision.Recognition.WAITING:
            start = timezone.make_aware(dt.datetime.combine(on, dt.time(8)))
            _start_clock(actor, decision, "participation.recognition", start)
    return decision


def decision_recognise(
    *, actor: Any, decision: Decision, on: dt.date, refused: bool = False, note: str = ""
) -> Decision:
    """Recognition by the commune UBND (items 3–4) or MTTQ (item 5), or a written refusal with reasons."""
    ensure_role(actor, decision.unit_id, LEADERS)
    if decision.recognition != Decision.Recognition.WAITING:
        raise _err("recognition", _("This decision is not waiting for recognition."))
    if refused and not note.strip():
        raise _err("note", _("A refusal must give reasons."))
    decision.recognition = Decision.Recognition.REFUSED if refused else Decision.Recognition.RECOGNISED
    decision.recognised_on = on
    decision.recognition_note = note.strip()
    with transaction.atomic():
        decision.save(update_fields=["recognition", "recognised_on", "recognition_note"])
        audit_record(
            actor=actor, action="decision.recognised", obj=decision, new={"recognition": decision.recognition, "on": on}
        )
    return decision
