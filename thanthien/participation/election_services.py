"""Writes for elections at a meeting (bầu cử, Luật Điều 15 items 4 and 5): candidates and the
households voting for each. The vote is closed and tallied by ``decision_close``. Same conventions
as ``services.py`` (permission, transaction, audit event).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from thanthien.audit.services import audit_record

from .decision_open_services import _ensure_unlocked
from .models import Decision
from .services import _ensure_manager, _err


def candidate_add(*, actor: Any, decision: Decision, full_name: str) -> Any:
    """A candidate in an election at a meeting (items 4 and 5)."""
    from .models import Candidate

    _ensure_manager(actor, decision.unit_id, decision.hamlet_id)
    _ensure_unlocked(decision)
    if decision.matter not in (4, 5):
        raise _err("matter", _("Candidates belong to elections (Article 15 items 4 and 5)."))
    with transaction.atomic():
        candidate = Candidate.objects.create(unit_id=decision.unit_id, decision=decision, full_name=full_name.strip())
        audit_record(actor=actor, action="election.candidate_added", obj=candidate, new={"name": candidate.full_name})
    return candidate


def candidate_votes_set(*, actor: Any, candidate: Any, votes: int) -> Any:
    """The counting team enters the households voting for a candidate (before the vote closes)."""
    decision = candidate.decision
    _ensure_manager(actor, decision.unit_id, decision.hamlet_id)
    if decision.status == Decision.Status.CLOSED:
        raise _err("status", _("The vote is closed."))
    if votes < 0:
        raise _err("votes", _("The number cannot be negative."))
    old = {"votes": candidate.votes}
    candidate.votes = votes
    with transaction.atomic():
        candidate.save(update_fields=["votes"])
        audit_record(actor=actor, action="election.votes_entered", obj=candidate, old=old, new={"votes": votes})
    return candidate
