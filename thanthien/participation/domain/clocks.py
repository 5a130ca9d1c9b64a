"""Legal time limits of community decisions, consultations and the annual conference.

No clock reads: every function takes the dates it needs and, where working days matter, a calendar
object. The real calendar (holidays, swapped days off, make-up Saturdays) lives in
``thanthien/clocks/domain/calendar.py``; here we depend only on the :class:`WorkingCalendar` protocol.

Counting convention (Bộ luật Dân sự 2015 Điều 147–148, shared/domain/legal-rules.md §2.10):

* "within N days after X" — the day X is not counted; the period ends at 24:00 of the N-th day after X.
  If that day is not a working day, the period ends on the next working day.
* "within N working days after X" — ``calendar.add_working_days(X, N)``: the N-th working day after X.
* "at least N days before X" — the earlier act is timely when it happens no later than X − N calendar
  days (a notice on Monday allows a meeting on Wednesday for N = 2). No roll-back for holidays: notices
  go out by radio, phone and posting on any day.
* "N months" — same day-number N months later; if that month is shorter, its last day
  (BLDS 2015 Điều 148: a period in months ends on the corresponding day of the last month, or on that
  month's last day when it has no such day). 31/1 + 1 month = 28/2 (29/2 in a leap year).

Sources: Luật Thực hiện dân chủ ở cơ sở 10/2022/QH15 ("Luật") and NĐ 59/2023/NĐ-CP ("NĐ 59"),
as summarised in shared/domain/legal-rules.md §5.2–5.5.
"""

from __future__ import annotations

import calendar as _stdcal
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Protocol, runtime_checkable

from .matters import MatterCode, Scope, get_matter

__all__ = [
    "TIME_LIMITS",
    "DayKind",
    "EntryIntoForce",
    "LimitKind",
    "RecognisingBody",
    "TimeLimit",
    "WorkingCalendar",
    "add_months",
    "annual_conference_notice_is_timely",
    "ballot_info_is_timely",
    "ballot_plan_due",
    "ballot_results_due",
    "consultation_duration_ok",
    "consultation_earliest_close",
    "decision_document_due",
    "documents_are_timely",
    "documents_required",
    "due_date",
    "entry_into_force",
    "hamlet_head_election_schedule",
    "is_timely",
    "latest_notice_date",
    "new_hamlet_head_election_due",
    "notice_is_timely",
    "online_vote_decision_due",
    "recognising_body",
    "recognition_due",
    "roll_forward",
]


@runtime_checkable
class WorkingCalendar(Protocol):
    """The working-day calendar the rules need (built in thanthien/clocks/domain/calendar.py).

    ``add_working_days(start, n)`` must return the n-th working day AFTER ``start`` (``start`` itself
    is not counted, BLDS Điều 147), for ``n >= 1``.
    """

    def is_working_day(self, day: date, /) -> bool: ...

    def add_working_days(self, start: date, days: int, /) -> date: ...


class DayKind(StrEnum):
    CALENDAR = "calendar"  # ngày
    WORKING = "working"  # ngày làm việc


class LimitKind(StrEnum):
    """How a limit binds.

    * ``DEADLINE`` — the act must happen no later than N days after the anchor ("trong thời hạn").
    * ``LEAD`` — the act must happen at least N days before the anchor ("trước ít nhất").
    * ``MIN_DURATION`` — something stays open at least N days after the anchor ("thời gian ít nhất").
    """

    DEADLINE = "deadline"
    LEAD = "lead"
    MIN_DURATION = "min_duration"


@dataclass(frozen=True, slots=True)
class TimeLimit:
    """One legal time limit (thời hạn) as data."""

    code: str
    days: int
    day_kind: DayKind
    kind: LimitKind
    label_vi: str
    anchor_vi: str
    source: str

    def __post_init__(self) -> None:
        if self.days < 1:
            raise ValueError("a time limit is at least one day")
        if self.kind is LimitKind.LEAD and self.day_kind is not DayKind.CALENDAR:
            # The protocol has no backwards working-day step; no lead in this law is in working days.
            raise ValueError("lead times are counted in calendar days")


_LIMITS: tuple[TimeLimit, ...] = (
    # --- Community meeting (Luật Điều 18; NĐ 59 Điều 3) ---
    TimeLimit(
        "meeting_notice",
        2,
        DayKind.CALENDAR,
        LimitKind.LEAD,
        "Thông báo thời gian, địa điểm, nội dung cuộc họp (Mẫu 01) và niêm yết tại nhà văn hóa",
        "ngày họp",
        "NĐ 59/2023 Điều 3",
    ),
    TimeLimit(
        "meeting_documents",
        2,
        DayKind.CALENDAR,
        LimitKind.LEAD,
        "Gửi tài liệu các nội dung khoản 1, 2, 3 Điều 15 đến từng hộ gia đình",
        "ngày họp",
        "NĐ 59/2023 Điều 3",
    ),
    TimeLimit(
        "decision_document",
        5,
        DayKind.WORKING,
        LimitKind.DEADLINE,
        "Gửi văn bản ghi nhận kết quả bàn và quyết định (Mẫu 03) đến UBND và UBMTTQ cấp xã",
        "ngày họp",
        "NĐ 59/2023 Điều 3",
    ),
    TimeLimit(
        "recognition",
        5,
        DayKind.WORKING,
        LimitKind.DEADLINE,
        "UBND cấp xã (khoản 3, 4 Điều 15) hoặc UBMTTQ cấp xã (khoản 5 Điều 15) công nhận, hoặc trả lời bằng "
        "văn bản nêu rõ lý do",
        "ngày nhận văn bản ghi nhận kết quả",
        "Luật 10/2022/QH15 Điều 21.2",
    ),
    # --- Household ballot (Luật Điều 19; NĐ 59 Điều 4) ---
    TimeLimit(
        "ballot_plan",
        2,
        DayKind.CALENDAR,
        LimitKind.DEADLINE,
        "Gửi kế hoạch phát phiếu lấy ý kiến đến Chủ tịch UBND và Chủ tịch UBMTTQ cấp xã",
        "ngày thông qua kế hoạch",
        "NĐ 59/2023 Điều 4",
    ),
    TimeLimit(
        "ballot_information",
        2,
        DayKind.CALENDAR,
        LimitKind.LEAD,
        "Công khai thông tin về việc phát phiếu lấy ý kiến",
        "ngày phát phiếu",
        "NĐ 59/2023 Điều 4",
    ),
    TimeLimit(
        "ballot_results",
        5,
        DayKind.WORKING,
        LimitKind.DEADLINE,
        "Gửi kết quả kiểm phiếu (Mẫu 04) đến UBND và UBMTTQ cấp xã",
        "hạn cuối thu phiếu",
        "NĐ 59/2023 Điều 4",
    ),
    # --- Online vote (NĐ 59 Điều 5) ---
    TimeLimit(
        "online_vote_decision",
        5,
        DayKind.WORKING,
        LimitKind.DEADLINE,
        "Gửi văn bản ghi nhận kết quả biểu quyết trực tuyến đến UBND và UBMTTQ cấp xã",
        "ngày kết thúc biểu quyết",
        "NĐ 59/2023 Điều 5",
    ),
    # --- Consultation (Luật Điều 28) ---
    TimeLimit(
        "consultation_open",
        20,
        DayKind.CALENDAR,
        LimitKind.MIN_DURATION,
        "Thời gian lấy ý kiến Nhân dân",
        "ngày công khai nội dung lấy ý kiến",
        "Luật 10/2022/QH15 Điều 28",
    ),
    # --- Annual community conference (Luật Điều 33; NĐ 59 Điều 10) ---
    TimeLimit(
        "annual_conference_notice",
        5,
        DayKind.CALENDAR,
        LimitKind.LEAD,
        "Thông báo hội nghị định kỳ của cộng đồng dân cư đến từng hộ gia đình",
        "ngày hội nghị",
        "Luật 10/2022/QH15 Điều 33; NĐ 59/2023 Điều 10",
    ),
    # --- Village head election and dismissal (NĐ 59 Điều 6–9) ---
    TimeLimit(
        "hamlet_head_election_plan",
        20,
        DayKind.CALENDAR,
        LimitKind.LEAD,
        "Chủ tịch UBND cấp xã ban hành quyết định và kế hoạch bầu Trưởng thôn",
        "ngày họp bầu",
        "NĐ 59/2023 Điều 6–9 (bầu Trưởng thôn)",
    ),
    TimeLimit(
        "hamlet_head_candidates",
        15,
        DayKind.CALENDAR,
        LimitKind.LEAD,
        "Gửi biên bản hội nghị Ban công tác Mặt trận giới thiệu người ứng cử (Mẫu 05) đến UBND cấp xã",
        "ngày họp bầu",
        "NĐ 59/2023 Điều 6–9 (bầu Trưởng thôn)",
    ),
    TimeLimit(
        "hamlet_head_election_group",
        10,
        DayKind.CALENDAR,
        LimitKind.LEAD,
        "Thành lập Tổ bầu cử",
        "ngày họp bầu",
        "NĐ 59/2023 Điều 6–9 (bầu Trưởng thôn)",
    ),
    TimeLimit(
        "hamlet_head_announcement",
        7,
        DayKind.CALENDAR,
        LimitKind.LEAD,
        "Thông báo, niêm yết quyết định, kế hoạch bầu và danh sách người ứng cử",
        "ngày họp bầu",
        "NĐ 59/2023 Điều 6–9 (bầu Trưởng thôn)",
    ),
    TimeLimit(
        "new_hamlet_head_election",
        60,
        DayKind.CALENDAR,
        LimitKind.DEADLINE,
        "Tổ chức bầu Trưởng thôn mới sau khi cho thôi làm Trưởng thôn",
        "ngày công nhận kết quả cho thôi làm Trưởng thôn",
        "NĐ 59/2023 Điều 6–9 (cho thôi làm Trưởng thôn)",
    ),
)

TIME_LIMITS: dict[str, TimeLimit] = {limit.code: limit for limit in _LIMITS}


def roll_forward(day: date, calendar: WorkingCalendar) -> date:
    """``day`` if it is a working day, else the next working day (BLDS 2015 Điều 148)."""
    # A year without a working day does not exist; the bound only guards a broken calendar.
    for _ in range(366):
        if calendar.is_working_day(day):
            return day
        day += timedelta(days=1)
    raise ValueError("calendar has no working day within a year")


def add_months(start: date, months: int) -> date:
    """The same day-number ``months`` later, clamped to the last day of a shorter month.

    BLDS 2015 Điều 148 (periods in months). 30/11/2024 + 3 → 28/2/2025; 30/11/2023 + 3 → 29/2/2024.
    """
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return date(year, month, min(start.day, _stdcal.monthrange(year, month)[1]))


def due_date(limit: TimeLimit | str, anchor: date, calendar: WorkingCalendar | None = None) -> date:
    """The date a limit points to.

    * DEADLINE: the last day the act is on time.
    * MIN_DURATION: the earliest day the period may end (open through that day).
    * LEAD: the last day the earlier act is on time (``anchor`` − N days).

    Calendar-day DEADLINE and MIN_DURATION roll forward to a working day when ``calendar`` is given
    (BLDS Điều 148); working-day limits need ``calendar``.
    """
    lim = TIME_LIMITS[limit] if isinstance(limit, str) else limit
    if lim.kind is LimitKind.LEAD:
        return anchor - timedelta(days=lim.days)
    if lim.day_kind is DayKind.WORKING:
        if calendar is None:
            raise ValueError(f"{lim.code} is counted in working days: a calendar is required")
        return calendar.add_working_days(anchor, lim.days)
    end = anchor + timedelta(days=lim.days)
    return roll_forward(end, calendar) if calendar is not None else end


def is_timely(limit: TimeLimit | str, anchor: date, actual: date, calendar: WorkingCalendar | None = None) -> bool:
    """Whether ``actual`` satisfies ``limit`` around ``anchor``.

    DEADLINE: anchor ≤ actual ≤ due. LEAD: actual ≤ anchor − N. MIN_DURATION: actual (the end) ≥ due.
    """
    lim = TIME_LIMITS[limit] if isinstance(limit, str) else limit
    due = due_date(lim, anchor, calendar)
    if lim.kind is LimitKind.DEADLINE:
        return anchor <= actual <= due
    if lim.kind is LimitKind.LEAD:
        return actual <= due
    return actual >= due


# --- Community meeting -------------------------------------------------------------------------


def latest_notice_date(meeting_on: date) -> date:
    """Last day to send the meeting notice (Mẫu 01): 2 days before (NĐ 59/2023 Điều 3)."""
    return due_date("meeting_notice", meeting_on)


def notice_is_timely(notice_sent_on: date, meeting_on: date) -> bool:
    """Notice sent at least 2 days before the meeting (NĐ 59/2023 Điều 3)."""
    return is_timely("meeting_notice", meeting_on, notice_sent_on)


def documents_required(matter: MatterCode | int) -> bool:
    """Documents must reach every household before the meeting for Điều 15 items 1–3 (NĐ 59 Điều 3)."""
    return MatterCode(matter) in {MatterCode.CONTRIBUTIONS, MatterCode.COMMUNITY_FUNDS, MatterCode.VILLAGE_COVENANT}


def documents_are_timely(matter: MatterCode | int, documents_sent_on: date | None, meeting_on: date) -> bool:
    """Documents for items 1–3 sent at least 2 days before the meeting (NĐ 59/2023 Điều 3).

    Items 4–6 have no document limit: always ``True``. For items 1–3, ``None`` (not sent) is ``False``.
    """
    if not documents_required(matter):
        return True
    return documents_sent_on is not None and is_timely("meeting_documents", meeting_on, documents_sent_on)


def decision_document_due(meeting_on: date, calendar: WorkingCalendar) -> date:
    """Community decision document (Mẫu 03) to the commune UBND and MTTQ: 5 working days (NĐ 59 Điều 3)."""
    return due_date("decision_document", meeting_on, calendar)


class RecognisingBody(StrEnum):
    """Who recognises a community decision before it takes effect (Luật Điều 21.2)."""

    COMMUNE_PEOPLES_COMMITTEE = "commune_ubnd"  # Ủy ban nhân dân cấp xã
    COMMUNE_FATHERLAND_FRONT = "commune_mttq"  # Ủy ban Mặt trận Tổ quốc Việt Nam cấp xã


def recognising_body(matter: MatterCode | int) -> RecognisingBody | None:
    """UBND for items 3–4, MTTQ for item 5, none otherwise (Luật 10/2022/QH15 Điều 21.2)."""
    code = MatterCode(matter)
    if code in {MatterCode.VILLAGE_COVENANT, MatterCode.HAMLET_HEAD}:
        return RecognisingBody.COMMUNE_PEOPLES_COMMITTEE
    if code is MatterCode.BOARD_MEMBERS:
        return RecognisingBody.COMMUNE_FATHERLAND_FRONT
    return None


def recognition_due(received_on: date, calendar: WorkingCalendar) -> date:
    """Recognise, or refuse in writing with reasons, within 5 working days of receipt (Luật Điều 21.2)."""
    return due_date("recognition", received_on, calendar)


@dataclass(frozen=True, slots=True)
class EntryIntoForce:
    """When a community decision takes effect (hiệu lực), Luật 10/2022/QH15 Điều 21.2.

    ``effective_on`` is ``None`` while the decision waits for ``waiting_for``.
    """

    effective_on: date | None
    rule_vi: str
    waiting_for: RecognisingBody | str | None


def entry_into_force(
    matter: MatterCode | int,
    scope: Scope,
    *,
    decided_on: date,
    recognised_on: date | None = None,
    commune_effective_on: date | None = None,
) -> EntryIntoForce:
    """Luật 10/2022/QH15 Điều 21.2.

    * items 1, 2, 6 — village scope: from the day of the vote (``decided_on``);
    * items 1, 2 — commune scope: from the date the commune UBND sets after aggregating village results
      (``commune_effective_on``);
    * items 3, 4: from the commune UBND's recognition; item 5: from the commune MTTQ's recognition
      (``recognised_on``).
    """
    m = get_matter(matter)
    if scope not in m.scopes:
        raise ValueError(f"Matter {m.item} (Điều 15) has no {scope} scope")
    body = recognising_body(m.code)
    if body is not None:
        if recognised_on is not None and recognised_on < decided_on:
            raise ValueError("recognition cannot precede the decision")
        who = "UBND" if body is RecognisingBody.COMMUNE_PEOPLES_COMMITTEE else "UBMTTQ"
        return EntryIntoForce(
            recognised_on,
            f"Có hiệu lực từ ngày {who} cấp xã ra quyết định công nhận (Điều 21.2 Luật 10/2022/QH15)",
            None if recognised_on is not None else body,
        )
    if scope is Scope.COMMUNE:
        return EntryIntoForce(
            commune_effective_on,
            "Có hiệu lực từ thời điểm UBND cấp xã quyết định sau khi tổng hợp kết quả (Điều 21.2 Luật 10/2022/QH15)",
            None if commune_effective_on is not None else "commune_aggregation",
        )
    return EntryIntoForce(decided_on, "Có hiệu lực từ ngày biểu quyết (Điều 21.2 Luật 10/2022/QH15)", None)


# --- Household ballot and online vote ----------------------------------------------------------


def ballot_plan_due(plan_adopted_on: date, calendar: WorkingCalendar | None = None) -> date:
    """Ballot plan to the commune UBND and MTTQ chairs within 2 days of adoption (NĐ 59/2023 Điều 4)."""
    return due_date("ballot_plan", plan_adopted_on, calendar)


def ballot_info_is_timely(published_on: date, distribution_on: date) -> bool:
    """Ballot information made public at least 2 days before the ballots are handed out (NĐ 59 Điều 4)."""
    return is_timely("ballot_information", distribution_on, published_on)


def ballot_results_due(ballot_deadline: date, calendar: WorkingCalendar) -> date:
    """Count (Mẫu 04) to the commune UBND and MTTQ within 5 working days after the deadline (NĐ 59 Điều 4)."""
    return due_date("ballot_results", ballot_deadline, calendar)


def online_vote_decision_due(vote_closed_on: date, calendar: WorkingCalendar) -> date:
    """Online-vote decision to the commune UBND and MTTQ within 5 working days (NĐ 59/2023 Điều 5)."""
    return due_date("online_vote_decision", vote_closed_on, calendar)


# --- Consultation and annual conference --------------------------------------------------------


def consultation_earliest_close(published_on: date, calendar: WorkingCalendar | None = None) -> date:
    """Earliest last day of a consultation: open at least 20 days from publication (Luật Điều 28).

    The day of publication is not counted (BLDS Điều 147); with a calendar, a last day that is not a
    working day moves to the next working day (BLDS Điều 148), so people always have the 20th day and
    the following working day to answer.
    """
    return due_date("consultation_open", published_on, calendar)


def consultation_duration_ok(published_on: date, closes_on: date, calendar: WorkingCalendar | None = None) -> bool:
    """Whether a consultation that stays open through ``closes_on`` lasts long enough (Luật Điều 28)."""
    return is_timely("consultation_open", published_on, closes_on, calendar)


def annual_conference_notice_is_timely(notice_sent_on: date, conference_on: date) -> bool:
    """Annual community conference notice at least 5 days before (Luật Điều 33; NĐ 59/2023 Điều 10)."""
    return is_timely("annual_conference_notice", conference_on, notice_sent_on)


# --- Village head election ---------------------------------------------------------------------


def hamlet_head_election_schedule(meeting_on: date) -> dict[str, date]:
    """Latest dates of each preparatory step before a village-head election meeting (NĐ 59/2023 Điều 6–9).

    Keys: ``hamlet_head_election_plan`` (20 days), ``hamlet_head_candidates`` (15),
    ``hamlet_head_election_group`` (10), ``hamlet_head_announcement`` (7), ``meeting_notice`` (2).
    """
    codes = (
        "hamlet_head_election_plan",
        "hamlet_head_candidates",
        "hamlet_head_election_group",
        "hamlet_head_announcement",
        "meeting_notice",
    )
    return {code: due_date(code, meeting_on) for code in codes}


def new_hamlet_head_election_due(dismissal_recognised_on: date, calendar: WorkingCalendar | None = None) -> date:
    """A new village head is elected within 60 days after dismissal (NĐ 59/2023 Điều 6–9)."""
    return due_date("new_hamlet_head_election", dismissal_recognised_on, calendar)
