"""Disclosure rules (Luật THDCCS Điều 11–13), no database."""

import datetime as dt

import pytest

from thanthien.clocks.domain.calendar import WorkingCalendar
from thanthien.disclosures.domain import rules
from thanthien.disclosures.domain.rules import Finding, ItemFacts, PostingFact

# 2026: 2/9 (Wednesday) is Quốc khánh, 1/9 (Tuesday) the extra day off.
CAL = WorkingCalendar(
    first_year=2026, last_year=2026, holidays={dt.date(2026, 9, 1): "Quốc khánh", dt.date(2026, 9, 2): "Quốc khánh"}
)
D = dt.date


def test_fourteen_categories_with_their_rules():
    assert [c.number for c in rules.CATEGORIES] == list(range(1, 15))
    assert {c.number for c in rules.CATEGORIES if c.permanent} == {4, 13}
    assert {c.number for c in rules.CATEGORIES if c.radio} == {7, 8, 9, 10, 11, 12}
    assert not rules.category(14).needs_posting
    with pytest.raises(ValueError):
        rules.category(15)


@pytest.mark.parametrize(
    ("decided", "due"),
    [
        (D(2026, 3, 2), D(2026, 3, 9)),  # Monday → next Monday
        (D(2026, 3, 6), D(2026, 3, 13)),  # Friday → next Friday
        (D(2026, 8, 28), D(2026, 9, 8)),  # Friday before Quốc khánh: 31/8, 3/9, 4/9, 7/9, 8/9
    ],
)
def test_publish_due_counts_five_working_days(decided, due):
    assert rules.publish_due(decided, CAL) == due


def _facts(**kw):
    base = {
        "category": 1,
        "decided_on": D(2026, 3, 2),
        "published_on": D(2026, 3, 4),
        "postings": (PostingFact(None, D(2026, 3, 4), None, True),),
        "on_website": True,
    }
    base.update(kw)
    return ItemFacts(**base)


def test_clean_item_has_no_finding():
    assert rules.check_item(_facts(), today=D(2026, 3, 20), calendar=CAL) == []


def test_posted_for_fewer_than_30_days_is_flagged():
    facts = _facts(postings=(PostingFact(None, D(2026, 3, 4), D(2026, 4, 2), True),))  # 29 days
    assert Finding.POSTED_TOO_SHORT in rules.check_item(facts, today=D(2026, 4, 10), calendar=CAL)


def test_posted_for_exactly_30_days_is_fine():
    facts = _facts(postings=(PostingFact(None, D(2026, 3, 4), D(2026, 4, 3), True),))  # 4/3..2/4 = 30 days
    assert rules.posted_days(facts.postings[0], D(2026, 4, 10)) == 30
    assert Finding.POSTED_TOO_SHORT not in rules.check_item(facts, today=D(2026, 4, 10), calendar=CAL)


def test_permanent_item_taken_down_is_flagged():
    facts = _facts(category=4, postings=(PostingFact(None, D(2026, 3, 4), D(2026, 6, 1), True),))
    assert Finding.PERMANENT_REMOVED in rules.check_item(facts, today=D(2026, 6, 2), calendar=CAL)


@pytest.mark.parametrize(
    ("published", "today", "expected"),
    [
        (None, D(2026, 3, 9), []),  # due today: not late yet
        (None, D(2026, 3, 10), [Finding.NOT_PUBLISHED]),
        (D(2026, 3, 9), D(2026, 3, 20), []),
        (D(2026, 3, 10), D(2026, 3, 20), [Finding.PUBLISHED_LATE]),
    ],
)
def test_five_working_day_rule(published, today, expected):
    facts = _facts(published_on=published, postings=(PostingFact(None, published, None, True),) if published else ())
    found = [
        f
        for f in rules.check_item(facts, today=today, calendar=CAL)
        if f in (Finding.NOT_PUBLISHED, Finding.PUBLISHED_LATE)
    ]
    assert found == expected


def test_radio_needs_three_consecutive_days_for_items_7_to_12():
    two = _facts(category=7, broadcast_days=(D(2026, 3, 4), D(2026, 3, 5), D(2026, 3, 7)))
    three = _facts(category=7, broadcast_days=(D(2026, 3, 4), D(2026, 3, 5), D(2026, 3, 6)))
    assert Finding.RADIO_MISSING in rules.check_item(two, today=D(2026, 3, 20), calendar=CAL)
    assert Finding.RADIO_MISSING not in rules.check_item(three, today=D(2026, 3, 20), calendar=CAL)
    # Category 1 needs no radio.
    assert Finding.RADIO_MISSING not in rules.check_item(_facts(), today=D(2026, 3, 20), calendar=CAL)
    # Not yet due: five working days after publication.
    assert Finding.RADIO_MISSING not in rules.check_item(_facts(category=7), today=D(2026, 3, 11), calendar=CAL)


def test_every_hamlet_house_and_photo_proof():
    facts = _facts(
        hamlet_ids=frozenset({1, 2}),
        postings=(PostingFact(None, D(2026, 3, 4), None, True), PostingFact(1, D(2026, 3, 4), None, False)),
    )
    found = rules.check_item(facts, today=D(2026, 3, 20), calendar=CAL)
    assert Finding.HAMLETS_MISSING in found
    assert Finding.NO_PHOTO in found


def test_unpublished_item_not_yet_due_has_nothing_else_to_check():
    facts = _facts(published_on=None, postings=(), on_website=False)
    assert rules.check_item(facts, today=D(2026, 3, 3), calendar=CAL) == []


@pytest.mark.parametrize(
    ("days", "run"),
    [
        ((), 0),
        ((D(2026, 1, 1),), 1),
        ((D(2026, 1, 1), D(2026, 1, 2), D(2026, 1, 4)), 2),
        ((D(2026, 1, 31), D(2026, 2, 1), D(2026, 2, 2)), 3),
    ],
)
def test_longest_run(days, run):
    assert rules.longest_run(days) == run


@pytest.mark.parametrize(
    ("quarter", "first", "last"),
    [(1, D(2026, 1, 1), D(2026, 3, 31)), (2, D(2026, 4, 1), D(2026, 6, 30)), (4, D(2026, 10, 1), D(2026, 12, 31))],
)
def test_quarter_bounds(quarter, first, last):
    assert rules.quarter_bounds(2026, quarter) == (first, last)
    assert rules.quarter_of(first) == quarter == rules.quarter_of(last)
