"""Classification and eligibility of petitions (phân loại, xử lý đơn).

Sources: Luật Tiếp công dân 2013 Điều 26; TT 07/2014/TT-TTCP Điều 6 (as codified, superseded by
TT 05/2021/TT-TTCP); Luật Khiếu nại Điều 11; Luật Tố cáo Điều 23, 24; NĐ 124/2020 (group
complaints: 5–10 complainants → 1–2 representatives; more than 10 → up to 5). legal-rules §6.1.
Pure Python: no ORM, no clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    UNCLASSIFIED = "unclassified"
    COMPLAINT = "complaint"  # khiếu nại
    DENUNCIATION = "denunciation"  # tố cáo
    RECOMMENDATION = "recommendation"  # kiến nghị
    REPORT = "report"  # phản ánh
    MIXED = "mixed"  # nhiều nội dung
    NOT_ELIGIBLE = "not_eligible"  # không đủ điều kiện xử lý


class Issue(StrEnum):
    """Why a petition cannot be handled (each maps to a sentence told to the citizen)."""

    NOT_VIETNAMESE = "not_vietnamese"
    UNDATED = "undated"
    NO_NAME = "no_name"
    NO_ADDRESS = "no_address"
    UNSIGNED = "unsigned"
    NO_RESPONDENT = "no_respondent"  # complaint: against whom / which decision
    NO_REQUEST = "no_request"  # complaint: content and request
    NO_ACCUSED = "no_accused"  # denunciation: person denounced
    NO_VIOLATION = "no_violation"  # denunciation: the violation
    ALREADY_HANDLED = "already_handled"
    SENT_TO_MANY = "sent_to_many"  # sent to many bodies including the competent one
    ALREADY_GUIDED = "already_guided"  # already guided once on the same content
    NO_REPRESENTATIVE = "no_representative"
    TOO_MANY_REPRESENTATIVES = "too_many_representatives"


GROUP_THRESHOLD = 5  # "many people": ≥ 05 signatories (TT 07/2014 Điều 6)


@dataclass(frozen=True)
class Facts:
    """What the officer checked on the petition. Defaults describe a complete, signed letter."""

    in_vietnamese: bool = True
    dated: bool = True
    has_name: bool = True
    has_address: bool = True
    signed: bool = True
    names_respondent: bool = True
    states_request: bool = True
    names_accused: bool = True
    states_violation: bool = True
    already_handled: bool = False
    new_complaint_allowed: bool = False
    sent_to_many: bool = False
    already_guided: bool = False
    signatories: int = 1
    representatives: int = 0
    written: bool = True  # oral petitions at a session are recorded by the officer, not signed


def is_group(facts: Facts) -> bool:
    return facts.signatories >= GROUP_THRESHOLD


def representative_issues(facts: Facts) -> list[Issue]:
    """NĐ 124/2020: 5–10 complainants choose 1–2 representatives; more than 10, at most 5."""
    if not is_group(facts):
        return []
    if facts.representatives < 1:
        return [Issue.NO_REPRESENTATIVE]
    limit = 2 if facts.signatories <= 10 else 5
    return [Issue.TOO_MANY_REPRESENTATIVES] if facts.representatives > limit else []


def eligibility_issues(kind: Kind | str, facts: Facts) -> list[Issue]:
    """Every reason why a petition of ``kind`` cannot be handled; empty means eligible.

    Reports and recommendations (phản ánh, kiến nghị) may be anonymous: only the content
    checks apply to them. Denunciations need the denouncer's identity (LTC Điều 23) — it is
    kept confidential, never optional.
    """
    kind = Kind(kind)
    issues: list[Issue] = []
    if not facts.in_vietnamese:
        issues.append(Issue.NOT_VIETNAMESE)
    if kind in (Kind.COMPLAINT, Kind.DENUNCIATION, Kind.MIXED):
        if facts.written and not facts.dated:
            issues.append(Issue.UNDATED)
        if not facts.has_name:
            issues.append(Issue.NO_NAME)
        if not facts.has_address:
            issues.append(Issue.NO_ADDRESS)
        if facts.written and not facts.signed:
            issues.append(Issue.UNSIGNED)
    if kind in (Kind.COMPLAINT, Kind.MIXED):
        if not facts.names_respondent:
            issues.append(Issue.NO_RESPONDENT)
        if not facts.states_request:
            issues.append(Issue.NO_REQUEST)
    if kind in (Kind.DENUNCIATION, Kind.MIXED):
        if not facts.names_accused:
            issues.append(Issue.NO_ACCUSED)
        if not facts.states_violation:
            issues.append(Issue.NO_VIOLATION)
    if facts.already_handled and not facts.new_complaint_allowed:
        issues.append(Issue.ALREADY_HANDLED)
    if facts.sent_to_many:
        issues.append(Issue.SENT_TO_MANY)
    if facts.already_guided:
        issues.append(Issue.ALREADY_GUIDED)
    if kind in (Kind.COMPLAINT, Kind.DENUNCIATION, Kind.MIXED):
        issues += representative_issues(facts)
    return issues


def classify(kind: Kind | str, facts: Facts) -> tuple[Kind, list[Issue]]:
    """The final classification: the officer's kind, or ``not_eligible`` with the reasons."""
    issues = eligibility_issues(kind, facts)
    return (Kind.NOT_ELIGIBLE if issues else Kind(kind)), issues
