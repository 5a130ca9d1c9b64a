"""Petition lifecycle (trạng thái đơn) and the mapping to Open311 GeoReport v2 statuses."""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    RECEIVED = "received"  # tiếp nhận
    CLASSIFIED = "classified"  # đã phân loại
    ASSIGNED = "assigned"  # đã giao xử lý
    ACCEPTED = "accepted"  # đã thụ lý
    FORWARDED = "forwarded"  # đã chuyển cơ quan có thẩm quyền
    REFUSED = "refused"  # không thuộc thẩm quyền / không đủ điều kiện
    ANSWERED = "answered"  # đã trả lời
    CLOSED = "closed"  # đã đóng (đánh giá hoặc hết hạn mở lại)
    REOPENED = "reopened"  # người dân mở lại


OPEN = frozenset({Status.RECEIVED, Status.CLASSIFIED, Status.ASSIGNED, Status.ACCEPTED, Status.REOPENED})
FINAL = frozenset({Status.FORWARDED, Status.REFUSED, Status.ANSWERED, Status.CLOSED})

TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.RECEIVED: frozenset({Status.CLASSIFIED, Status.ASSIGNED, Status.REFUSED, Status.FORWARDED, Status.ANSWERED}),
    Status.CLASSIFIED: frozenset({Status.ASSIGNED, Status.ACCEPTED, Status.REFUSED, Status.FORWARDED, Status.ANSWERED}),
    Status.ASSIGNED: frozenset({Status.CLASSIFIED, Status.ACCEPTED, Status.REFUSED, Status.FORWARDED, Status.ANSWERED}),
    Status.ACCEPTED: frozenset({Status.ASSIGNED, Status.ANSWERED, Status.FORWARDED}),
    Status.FORWARDED: frozenset({Status.CLOSED}),
    Status.REFUSED: frozenset({Status.CLOSED}),
    Status.ANSWERED: frozenset({Status.CLOSED, Status.REOPENED}),
    Status.REOPENED: frozenset({Status.CLASSIFIED, Status.ASSIGNED, Status.ANSWERED, Status.ACCEPTED}),
    Status.CLOSED: frozenset(),
}


def can_move(current: str, target: str) -> bool:
    return Status(target) in TRANSITIONS[Status(current)] or (
        Status(target) == Status.ASSIGNED and Status(current) in OPEN
    )


def open311_status(status: str) -> str:
    """GeoReport v2 knows only ``open`` and ``closed``."""
    return "open" if Status(status) in OPEN else "closed"


def open311_statuses(value: str) -> set[str]:
    """Our statuses matching an Open311 ``status`` filter (``open``, ``closed`` or both)."""
    wanted = {part.strip() for part in value.split(",") if part.strip()}
    result: set[str] = set()
    if "open" in wanted:
        result |= {s.value for s in OPEN}
    if "closed" in wanted:
        result |= {s.value for s in Status if s not in OPEN}
    return result
