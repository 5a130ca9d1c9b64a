"""Legal time limits (thời hạn) for reception, complaints, denunciations, feedback and
information requests, as effective-dated data rows keyed by rule code.

A rule never reads the clock: callers pass the date the period starts (``on``) and get the
row in force on that day. Rules that change on 1/7/2026 (Luật 136/2025/QH15 amending the
laws on citizen reception, complaints and denunciations) are new rows with ``valid_from``,
not code branches (legal-rules §1, §6, §7).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


class Measure(StrEnum):
    """The same measures as the clocks app (``thanthien.clocks``)."""

    WORKING_DAYS = "working_days"
    CALENDAR_DAYS = "calendar_days"
    IMMEDIATE = "immediate"  # on the spot (Luật TCTT Điều 29: simple request in person)
    PER_WEEK = "per_week"  # frequencies: sessions per week / per month
    PER_MONTH = "per_month"


@dataclass(frozen=True)
class Rule:
    code: str
    valid_from: dt.date
    amount: int
    measure: Measure
    source: str
    note: str = ""


AMENDMENT_2026 = dt.date(2026, 7, 1)  # Luật 136/2025/QH15 in force
BEGINNING = dt.date(2000, 1, 1)

# One row per (code, valid_from). Keep sorted by code then valid_from.
RULES: tuple[Rule, ...] = (
    # --- Citizen reception (Luật Tiếp công dân 42/2013) ---
    Rule("reception.answer", BEGINNING, 10, Measure.WORKING_DAYS, "Luật TCD 2013 Điều 28.1"),
    Rule("reception.chairman_frequency", BEGINNING, 1, Measure.PER_WEEK, "Luật TCD 2013 Điều 15"),
    Rule(
        "reception.chairman_frequency",
        AMENDMENT_2026,
        2,
        Measure.PER_MONTH,
        "Luật 136/2025/QH15 (draft 11/2025)",
        note="Final adopted frequency not verified (legal-rules §6.1 ❓ U); edit this row when confirmed.",
    ),
    Rule("reception.schedule_publish_ahead", BEGINNING, 5, Measure.WORKING_DAYS, "Luật TCD 2013 Điều 24"),
    Rule("reception.online_notice_ahead", AMENDMENT_2026, 5, Measure.WORKING_DAYS, "NĐ 154/2026 (🟡 S)"),
    # --- Complaints (Luật Khiếu nại 02/2011) ---
    Rule("complaint.acceptance", BEGINNING, 10, Measure.WORKING_DAYS, "LKN Điều 27; TT 07/2013 Điều 5"),
    Rule("complaint.resolution", BEGINNING, 30, Measure.CALENDAR_DAYS, "LKN Điều 28"),
    Rule("complaint.resolution.complex", BEGINNING, 45, Measure.CALENDAR_DAYS, "LKN Điều 28"),
    Rule("complaint.resolution.remote", BEGINNING, 45, Measure.CALENDAR_DAYS, "LKN Điều 28"),
    Rule("complaint.resolution.remote_complex", BEGINNING, 60, Measure.CALENDAR_DAYS, "LKN Điều 28"),
    Rule("complaint.decision_send", BEGINNING, 3, Measure.WORKING_DAYS, "LKN Điều 32"),
    Rule("complaint.time_limit", BEGINNING, 90, Measure.CALENDAR_DAYS, "LKN Điều 9"),
    # --- Denunciations (Luật Tố cáo 25/2018) ---
    Rule("denunciation.initial", BEGINNING, 7, Measure.WORKING_DAYS, "LTC Điều 24.1"),
    Rule("denunciation.initial.multi_place", BEGINNING, 10, Measure.WORKING_DAYS, "LTC Điều 24.1"),
    Rule("denunciation.forward", BEGINNING, 5, Measure.WORKING_DAYS, "LTC Điều 24.2"),
    Rule("denunciation.notice", BEGINNING, 5, Measure.WORKING_DAYS, "LTC Điều 29.3"),
    Rule("denunciation.resolution", BEGINNING, 30, Measure.CALENDAR_DAYS, "LTC Điều 30"),
    Rule("denunciation.extension", BEGINNING, 30, Measure.CALENDAR_DAYS, "LTC Điều 30"),
    Rule("denunciation.max_extensions", BEGINNING, 2, Measure.CALENDAR_DAYS, "LTC Điều 30"),
    # --- Feedback and recommendations ---
    Rule("feedback.forward", BEGINNING, 5, Measure.WORKING_DAYS, "NĐ 20/2008 Điều 9"),
    Rule("board.answer", BEGINNING, 15, Measure.CALENDAR_DAYS, "Luật THDCCS Điều 40, 45"),
    # --- Citizen follow-up (our choice, legal-rules leaves it open) ---
    Rule("citizen.reopen_window", BEGINNING, 30, Measure.CALENDAR_DAYS, "Platform setting"),
    # --- Access to information (Luật TCTT 104/2016) ---
    Rule("info.in_person.simple", BEGINNING, 0, Measure.IMMEDIATE, "Luật TCTT Điều 29"),
    Rule("info.in_person.complex", BEGINNING, 10, Measure.WORKING_DAYS, "Luật TCTT Điều 29"),
    Rule("info.in_person.extension", BEGINNING, 10, Measure.WORKING_DAYS, "Luật TCTT Điều 29"),
    Rule("info.electronic.simple", BEGINNING, 3, Measure.WORKING_DAYS, "Luật TCTT Điều 30"),
    Rule("info.electronic.complex", BEGINNING, 15, Measure.WORKING_DAYS, "Luật TCTT Điều 30"),
    Rule("info.electronic.extension", BEGINNING, 15, Measure.WORKING_DAYS, "Luật TCTT Điều 30"),
    Rule("info.post.simple", BEGINNING, 5, Measure.WORKING_DAYS, "Luật TCTT Điều 31"),
    Rule("info.post.complex", BEGINNING, 15, Measure.WORKING_DAYS, "Luật TCTT Điều 31"),
    Rule("info.post.extension", BEGINNING, 15, Measure.WORKING_DAYS, "Luật TCTT Điều 31"),
    Rule("info.notify_time", BEGINNING, 3, Measure.WORKING_DAYS, "Luật TCTT Điều 30, 31"),
    Rule("info.max_provided", BEGINNING, 2, Measure.CALENDAR_DAYS, "Luật TCTT Điều 28"),
)


class UnknownRule(KeyError):
    pass


def rule_for(code: str, on: dt.date, rules: tuple[Rule, ...] = RULES) -> Rule:
    """The row of ``code`` in force on ``on`` (the latest ``valid_from`` not after it)."""
    best: Rule | None = None
    for row in rules:
        if row.code == code and row.valid_from <= on and (best is None or row.valid_from > best.valid_from):
            best = row
    if best is None:
        raise UnknownRule(f"{code} on {on.isoformat()}")
    return best


def complaint_resolution_code(*, remote: bool, complex_case: bool) -> str:
    """LKN Điều 28: 30 days, complex 45; remote or hard-to-reach areas 45, complex 60."""
    if remote:
        return "complaint.resolution.remote_complex" if complex_case else "complaint.resolution.remote"
    return "complaint.resolution.complex" if complex_case else "complaint.resolution"


def info_request_code(*, channel: str, complex_case: bool, extension: bool = False) -> str:
    """Luật TCTT Điều 29–31: ``channel`` is ``in_person``, ``electronic`` or ``post``."""
    if channel not in ("in_person", "electronic", "post"):
        raise ValueError(channel)
    if extension:
        return f"info.{channel}.extension"
    return f"info.{channel}.{'complex' if complex_case else 'simple'}"


def compute_due(rule: Rule, start: dt.date, calendar) -> dt.date:
    """The last day of the period that starts on ``start`` (the first day is not counted,
    BLDS 2015 Điều 147–148). ``calendar`` is a ``WorkingCalendar``."""
    if rule.measure == Measure.IMMEDIATE:
        return start
    if rule.measure == Measure.WORKING_DAYS:
        return calendar.add_working_days(start, rule.amount)
    if rule.measure == Measure.CALENDAR_DAYS:
        return calendar.add_calendar_days(start, rule.amount)
    raise ValueError(f"{rule.code} is not a period")


def schedule_published_in_time(*, session_day: dt.date, published_on: dt.date, calendar, on: dt.date) -> bool:
    """Luật TCD Điều 24: the head's schedule is posted at least 5 working days before."""
    ahead = rule_for("reception.schedule_publish_ahead", on).amount
    return calendar.working_days_between(published_on, session_day) >= ahead


def can_extend_denunciation(extensions_used: int, on: dt.date) -> bool:
    """LTC Điều 30: at most two extensions of 30 days each."""
    return extensions_used < rule_for("denunciation.max_extensions", on).amount


def chairman_frequency(on: dt.date) -> Rule:
    return rule_for("reception.chairman_frequency", on)


def chairman_sessions_required(on: dt.date, *, first: dt.date, last: dt.date) -> int:
    """How many sessions the chairman must hold between ``first`` and ``last`` (inclusive)
    under the frequency in force on ``on``."""
    rule = chairman_frequency(on)
    days = (last - first).days + 1
    if rule.measure == Measure.PER_WEEK:
        return rule.amount * -(-days // 7)
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    return rule.amount * months
