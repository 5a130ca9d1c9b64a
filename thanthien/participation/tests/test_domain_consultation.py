"""Tiếp thu – giải trình ledger and the majority-explanation rule (Luật 10/2022/QH15 Điều 28)."""

import pytest

from thanthien.participation.domain.consultation import (
    GroupAnswer,
    MajorityView,
    MissingKind,
    OpinionAnswer,
    OpinionDecision,
    majority_check,
    majority_view,
    synthesis_ready,
)

ACC, PART, NOT = OpinionDecision.ACCEPTED, OpinionDecision.PARTLY_ACCEPTED, OpinionDecision.NOT_ACCEPTED


def test_every_opinion_answered_with_a_reason_is_ready():
    check = synthesis_ready(
        [
            OpinionAnswer(1, ACC, "Đã sửa khoản 2 dự thảo"),
            OpinionAnswer(2, PART, "Tiếp thu phần mức đóng góp"),
            OpinionAnswer(3, "not_accepted", "Trái quy định của Luật Đất đai"),
        ]
    )
    assert check.ready
    assert (check.total, check.answered) == (3, 3)


@pytest.mark.parametrize(
    ("opinion", "groups", "kind"),
    [
        (OpinionAnswer(1), (), MissingKind.NO_DECISION),
        (OpinionAnswer(1, NOT), (), MissingKind.NO_REASON),
        (OpinionAnswer(1, NOT, "   "), (), MissingKind.NO_REASON),
        (OpinionAnswer(1, "rejected", "x"), (), MissingKind.INVALID_DECISION),
        (OpinionAnswer(1, group_id="g1"), (), MissingKind.UNKNOWN_GROUP),
        (OpinionAnswer(1, group_id="g1"), (GroupAnswer("g1", None),), MissingKind.NO_DECISION),
        (OpinionAnswer(1, group_id="g1"), (GroupAnswer("g1", ACC, ""),), MissingKind.NO_REASON),
        # The opinion's own decision takes precedence over its group's: its own reason is missing.
        (OpinionAnswer(1, ACC, "", group_id="g1"), (GroupAnswer("g1", ACC, "Đã sửa"),), MissingKind.NO_REASON),
    ],
)
def test_synthesis_lists_opinions_without_decision_and_reason(opinion, groups, kind):
    check = synthesis_ready([opinion, OpinionAnswer(2, ACC, "Đã sửa")], groups)
    assert not check.ready
    assert [(m.opinion_id, m.kind) for m in check.missing] == [(1, kind)]
    assert check.answered == 1
    assert kind.label_vi


def test_a_group_answer_covers_every_opinion_filed_under_it():
    opinions = [OpinionAnswer(i, group_id="g1") for i in range(1, 40)]
    assert synthesis_ready(opinions, [GroupAnswer("g1", NOT, "Vượt thẩm quyền cấp xã")]).ready


def test_empty_ledger_can_be_published():
    check = synthesis_ready([])
    assert check.ready
    assert check.total == 0


@pytest.mark.parametrize(
    ("agree", "disagree", "view"),
    [(60, 40, MajorityView.FOR), (40, 60, MajorityView.AGAINST), (50, 50, None), (0, 0, None)],
)
def test_majority_view_among_those_taking_a_side(agree, disagree, view):
    assert majority_view(agree, disagree) is view


@pytest.mark.parametrize(
    ("agree", "disagree", "approves", "explanation", "against", "missing"),
    [
        (60, 40, True, "", False, False),
        (60, 40, False, "", True, True),
        (60, 40, False, "Dự án không đủ vốn; sẽ xem xét năm sau", True, False),
        (30, 70, True, "", True, True),
        (30, 70, True, "  ", True, True),
        (30, 70, False, "", False, False),
        (50, 50, False, "", False, False),
        (0, 0, True, "", False, False),
    ],
)
def test_decision_against_the_majority_needs_an_explanation(agree, disagree, approves, explanation, against, missing):
    check = majority_check(agree=agree, disagree=disagree, authority_approves=approves, explanation=explanation)
    assert check.against_majority is against
    assert check.explanation_missing is missing
    assert check.ok is (not missing)
    if missing:
        assert "Điều 28" in check.message_vi


def test_negative_counts_are_rejected():
    with pytest.raises(ValueError):
        majority_view(-1, 0)
