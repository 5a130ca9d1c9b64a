"""Writes for opening a decision (nội dung Nhân dân bàn và quyết định, Luật Điều 15): create and
edit the question, check the form the law allows, count the quorum at the meeting and fall back to a
household ballot (Luật Điều 19.1.b, 21.1). Same conventions as ``services.py`` (permission,
transaction, audit event).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from thanthien.audit.services import audit_record
from thanthien.units.models import Hamlet

from .domain.matters import DecisionForm, FormGround, Scope, form_permitted
from .domain.thresholds import meeting_can_decide
from .models import Decision
from .services import _aware, _ensure_manager, _err, hamlet_roll, meeting_present_count


def _ensure_unlocked(decision: Decision) -> None:
    if decision.rules_locked_at is not None:
        raise _err("rules", _("The vote rules are locked: the first vote has been cast."))


def decision_quorum_check(*, actor: Any, decision: Decision, at: dt.datetime) -> Decision:
    """Count households present; open the vote at the meeting, or fall back to a household ballot.

    Luật Điều 19.1.b, 21.1: below the households needed to adopt the matter the meeting cannot
    decide, and the matter goes to a household ballot (the fallback is computed, never typed).
    """
    meeting = decision.meeting
    if meeting is None:
        raise _err("meeting", _("This decision is not on a meeting's agenda."))
    _ensure_manager(actor, decision.unit_id, decision.hamlet_id)
    _aware(at, "at")
    _ensure_unlocked(decision)
    if decision.status == Decision.Status.CLOSED:
        raise _err("status", _("The vote is closed."))
    total = len(hamlet_roll(decision.hamlet_id))
    present = meeting_present_count(meeting)
    quorum = meeting_can_decide(total, present, decision.matter, Scope.HAMLET)
    old = {"form": decision.form, "status": decision.status}
    decision.total_households = total
    decision.present_households = present
    decision.result_explanation = quorum.explanation
    if quorum.can_decide:
        decision.status = Decision.Status.VOTING
        decision.opens_at = at
    else:
        decision.form = Decision.Form.HOUSEHOLD_BALLOT
        decision.grounds = sorted({*decision.grounds, FormGround.MEETING_SHORT.value})
        decision.status = Decision.Status.DRAFT
    with transaction.atomic():
        decision.save(
            update_fields=[
                "total_households",
                "present_households",
                "result_explanation",
                "status",
                "opens_at",
                "form",
                "grounds",
            ]
        )
        audit_record(
            actor=actor,
            action="decision.quorum_checked" if quorum.can_decide else "decision.fell_back_to_ballot",
            obj=decision,
            old=old,
            new={"present": present, "total": total, "required": quorum.required, "form": decision.form},
        )
    return decision


def decision_create(
    *,
    actor: Any,
    hamlet: Hamlet,
    matter: int,
    question: str,
    details: str = "",
    form: str = Decision.Form.HOUSEHOLD_BALLOT,
    grounds: Sequence[str] = (),
) -> Decision:
    """A decision taken outside a meeting: household ballot or online vote (item 6 only)."""
    _ensure_manager(actor, hamlet.unit_id, hamlet.pk)
    if matter not in range(1, 7):
        raise _err("matter", _("Choose a matter from Article 15, items 1 to 6."))
    if form not in Decision.Form.values:
        raise _err("form", _("Unknown form."))
    decision = Decision(
        unit_id=hamlet.unit_id,
        hamlet=hamlet,
        matter=matter,
        question=question.strip(),
        details=details.strip(),
        form=form,
        grounds=sorted(set(grounds)),
    )
    _check_form(decision)
    with transaction.atomic():
        decision.save()
        audit_record(actor=actor, action="decision.created", obj=decision, new={"matter": matter, "form": form})
    return decision


def _check_form(decision: Decision) -> None:
    grounds = [FormGround(g) for g in decision.grounds if g in FormGround._value2member_map_]
    if decision.form == Decision.Form.ONLINE_VOTE:
        # Poll grounds are checked when voting opens; here only the matter and leaders' agreement.
        grounds = [*grounds, FormGround.ONLINE_POLL_PASSED]
    if not form_permitted(decision.matter, Scope.HAMLET, DecisionForm(decision.form), grounds):
        raise _err("form", _("The law does not allow this form for this matter."))


def decision_update(
    *, actor: Any, decision: Decision, question: str | None = None, details: str | None = None
) -> Decision:
    """Edit the question while no vote has been cast (rules lock at the first vote)."""
    _ensure_manager(actor, decision.unit_id, decision.hamlet_id)
    _ensure_unlocked(decision)
    old = {"question": decision.question, "details": decision.details}
    if question is not None:
        decision.question = question.strip()
    if details is not None:
        decision.details = details.strip()
    with transaction.atomic():
        decision.save(update_fields=["question", "details"])
        audit_record(actor=actor, action="decision.updated", obj=decision, old=old, new={"question": decision.question})
    return decision
