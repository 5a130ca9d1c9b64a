"""Disclosure rules of the Law on Grassroots Democracy (Luật Thực hiện dân chủ ở cơ sở 10/2022/QH15).

Pure Python: no ORM, no clock reads. Categories are data (Điều 11, 14 items) with their posting
rule and radio rule (Điều 13); the forms of disclosure are Điều 12 khoản 1; the checks take
plain dates and a calendar object with ``add_working_days(start, n)`` (the clocks engine's
``WorkingCalendar``) and return findings (compliance issues), never raise.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

# Điều 13 khoản 2: posted for at least 30 consecutive days unless another law says otherwise.
MIN_POSTING_DAYS = 30
# Điều 13 khoản 3: items 7–12 broadcast on the commune radio on at least 3 consecutive days.
MIN_RADIO_DAYS = 3
# Điều 12 khoản 3: no later than 05 working days after the decision or document is issued.
PUBLISH_WITHIN_WORKING_DAYS = 5


class PostingRule(StrEnum):
    """How long a category stays posted (niêm yết)."""

    MIN_30_DAYS = "min_30_days"
    PERMANENT = "permanent"  # items 4 and 13: posted permanently, updated on change
    NONE = "none"  # item 14: as the specific rule says


class Form(StrEnum):
    """Forms of disclosure (hình thức công khai), Điều 12 khoản 1 (letters as in the law)."""

    NOTICE_BOARD = "notice_board"  # a) niêm yết
    WEBSITE = "website"  # b) cổng/trang thông tin điện tử
    RADIO = "radio"  # c) hệ thống truyền thanh (loudspeakers)
    HAMLET_HEAD = "hamlet_head"  # d) thông qua trưởng thôn, tổ trưởng tổ dân phố
    LETTER = "letter"  # đ) gửi văn bản đến Nhân dân
    DIALOGUE = "dialogue"  # e) hội nghị đối thoại
    MEETINGS = "meetings"  # g) tiếp công dân, tiếp xúc cử tri, báo chí, người phát ngôn
    ORGANISATIONS = "organisations"  # h) thông báo đến tổ chức chính trị - xã hội
    SOCIAL = "social"  # i) viễn thông, mạng xã hội (Zalo groups)
    OTHER = "other"  # k) hình thức khác


@dataclass(frozen=True, slots=True)
class Category:
    """One of the 14 items a commune must disclose (Điều 11)."""

    number: int
    title_vi: str
    title_en: str
    posting: PostingRule
    radio: bool  # Điều 13 khoản 3: items 7–12 on the radio ≥3 consecutive days
    via_hamlet_heads: bool  # Điều 13 khoản 4: items 7–12 also sent to hamlet heads

    @property
    def permanent(self) -> bool:
        return self.posting == PostingRule.PERMANENT

    @property
    def needs_posting(self) -> bool:
        return self.posting != PostingRule.NONE


def _cat(n: int, vi: str, en: str, posting: PostingRule = PostingRule.MIN_30_DAYS) -> Category:
    radio = 7 <= n <= 12
    return Category(n, vi, en, posting, radio, radio)


CATEGORIES: tuple[Category, ...] = (
    _cat(
        1,
        "Kế hoạch phát triển kinh tế - xã hội, phương án chuyển dịch cơ cấu kinh tế và kết quả thực hiện",
        "Socio-economic development plan, economic restructuring and results",
    ),
    _cat(
        2,
        "Dự toán, quyết toán, tình hình thực hiện ngân sách và kế hoạch tài chính",
        "Budget estimates, execution, final accounts and financial plan",
    ),
    _cat(
        3,
        "Dự án đầu tư, thu hồi đất, bồi thường, tái định cư, quy hoạch",
        "Investment projects, land recovery, compensation, resettlement and zoning",
    ),
    _cat(
        4,
        "Quy chế thực hiện dân chủ, nhiệm vụ, quyền hạn của cán bộ, công chức, quy tắc ứng xử",
        "Democracy regulation, duties of officials and code of conduct",
        PostingRule.PERMANENT,
    ),
    _cat(
        5,
        "Quản lý, sử dụng các loại quỹ, khoản đầu tư, tài trợ, khoản huy động Nhân dân đóng góp",
        "Funds, investment, aid and contributions raised from the people",
    ),
    _cat(6, "Quản lý, sử dụng tài sản công", "Public assets"),
    _cat(
        7,
        "Chính sách, đối tượng, quy trình bình xét và kết quả hỗ trợ, trợ cấp, tín dụng",
        "Support, subsidies and credit: policies, beneficiaries, selection and results",
    ),
    _cat(
        8,
        "Hỗ trợ thiên tai, dịch bệnh, bệnh hiểm nghèo; quản lý tiền, hàng cứu trợ",
        "Support for disasters, epidemics and serious illness; donations",
    ),
    _cat(
        9,
        "Nghĩa vụ quân sự, nghĩa vụ tham gia công an nhân dân",
        "Military and police service: quotas, criteria and lists",
    ),
    _cat(
        10,
        "Kết quả thanh tra, xử lý tham nhũng, kỷ luật; kết quả lấy phiếu tín nhiệm",
        "Inspection results, corruption and discipline cases; confidence votes",
    ),
    _cat(
        11,
        "Kế hoạch, nội dung lấy ý kiến, tổng hợp ý kiến, tiếp thu, giải trình",
        "Consultation plans, synthesis of opinions, acceptance and explanation",
    ),
    _cat(
        12,
        "Đối tượng, mức thu các loại phí, lệ phí và nghĩa vụ tài chính khác",
        "Payers and rates of fees, charges and other financial obligations",
    ),
    _cat(
        13,
        "Thủ tục hành chính, quy trình giải quyết công việc do cấp xã thực hiện",
        "Administrative procedures and work processes of the commune",
        PostingRule.PERMANENT,
    ),
    _cat(
        14,
        "Nội dung khác theo quy định của pháp luật, quy chế thực hiện dân chủ",
        "Other items under law or the democracy regulation",
        PostingRule.NONE,
    ),
)
CATEGORY_BY_NUMBER = {c.number: c for c in CATEGORIES}


def category(number: int) -> Category:
    try:
        return CATEGORY_BY_NUMBER[number]
    except KeyError:
        raise ValueError(f"No disclosure category {number}; the law lists 1–14.") from None


class Calendar(Protocol):
    def add_working_days(self, start: dt.date, days: int) -> dt.date: ...


class Finding(StrEnum):
    """A compliance problem (vi phạm) found on one item."""

    NOT_PUBLISHED = "not_published"  # due date passed and nothing published
    PUBLISHED_LATE = "published_late"  # published after the 5-working-day limit
    NOT_POSTED = "not_posted"  # no posting at the commune office
    HAMLETS_MISSING = "hamlets_missing"  # not posted at every hamlet house
    POSTED_TOO_SHORT = "posted_too_short"  # taken down before 30 days
    PERMANENT_REMOVED = "permanent_removed"  # a permanent item was taken down
    NO_PHOTO = "no_photo"  # posting without photo proof
    RADIO_MISSING = "radio_missing"  # items 7–12 not broadcast ≥3 consecutive days
    WEBSITE_MISSING = "website_missing"  # Điều 13 khoản 1: everything goes on the portal


@dataclass(frozen=True, slots=True)
class PostingFact:
    """One posting at one place: office (``hamlet_id`` None) or a hamlet house."""

    hamlet_id: int | None
    started_on: dt.date
    ended_on: dt.date | None  # None: still posted
    has_photo: bool


@dataclass(frozen=True, slots=True)
class ItemFacts:
    """What the checks need to know about one disclosure item."""

    category: int
    decided_on: dt.date | None  # date of the decision or document (ngày ban hành)
    published_on: dt.date | None  # first public on any channel (the website, usually)
    postings: tuple[PostingFact, ...] = ()
    broadcast_days: tuple[dt.date, ...] = ()
    on_website: bool = False
    hamlet_ids: frozenset[int] = frozenset()  # every hamlet of the commune


def publish_due(decided_on: dt.date, calendar: Calendar) -> dt.date:
    """Last day to publish: 05 working days after the decision (Điều 12 khoản 3)."""
    return calendar.add_working_days(decided_on, PUBLISH_WITHIN_WORKING_DAYS)


def posting_end_min(started_on: dt.date) -> dt.date:
    """First day the posting may come down: ``started_on`` + 30 consecutive days (Điều 13 khoản 2).

    Posted on day 1 and counted 30 days → days 1..30 on the board; removal on day 31 or later.
    """
    return started_on + dt.timedelta(days=MIN_POSTING_DAYS)


def posted_days(fact: PostingFact, today: dt.date) -> int:
    """Days the notice was (or has been so far) on the board, the first day counted.

    ``ended_on`` is the day it was taken down (not on the board that day).
    """
    if fact.ended_on is not None:
        return max((fact.ended_on - fact.started_on).days, 0)
    return max((today - fact.started_on).days + 1, 0)


def longest_run(days: Iterable[dt.date]) -> int:
    """Length of the longest run of consecutive calendar days."""
    ordered = sorted(set(days))
    best = run = 0
    previous: dt.date | None = None
    for day in ordered:
        run = run + 1 if previous is not None and (day - previous).days == 1 else 1
        best = max(best, run)
        previous = day
    return best


def check_item(facts: ItemFacts, *, today: dt.date, calendar: Calendar) -> list[Finding]:
    """Every compliance finding for one item on ``today`` (Điều 12 khoản 3, Điều 13).

    Rules still running are not findings: a posting of 10 days still on the board, or a
    publication not yet due, is fine today.
    """
    cat = category(facts.category)
    findings: list[Finding] = []
    if facts.decided_on is not None:
        due = publish_due(facts.decided_on, calendar)
        if facts.published_on is None:
            if today > due:
                findings.append(Finding.NOT_PUBLISHED)
        elif facts.published_on > due:
            findings.append(Finding.PUBLISHED_LATE)
    if facts.published_on is None:
        return findings
    if not facts.on_website:
        findings.append(Finding.WEBSITE_MISSING)
    if cat.needs_posting:
        office = [p for p in facts.postings if p.hamlet_id is None]
        if not office:
            findings.append(Finding.NOT_POSTED)
        posted_hamlets = {p.hamlet_id for p in facts.postings if p.hamlet_id is not None}
        if facts.hamlet_ids - posted_hamlets:
            findings.append(Finding.HAMLETS_MISSING)
        for p in facts.postings:
            if p.ended_on is None:
                continue
            if cat.permanent:
                findings.append(Finding.PERMANENT_REMOVED)
                break
            if p.ended_on < posting_end_min(p.started_on):
                findings.append(Finding.POSTED_TOO_SHORT)
                break
        if any(not p.has_photo for p in facts.postings):
            findings.append(Finding.NO_PHOTO)
    # The radio gets the same 5 working days after publication before it counts as missing.
    if (
        cat.radio
        and longest_run(facts.broadcast_days) < MIN_RADIO_DAYS
        and today > calendar.add_working_days(facts.published_on, PUBLISH_WITHIN_WORKING_DAYS)
    ):
        findings.append(Finding.RADIO_MISSING)
    return findings


def quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


def quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    """First and last day of a quarter (Điều 13: the list of what was disclosed, each quarter)."""
    if not 1 <= quarter <= 4:
        raise ValueError("quarter must be 1–4")
    first = dt.date(year, 3 * quarter - 2, 1)
    last = dt.date(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1) - dt.timedelta(days=1)
    return first, last


def completeness(findings_per_item: Sequence[Sequence[Finding]]) -> float | None:
    """Share of items without any finding (for the dashboard); None when there is no item."""
    if not findings_per_item:
        return None
    return sum(1 for f in findings_per_item if not f) / len(findings_per_item)
