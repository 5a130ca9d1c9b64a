"""The "tiếp thu – giải trình" ledger of a consultation (Nhân dân tham gia ý kiến).

Luật Thực hiện dân chủ ở cơ sở 10/2022/QH15:

* Điều 28 — the commune UBND chair directs the synthesis of opinions, decides what is accepted and
  explains the rest (tiếp thu, giải trình), and publishes the synthesis and the explanations; when the
  competent authority decides contrary to the majority opinion it must explain why.
* Điều 11 khoản 11 — the synthesis and the explanations are disclosed.

Our rule, stricter than the letter and in line with the plan's goal of "100% of comments in a closed
consultation carry a decision and a reason": the synthesis may be published only when every opinion
has a decision (accepted / partly accepted / not accepted) and a non-blank reason, either its own
or that of the group of similar opinions it was filed under.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

__all__ = [
    "GroupAnswer",
    "MajorityCheck",
    "MajorityView",
    "MissingAnswer",
    "MissingKind",
    "OpinionAnswer",
    "OpinionDecision",
    "SynthesisCheck",
    "majority_check",
    "majority_view",
    "synthesis_ready",
]


class OpinionDecision(StrEnum):
    """What the authority did with an opinion (Luật Điều 28)."""

    ACCEPTED = "accepted"
    PARTLY_ACCEPTED = "partly_accepted"
    NOT_ACCEPTED = "not_accepted"

    @property
    def label_vi(self) -> str:
        return {
            OpinionDecision.ACCEPTED: "Tiếp thu",
            OpinionDecision.PARTLY_ACCEPTED: "Tiếp thu một phần",
            OpinionDecision.NOT_ACCEPTED: "Không tiếp thu (giải trình)",
        }[self]


_DECISIONS = frozenset(d.value for d in OpinionDecision)


@dataclass(frozen=True, slots=True)
class OpinionAnswer:
    """One opinion (ý kiến) in the ledger and its own answer, if any.

    ``group_id`` files the opinion under a group of similar opinions answered together; the opinion's
    own decision, when present, takes precedence over the group's.
    """

    opinion_id: Any
    decision: OpinionDecision | str | None = None
    reason: str = ""
    group_id: Any = None


@dataclass(frozen=True, slots=True)
class GroupAnswer:
    """The answer to a group of similar opinions (nhóm ý kiến)."""

    group_id: Any
    decision: OpinionDecision | str | None
    reason: str = ""


class MissingKind(StrEnum):
    NO_DECISION = "no_decision"
    INVALID_DECISION = "invalid_decision"
    NO_REASON = "no_reason"
    UNKNOWN_GROUP = "unknown_group"

    @property
    def label_vi(self) -> str:
        return {
            MissingKind.NO_DECISION: "Chưa có quyết định tiếp thu/không tiếp thu",
            MissingKind.INVALID_DECISION: "Quyết định không hợp lệ",
            MissingKind.NO_REASON: "Chưa nêu lý do (giải trình)",
            MissingKind.UNKNOWN_GROUP: "Nhóm ý kiến không tồn tại",
        }[self]


@dataclass(frozen=True, slots=True)
class MissingAnswer:
    opinion_id: Any
    kind: MissingKind
    group_id: Any = None


@dataclass(frozen=True, slots=True)
class SynthesisCheck:
    """Whether the synthesis (bảng tổng hợp tiếp thu, giải trình) may be published."""

    total: int
    missing: tuple[MissingAnswer, ...]

    @property
    def ready(self) -> bool:
        return not self.missing

    @property
    def answered(self) -> int:
        return self.total - len({m.opinion_id for m in self.missing})


def _problem(decision: Any, reason: str) -> MissingKind | None:
    if decision is None or decision == "":
        return MissingKind.NO_DECISION
    if decision not in _DECISIONS:
        return MissingKind.INVALID_DECISION
    if not (reason or "").strip():
        return MissingKind.NO_REASON
    return None


def synthesis_ready(opinions: Iterable[OpinionAnswer], groups: Iterable[GroupAnswer] = ()) -> SynthesisCheck:
    """List the opinions that still lack a decision and a reason (Luật 10/2022/QH15 Điều 28).

    An opinion is answered by its own decision + reason, or, when it has no own decision, by the
    decision + reason of its group. An empty ledger is ready (the synthesis says no opinion came in).
    ``missing`` keeps input order.
    """
    by_group = {g.group_id: g for g in groups}
    missing: list[MissingAnswer] = []
    total = 0
    for op in opinions:
        total += 1
        if op.decision is not None and op.decision != "":
            kind = _problem(op.decision, op.reason)
        elif op.group_id is not None:
            group = by_group.get(op.group_id)
            kind = MissingKind.UNKNOWN_GROUP if group is None else _problem(group.decision, group.reason)
        else:
            kind = MissingKind.NO_DECISION
        if kind is not None:
            missing.append(MissingAnswer(op.opinion_id, kind, op.group_id))
    return SynthesisCheck(total, tuple(missing))


class MajorityView(StrEnum):
    FOR = "for"  # đa số tán thành dự thảo
    AGAINST = "against"  # đa số không tán thành


def majority_view(agree: int, disagree: int) -> MajorityView | None:
    """The majority opinion among those who took a side; ``None`` on a tie or with no votes.

    "Other opinion" answers and silence are not a side (our reading of "ý kiến của đa số", Điều 28).
    """
    if agree < 0 or disagree < 0:
        raise ValueError("counts must not be negative")
    if agree > disagree:
        return MajorityView.FOR
    if disagree > agree:
        return MajorityView.AGAINST
    return None


@dataclass(frozen=True, slots=True)
class MajorityCheck:
    against_majority: bool
    explanation_missing: bool
    message_vi: str

    @property
    def ok(self) -> bool:
        return not self.explanation_missing


def majority_check(*, agree: int, disagree: int, authority_approves: bool, explanation: str = "") -> MajorityCheck:
    """A decision contrary to the majority opinion needs a written explanation (Luật Điều 28).

    ``authority_approves`` is whether the competent authority adopts the draft consulted on.
    """
    view = majority_view(agree, disagree)
    against = (view is MajorityView.FOR and not authority_approves) or (
        view is MajorityView.AGAINST and authority_approves
    )
    missing = against and not explanation.strip()
    if not against:
        msg = "Quyết định phù hợp với ý kiến của đa số (hoặc không có đa số)."
    elif missing:
        msg = (
            f"Quyết định khác với ý kiến của đa số ({agree} tán thành, {disagree} không tán thành): "
            "cơ quan có thẩm quyền phải giải trình lý do (Điều 28 Luật 10/2022/QH15)."
        )
    else:
        msg = "Quyết định khác với ý kiến của đa số; đã có văn bản giải trình."
    return MajorityCheck(against, missing, msg)
