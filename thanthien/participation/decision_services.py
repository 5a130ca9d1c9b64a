"""Writes for community decisions: quorum and the fallback ballot, household ballots with double
entry, online votes (NĐ 59 Điều 5), votes, closing and tally (Điều 21.1), legal clocks, elections
and recognition. Same conventions as ``services.py`` (permission, transaction, audit event).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thanthien.audit.services import audit_record
from thanthien.units.models import Hamlet, Household
from thanthien.units.permissions import ensure_role

from .domain import clocks as rule_clocks
from .domain.matters import DecisionForm, FormGround, Scope, form_permitted
from .domain.tally import Channel as TallyChannel
from .domain.tally import tally
from .domain.thresholds import (
    MAJORITY_OF_ALL_HOUSEHOLDS,
    Team,
    evaluate,
    meeting_can_decide,
    online_poll_passes,
    team_size_valid,
    witnesses_valid,
)
from .models import (
    Attendance,
    Ballot,
    BallotEntry,
    Decision,
    Vote,
)
from .services import (
    LEADERS,
    _aware,
    _calendar,
    _code,
    _ensure_clerk,
    _ensure_manager,
    _err,
    hamlet_roll,
    meeting_present_count,
)

# --- Decisions: opening, quorum and fallback -----------------------------------------------------


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


# --- Online vote (NĐ 59 Điều 5) ---------------------------------------------------------------


def online_poll_open(
    *,
    actor: Any,
    decision: Decision,
    team: Sequence[str],
    opens_at: dt.datetime,
    closes_at: dt.datetime,
    leaders_agreed: bool,
    devices_available: bool,
) -> Decision:
    """Open the preliminary question "vote online?" for an item-6 decision (NĐ 59 Điều 5.1–5.2)."""
    _ensure_manager(actor, decision.unit_id, decision.hamlet_id)
    _ensure_unlocked(decision)
    if decision.matter != 6:
        raise _err("matter", _("Online voting is allowed only for Article 15 item 6 matters."))
    if not (leaders_agreed and devices_available):
        raise _err(
            "grounds", _("The hamlet head and the Front committee must agree, and households must have devices.")
        )
    members = [m.strip() for m in team if m.strip()]
    if not team_size_valid(Team.ONLINE_VOTE_TEAM, len(members)):
        raise _err("team", _("The online-vote team has 3 to 5 members."))
    grounds = {FormGround.ONLINE_AGREED.value, FormGround.ONLINE_DEVICES.value}
    decision.grounds = sorted({*decision.grounds, *grounds})
    decision.form = Decision.Form.ONLINE_VOTE
    decision.team = members
    with transaction.atomic():
        decision.save(update_fields=["grounds", "form", "team"])
        poll = Decision.objects.create(
            unit_id=decision.unit_id,
            hamlet_id=decision.hamlet_id,
            purpose=Decision.Purpose.ONLINE_POLL,
            parent=decision,
            matter=6,
            question=_("Do you agree to decide “%(q)s” by online vote?") % {"q": decision.question},
            form=Decision.Form.ONLINE_VOTE,
            status=Decision.Status.VOTING,
            opens_at=opens_at,
            closes_at=closes_at,
            total_households=len(hamlet_roll(decision.hamlet_id)),
            team=members,
        )
        audit_record(actor=actor, action="decision.online_poll_opened", obj=poll, new={"parent": decision.pk})
    ballots_issue(actor=actor, decision=poll, at=opens_at)
    return poll


def online_vote_open(*, actor: Any, decision: Decision, opens_at: dt.datetime, closes_at: dt.datetime) -> Decision:
    """Open the online vote once the preliminary poll passed (> 50% of ALL households agreed)."""
    _ensure_manager(actor, decision.unit_id, decision.hamlet_id)
    grounds = [FormGround(g) for g in decision.grounds if g in FormGround._value2member_map_]
    if not form_permitted(decision.matter, Scope.HAMLET, DecisionForm.ONLINE_VOTE, grounds):
        raise _err("form", _("The online vote may open only after the preliminary question passed."))
    decision.opens_at = opens_at
    decision.closes_at = closes_at
    with transaction.atomic():
        decision.save(update_fields=["opens_at", "closes_at"])
        audit_record(actor=actor, action="decision.online_vote_opened", obj=decision, new={"opens_at": opens_at})
    ballots_issue(actor=actor, decision=decision, at=opens_at)
    return decision


# --- Votes -------------------------------------------------------------------------------------


def vote_cast(
    *,
    actor: Any,
    decision: Decision,
    household: Household,
    channel: str,
    choice: str,
    at: dt.datetime,
    other_text: str = "",
    voter_label: str = "",
) -> Vote:
    """Record one household's vote. The database refuses a second vote of the same household.

    ``actor`` None is a citizen voting online (identified by the caller: one-time code or
    household code). Staff record meeting votes and paper ballots. The first vote locks the rules.
    """
    if actor is not None:
        _ensure_clerk(actor, decision.unit_id, decision.hamlet_id)
        if channel == Vote.Channel.ONLINE:
            raise _err("channel", _("Online votes are cast by the household itself."))
    elif channel != Vote.Channel.ONLINE:
        raise _err("channel", _("Only online votes can be cast without signing in."))
    _aware(at, "at")
    if channel not in Vote.Channel.values:
        raise _err("channel", _("Unknown channel."))
    if choice not in Vote.Choice.values:
        raise _err("choice", _("Choose Agree, Disagree or Other opinion."))
    if decision.status != Decision.Status.VOTING:
        raise _err("status", _("Voting is not open."))
    if TallyChannel(channel).form.value != decision.form:
        raise _err("channel", _("This channel does not match the decision's form."))
    if channel == Vote.Channel.ONLINE and (
        (decision.opens_at and at < decision.opens_at) or (decision.closes_at and at > decision.closes_at)
    ):
        raise _err("at", _("The online vote is not open at this time."))
    if household.hamlet_id != decision.hamlet_id or not household.is_active:
        raise _err("household", _("This household is not on the hamlet's roll."))
    vote = Vote(
        unit_id=decision.unit_id,
        decision=decision,
        household=household,
        channel=channel,
        choice=choice,
        other_text=other_text.strip()[:500] if choice == Vote.Choice.OTHER else "",
        recorded_at=at,
        receipt=_code(12),
        voter_label=voter_label[:150],
        entered_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    try:
        with transaction.atomic():
            vote.save(force_insert=True)
            # Rules lock at the first vote; a conditional UPDATE needs no lock on the decision row.
            Decision.objects.unscoped().filter(pk=decision.pk, rules_locked_at__isnull=True).update(rules_locked_at=at)
            audit_record(
                actor=actor,
                actor_label="" if actor is not None else (voter_label or _("household")),
                action="vote.cast",
                obj=vote,
                unit=decision.unit_id,
                new={
                    "decision": decision.pk,
                    "household": household.pk,
                    "channel": channel,
                    "choice": choice,
                    "recorded_at": at,
                },
            )
    except IntegrityError:
        raise _err("household", _("This household has already voted on this question.")) from None
    return vote


def meeting_votes_record(
    *, actor: Any, decision: Decision, choices: Mapping[int, str], at: dt.datetime, secret: bool = False
) -> int:
    """Record the votes at the meeting, one per household present (show of hands or secret ballot)."""
    _ensure_clerk(actor, decision.unit_id, decision.hamlet_id)
    meeting = decision.meeting
    if meeting is None:
        raise _err("meeting", _("This decision is not on a meeting's agenda."))
    present = set(Attendance.objects.unscoped().filter(meeting=meeting).values_list("household_id", flat=True))
    strangers = [h for h in choices if h not in present]
    if strangers:
        raise _err("household", _("Only households present at the meeting vote at the meeting."))
    households = {h.pk: h for h in Household.objects.unscoped().filter(pk__in=list(choices))}
    channel = Vote.Channel.MEETING_SECRET if secret else Vote.Channel.MEETING_HANDS
    for household_id, choice in choices.items():
        vote_cast(
            actor=actor, decision=decision, household=households[household_id], channel=channel, choice=choice, at=at
        )
    return len(choices)


def decision_tally(decision: Decision, *, roll: Iterable[int] | None = None) -> Any:
    """The domain tally over this decision's votes (each household once across channels)."""
    rows = (
        Vote.objects.unscoped()
        .filter(decision=decision)
        .values_list("household_id", "channel", "choice", "recorded_at")
    )
    return tally(rows, hamlet_roll(decision.hamlet_id) if roll is None else roll, closes_at=None)


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
