"""Writes for votes (biểu quyết): one household's vote on any channel, the votes at the
meeting, and the domain tally over them. Same conventions as ``services.py`` (permission,
transaction, audit event).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from thanthien.audit.services import audit_record
from thanthien.units.models import Household

from .domain.tally import Channel as TallyChannel
from .domain.tally import tally
from .models import Attendance, Decision, Vote
from .services import _aware, _code, _ensure_clerk, _err, hamlet_roll


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
