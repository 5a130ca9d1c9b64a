"""Thresholds (Luật Điều 16, 21.1; NĐ 59 Điều 3–5): exact arithmetic, boundaries, quorum and fallback."""

from datetime import date
from fractions import Fraction

import pytest

from thanthien.participation.domain.matters import DecisionForm, Scope
from thanthien.participation.domain.thresholds import (
    HAMLET_HEAD_DISMISSAL_REQUEST,
    INITIATIVE_SUPPORT,
    MAJORITY_OF_ALL_HOUSEHOLDS,
    MAJORITY_OF_PRESENT,
    TWO_THIRDS_OF_HOUSEHOLDS,
    Base,
    Team,
    Threshold,
    adoption_rule,
    cluster_meetings_allowed,
    decision_adopted,
    hamlet_approves_commune_matter,
    hamlet_head_dismissal_requested,
    initiative_accepted,
    initiative_support_expires_on,
    initiative_support_valid,
    meeting_can_decide,
    meeting_fallback,
    online_poll_passes,
    procedural_decision_adopted,
    team_size_valid,
    valid_initiative_supporters,
    witnesses_valid,
)

V, C = Scope.HAMLET, Scope.COMMUNE


@pytest.mark.parametrize(
    ("rule", "total", "required"),
    [
        (TWO_THIRDS_OF_HOUSEHOLDS, 300, 200),  # exactly 2/3 passes
        (TWO_THIRDS_OF_HOUSEHOLDS, 301, 201),
        (TWO_THIRDS_OF_HOUSEHOLDS, 3, 2),
        (TWO_THIRDS_OF_HOUSEHOLDS, 1, 1),
        (TWO_THIRDS_OF_HOUSEHOLDS, 0, 1),  # nothing passes on an empty roll
        (MAJORITY_OF_ALL_HOUSEHOLDS, 300, 151),  # exactly 50% is not "more than 50%"
        (MAJORITY_OF_ALL_HOUSEHOLDS, 301, 151),
        (MAJORITY_OF_ALL_HOUSEHOLDS, 2, 2),
        (MAJORITY_OF_ALL_HOUSEHOLDS, 1, 1),
        (MAJORITY_OF_ALL_HOUSEHOLDS, 0, 1),
        (INITIATIVE_SUPPORT, 100, 10),
        (INITIATIVE_SUPPORT, 101, 11),
        (INITIATIVE_SUPPORT, 9, 1),
        (HAMLET_HEAD_DISMISSAL_REQUEST, 300, 150),
        (HAMLET_HEAD_DISMISSAL_REQUEST, 301, 151),
    ],
)
def test_required_count_is_computed_exactly(rule, total, required):
    assert rule.required_count(total) == required


@pytest.mark.parametrize("rule", [TWO_THIRDS_OF_HOUSEHOLDS, MAJORITY_OF_ALL_HOUSEHOLDS, INITIATIVE_SUPPORT])
def test_required_count_is_the_smallest_count_meeting_the_fraction_for_every_roll_size(rule):
    f = rule.fraction
    for total in range(1, 3001):
        k = rule.required_count(total)

        def meets(n, total=total):
            return Fraction(n, total) > f if rule.strict else Fraction(n, total) >= f

        assert meets(k), (total, k)
        assert not meets(k - 1), (total, k)


def test_no_float_rounding_on_huge_rolls():
    total = 3 * 10**17 + 3  # math.ceil(2 / 3 * total) gives 2 * 10**17: two households short
    assert TWO_THIRDS_OF_HOUSEHOLDS.required_count(total) == 2 * 10**17 + 2
    assert MAJORITY_OF_ALL_HOUSEHOLDS.required_count(10**18) == 5 * 10**17 + 1


@pytest.mark.parametrize(
    ("item", "scope", "agree", "total", "adopted"),
    [
        (1, V, 200, 300, True),  # exactly 2/3 of ALL households
        (1, V, 199, 300, False),
        (2, V, 201, 301, True),
        (2, V, 200, 301, False),
        (1, C, 8, 12, True),  # 2/3 of all villages
        (1, C, 7, 12, False),
        (2, C, 7, 10, True),
        (2, C, 6, 10, False),
        (3, V, 150, 300, False),  # exactly 50%: not adopted
        (3, V, 151, 300, True),
        (4, V, 151, 301, True),
        (5, V, 150, 301, False),
        (6, V, 1, 1, True),
        (6, V, 1, 2, False),
        (3, V, 0, 0, False),  # 0 households
        (1, V, 0, 0, False),
        (1, C, 0, 0, False),
    ],
)
def test_decision_adopted_against_all_households_or_villages(item, scope, agree, total, adopted):
    result = decision_adopted(item, scope, agree, total)
    assert result.adopted is adopted
    assert (result.numerator, result.denominator) == (agree, total)
    assert ("KHÔNG ĐẠT" in result.explanation) is (not adopted and total > 0)


def test_result_carries_required_count_shortfall_and_a_vietnamese_explanation():
    r = decision_adopted(3, V, 150, 300)
    assert (r.required, r.shortfall, r.ratio) == (151, 1, Fraction(1, 2))
    assert "150/300" in r.explanation
    assert "ít nhất 151 hộ" in r.explanation
    assert "Điều 21.1.b" in r.explanation
    assert "thiếu 1 hộ" in r.explanation
    commune = decision_adopted(1, C, 8, 12)
    assert "8/12 thôn, tổ dân phố" in commune.explanation
    assert commune.rule.base is Base.ALL_HAMLETS
    empty = decision_adopted(3, V, 0, 0)
    assert empty.ratio is None
    assert "không thể thông qua" in empty.explanation


@pytest.mark.parametrize(
    ("item", "scope", "code"),
    [
        (1, V, "two_thirds_of_households"),
        (2, V, "two_thirds_of_households"),
        (1, C, "two_thirds_of_hamlets"),
        (2, C, "two_thirds_of_hamlets"),
        (3, V, "majority_of_households"),
        (4, V, "majority_of_households"),
        (5, V, "majority_of_households"),
        (6, V, "majority_of_households"),
    ],
)
def test_adoption_rule_per_matter(item, scope, code):
    assert adoption_rule(item, scope).code == code


@pytest.mark.parametrize(
    ("agree", "total"),
    [(301, 300), (-1, 300), (1, -1)],
)
def test_impossible_counts_are_rejected(agree, total):
    with pytest.raises(ValueError):
        decision_adopted(3, V, agree, total)


def test_village_only_matter_cannot_be_decided_commune_wide():
    with pytest.raises(ValueError):
        decision_adopted(4, C, 1, 2)


def test_threshold_must_be_a_proper_fraction():
    with pytest.raises(ValueError):
        Threshold("bad", Fraction(3, 2), False, Base.ALL_HOUSEHOLDS, "-")


@pytest.mark.parametrize(
    ("agree", "total", "approves"),
    [(200, 300, True), (199, 300, False)],
)
def test_village_approval_of_a_commune_matter_defaults_to_two_thirds(agree, total, approves):
    assert hamlet_approves_commune_matter(agree, total).adopted is approves
    assert hamlet_approves_commune_matter(agree, total, MAJORITY_OF_ALL_HOUSEHOLDS).adopted is True


@pytest.mark.parametrize(
    ("agree", "present", "adopted"),
    [(51, 100, True), (50, 100, False), (2, 3, True), (1, 1, True), (0, 0, False)],
)
def test_procedural_decisions_count_households_present(agree, present, adopted):
    result = procedural_decision_adopted(agree, present)
    assert result.adopted is adopted
    assert result.rule is MAJORITY_OF_PRESENT


@pytest.mark.parametrize(
    ("total", "present", "item", "can_decide", "fallback"),
    [
        (300, 151, 3, True, None),
        (300, 150, 3, False, DecisionForm.HOUSEHOLD_BALLOT),  # can never reach > 50% of all
        (300, 300, 4, True, None),
        (300, 200, 1, True, None),
        (300, 199, 1, False, DecisionForm.HOUSEHOLD_BALLOT),  # can never reach 2/3 of all
        (301, 201, 2, True, None),
        (301, 200, 2, False, DecisionForm.HOUSEHOLD_BALLOT),
        (0, 0, 4, False, None),  # no roll: nothing to fall back to
    ],
)
def test_meeting_can_decide_only_if_the_threshold_is_reachable(total, present, item, can_decide, fallback):
    q = meeting_can_decide(total, present, item)
    assert q.can_decide is can_decide
    assert q.fallback is fallback
    assert meeting_fallback(total, present, item) is fallback
    if fallback is not None:
        assert "Điều 19.1.b" in q.explanation


def test_commune_matter_meeting_in_one_village_needs_the_village_approval_count():
    assert meeting_can_decide(300, 200, 1, C).can_decide
    assert not meeting_can_decide(300, 199, 1, C).can_decide


def test_meeting_with_quorum_whose_vote_fails_has_no_fallback():
    assert meeting_can_decide(300, 160, 3).can_decide
    assert not decision_adopted(3, V, 140, 300).adopted
    assert meeting_fallback(300, 160, 3) is None


def test_present_cannot_exceed_all_households():
    with pytest.raises(ValueError):
        meeting_can_decide(100, 101, 3)


@pytest.mark.parametrize(
    ("households", "scattered", "allowed"),
    [(199, False, False), (200, False, True), (1200, False, True), (199, True, True), (0, False, False)],
)
def test_cluster_meetings_from_200_households_or_scattered(households, scattered, allowed):
    assert cluster_meetings_allowed(households, scattered=scattered) is allowed


@pytest.mark.parametrize(
    ("clusters", "can_decide"),
    [((80, 46), True), ((80, 45), False), ((50, 50, 26), True)],
)
def test_cluster_meetings_are_counted_together_against_all_households(clusters, can_decide):
    assert cluster_meetings_allowed(250)
    assert meeting_can_decide(250, sum(clusters), 3).can_decide is can_decide


@pytest.mark.parametrize(("agree", "total", "passes"), [(151, 300, True), (150, 300, False), (0, 0, False)])
def test_online_preliminary_poll_needs_more_than_half_of_all_households(agree, total, passes):
    assert online_poll_passes(agree, total).adopted is passes


@pytest.mark.parametrize(
    ("supporting", "total", "front", "accepted"),
    [
        (10, 100, False, True),  # exactly 10%
        (9, 100, False, False),
        (9, 100, True, True),  # Ban công tác Mặt trận may accept below 10%
        (11, 101, False, True),
        (10, 101, False, False),
        (0, 0, True, False),
    ],
)
def test_citizen_initiative_needs_ten_percent_of_households(supporting, total, front, accepted):
    assert initiative_accepted(supporting, total, front_committee_approved=front).adopted is accepted


@pytest.mark.parametrize(
    ("signed_on", "today", "valid"),
    [
        (date(2024, 1, 15), date(2024, 1, 15), True),
        (date(2024, 1, 15), date(2024, 4, 15), True),  # last valid day
        (date(2024, 1, 15), date(2024, 4, 16), False),
        (date(2024, 1, 15), date(2024, 1, 14), False),  # before signing
        (date(2024, 11, 30), date(2025, 2, 28), True),  # no 30 February: month end
        (date(2024, 11, 30), date(2025, 3, 1), False),
        (date(2023, 11, 30), date(2024, 2, 29), True),  # leap year
        (date(2024, 3, 31), date(2024, 6, 30), True),
        (date(2024, 3, 31), date(2024, 7, 1), False),
        (date(2024, 5, 31), date(2024, 8, 31), True),
        (date(2024, 10, 15), date(2025, 1, 15), True),  # across the year end
        (date(2024, 10, 15), date(2025, 1, 16), False),
    ],
)
def test_initiative_support_is_valid_for_three_calendar_months(signed_on, today, valid):
    assert initiative_support_valid(signed_on, today) is valid


def test_initiative_support_expiry_clamps_to_month_end():
    assert initiative_support_expires_on(date(2024, 11, 30)) == date(2025, 2, 28)
    assert initiative_support_expires_on(date(2024, 11, 29)) == date(2025, 2, 28)
    assert initiative_support_expires_on(date(2024, 11, 28)) == date(2025, 2, 28)
    assert initiative_support_expires_on(date(2024, 11, 27)) == date(2025, 2, 27)


def test_valid_supporters_count_each_household_once_and_drop_expired_support():
    today = date(2024, 6, 1)
    supports = [("h1", date(2024, 5, 1)), ("h1", date(2024, 5, 2)), ("h2", date(2024, 2, 29)), ("h3", date(2024, 3, 1))]
    assert valid_initiative_supporters(supports, today) == {"h1", "h3"}


@pytest.mark.parametrize(("requesting", "total", "requested"), [(150, 300, True), (149, 300, False)])
def test_dismissal_request_from_half_of_households(requesting, total, requested):
    assert hamlet_head_dismissal_requested(requesting, total).adopted is requested


@pytest.mark.parametrize("team", list(Team))
@pytest.mark.parametrize(("size", "valid"), [(2, False), (3, True), (4, True), (5, True), (6, False)])
def test_teams_have_three_to_five_members(team, size, valid):
    assert team_size_valid(team, size) is valid


@pytest.mark.parametrize(("count", "valid"), [(1, False), (2, True), (3, False)])
def test_two_household_witnesses(count, valid):
    assert witnesses_valid(count) is valid
