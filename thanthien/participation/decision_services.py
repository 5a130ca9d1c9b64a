"""Writes for community decisions, re-exported from the modules split by use case (STYLE: split by
use case past ~600 lines). Import from here or from the module itself; both name the same function.

- ``decision_open_services``: create and edit, the form the law allows, quorum and fallback.
- ``ballot_services``: household ballot plan, issue, collection, double entry (NĐ 59 Điều 4).
- ``online_vote_services``: preliminary poll and online vote (NĐ 59 Điều 5).
- ``vote_services``: one household's vote, votes at the meeting, the tally.
- ``election_services``: candidates and their votes (Luật Điều 15 items 4–5).
- ``decision_result_services``: closing (Điều 21.1), legal clocks, Mẫu 03 and recognition (Điều 21.2).

A ``mock.patch`` must target the defining module, not this one.
"""

from __future__ import annotations

from .ballot_services import (
    ballot_collect,
    ballot_entry_record,
    ballot_entry_resolve,
    ballots_issue,
    decision_ballot_plan,
)
from .decision_open_services import decision_create, decision_quorum_check, decision_update
from .decision_result_services import (
    decision_close,
    decision_due_dates,
    decision_recognise,
    decision_sent_to_commune,
)
from .election_services import candidate_add, candidate_votes_set
from .online_vote_services import online_poll_open, online_vote_open
from .vote_services import decision_tally, meeting_votes_record, vote_cast

__all__ = [
    "ballot_collect",
    "ballot_entry_record",
    "ballot_entry_resolve",
    "ballots_issue",
    "candidate_add",
    "candidate_votes_set",
    "decision_ballot_plan",
    "decision_close",
    "decision_create",
    "decision_due_dates",
    "decision_quorum_check",
    "decision_recognise",
    "decision_sent_to_commune",
    "decision_tally",
    "decision_update",
    "meeting_votes_record",
    "online_poll_open",
    "online_vote_open",
    "vote_cast",
]
