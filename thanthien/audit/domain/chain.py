"""The hash chain of the audit trail (chuỗi băm của nhật ký) — pure Python, no ORM.

Each event stores ``prev_hash`` (the hash of the event before it, or :data:`GENESIS` for the
first) and ``hash = sha256(prev_hash + canonical_json(content))``, where the content is every
recorded field including the sequence number and the timestamp. Changing any stored value of
an event breaks its own hash; removing an event breaks the sequence and the link of the next
one; removing the newest events is caught against the chain head (last sequence number and
hash), which the service updates in the same transaction as the insert.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64

# The fields that enter the hash, in addition to ``prev_hash``. Adding a field here changes
# every hash: never do it without a migration that re-seals the chain from a checkpoint.
HASHED_FIELDS = (
    "seq",
    "at",
    "actor_id",
    "actor_label",
    "on_behalf_of",
    "unit_id",
    "action",
    "object_type",
    "object_id",
    "object_label",
    "old",
    "new",
    "note",
)


def format_at(at: dt.datetime) -> str:
    """An aware timestamp in UTC with microseconds, the one form that enters the hash."""
    if at.tzinfo is None:
        raise ValueError("audit timestamps must be timezone-aware")
    return at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical_json(content: Mapping[str, Any]) -> str:
    """Deterministic JSON: sorted keys, no spaces, UTF-8 kept as is."""
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def hashed_content(row: Mapping[str, Any]) -> dict[str, Any]:
    """The part of a row that the hash covers, with the timestamp in its canonical form."""
    content = {name: row[name] for name in HASHED_FIELDS}
    content["at"] = format_at(row["at"])
    return content


def event_hash(prev_hash: str, row: Mapping[str, Any]) -> str:
    """The hash of one event given the hash of the event before it."""
    payload = prev_hash + canonical_json(hashed_content(row))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ChainHeadState:
    """What the chain head says: how many events there are and the hash of the last one."""

    count: int
    last_hash: str
    last_id: int | None = None


@dataclass(frozen=True)
class ChainProblem:
    """The first place where the chain does not hold.

    ``kind`` is one of ``altered`` (an event's stored values no longer match its hash),
    ``removed`` (events are missing from the middle), ``tail_removed`` (the newest events are
    missing), ``unsealed`` (events exist that the head does not know: written around the
    service), ``head_mismatch`` (the last event was rewritten together with its hash) or
    ``head_missing``.
    """

    kind: str
    seq: int | None
    event_id: int | None
    detail: str


@dataclass(frozen=True)
class ChainReport:
    checked: int
    last_hash: str
    problem: ChainProblem | None

    @property
    def ok(self) -> bool:
        return self.problem is None


def verify_chain(rows: Iterable[Mapping[str, Any]], head: ChainHeadState | None) -> ChainReport:
    """Walk ``rows`` (ordered by ``seq``) and report the first problem, if any.

    Each row maps ``id``, ``hash``, ``prev_hash`` and every name in :data:`HASHED_FIELDS`.
    """
    expected_seq = 1
    expected_prev = GENESIS
    previous_id: int | None = None
    checked = 0
    for row in rows:
        seq = row["seq"]
        if event_hash(row["prev_hash"], row) != row["hash"]:
            return ChainReport(
                checked,
                expected_prev,
                ChainProblem("altered", seq, row["id"], f"event #{seq} (id {row['id']}) was altered"),
            )
        if seq > expected_seq:
            missing = f"#{expected_seq}" if seq == expected_seq + 1 else f"#{expected_seq}–#{seq - 1}"
            return ChainReport(
                checked,
                expected_prev,
                ChainProblem(
                    "removed",
                    expected_seq,
                    None,
                    f"event {missing} was removed (between id {previous_id} and id {row['id']})",
                ),
            )
        if seq < expected_seq:
            return ChainReport(
                checked,
                expected_prev,
                ChainProblem("altered", seq, row["id"], f"event id {row['id']} repeats sequence number #{seq}"),
            )
        if row["prev_hash"] != expected_prev:
            # This event is intact but does not link to the stored hash of the one before it:
            # the previous event was replaced and re-hashed.
            return ChainReport(
                checked,
                expected_prev,
                ChainProblem(
                    "altered",
                    seq - 1,
                    previous_id,
                    f"event #{seq - 1} (id {previous_id}) was altered (event #{seq} no longer links to it)",
                ),
            )
        checked += 1
        expected_prev = row["hash"]
        expected_seq = seq + 1
        previous_id = row["id"]

    last_seq = expected_seq - 1
    if head is None:
        if checked:
            return ChainReport(
                checked, expected_prev, ChainProblem("head_missing", None, None, "the chain head is missing")
            )
        return ChainReport(checked, expected_prev, None)
    if head.count > last_seq:
        first_missing = last_seq + 1
        missing = f"#{first_missing}" if head.count == first_missing else f"#{first_missing}–#{head.count}"
        who = f" (id {head.last_id})" if head.count == first_missing and head.last_id else ""
        return ChainReport(
            checked,
            expected_prev,
            ChainProblem("tail_removed", first_missing, head.last_id, f"the last event {missing}{who} was removed"),
        )
    if head.count < last_seq:
        return ChainReport(
            checked,
            expected_prev,
            ChainProblem(
                "unsealed",
                head.count + 1,
                None,
                f"events after #{head.count} were written around the audit service",
            ),
        )
    if head.last_hash != expected_prev:
        return ChainReport(
            checked,
            expected_prev,
            ChainProblem(
                "head_mismatch",
                last_seq,
                previous_id,
                f"event #{last_seq} (id {previous_id}) was altered (it does not match the chain head)",
            ),
        )
    return ChainReport(checked, expected_prev, None)
