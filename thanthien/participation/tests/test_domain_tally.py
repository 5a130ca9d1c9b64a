"""One tally per household across channels, de-duplication, speed, and double entry of paper ballots."""

import random
import time
from datetime import datetime, timedelta, timezone
from fractions import Fraction

import pytest

from thanthien.participation.domain.matters import DecisionForm
from thanthien.participation.domain.tally import (
    Channel,
    Choice,
    CountDifference,
    DifferenceKind,
    RejectReason,
    VoteRecord,
    reconcile_count_sheets,
    reconcile_double_entry,
    tally,
)

ICT = timezone(timedelta(hours=7))
T0 = datetime(2024, 6, 10, 19, 0, tzinfo=ICT)
HANDS, SECRET, PAPER, ONLINE = (
    Channel.MEETING_SHOW_OF_HANDS,
    Channel.MEETING_SECRET_BALLOT,
    Channel.PAPER_BALLOT,
    Channel.ONLINE,
)
A, D, OTH = Choice.AGREE, Choice.DISAGREE, Choice.OTHER


def at(hours: float) -> datetime:
    return T0 + timedelta(hours=hours)


def test_each_household_counted_once_with_counts_per_option_and_channel():
    roll = ["h1", "h2", "h3", "h4", "h5"]
    result = tally(
        [
            VoteRecord("h1", HANDS, A, at(0)),
            VoteRecord("h2", HANDS, D, at(0)),
            VoteRecord("h3", PAPER, OTH, at(24)),
            VoteRecord("h4", ONLINE, A, at(30)),
        ],
        roll,
    )
    assert (result.agree, result.disagree, result.other) == (2, 1, 1)
    assert result.voted == 4
    assert result.total_households == 5
    assert result.turnout == Fraction(4, 5)
    assert result.by_channel[HANDS] == 2
    assert result.by_channel[PAPER] == 1
    assert result.by_channel[ONLINE] == 1
    assert result.by_channel[SECRET] == 0
    assert result.households_without_vote() == {"h5"}
    assert result.duplicates == ()
    assert result.rejected == ()


@pytest.mark.parametrize(
    ("records", "counted_channel", "counted_choice"),
    [
        # Meeting first, paper ballot later: the meeting vote counts.
        ([("h1", HANDS, A, at(0)), ("h1", PAPER, D, at(24))], HANDS, A),
        # Paper ballot earlier than an online vote: time decides, not the channel.
        ([("h1", ONLINE, A, at(48)), ("h1", PAPER, D, at(24))], PAPER, D),
        # Same minute in two channels: the meeting outranks paper, paper outranks online.
        ([("h1", ONLINE, A, at(0)), ("h1", SECRET, D, at(0))], SECRET, D),
        ([("h1", ONLINE, D, at(0)), ("h1", PAPER, OTH, at(0))], PAPER, OTH),
        # Same time, same channel, different choices: agree < disagree < other (total order).
        ([("h1", PAPER, OTH, at(0)), ("h1", PAPER, D, at(0))], PAPER, D),
        # Voting again in the same channel does not change the vote.
        ([("h1", ONLINE, D, at(2)), ("h1", ONLINE, A, at(1))], ONLINE, A),
    ],
)
def test_first_valid_vote_in_time_wins_and_later_ones_are_duplicates(records, counted_channel, counted_choice):
    result = tally(records, ["h1"])
    kept = result.counted["h1"]
    assert (kept.channel, kept.choice) == (counted_channel, counted_choice)
    assert result.voted == 1
    assert len(result.duplicates) == 1
    dup = result.duplicates[0]
    assert dup.kept == kept
    assert dup.record != kept
    assert dup.conflicting is (dup.record.choice != kept.choice)


def test_result_does_not_depend_on_input_order():
    rng = random.Random(7)
    roll = [f"h{i}" for i in range(50)]
    records = [
        (rng.choice(roll), rng.choice(list(Channel)), rng.choice(list(Choice)), at(rng.randrange(6)))
        for _ in range(300)
    ]
    first = tally(records, roll)
    for _ in range(5):
        rng.shuffle(records)
        again = tally(records, roll)
        assert dict(again.counted) == dict(first.counted)
        assert (again.agree, again.disagree, again.other) == (first.agree, first.disagree, first.other)
        assert sorted(map(repr, again.duplicates)) == sorted(map(repr, first.duplicates))


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        (("stranger", PAPER, A, at(0)), RejectReason.UNKNOWN_HOUSEHOLD),
        (("h1", "telepathy", A, at(0)), RejectReason.INVALID_CHANNEL),
        (("h1", PAPER, "maybe", at(0)), RejectReason.INVALID_CHOICE),
        (("h1", PAPER, A, at(100)), RejectReason.LATE),
    ],
)
def test_invalid_records_are_rejected_and_do_not_use_up_the_vote(record, reason):
    later_valid = ("h1", ONLINE, D, at(50))
    result = tally([record, later_valid], ["h1", "h2"], closes_at=at(72))
    assert [r.reason for r in result.rejected] == [reason]
    assert result.counted["h1"].choice is D
    assert result.voted == 1
    assert result.duplicates == ()


def test_plain_string_values_are_accepted_and_normalised():
    result = tally([("h1", "paper_ballot", "agree", at(0))], ["h1"])
    rec = result.counted["h1"]
    assert rec.channel is PAPER
    assert rec.choice is A
    assert rec.channel.form is DecisionForm.HOUSEHOLD_BALLOT


def test_naive_times_are_refused():
    with pytest.raises(ValueError, match="naive"):
        tally([("h1", PAPER, A, datetime(2024, 6, 10, 19, 0))], ["h1"])
    with pytest.raises(ValueError, match="aware"):
        tally([], ["h1"], closes_at=datetime(2024, 6, 10))


def test_empty_roll_has_zero_turnout_and_nothing_adopted():
    result = tally([], [])
    assert result.turnout == 0
    assert not result.adoption(3).adopted


@pytest.mark.parametrize(("agree", "adopted"), [(151, True), (150, False)])
def test_adoption_from_a_tally_counts_all_households_not_voters(agree, adopted):
    roll = list(range(300))
    votes = [(h, PAPER, A, at(0)) for h in roll[:agree]] + [(h, PAPER, D, at(0)) for h in roll[agree : agree + 20]]
    assert tally(votes, roll).adoption(3).adopted is adopted


def _hamlet(households: int, seed: int = 1) -> tuple[list[int], list[tuple[int, Channel, Choice, datetime]]]:
    """Every household votes in one to three channels (meeting, paper, online) at random times."""
    rng = random.Random(seed)
    roll = list(range(households))
    votes = []
    channels = [HANDS, PAPER, ONLINE]
    for h in roll:
        for channel in rng.sample(channels, rng.randint(1, 3)):
            votes.append((h, channel, rng.choice(list(Choice)), at(rng.randrange(0, 96 * 60) / 60)))
    return roll, votes


def test_two_thousand_household_hamlet_across_three_channels_tallies_well_under_a_second():
    roll, votes = _hamlet(2000)
    start = time.perf_counter()
    result = tally(votes, roll)
    elapsed = time.perf_counter() - start
    assert result.voted == 2000
    assert len(result.duplicates) == len(votes) - 2000
    assert result.agree + result.disagree + result.other == 2000
    assert elapsed < 0.5, f"tally took {elapsed:.3f} s"


# --- Double entry ------------------------------------------------------------------------------


def test_identical_double_entry_agrees():
    entry = {"h1": "agree", "h2": "disagree", "h3": "other"}
    result = reconcile_double_entry(entry, dict(entry))
    assert result.agreed
    assert result.matched == 3


def test_double_entry_lists_every_difference_sorted_by_household():
    a = {"h1": "agree", "h2": "disagree", "h3": "other", "h5": "AGREE"}
    b = {"h1": "agree", "h2": "agree", "h4": "other", "h5": "agree"}
    result = reconcile_double_entry(a, b)
    assert not result.agreed
    assert result.matched == 2  # h1 and h5 (case-insensitive)
    assert [(d.household_id, d.kind) for d in result.differences] == [
        ("h2", DifferenceKind.CHOICE_MISMATCH),
        ("h3", DifferenceKind.MISSING_IN_B),
        ("h4", DifferenceKind.MISSING_IN_A),
    ]
    h2 = result.differences[0]
    assert (h2.a, h2.b) == (("disagree",), ("agree",))


def test_double_entry_flags_a_household_keyed_twice_with_different_choices():
    a = [("h1", "agree"), ("h1", "disagree"), ("h2", "agree"), ("h2", "agree")]
    b = [("h1", "agree"), ("h2", "agree")]
    result = reconcile_double_entry(a, b)
    assert [(d.household_id, d.kind) for d in result.differences] == [("h1", DifferenceKind.REPEATED_IN_A)]
    assert result.matched == 1  # the same ballot keyed twice identically is not a difference


def test_count_sheets_reconcile_line_by_line():
    a = {"agree": 120, "disagree": 30, "other": 5}
    b = {"agree": 121, "disagree": 30}
    assert reconcile_count_sheets(a, b) == (CountDifference("agree", 120, 121), CountDifference("other", 5, None))
    assert reconcile_count_sheets(a, dict(a)) == ()
