"""Writes for the household ballot (phát phiếu lấy ý kiến hộ gia đình, NĐ 59 Điều 4): the plan and
team, issuing one coded ballot per household, collecting it, and double entry by two clerks. Same
conventions as ``services.py`` (permission, transaction, audit event).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thanthien.audit.services import audit_record

from .decision_open_services import _check_form, _ensure_unlocked
from .domain import clocks as rule_clocks
from .domain.thresholds import Team, team_size_valid
from .models import Ballot, BallotEntry, Decision, Vote
from .services import _aware, _code, _ensure_clerk, _ensure_manager, _err, hamlet_roll
from .vote_services import vote_cast


def decision_ballot_plan(
    *,
    actor: Any,
    decision: Decision,
    plan_adopted_on: dt.date,
    info_published_on: dt.date,
    team: Sequence[str],
    opens_at: dt.datetime,
    closes_at: dt.datetime,
) -> Decision:
    """The household-ballot plan and team (NĐ 59 Điều 4): team of 3–5, information ≥ 2 days before."""
    _ensure_manager(actor, decision.unit_id, decision.hamlet_id)
    _ensure_unlocked(decision)
    _aware(opens_at, "opens_at")
    _aware(closes_at, "closes_at")
    if decision.form != Decision.Form.HOUSEHOLD_BALLOT:
        raise _err("form", _("This decision is not taken by household ballot."))
    _check_form(decision)
    members = [m.strip() for m in team if m.strip()]
    if not team_size_valid(Team.BALLOT_TEAM, len(members)):
        raise _err("team", _("The ballot team has 3 to 5 members."))
    if closes_at <= opens_at:
        raise _err("closes_at", _("The vote must close after it opens."))
    if not rule_clocks.ballot_info_is_timely(info_published_on, timezone.localtime(opens_at).date()):
        raise _err(
            "info_published_on",
            _("The ballot information must be public at least 2 days before ballots are handed out."),
        )
    old = {"team": decision.team, "opens_at": decision.opens_at}
    decision.plan_adopted_on = plan_adopted_on
    decision.info_published_on = info_published_on
    decision.team = members
    decision.opens_at = opens_at
    decision.closes_at = closes_at
    with transaction.atomic():
        decision.save(update_fields=["plan_adopted_on", "info_published_on", "team", "opens_at", "closes_at"])
        audit_record(
            actor=actor,
            action="decision.ballot_planned",
            obj=decision,
            old=old,
            new={"team": members, "opens_at": opens_at, "closes_at": closes_at},
        )
    return decision


def ballots_issue(*, actor: Any, decision: Decision, at: dt.datetime) -> int:
    """One ballot with a unique code per active household (idempotent); opens the vote. Returns the count."""
    _ensure_manager(actor, decision.unit_id, decision.hamlet_id)
    _aware(at, "at")
    if decision.form not in (Decision.Form.HOUSEHOLD_BALLOT, Decision.Form.ONLINE_VOTE):
        raise _err("form", _("Ballots are issued only for a household ballot or an online vote."))
    if decision.form == Decision.Form.HOUSEHOLD_BALLOT and not decision.team:
        raise _err("team", _("Adopt the ballot plan and team first."))
    roll = hamlet_roll(decision.hamlet_id)
    have = set(Ballot.objects.unscoped().filter(decision=decision).values_list("household_id", flat=True))
    new = []
    codes: set[str] = set()
    for household_id in roll:
        if household_id in have:
            continue
        code = _code(10)
        while code in codes:
            code = _code(10)
        codes.add(code)
        new.append(
            Ballot(unit_id=decision.unit_id, decision=decision, household_id=household_id, code=code, issued_at=at)
        )
    with transaction.atomic():
        Ballot.objects.bulk_create(new, batch_size=1000)
        if decision.status == Decision.Status.DRAFT:
            decision.status = Decision.Status.VOTING
            decision.opens_at = decision.opens_at or at
            decision.total_households = len(roll)
            decision.save(update_fields=["status", "opens_at", "total_households"])
        audit_record(
            actor=actor, action="ballot.issued", obj=decision, new={"issued": len(new), "households": len(roll)}
        )
    return len(new)


def ballot_collect(*, actor: Any, ballot: Ballot, at: dt.datetime) -> Ballot:
    """The ballot team collected the household's ballot (the issue-and-collect log)."""
    decision = ballot.decision
    _ensure_clerk(actor, decision.unit_id, decision.hamlet_id)
    _aware(at, "at")
    if ballot.collected_at is not None:
        raise _err("ballot", _("This ballot was already collected."))
    if decision.closes_at and at > decision.closes_at:
        raise _err("at", _("The ballot deadline has passed."))
    ballot.collected_at = at
    with transaction.atomic():
        ballot.save(update_fields=["collected_at"])
        audit_record(actor=actor, action="ballot.collected", obj=ballot, new={"collected_at": at})
    return ballot


def ballot_entry_record(*, actor: Any, ballot: Ballot, choice: str) -> str:
    """One clerk keys a collected ballot; when two clerks agree, the vote is recorded.

    Returns ``"waiting"`` (first entry), ``"recorded"`` (two entries agree) or ``"mismatch"``
    (two entries differ: the ballot team looks at the paper; nothing is counted).
    """
    decision = ballot.decision
    _ensure_clerk(actor, decision.unit_id, decision.hamlet_id)
    if choice not in Vote.Choice.values:
        raise _err("choice", _("Unknown choice."))
    if ballot.collected_at is None:
        raise _err("ballot", _("Record the collection of this ballot first."))
    with transaction.atomic():
        try:
            with transaction.atomic():
                BallotEntry.objects.create(unit_id=ballot.unit_id, ballot=ballot, clerk=actor, choice=choice)
        except IntegrityError:
            raise _err("ballot", _("You have already keyed this ballot; a second person must key it.")) from None
        audit_record(actor=actor, action="ballot.keyed", obj=ballot, new={"choice": choice})
        entries = list(BallotEntry.objects.unscoped().filter(ballot=ballot).values_list("choice", flat=True))
    if len(entries) < 2:
        return "waiting"
    if len(set(entries)) > 1:
        return "mismatch"
    if Vote.objects.unscoped().filter(decision=decision, household_id=ballot.household_id).exists():
        return "recorded"
    vote_cast(
        actor=actor,
        decision=decision,
        household=ballot.household,
        channel=Vote.Channel.PAPER_BALLOT,
        choice=choice,
        at=ballot.collected_at,
        voter_label=ballot.code,
    )
    return "recorded"


def ballot_entry_resolve(*, actor: Any, ballot: Ballot, choice: str) -> Vote:
    """The ballot team settles a mismatch by reading the paper (a manager, witnessed)."""
    decision = ballot.decision
    _ensure_manager(actor, decision.unit_id, decision.hamlet_id)
    return vote_cast(
        actor=actor,
        decision=decision,
        household=ballot.household,
        channel=Vote.Channel.PAPER_BALLOT,
        choice=choice,
        at=ballot.collected_at or timezone.now(),
        voter_label=ballot.code,
    )
