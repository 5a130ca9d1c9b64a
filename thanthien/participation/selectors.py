"""Reads for display: staff reads are scoped with ``for_actor``; public reads say so in their name."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet

from thanthien.audit.models import AuditEvent
from thanthien.units.models import Household

from .domain.tally import TallyResult, tally
from .models import (
    Attendance,
    Ballot,
    CommunityMeeting,
    Consultation,
    Decision,
    NoticeDelivery,
    Opinion,
    Vote,
)
from .services import hamlet_roll


def meeting_list(*, actor: Any) -> QuerySet[CommunityMeeting]:
    return CommunityMeeting.objects.for_actor(actor).select_related("hamlet").order_by("-scheduled_at")


def meeting_get(*, actor: Any, pk: int) -> CommunityMeeting:
    return CommunityMeeting.objects.for_actor(actor).select_related("hamlet", "unit").get(pk=pk)


def decision_list(*, actor: Any) -> QuerySet[Decision]:
    return Decision.objects.for_actor(actor).select_related("hamlet").order_by("-created_at")


def decision_get(*, actor: Any, pk: int) -> Decision:
    return Decision.objects.for_actor(actor).select_related("hamlet", "unit", "meeting").get(pk=pk)


def consultation_list(*, actor: Any) -> QuerySet[Consultation]:
    return Consultation.objects.for_actor(actor).annotate(opinion_count=Count("opinions"))


def consultation_get(*, actor: Any, pk: int) -> Consultation:
    return Consultation.objects.for_actor(actor).get(pk=pk)


@dataclass(frozen=True)
class Reach:
    """Household reach of a meeting's notice (the plan's target is 100%)."""

    total: int
    informed: int
    documents: int
    by_channel: dict[str, int]

    @property
    def percent(self) -> int:
        return round(100 * self.informed / self.total) if self.total else 0


def meeting_reach(meeting: CommunityMeeting) -> Reach:
    roll = set(hamlet_roll(meeting.hamlet_id))
    rows = NoticeDelivery.objects.unscoped().filter(meeting=meeting).values_list("household_id", "what", "channel")
    informed: set[int] = set()
    documents: set[int] = set()
    by_channel: dict[str, int] = {}
    for household_id, what, channel in rows:
        if household_id not in roll:
            continue
        if what == NoticeDelivery.What.DOCUMENTS:
            documents.add(household_id)
        else:
            informed.add(household_id)
        by_channel[channel] = by_channel.get(channel, 0) + 1
    return Reach(len(roll), len(informed), len(documents), by_channel)


def meeting_households(meeting: CommunityMeeting) -> list[dict[str, Any]]:
    """The hamlet's households with their representative, whether informed and whether present."""
    present = dict(Attendance.objects.unscoped().filter(meeting=meeting).values_list("household_id", "checked_in_at"))
    informed = set(NoticeDelivery.objects.unscoped().filter(meeting=meeting).values_list("household_id", flat=True))
    rows = []
    households = Household.objects.unscoped().filter(hamlet_id=meeting.hamlet_id, is_active=True).order_by("code")
    reps = dict(
        Household.objects.unscoped()
        .filter(hamlet_id=meeting.hamlet_id, members__is_representative=True)
        .values_list("pk", "members__full_name")
    )
    for household in households:
        rows.append(
            {
                "household": household,
                "representative": reps.get(household.pk, ""),
                "informed": household.pk in informed,
                "present_at": present.get(household.pk),
            }
        )
    return rows


def meeting_live_count(meeting: CommunityMeeting) -> dict[str, int]:
    total = len(hamlet_roll(meeting.hamlet_id))
    present = Attendance.objects.unscoped().filter(meeting=meeting).count()
    return {"total": total, "present": present, "percent": round(100 * present / total) if total else 0}


def decision_result(decision: Decision) -> TallyResult:
    """The live tally (each household once across channels)."""
    rows = (
        Vote.objects.unscoped()
        .filter(decision=decision)
        .values_list("household_id", "channel", "choice", "recorded_at")
    )
    return tally(rows, hamlet_roll(decision.hamlet_id))


def decision_voters(decision: Decision) -> list[dict[str, Any]]:
    """Households that voted (for the minutes' list of voters), in voting order."""
    return list(
        Vote.objects.unscoped()
        .filter(decision=decision)
        .order_by("recorded_at", "pk")
        .values("household__code", "channel", "recorded_at", "voter_label")
    )


def ballots_for_print(decision: Decision) -> QuerySet[Ballot]:
    return Ballot.objects.unscoped().filter(decision=decision).select_related("household").order_by("household__code")


def ballot_log(decision: Decision) -> dict[str, int]:
    qs = Ballot.objects.unscoped().filter(decision=decision)
    return {
        "issued": qs.exclude(issued_at=None).count(),
        "collected": qs.exclude(collected_at=None).count(),
        "counted": Vote.objects.unscoped().filter(decision=decision, channel=Vote.Channel.PAPER_BALLOT).count(),
    }


def ballot_mismatches(decision: Decision) -> list[Ballot]:
    """Ballots keyed twice with different choices (double entry disagreed)."""
    out = []
    voted = set(Vote.objects.unscoped().filter(decision=decision).values_list("household_id", flat=True))
    for ballot in (
        Ballot.objects.unscoped().filter(decision=decision).prefetch_related("entries").select_related("household")
    ):
        choices = {e.choice for e in ballot.entries.all()}
        if len(choices) > 1 and ballot.household_id not in voted:
            out.append(ballot)
    return out


# --- Public reads (no actor: only what the law makes public) --------------------------------------


def public_ballot_by_code(code: str) -> Ballot | None:
    """The household code of an online vote (printed on the invitation or ballot)."""
    code = "".join(code.split()).upper()
    return (
        Ballot.objects.unscoped().select_related("decision", "household", "decision__hamlet").filter(code=code).first()
    )


def public_households_for_phone(decision: Decision, phone: str) -> list[Household]:
    """Households of the decision's hamlet whose representative (or household) phone is ``phone``."""
    return list(
        Household.objects.unscoped()
        .filter(hamlet_id=decision.hamlet_id, is_active=True)
        .filter(members__is_representative=True, members__phone=phone)
        .distinct()
    ) or list(Household.objects.unscoped().filter(hamlet_id=decision.hamlet_id, is_active=True, phone=phone))


def public_vote_by_receipt(receipt: str) -> Vote | None:
    receipt = "".join(receipt.split()).upper()
    return Vote.objects.unscoped().select_related("decision", "household").filter(receipt=receipt).order_by().first()


def public_online_decisions() -> QuerySet[Decision]:
    return (
        Decision.objects.unscoped()
        .filter(form=Decision.Form.ONLINE_VOTE, status=Decision.Status.VOTING)
        .select_related("hamlet", "unit")
    )


def public_decision_get(pk: int) -> Decision:
    return Decision.objects.unscoped().select_related("hamlet", "unit").get(pk=pk, is_public=True)


def public_decisions() -> QuerySet[Decision]:
    return Decision.objects.unscoped().filter(is_public=True).select_related("hamlet", "unit").order_by("-closed_at")


def public_consultations() -> QuerySet[Consultation]:
    return (
        Consultation.objects.unscoped()
        .exclude(status=Consultation.Status.DRAFT)
        .select_related("unit")
        .order_by("-published_on")
    )


def public_consultation_get(pk: int) -> Consultation:
    return Consultation.objects.unscoped().exclude(status=Consultation.Status.DRAFT).get(pk=pk)


def public_opinion_by_receipt(receipt: str) -> Opinion | None:
    receipt = "".join(receipt.split()).upper()
    return Opinion.objects.unscoped().select_related("consultation", "group").filter(receipt=receipt).first()


# --- Audit export and re-tally ---------------------------------------------------------------------


def vote_audit_export(decision: Decision) -> str:
    """The vote events of a decision from the hash-chained audit log, as JSON lines."""
    events = (
        AuditEvent.objects.unscoped()
        .filter(action="vote.cast", object_type="participation.vote", unit_id=decision.unit_id)
        .order_by("seq")
        .values_list("seq", "hash", "new")
    )
    lines = []
    for seq, digest, new in events:
        if (new or {}).get("decision") != decision.pk:
            continue
        lines.append(json.dumps({"seq": seq, "hash": digest, **new}, ensure_ascii=False, sort_keys=True))
    return "\n".join(lines)


def tally_from_export(text: str, households: Iterable[Any]) -> TallyResult:
    """Recompute the tally from an exported audit file (independent of the Vote table)."""
    records = []
    for line in text.splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        records.append((row["household"], row["channel"], row["choice"], dt.datetime.fromisoformat(row["recorded_at"])))
    return tally(records, households)
