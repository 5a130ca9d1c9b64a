"""Adoption thresholds, meeting quorum, the ballot fallback, initiatives and team sizes.

Every threshold is a fraction applied to a denominator with exact integer arithmetic; nothing is
typed in as a count and nothing goes through ``float``. ``required_count`` is the smallest whole
number of households (or villages) that satisfies the rule:

* "at least p/q of N" (≥): ceil(p·N / q) — 2/3 of 300 → 200; 2/3 of 301 → 201;
* "more than p/q of N" (>): floor(p·N / q) + 1 — > 50% of 300 → 151; of 301 → 151.

THE DENOMINATOR IS ALL HOUSEHOLDS of the village (or all villages of the commune), never those
present (Luật 10/2022/QH15 Điều 21.1), except for procedural decisions of a meeting (NĐ 59 Điều 3).

Sources: Luật Thực hiện dân chủ ở cơ sở 10/2022/QH15 ("Luật"), NĐ 59/2023/NĐ-CP ("NĐ 59"), as
summarised in shared/domain/legal-rules.md §5.2–5.3.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from fractions import Fraction

from .clocks import add_months
from .matters import DecisionForm, MatterCode, Scope, get_matter

__all__ = [
    "CLUSTER_MEETING_MIN_HOUSEHOLDS",
    "COMMUNE_TWO_THIRDS_OF_HAMLETS",
    "HAMLET_APPROVAL_FOR_COMMUNE_MATTER",
    "HAMLET_HEAD_DISMISSAL_REQUEST",
    "INITIATIVE_SUPPORT",
    "INITIATIVE_SUPPORT_MONTHS",
    "MAJORITY_OF_ALL_HOUSEHOLDS",
    "MAJORITY_OF_PRESENT",
    "ONLINE_POLL",
    "TEAM_RULES",
    "TWO_THIRDS_OF_HOUSEHOLDS",
    "WITNESSES",
    "Base",
    "QuorumResult",
    "Team",
    "TeamRule",
    "Threshold",
    "ThresholdResult",
    "adoption_rule",
    "cluster_meetings_allowed",
    "decision_adopted",
    "evaluate",
    "hamlet_approves_commune_matter",
    "hamlet_head_dismissal_requested",
    "initiative_accepted",
    "initiative_support_expires_on",
    "initiative_support_valid",
    "meeting_can_decide",
    "meeting_fallback",
    "online_poll_passes",
    "procedural_decision_adopted",
    "quorum_rule",
    "team_size_valid",
    "valid_initiative_supporters",
    "witnesses_valid",
]


class Base(StrEnum):
    """What the fraction is taken of."""

    ALL_HOUSEHOLDS = "all_households"  # tổng số hộ gia đình (đại diện hộ gia đình) trong thôn
    ALL_HAMLETS = "all_hamlets"  # tổng số thôn, tổ dân phố trong xã
    PRESENT = "present"  # số đại diện hộ gia đình dự họp

    @property
    def label_vi(self) -> str:
        return {
            Base.ALL_HOUSEHOLDS: "tổng số hộ gia đình trong thôn, tổ dân phố",
            Base.ALL_HAMLETS: "tổng số thôn, tổ dân phố trong xã",
            Base.PRESENT: "số đại diện hộ gia đình dự họp",
        }[self]

    @property
    def unit_vi(self) -> str:
        return "thôn, tổ dân phố" if self is Base.ALL_HAMLETS else "hộ"


@dataclass(frozen=True, slots=True)
class Threshold:
    """A pass rule: ``strict`` means "more than" (trên / quá), otherwise "at least" (ít nhất)."""

    code: str
    fraction: Fraction
    strict: bool
    base: Base
    source: str

    def __post_init__(self) -> None:
        if not 0 < self.fraction <= 1:
            raise ValueError("a threshold is a fraction in (0, 1]")

    def required_count(self, total: int) -> int:
        """Smallest count that satisfies the rule out of ``total``; at least 1, so nothing passes on 0."""
        if total < 0:
            raise ValueError("total must not be negative")
        p, q = self.fraction.numerator, self.fraction.denominator
        needed = (p * total) // q + 1 if self.strict else -((-p * total) // q)
        return max(needed, 1)

    def is_met(self, count: int, total: int) -> bool:
        return total > 0 and count >= self.required_count(total)

    @property
    def label_vi(self) -> str:
        op = "trên" if self.strict else "ít nhất"
        return f"{op} {_fraction_vi(self.fraction)} {self.base.label_vi}"


def _fraction_vi(f: Fraction) -> str:
    if f == Fraction(1, 2):
        return "50%"
    if (f * 100).denominator == 1:
        return f"{f * 100}%"
    return f"{f.numerator}/{f.denominator}"


def _percent_vi(count: int, total: int) -> str:
    if total == 0:
        return "—"
    # Display only: rounded to 2 decimals with a Vietnamese decimal comma; the decision uses integers.
    hundredths = round(Fraction(count * 10000, total))
    return f"{hundredths // 100},{hundredths % 100:02d}%"


# --- The rules (data) --------------------------------------------------------------------------

TWO_THIRDS_OF_HOUSEHOLDS = Threshold(
    "two_thirds_of_households", Fraction(2, 3), False, Base.ALL_HOUSEHOLDS, "Luật 10/2022/QH15 Điều 21.1.a"
)
COMMUNE_TWO_THIRDS_OF_HAMLETS = Threshold(
    "two_thirds_of_hamlets", Fraction(2, 3), False, Base.ALL_HAMLETS, "Luật 10/2022/QH15 Điều 21.1.a"
)
MAJORITY_OF_ALL_HOUSEHOLDS = Threshold(
    "majority_of_households", Fraction(1, 2), True, Base.ALL_HOUSEHOLDS, "Luật 10/2022/QH15 Điều 21.1.b"
)
MAJORITY_OF_PRESENT = Threshold("majority_of_present", Fraction(1, 2), True, Base.PRESENT, "NĐ 59/2023 Điều 3")
ONLINE_POLL = Threshold("online_poll", Fraction(1, 2), True, Base.ALL_HOUSEHOLDS, "NĐ 59/2023 Điều 5.2")
INITIATIVE_SUPPORT = Threshold(
    "initiative_support", Fraction(1, 10), False, Base.ALL_HOUSEHOLDS, "Luật 10/2022/QH15 Điều 16"
)
HAMLET_HEAD_DISMISSAL_REQUEST = Threshold(
    "hamlet_head_dismissal_request", Fraction(1, 2), False, Base.ALL_HOUSEHOLDS, "NĐ 59/2023 Điều 6–9"
)
# Legal choice (documented in docs/participation-rules.md): the law counts villages for a commune-wide
# item 1–2 matter but does not say when one village "approves". Default: the village-scope rule of the
# same article (≥ 2/3 of the village's households). Pass another Threshold to change it.
HAMLET_APPROVAL_FOR_COMMUNE_MATTER = TWO_THIRDS_OF_HOUSEHOLDS

# Luật Điều 18; NĐ 59 Điều 3: a village with at least this many households may meet by cluster (cụm).
CLUSTER_MEETING_MIN_HOUSEHOLDS = 200
# Luật Điều 16: household support for a citizen initiative is valid for 3 months.
INITIATIVE_SUPPORT_MONTHS = 3


def adoption_rule(matter: MatterCode | int, scope: Scope) -> Threshold:
    """The Điều 21.1 pass rule for a Điều 15 matter.

    Items 1–2: village scope ≥ 2/3 of all households; commune scope ≥ 2/3 of all villages.
    Items 3–6: > 50% of all households of the village.
    """
    m = get_matter(matter)
    if scope not in m.scopes:
        raise ValueError(f"Matter {m.item} (Điều 15) has no {scope} scope")
    if m.code in {MatterCode.CONTRIBUTIONS, MatterCode.COMMUNITY_FUNDS}:
        return COMMUNE_TWO_THIRDS_OF_HAMLETS if scope is Scope.COMMUNE else TWO_THIRDS_OF_HOUSEHOLDS
    return MAJORITY_OF_ALL_HOUSEHOLDS


def quorum_rule(matter: MatterCode | int, scope: Scope = Scope.HAMLET) -> Threshold:
    """The household count one village meeting needs so that the matter can still pass.

    For a commune-scope item 1–2 matter each village meets and must itself approve, so the village
    approval rule applies (:data:`HAMLET_APPROVAL_FOR_COMMUNE_MATTER`).
    """
    rule = adoption_rule(matter, scope)
    return HAMLET_APPROVAL_FOR_COMMUNE_MATTER if rule.base is Base.ALL_HAMLETS else rule


# --- Results -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ThresholdResult:
    """Outcome of one count against one rule, with a Vietnamese explanation for minutes and pages."""

    rule: Threshold
    numerator: int
    denominator: int
    required: int
    adopted: bool
    explanation: str

    @property
    def ratio(self) -> Fraction | None:
        return Fraction(self.numerator, self.denominator) if self.denominator else None

    @property
    def shortfall(self) -> int:
        """How many more were needed (0 when adopted)."""
        return max(0, self.required - self.numerator)


def _validate(count: int, total: int) -> None:
    if count < 0 or total < 0:
        raise ValueError("counts must not be negative")
    if count > total:
        raise ValueError(f"count {count} exceeds total {total}")


def evaluate(rule: Threshold, count: int, total: int, *, what_vi: str = "Tán thành") -> ThresholdResult:
    """Apply ``rule`` to ``count`` out of ``total`` (exact arithmetic)."""
    _validate(count, total)
    required = rule.required_count(total)
    met = rule.is_met(count, total)
    unit = rule.base.unit_vi
    if total == 0:
        text = f"Không có {unit} nào trong danh sách ({rule.base.label_vi} = 0): không thể thông qua."
    else:
        verdict = "ĐẠT" if met else f"KHÔNG ĐẠT (thiếu {required - count} {unit})"
        text = (
            f"{what_vi}: {count}/{total} {unit} ({_percent_vi(count, total)}). "
            f"Yêu cầu {rule.label_vi}, tức ít nhất {required} {unit} ({rule.source}). Kết quả: {verdict}."
        )
    return ThresholdResult(rule, count, total, required, met, text)


def decision_adopted(matter: MatterCode | int, scope: Scope, agree: int, total: int) -> ThresholdResult:
    """Whether a community decision is adopted (Luật 10/2022/QH15 Điều 21.1).

    Village scope: ``agree`` households out of ``total`` households of the village (ALL households,
    present or not). Commune scope (items 1–2): ``agree`` approving villages out of ``total`` villages.
    """
    return evaluate(adoption_rule(matter, scope), agree, total)


def hamlet_approves_commune_matter(
    agree: int, total: int, rule: Threshold = HAMLET_APPROVAL_FOR_COMMUNE_MATTER
) -> ThresholdResult:
    """Whether one village counts as approving a commune-wide item 1–2 matter (Điều 21.1.a; a legal choice)."""
    return evaluate(rule, agree, total)


def procedural_decision_adopted(agree: int, present: int) -> ThresholdResult:
    """Secretary, vote counters and voting options of a meeting: > 50% of representatives PRESENT.

    NĐ 59/2023 Điều 3.
    """
    return evaluate(MAJORITY_OF_PRESENT, agree, present)


def online_poll_passes(agree: int, total: int) -> ThresholdResult:
    """Preliminary question "vote online?" passes with > 50% of ALL village households (NĐ 59 Điều 5.2)."""
    return evaluate(ONLINE_POLL, agree, total, what_vi="Đồng ý biểu quyết trực tuyến")


# --- Quorum and fallback -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class QuorumResult:
    """Whether a meeting has enough households to decide, and the fallback when it has not."""

    rule: Threshold
    numerator: int  # households present (summed over clusters)
    denominator: int  # all households of the village
    required: int
    can_decide: bool
    fallback: DecisionForm | None
    explanation: str


def meeting_can_decide(total: int, present: int, matter: MatterCode | int, scope: Scope = Scope.HAMLET) -> QuorumResult:
    """Whether enough households attend for the matter to be able to pass (Luật Điều 19.1.b, 21.1).

    Because the threshold counts ALL households, a meeting can decide only if the households present
    could reach it: present ≥ required count. Otherwise the matter falls back to a household ballot
    (phát phiếu lấy ý kiến, Điều 19.1.b) — for items 3, 4, 5 this is the only way out of a meeting
    (Điều 17.2). For cluster meetings pass the sum of households present in all clusters (each
    household belongs to one cluster).
    """
    _validate(present, total)
    rule = quorum_rule(matter, scope)
    required = rule.required_count(total)
    ok = rule.is_met(present, total)
    if total == 0:
        text = "Không có hộ gia đình nào trong danh sách: không thể tổ chức biểu quyết."
    elif ok:
        text = (
            f"Có {present}/{total} hộ dự họp ({_percent_vi(present, total)}); cần ít nhất {required} hộ "
            f"tán thành ({rule.label_vi}, {rule.source}). Cuộc họp đủ điều kiện biểu quyết."
        )
    else:
        text = (
            f"Chỉ có {present}/{total} hộ dự họp, ít hơn {required} hộ cần tán thành ({rule.label_vi}, "
            f"{rule.source}). Cuộc họp không đủ điều kiện quyết định; chuyển sang phát phiếu lấy ý kiến "
            "hộ gia đình (Điều 19.1.b Luật 10/2022/QH15)."
        )
    fallback = None if ok or total == 0 else DecisionForm.HOUSEHOLD_BALLOT
    return QuorumResult(rule, present, total, required, ok, fallback, text)


def meeting_fallback(
    total: int, present: int, matter: MatterCode | int, scope: Scope = Scope.HAMLET
) -> DecisionForm | None:
    """``HOUSEHOLD_BALLOT`` when the meeting is short of households (Điều 19.1.b), else ``None``.

    A meeting with enough households whose vote then fails has NO fallback: the matter is simply not
    adopted.
    """
    return meeting_can_decide(total, present, matter, scope).fallback


def cluster_meetings_allowed(households: int, *, scattered: bool = False) -> bool:
    """A village may meet by cluster (cụm) with ≥ 200 households or scattered settlement.

    Luật 10/2022/QH15 Điều 18; NĐ 59/2023 Điều 3 (the commune UBND approves the cluster plan).
    """
    if households < 0:
        raise ValueError("households must not be negative")
    return scattered or households >= CLUSTER_MEETING_MIN_HOUSEHOLDS


# --- Citizen initiative (Luật Điều 16) ----------------------------------------------------------


def initiative_support_expires_on(signed_on: date) -> date:
    """Last day a household's support counts: 3 calendar months after signing (Luật Điều 16).

    Month ends clamp (BLDS Điều 148): signed 30/11/2024 → valid through 28/2/2025; signed 31/5 → 31/8.
    """
    return add_months(signed_on, INITIATIVE_SUPPORT_MONTHS)


def initiative_support_valid(signed_on: date, today: date) -> bool:
    """Whether support signed on ``signed_on`` still counts on ``today`` (Luật 10/2022/QH15 Điều 16)."""
    return signed_on <= today <= initiative_support_expires_on(signed_on)


def valid_initiative_supporters(supports: Iterable[tuple[Hashable, date]], today: date) -> frozenset[Hashable]:
    """Distinct households with a support still valid on ``today`` (one household counts once)."""
    return frozenset(hid for hid, signed_on in supports if initiative_support_valid(signed_on, today))


def initiative_accepted(supporting: int, total: int, *, front_committee_approved: bool = False) -> ThresholdResult:
    """A citizen initiative goes ahead with ≥ 10% of the village households, or below that when the
    village Ban công tác Mặt trận approves it (Luật 10/2022/QH15 Điều 16)."""
    result = evaluate(INITIATIVE_SUPPORT, supporting, total, what_vi="Hộ gia đình ủng hộ sáng kiến")
    if result.adopted or not front_committee_approved or total == 0:
        return result
    return ThresholdResult(
        result.rule,
        result.numerator,
        result.denominator,
        result.required,
        True,
        result.explanation + " Ban công tác Mặt trận ở thôn đã đồng ý nên sáng kiến vẫn được đưa ra bàn.",
    )


def hamlet_head_dismissal_requested(requesting: int, total: int) -> ThresholdResult:
    """Households requesting dismissal of the village head: ≥ 50% of all households (NĐ 59 Điều 6–9)."""
    return evaluate(HAMLET_HEAD_DISMISSAL_REQUEST, requesting, total, what_vi="Hộ gia đình đề nghị cho thôi")


# --- Teams and witnesses -----------------------------------------------------------------------


class Team(StrEnum):
    COUNTING_BOARD = "counting_board"  # Ban kiểm phiếu (bỏ phiếu kín tại cuộc họp)
    BALLOT_TEAM = "ballot_team"  # Tổ phát phiếu lấy ý kiến
    ONLINE_VOTE_TEAM = "online_vote_team"  # Tổ lấy ý kiến biểu quyết trực tuyến


@dataclass(frozen=True, slots=True)
class TeamRule:
    team: Team
    minimum: int
    maximum: int
    label_vi: str
    source: str


TEAM_RULES: dict[Team, TeamRule] = {
    Team.COUNTING_BOARD: TeamRule(Team.COUNTING_BOARD, 3, 5, "Ban kiểm phiếu", "NĐ 59/2023 Điều 3"),
    Team.BALLOT_TEAM: TeamRule(Team.BALLOT_TEAM, 3, 5, "Tổ phát phiếu lấy ý kiến", "NĐ 59/2023 Điều 4"),
    Team.ONLINE_VOTE_TEAM: TeamRule(
        Team.ONLINE_VOTE_TEAM, 3, 5, "Tổ lấy ý kiến biểu quyết trực tuyến", "NĐ 59/2023 Điều 5"
    ),
}

# NĐ 59 Điều 3, 4: two household representatives witness every count (Mẫu 02, Mẫu 04).
WITNESSES = 2


def team_size_valid(team: Team, size: int) -> bool:
    """3 to 5 members for the counting board, the ballot team and the online-vote team (NĐ 59 Điều 3–5)."""
    rule = TEAM_RULES[team]
    return rule.minimum <= size <= rule.maximum


def witnesses_valid(count: int) -> bool:
    """Exactly two household representatives witness the count (NĐ 59/2023 Điều 3, 4)."""
    return count == WITNESSES
