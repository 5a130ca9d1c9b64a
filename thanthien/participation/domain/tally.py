"""One tally per household across meeting, paper ballot and online vote; double-entry reconciliation.

The unit of a community decision is the household (hộ gia đình): one vote per household
(Luật 10/2022/QH15 Điều 19 "mỗi hộ gia đình một phiếu"; NĐ 59/2023 Điều 3–5), whatever channel it
used. A household may show up in two channels — it voted at the meeting and a ballot was later
collected from it, or it voted online and also returned paper. The rule here:

**Precedence: the household's earliest valid vote wins.** Records are ordered by ``recorded_at``
(the moment the household cast it: the vote at the meeting, the collection of the paper ballot by the
ballot team, the online vote), then by channel (meeting, paper ballot, online), then by choice
(agree, disagree, other). The first record of each household is counted; every later one is kept in
``duplicates`` with the record it lost to, so the clerk can show it in the minutes. A household cannot
change its vote by voting again. The ordering is total, so the result does not depend on the order of
the input rows (reproducible from an exported audit file).

A record is rejected (not counted, listed in ``rejected``) when its household is not on the roll,
its channel or choice is unknown, or it was recorded after ``closes_at``. Rejected records never
"use up" a household's vote.

No clock reads, no ORM. Times must be timezone-aware.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from fractions import Fraction
from types import MappingProxyType
from typing import Any, NamedTuple

from .matters import DecisionForm, MatterCode, Scope
from .thresholds import ThresholdResult, decision_adopted

__all__ = [
    "Channel",
    "Choice",
    "CountDifference",
    "DifferenceKind",
    "DoubleEntryResult",
    "Duplicate",
    "EntryDifference",
    "RejectReason",
    "Rejection",
    "TallyResult",
    "VoteRecord",
    "reconcile_count_sheets",
    "reconcile_double_entry",
    "tally",
]

HouseholdId = Hashable


class Channel(StrEnum):
    """Where a household's vote was recorded."""

    MEETING_SHOW_OF_HANDS = "meeting_hands"  # biểu quyết giơ tay tại cuộc họp
    MEETING_SECRET_BALLOT = "meeting_secret"  # noqa: S105 — bỏ phiếu kín tại cuộc họp (not a credential)
    PAPER_BALLOT = "paper_ballot"  # phiếu lấy ý kiến hộ gia đình
    ONLINE = "online"  # biểu quyết trực tuyến

    @property
    def form(self) -> DecisionForm:
        return _CHANNEL_FORM[self]


_CHANNEL_FORM = {
    Channel.MEETING_SHOW_OF_HANDS: DecisionForm.MEETING,
    Channel.MEETING_SECRET_BALLOT: DecisionForm.MEETING,
    Channel.PAPER_BALLOT: DecisionForm.HOUSEHOLD_BALLOT,
    Channel.ONLINE: DecisionForm.ONLINE_VOTE,
}
_CHANNEL_RANK = {c: i for i, c in enumerate(Channel)}


class Choice(StrEnum):
    """Options on every ballot: Đồng ý / Không đồng ý / Ý kiến khác (NĐ 59/2023 Điều 4, 5)."""

    AGREE = "agree"
    DISAGREE = "disagree"
    OTHER = "other"

    @property
    def label_vi(self) -> str:
        return {Choice.AGREE: "Đồng ý", Choice.DISAGREE: "Không đồng ý", Choice.OTHER: "Ý kiến khác"}[self]


_CHOICE_RANK = {c: i for i, c in enumerate(Choice)}
_CHANNEL_VALUES = frozenset(c.value for c in Channel)
_CHOICE_VALUES = frozenset(c.value for c in Choice)


class VoteRecord(NamedTuple):
    """One recorded vote; plain ``(household_id, channel, choice, recorded_at)`` tuples work too."""

    household_id: Any
    channel: Channel | str
    choice: Choice | str
    recorded_at: datetime


class RejectReason(StrEnum):
    UNKNOWN_HOUSEHOLD = "unknown_household"  # not on the household roll of the village
    INVALID_CHANNEL = "invalid_channel"
    INVALID_CHOICE = "invalid_choice"
    LATE = "late"  # recorded after the vote closed


@dataclass(frozen=True, slots=True)
class Duplicate:
    """A later vote of a household that had already voted; ``kept`` is the one counted."""

    record: VoteRecord
    kept: VoteRecord

    @property
    def conflicting(self) -> bool:
        """True when the later vote disagrees with the counted one (worth a look by the team)."""
        return self.record.choice != self.kept.choice


@dataclass(frozen=True, slots=True)
class Rejection:
    record: VoteRecord
    reason: RejectReason


@dataclass(frozen=True, slots=True)
class TallyResult:
    """Counts with each household counted once; turnout against ALL households of the roll."""

    total_households: int
    counted: Mapping[Any, VoteRecord]
    agree: int
    disagree: int
    other: int
    by_channel: Mapping[Channel, int]
    duplicates: tuple[Duplicate, ...]
    rejected: tuple[Rejection, ...]
    _roll: frozenset[Any] = field(repr=False)

    @property
    def voted(self) -> int:
        return len(self.counted)

    @property
    def turnout(self) -> Fraction:
        """Households that voted over all households (0 for an empty roll)."""
        return Fraction(self.voted, self.total_households) if self.total_households else Fraction(0)

    @property
    def counts(self) -> dict[Choice, int]:
        return {Choice.AGREE: self.agree, Choice.DISAGREE: self.disagree, Choice.OTHER: self.other}

    def households_without_vote(self) -> frozenset[Any]:
        """Households on the roll with no counted vote (for reminders and the minutes)."""
        return self._roll - self.counted.keys()

    def adoption(self, matter: MatterCode | int, scope: Scope = Scope.HAMLET) -> ThresholdResult:
        """Điều 21.1 pass rule on this tally: ``agree`` households over ALL households of the roll."""
        return decision_adopted(matter, scope, self.agree, self.total_households)


def _key(rec: VoteRecord) -> tuple[datetime, int, int]:
    return rec.recorded_at, _CHANNEL_RANK[Channel(rec.channel)], _CHOICE_RANK[Choice(rec.choice)]


def tally(
    votes: Iterable[VoteRecord | tuple[Any, Any, Any, datetime]],
    households: Iterable[Any],
    *,
    closes_at: datetime | None = None,
) -> TallyResult:
    """Count each household once across all channels (earliest valid vote wins; see module docstring).

    ``households`` is the roll of ALL households of the village (the denominator of Điều 21.1).
    ``closes_at`` (optional, aware): records after it are rejected as late.
    Raises ``ValueError`` on a naive ``recorded_at``.
    """
    roll = frozenset(households)
    if closes_at is not None and closes_at.tzinfo is None:
        raise ValueError("closes_at must be timezone-aware")
    valid: list[VoteRecord] = []
    rejected: list[Rejection] = []
    channels = _CHANNEL_VALUES
    choices = _CHOICE_VALUES
    for raw in votes:
        rec = VoteRecord(*raw)
        if rec.recorded_at.tzinfo is None:
            raise ValueError(f"recorded_at of household {rec.household_id!r} is naive")
        if rec.household_id not in roll:
            rejected.append(Rejection(rec, RejectReason.UNKNOWN_HOUSEHOLD))
        elif rec.channel not in channels:
            rejected.append(Rejection(rec, RejectReason.INVALID_CHANNEL))
        elif rec.choice not in choices:
            rejected.append(Rejection(rec, RejectReason.INVALID_CHOICE))
        elif closes_at is not None and rec.recorded_at > closes_at:
            rejected.append(Rejection(rec, RejectReason.LATE))
        else:
            valid.append(VoteRecord(rec.household_id, Channel(rec.channel), Choice(rec.choice), rec.recorded_at))

    valid.sort(key=_key)
    counted: dict[Any, VoteRecord] = {}
    duplicates: list[Duplicate] = []
    by_choice: dict[str, int] = {c.value: 0 for c in Choice}
    by_channel: dict[str, int] = {c.value: 0 for c in Channel}
    for rec in valid:
        kept = counted.get(rec.household_id)
        if kept is not None:
            duplicates.append(Duplicate(rec, kept))
            continue
        counted[rec.household_id] = rec
        by_choice[rec.choice] += 1
        by_channel[rec.channel] += 1

    return TallyResult(
        total_households=len(roll),
        counted=MappingProxyType(counted),
        agree=by_choice[Choice.AGREE],
        disagree=by_choice[Choice.DISAGREE],
        other=by_choice[Choice.OTHER],
        by_channel=MappingProxyType({c: by_channel[c.value] for c in Channel}),
        duplicates=tuple(duplicates),
        rejected=tuple(rejected),
        _roll=roll,
    )


# --- Double entry of paper ballots ------------------------------------------------------------


class DifferenceKind(StrEnum):
    MISSING_IN_A = "missing_in_a"  # keyed only by clerk B
    MISSING_IN_B = "missing_in_b"  # keyed only by clerk A
    CHOICE_MISMATCH = "choice_mismatch"
    REPEATED_IN_A = "repeated_in_a"  # clerk A keyed the same household twice with different choices
    REPEATED_IN_B = "repeated_in_b"


@dataclass(frozen=True, slots=True)
class EntryDifference:
    household_id: Any
    kind: DifferenceKind
    a: tuple[str, ...]  # what clerk A keyed for this household (empty when missing)
    b: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DoubleEntryResult:
    """Outcome of comparing two independent keyings of the same paper ballots."""

    matched: int
    differences: tuple[EntryDifference, ...]

    @property
    def agreed(self) -> bool:
        """True when both clerks keyed exactly the same ballots: the entry can be accepted."""
        return not self.differences


def _norm_choice(value: Any) -> str:
    text = str(value).strip()
    return text.lower() if text.lower() in _CHOICE_VALUES else text


def _entries(entry: Mapping[Any, Any] | Iterable[tuple[Any, Any]]) -> dict[Any, list[str]]:
    pairs = entry.items() if isinstance(entry, Mapping) else entry
    out: dict[Any, list[str]] = {}
    for hid, choice in pairs:
        values = out.setdefault(hid, [])
        norm = _norm_choice(choice)
        if norm not in values:
            values.append(norm)
    return out


def reconcile_double_entry(
    entry_a: Mapping[Any, Any] | Iterable[tuple[Any, Any]],
    entry_b: Mapping[Any, Any] | Iterable[tuple[Any, Any]],
) -> DoubleEntryResult:
    """Compare two clerks' keying of the same paper ballots (household → choice) and list differences.

    Double entry is our control for paper ballots counted under NĐ 59/2023 Điều 4 (Mẫu 04): the result
    is accepted only when both keyings agree. Each entry is a mapping or a sequence of
    ``(household_id, choice)`` pairs; in a sequence, one household keyed twice with different choices
    is reported as ``REPEATED_IN_A/B``. Choices compare case-insensitively. Differences are sorted by
    household id (as text) for a stable printout.
    """
    a, b = _entries(entry_a), _entries(entry_b)
    diffs: list[EntryDifference] = []
    matched = 0
    for hid in a.keys() | b.keys():
        va, vb = tuple(a.get(hid, ())), tuple(b.get(hid, ()))
        if len(va) > 1:
            diffs.append(EntryDifference(hid, DifferenceKind.REPEATED_IN_A, va, vb))
        if len(vb) > 1:
            diffs.append(EntryDifference(hid, DifferenceKind.REPEATED_IN_B, va, vb))
        if len(va) > 1 or len(vb) > 1:
            continue
        if not va:
            diffs.append(EntryDifference(hid, DifferenceKind.MISSING_IN_A, va, vb))
        elif not vb:
            diffs.append(EntryDifference(hid, DifferenceKind.MISSING_IN_B, va, vb))
        elif va != vb:
            diffs.append(EntryDifference(hid, DifferenceKind.CHOICE_MISMATCH, va, vb))
        else:
            matched += 1
    diffs.sort(key=lambda d: (str(d.household_id), d.kind.value))
    return DoubleEntryResult(matched, tuple(diffs))


@dataclass(frozen=True, slots=True)
class CountDifference:
    key: str
    a: int | None
    b: int | None


def reconcile_count_sheets(sheet_a: Mapping[str, int], sheet_b: Mapping[str, int]) -> tuple[CountDifference, ...]:
    """Compare two keyings of a count sheet (e.g. show-of-hands totals per option or per cluster).

    Returns the lines that differ, sorted by key; empty means the two keyings agree.
    """
    keys = sorted(sheet_a.keys() | sheet_b.keys(), key=str)
    return tuple(CountDifference(k, sheet_a.get(k), sheet_b.get(k)) for k in keys if sheet_a.get(k) != sheet_b.get(k))
