"""The hash chain, without a database: what `verify` reports for each kind of tampering."""

import datetime as dt

import pytest

from thanthien.audit.domain.chain import GENESIS, ChainHeadState, event_hash, format_at, verify_chain

T0 = dt.datetime(2025, 3, 1, 8, 0, tzinfo=dt.UTC)


def make_chain(n: int) -> list[dict]:
    rows, prev = [], GENESIS
    for seq in range(1, n + 1):
        row = {
            "id": 100 + seq,
            "seq": seq,
            "at": T0 + dt.timedelta(minutes=seq),
            "actor_id": 7,
            "actor_label": "Lê Thị Mai (officer_a)",
            "on_behalf_of": "",
            "unit_id": 3,
            "action": "household.updated",
            "object_type": "units.household",
            "object_id": str(seq),
            "object_label": f"HGD-{seq:03d}",
            "old": {"address": "Thôn Đồng Tâm"},
            "new": {"address": "Xóm Đồng Tâm", "members": [1, 2]},
            "note": "",
            "prev_hash": prev,
        }
        row["hash"] = prev = event_hash(prev, row)
        rows.append(row)
    return rows


def head_of(rows):
    return ChainHeadState(count=rows[-1]["seq"], last_hash=rows[-1]["hash"], last_id=rows[-1]["id"])


def test_intact_chain_verifies():
    rows = make_chain(5)
    report = verify_chain(rows, head_of(rows))
    assert report.ok
    assert report.checked == 5
    assert report.last_hash == rows[-1]["hash"]


def test_empty_chain_verifies():
    assert verify_chain([], ChainHeadState(0, GENESIS)).ok
    assert verify_chain([], None).ok


@pytest.mark.parametrize(
    "field, value",
    [
        ("new", {"address": "Xóm Khác", "members": [1, 2]}),
        ("old", None),
        ("actor_label", "Someone else"),
        ("actor_id", 8),
        ("unit_id", 4),
        ("action", "household.deleted"),
        ("note", "x"),
        ("at", T0 + dt.timedelta(days=1)),
        ("object_id", "999"),
    ],
)
def test_any_altered_field_is_reported_at_that_event(field, value):
    rows = make_chain(5)
    head = head_of(rows)
    rows[2][field] = value
    problem = verify_chain(rows, head).problem
    assert (problem.kind, problem.seq, problem.event_id) == ("altered", 3, 103)


def test_event_rewritten_with_a_fresh_hash_is_caught_by_the_next_link():
    rows = make_chain(5)
    head = head_of(rows)
    rows[1]["new"] = {"address": "forged"}
    rows[1]["hash"] = event_hash(rows[1]["prev_hash"], rows[1])
    problem = verify_chain(rows, head).problem
    assert (problem.kind, problem.seq, problem.event_id) == ("altered", 2, 102)


def test_removed_middle_event_is_reported_with_its_sequence_number():
    rows = make_chain(5)
    head = head_of(rows)
    del rows[2]
    problem = verify_chain(rows, head).problem
    assert (problem.kind, problem.seq) == ("removed", 3)
    assert "#3" in problem.detail and "102" in problem.detail and "104" in problem.detail


def test_removed_first_event_is_reported():
    rows = make_chain(3)
    head = head_of(rows)
    problem = verify_chain(rows[1:], head).problem
    assert (problem.kind, problem.seq) == ("removed", 1)


def test_removed_last_event_is_reported_against_the_head():
    rows = make_chain(5)
    head = head_of(rows)
    problem = verify_chain(rows[:-1], head).problem
    assert (problem.kind, problem.seq, problem.event_id) == ("tail_removed", 5, 105)


def test_every_event_removed_is_reported():
    rows = make_chain(2)
    problem = verify_chain([], head_of(rows)).problem
    assert (problem.kind, problem.seq) == ("tail_removed", 1)


def test_last_event_rewritten_with_a_fresh_hash_is_caught_by_the_head():
    rows = make_chain(3)
    head = head_of(rows)
    rows[-1]["note"] = "forged"
    rows[-1]["hash"] = event_hash(rows[-1]["prev_hash"], rows[-1])
    problem = verify_chain(rows, head).problem
    assert (problem.kind, problem.seq, problem.event_id) == ("head_mismatch", 3, 103)


def test_event_appended_around_the_service_is_reported():
    rows = make_chain(4)
    head = head_of(rows[:3])
    problem = verify_chain(rows, head).problem
    assert (problem.kind, problem.seq) == ("unsealed", 4)


def test_missing_head_with_events_is_reported():
    assert verify_chain(make_chain(1), None).problem.kind == "head_missing"


def test_timestamps_enter_the_hash_in_utc_with_microseconds():
    local = dt.datetime(2025, 3, 1, 15, 0, 0, 250, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    assert format_at(local) == "2025-03-01T08:00:00.000250Z"
    with pytest.raises(ValueError):
        format_at(dt.datetime(2025, 3, 1, 8, 0))
