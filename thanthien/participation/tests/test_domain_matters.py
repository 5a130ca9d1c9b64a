"""Điều 15 / Điều 25 matters as data and the decision forms each may use (Luật Điều 17, 19; NĐ 59 Điều 5)."""

import pytest

from thanthien.participation.domain.matters import (
    CONSULTATION_MATTERS,
    MATTERS,
    AgendaItemKind,
    ConsultationMatterCode,
    DecisionForm,
    FormGround,
    MatterCode,
    Scope,
    form_permitted,
    get_consultation_matter,
    get_matter,
    permitted_forms,
)

M, B, ONL = DecisionForm.MEETING, DecisionForm.HOUSEHOLD_BALLOT, DecisionForm.ONLINE_VOTE
V, C = Scope.HAMLET, Scope.COMMUNE
G = FormGround
ONLINE_ALL = {G.ONLINE_AGREED, G.ONLINE_DEVICES, G.ONLINE_POLL_PASSED}


def test_article_15_has_six_items_each_citing_its_clause():
    assert [m.item for m in MATTERS.values()] == [1, 2, 3, 4, 5, 6]
    for m in MATTERS.values():
        assert f"Điều 15 khoản {m.item}" in m.source
        assert m.label_vi and m.label_en and m.slug


@pytest.mark.parametrize(
    ("item", "scopes"),
    [(1, {V, C}), (2, {V, C}), (3, {V}), (4, {V}), (5, {V}), (6, {V})],
)
def test_only_contribution_and_fund_matters_have_commune_scope(item, scopes):
    assert get_matter(item).scopes == scopes


@pytest.mark.parametrize("bad", [0, 7, -1])
def test_unknown_matter_is_a_key_error(bad):
    with pytest.raises(KeyError):
        get_matter(bad)


def test_article_25_has_nine_items_and_only_item_8_needs_a_dialogue():
    assert [c.item for c in CONSULTATION_MATTERS.values()] == list(range(1, 10))
    assert [c.item for c in CONSULTATION_MATTERS.values() if c.needs_dialogue] == [8]
    assert "Điều 27" in get_consultation_matter(ConsultationMatterCode.INDIVIDUAL_DECISIONS).source
    with pytest.raises(KeyError):
        get_consultation_matter(10)


@pytest.mark.parametrize(
    ("item", "scope", "grounds", "expected"),
    [
        # Items 3, 4, 5: meeting only …
        (3, V, set(), (M,)),
        (4, V, {G.HAMLET_LEADERS_CHOICE}, (M,)),
        (5, V, {G.COMMUNE_CHAIR_CHOICE, G.HAMLET_LEADERS_CHOICE, *ONLINE_ALL}, (M,)),
        # … except the ballot fallback when the meeting lacked households (Điều 19.1.b).
        (3, V, {G.MEETING_SHORT}, (M, B)),
        (4, V, {G.MEETING_SHORT}, (M, B)),
        (5, V, {G.MEETING_SHORT}, (M, B)),
        # Items 1–2: commune chair may choose a ballot for a commune-wide matter (Điều 19.1.a) …
        (1, C, {G.COMMUNE_CHAIR_CHOICE}, (M, B)),
        (2, C, set(), (M,)),
        # … but not for a village matter, where only the fallback opens the ballot.
        (1, V, {G.COMMUNE_CHAIR_CHOICE}, (M,)),
        (2, V, {G.MEETING_SHORT}, (M, B)),
        # Item 6: village leaders may choose a ballot (Điều 19.1.c) …
        (6, V, {G.HAMLET_LEADERS_CHOICE}, (M, B)),
        # … and an online vote needs all three NĐ 59 Điều 5 preconditions, poll included.
        (6, V, {G.ONLINE_AGREED, G.ONLINE_DEVICES}, (M,)),
        (6, V, {G.ONLINE_AGREED, G.ONLINE_POLL_PASSED}, (M,)),
        (6, V, ONLINE_ALL, (M, ONL)),
        (6, V, {*ONLINE_ALL, G.MEETING_SHORT}, (M, B, ONL)),
    ],
)
def test_permitted_forms_follow_articles_17_and_19(item, scope, grounds, expected):
    assert permitted_forms(item, scope, grounds) == expected


@pytest.mark.parametrize("item", [1, 2, 3, 4, 5])
def test_online_vote_is_never_permitted_outside_item_6(item):
    every_ground = set(FormGround)
    for scope in get_matter(item).scopes:
        assert not form_permitted(item, scope, ONL, every_ground)


def test_a_meeting_is_always_permitted():
    for m in MATTERS.values():
        for scope in m.scopes:
            assert form_permitted(m.code, scope, M)


@pytest.mark.parametrize("item", [3, 4, 5, 6])
def test_commune_scope_is_rejected_for_village_only_matters(item):
    with pytest.raises(ValueError, match="no commune scope"):
        permitted_forms(item, C)


@pytest.mark.parametrize(
    ("kind", "binding"),
    [(AgendaItemKind.DECIDE, True), (AgendaItemKind.CONSULT, False), (AgendaItemKind.INFORM, False)],
)
def test_only_decide_items_are_binding(kind, binding):
    assert kind.is_binding is binding
    assert kind.label_vi


def test_matter_codes_are_the_clause_numbers():
    assert MatterCode.HAMLET_HEAD == 4
    assert get_matter(MatterCode.BOARD_MEMBERS).item == 5
