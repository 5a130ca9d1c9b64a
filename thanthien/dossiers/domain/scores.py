"""Scores of TTHC handling: the nine TT 01/2018 indicators, their bands, commune KPIs, QĐ 766 points.

Sources (legal-rules §2.10, §2.11, §3):

* TT 01/2018/TT-VPCP Điều 13 — nine indicators (chỉ số), 0–2 points each, scored per dossier or
  per unit; Điều 15 — indicator score = Σ points ÷ number of dossiers, one decimal; staff and
  unit bands; indicators without data are left out. ✅ V
* QĐ 766/QĐ-TTg — "Tiến độ giải quyết": dossiers handled or being handled on time or within
  time ÷ dossiers received or processed in the period; conversion of a rate to points against a
  target (🟡 S, third-party reconstruction).

The thresholds are data (:class:`ScoringRules`): TT 03/2025/TT-VPCP may have revised the set
(legal-rules §2.11, ❓ U), so a new period gets a new ``ScoringRules``, not new code.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import IntEnum, StrEnum
from fractions import Fraction
from types import MappingProxyType

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .common import Channel
from .deadlines import DEFAULT_RULES, DossierRules, Due, Timeliness, classify_for_reporting, is_overdue
from .status import DossierStatus

__all__ = [
    "ALL_INDICATORS",
    "PROGRESS_766_MAX_POINTS",
    "STAFF_INDICATORS",
    "TT01_2018",
    "CommuneKpis",
    "DossierRecord",
    "DossierScoreFacts",
    "Indicator",
    "Scorecard",
    "ScoringRules",
    "StaffBand",
    "UnitBand",
    "UnitLevel",
    "commune_kpis",
    "indicator_1_total_time",
    "indicator_2_unit_time",
    "indicator_3_contacts",
    "indicator_4_agencies",
    "indicator_5_one_stop",
    "indicator_6_publication",
    "indicator_7_attitude",
    "indicator_8_feedback",
    "indicator_9_online",
    "indicator_score",
    "points_766",
    "progress_766",
    "round_1",
    "score_dossier",
    "scorecard",
    "scorecard_from_dossiers",
    "staff_band",
    "unit_band",
]

ONE_DECIMAL = Decimal("0.1")


def round_1(value: Fraction | Decimal | int) -> Decimal:
    """One decimal, half up (TT 01/2018 Điều 15: "làm tròn đến một chữ số thập phân")."""
    return _decimal(value).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


class Indicator(IntEnum):
    """TT 01/2018/TT-VPCP Điều 13, khoản 1–9."""

    TOTAL_TIME = 1  # tổng thời gian giải quyết so với quy định
    UNIT_TIME = 2  # thời gian thực hiện của từng cơ quan, đơn vị tham gia giải quyết
    CONTACTS = 3  # số lần liên hệ với nơi tiếp nhận để hoàn thiện hồ sơ
    AGENCIES = 4  # số cơ quan, đơn vị phải liên hệ
    ONE_STOP = 5  # thực hiện đầy đủ quy trình tại Bộ phận Một cửa
    PUBLICATION = 6  # công khai TTHC
    ATTITUDE = 7  # thái độ của cán bộ, công chức
    FEEDBACK = 8  # tiếp nhận, xử lý phản ánh, kiến nghị
    ONLINE = 9  # cung cấp dịch vụ công trực tuyến

    @property
    def label(self) -> Promise:
        return _INDICATOR_LABELS[self]


_INDICATOR_LABELS: dict[Indicator, Promise] = {
    Indicator.TOTAL_TIME: _("Total handling time against the legal time"),
    Indicator.UNIT_TIME: _("Time taken by each participating unit"),
    Indicator.CONTACTS: _("Contacts with the receiving office to complete the dossier"),
    Indicator.AGENCIES: _("Agencies the applicant had to contact"),
    Indicator.ONE_STOP: _("Full process run at the one-stop shop"),
    Indicator.PUBLICATION: _("Publication of the procedure"),
    Indicator.ATTITUDE: _("Staff attitude"),
    Indicator.FEEDBACK: _("Handling of feedback and petitions"),
    Indicator.ONLINE: _("Online public services"),
}

ALL_INDICATORS: tuple[Indicator, ...] = tuple(Indicator)
#: TT 01/2018 Điều 15: staff are scored on indicators 1, 2, 3, 4 and 7.
STAFF_INDICATORS: tuple[Indicator, ...] = (
    Indicator.TOTAL_TIME,
    Indicator.UNIT_TIME,
    Indicator.CONTACTS,
    Indicator.AGENCIES,
    Indicator.ATTITUDE,
)


class UnitLevel(StrEnum):
    COMMUNE = "commune"
    DISTRICT = "district"
    PROVINCE = "province"


class StaffBand(StrEnum):
    """TT 01/2018 Điều 15: share of tasks done by a civil servant."""

    FULL = "full"  # ≥ 5 points: 100% of tasks
    MOSTLY = "mostly"  # 3.5 – < 5: 70 – < 100%
    BELOW = "below"  # < 3.5: < 70%

    @property
    def label(self) -> Promise:
        return _STAFF_BAND_LABELS[self]


_STAFF_BAND_LABELS: dict[StaffBand, Promise] = {
    StaffBand.FULL: _("All tasks completed"),
    StaffBand.MOSTLY: _("Most tasks completed (70 to under 100 percent)"),
    StaffBand.BELOW: _("Under 70 percent of tasks completed"),
}


class UnitBand(StrEnum):
    """TT 01/2018 Điều 15: ranking of a unit."""

    EXCELLENT = "excellent"  # xuất sắc, ≥ 15
    GOOD = "good"  # tốt, 12 – < 15
    FAIR = "fair"  # khá, 9 – < 12
    AVERAGE = "average"  # trung bình, 6 – < 9
    WEAK = "weak"  # yếu, < 6

    @property
    def label(self) -> Promise:
        return _UNIT_BAND_LABELS[self]


_UNIT_BAND_LABELS: dict[UnitBand, Promise] = {
    UnitBand.EXCELLENT: pgettext_lazy("unit band", "Excellent"),
    UnitBand.GOOD: pgettext_lazy("unit band", "Good"),
    UnitBand.FAIR: pgettext_lazy("unit band", "Fair"),
    UnitBand.AVERAGE: pgettext_lazy("unit band", "Average"),
    UnitBand.WEAK: pgettext_lazy("unit band", "Weak"),
}


@dataclass(frozen=True)
class ScoringRules:
    """Thresholds of TT 01/2018/TT-VPCP Điều 13 and 15, and the choices where the text is silent."""

    #: Indicator 5, 2 points: share of the level's TTHC received, appraised and approved at the
    #: one-stop (commune 100%, district 50%, province 20%).
    full_process_share: Mapping[UnitLevel, Fraction] = field(
        default_factory=lambda: MappingProxyType(
            {UnitLevel.COMMUNE: Fraction(1), UnitLevel.DISTRICT: Fraction(1, 2), UnitLevel.PROVINCE: Fraction(1, 5)}
        )
    )
    #: Indicator 8, 1 point: at least this share of feedback handled on time, none prolonged.
    feedback_on_time_share: Fraction = Fraction(9, 10)
    #: Indicator 9, 2 points: ≥ 20% of eligible TTHC offered online (level 3/4), ≥ 30% of dossiers
    #: online, and no online dossier late.
    online_procedure_share: Fraction = Fraction(1, 5)
    online_dossier_share_full: Fraction = Fraction(3, 10)
    #: Indicator 9, 1 point: an online service exists and ≥ 15% of dossiers are online. Our choice:
    #: ≥ 30% with a late online dossier also gets 1 point (the text names "15 – < 30%").
    online_dossier_share_partial: Fraction = Fraction(3, 20)
    #: Indicator 7 names no score for a *late* dossier without a substantiated complaint; ours: 0,
    #: since the 1-point case requires "on time".
    attitude_late_points: int = 0
    #: Điều 15: staff bands (lower bounds, descending).
    staff_bands: tuple[tuple[Decimal, StaffBand], ...] = (
        (Decimal(5), StaffBand.FULL),
        (Decimal("3.5"), StaffBand.MOSTLY),
        (Decimal(0), StaffBand.BELOW),
    )
    #: Điều 15: unit bands (lower bounds, descending).
    unit_bands: tuple[tuple[Decimal, UnitBand], ...] = (
        (Decimal(15), UnitBand.EXCELLENT),
        (Decimal(12), UnitBand.GOOD),
        (Decimal(9), UnitBand.FAIR),
        (Decimal(6), UnitBand.AVERAGE),
        (Decimal(0), UnitBand.WEAK),
    )


TT01_2018 = ScoringRules()


def _share(part: int, whole: int) -> Fraction:
    if part < 0 or whole < 0 or part > whole:
        raise ValueError("Counts must satisfy 0 ≤ part ≤ whole.")
    return Fraction(part, whole) if whole else Fraction(0)


# ---- the nine indicators (TT 01/2018 Điều 13) --------------------------------------------------

_TIME_POINTS = {Timeliness.EARLY: 2, Timeliness.ON_TIME: 1, Timeliness.LATE: 0}


def indicator_1_total_time(timeliness: Timeliness | str) -> int:
    """Khoản 1, per dossier: total time shorter (2), equal (1), longer (0) than the legal time."""
    return _TIME_POINTS[Timeliness(timeliness)]


def indicator_2_unit_time(steps: Iterable[Timeliness | str]) -> int | None:
    """Khoản 2, per dossier: time of each participating unit against its allotted time.

    Our choice: with several units the dossier scores its worst step; pass one unit's steps to
    score that unit. ``None`` (no data) when no step was recorded.
    """
    points = [_TIME_POINTS[Timeliness(s)] for s in steps]
    return min(points) if points else None


def indicator_3_contacts(contacts: int, *, caused_by_applicant: int = 0) -> int:
    """Khoản 3, per dossier: times the applicant had to come back to complete the dossier.

    0 → 2 points, 1 → 1 point, more → 0 points, not counting contacts caused by the applicant's
    own fault ("trừ trường hợp do lỗi của tổ chức, cá nhân").
    """
    if contacts < 0 or not 0 <= caused_by_applicant <= contacts:
        raise ValueError("Counts must satisfy 0 ≤ caused_by_applicant ≤ contacts.")
    counted = contacts - caused_by_applicant
    return 2 if counted == 0 else 1 if counted == 1 else 0


def indicator_4_agencies(*, contacted_one_stop: bool, other_agencies: int) -> int:
    """Khoản 4, per dossier: agencies contacted to complete the dossier.

    None (e.g. fully online or by post) → 2; only the one-stop, plus bodies the law requires for
    inspection or appraisal (not counted in ``other_agencies``) → 1; any other body → 0.
    """
    if other_agencies < 0:
        raise ValueError("other_agencies must not be negative.")
    if other_agencies:
        return 0
    return 1 if contacted_one_stop else 2


def indicator_5_one_stop(
    *,
    level: UnitLevel | str,
    procedures: int,
    fully_at_one_stop: int,
    eligible: int,
    received_and_returned_at_one_stop: int,
    rules: ScoringRules = TT01_2018,
) -> int:
    """Khoản 5, per unit: the full process (receive, appraise, approve, return) at the one-stop.

    2 points when the share of the level's TTHC run fully at the one-stop reaches the level's
    threshold; 1 point when 100% of eligible TTHC are received and returned there; else 0.
    """
    full_share = _share(fully_at_one_stop, procedures)
    _share(received_and_returned_at_one_stop, eligible)
    if procedures and full_share >= rules.full_process_share[UnitLevel(level)]:
        return 2
    if eligible and received_and_returned_at_one_stop == eligible:
        return 1
    return 0


def indicator_6_publication(*, posted: bool, electronic: bool) -> int:
    """Khoản 6, per dossier or unit: the TTHC is published accurately and on time.

    Posted at the one-stop *and* electronically → 2; one of the two → 1; neither → 0.
    """
    return int(posted) + int(electronic)


def indicator_7_attitude(
    timeliness: Timeliness | str, *, substantiated_complaint: bool, rules: ScoringRules = TT01_2018
) -> int:
    """Khoản 7, per dossier: staff attitude.

    Early and no complaint of harassment → 2; on time and no complaint → 1; a complaint found true
    after verification → 0 (false or slanderous complaints are not ``substantiated``). Late without
    a complaint: ``rules.attitude_late_points`` (the text is silent).
    """
    if substantiated_complaint:
        return 0
    value = Timeliness(timeliness)
    if value == Timeliness.EARLY:
        return 2
    if value == Timeliness.ON_TIME:
        return 1
    return rules.attitude_late_points


def indicator_8_feedback(*, received: int, on_time: int, prolonged: int, rules: ScoringRules = TT01_2018) -> int:
    """Khoản 8, per unit: feedback and petitions (phản ánh, kiến nghị) on TTHC handling.

    None received, or all handled on time and none prolonged → 2; ≥ 90% on time and none
    prolonged → 1; otherwise 0.
    """
    share = _share(on_time, received)
    if prolonged < 0 or prolonged > received:
        raise ValueError("prolonged must be between 0 and received.")
    if received == 0 or (on_time == received and prolonged == 0):
        return 2
    if prolonged == 0 and share >= rules.feedback_on_time_share:
        return 1
    return 0


def indicator_9_online(
    *,
    eligible_procedures: int,
    online_procedures: int,
    dossiers: int,
    online_dossiers: int,
    late_online_dossiers: int,
    rules: ScoringRules = TT01_2018,
) -> int:
    """Khoản 9, per unit: online public services.

    2: ≥ 20% of eligible TTHC online at level 3/4, ≥ 30% of dossiers online, no online dossier late.
    1: an online service exists and ≥ 15% of dossiers are online. 0: otherwise.
    """
    procedure_share = _share(online_procedures, eligible_procedures)
    dossier_share = _share(online_dossiers, dossiers)
    if not 0 <= late_online_dossiers <= online_dossiers:
        raise ValueError("late_online_dossiers must be between 0 and online_dossiers.")
    if (
        procedure_share >= rules.online_procedure_share
        and dossier_share >= rules.online_dossier_share_full
        and late_online_dossiers == 0
    ):
        return 2
    if online_procedures > 0 and dossier_share >= rules.online_dossier_share_partial:
        return 1
    return 0


@dataclass(frozen=True)
class DossierScoreFacts:
    """What one returned dossier tells about the per-dossier indicators (1, 2, 3, 4, 6, 7)."""

    timeliness: Timeliness
    step_timeliness: tuple[Timeliness, ...] = ()
    contacts: int = 0
    contacts_caused_by_applicant: int = 0
    contacted_one_stop: bool = True
    other_agencies: int = 0
    posted: bool | None = None
    electronic: bool | None = None
    substantiated_complaint: bool = False


def score_dossier(facts: DossierScoreFacts, rules: ScoringRules = TT01_2018) -> dict[Indicator, int | None]:
    """The per-dossier indicators of one dossier; ``None`` where there is no data."""
    publication = (
        indicator_6_publication(posted=facts.posted, electronic=facts.electronic)
        if facts.posted is not None and facts.electronic is not None
        else None
    )
    return {
        Indicator.TOTAL_TIME: indicator_1_total_time(facts.timeliness),
        Indicator.UNIT_TIME: indicator_2_unit_time(facts.step_timeliness),
        Indicator.CONTACTS: indicator_3_contacts(
            facts.contacts, caused_by_applicant=facts.contacts_caused_by_applicant
        ),
        Indicator.AGENCIES: indicator_4_agencies(
            contacted_one_stop=facts.contacted_one_stop, other_agencies=facts.other_agencies
        ),
        Indicator.PUBLICATION: publication,
        Indicator.ATTITUDE: indicator_7_attitude(
            facts.timeliness, substantiated_complaint=facts.substantiated_complaint, rules=rules
        ),
    }


# ---- aggregation (TT 01/2018 Điều 15) -----------------------------------------------------------


def indicator_score(points: Iterable[int | None]) -> Decimal | None:
    """Σ points ÷ number of dossiers with data, one decimal; ``None`` when there is no data."""
    values = [p for p in points if p is not None]
    if any(not 0 <= p <= 2 for p in values):
        raise ValueError("Indicator points are 0, 1 or 2.")
    if not values:
        return None
    return round_1(Fraction(sum(values), len(values)))


@dataclass(frozen=True)
class Scorecard:
    """Indicator scores (one decimal) and their total; indicators without data are left out."""

    indicators: Mapping[Indicator, Decimal]
    total: Decimal

    @property
    def missing(self) -> tuple[Indicator, ...]:
        return tuple(i for i in ALL_INDICATORS if i not in self.indicators)


def scorecard(
    points: Mapping[Indicator | int, Iterable[int | None]], include: Iterable[Indicator] = ALL_INDICATORS
) -> Scorecard:
    """Aggregate per-dossier (or per-unit) points by indicator (TT 01/2018 Điều 15).

    Each indicator is rounded to one decimal first; the total is the sum of the rounded scores.
    """
    wanted = set(include)
    scores: dict[Indicator, Decimal] = {}
    for key, values in points.items():
        indicator = Indicator(key)
        if indicator not in wanted:
            continue
        score = indicator_score(values)
        if score is not None:
            scores[indicator] = score
    ordered = {i: scores[i] for i in ALL_INDICATORS if i in scores}
    return Scorecard(MappingProxyType(ordered), sum(ordered.values(), Decimal(0)))


def scorecard_from_dossiers(facts: Iterable[DossierScoreFacts], rules: ScoringRules = TT01_2018) -> Scorecard:
    """Staff or unit scorecard of the per-dossier indicators over ``facts``."""
    collected: dict[Indicator, list[int | None]] = {}
    for item in facts:
        for indicator, value in score_dossier(item, rules).items():
            collected.setdefault(indicator, []).append(value)
    return scorecard(collected)


def staff_band(total: Decimal | int | float, rules: ScoringRules = TT01_2018) -> StaffBand:
    """Band of a civil servant's total over indicators 1, 2, 3, 4, 7 (TT 01/2018 Điều 15)."""
    value = Decimal(str(total))
    return next(band for bound, band in rules.staff_bands if value >= bound)


def unit_band(total: Decimal | int | float, rules: ScoringRules = TT01_2018) -> UnitBand:
    """Band of a unit's total: ≥ 15 xuất sắc; 12 – < 15 tốt; 9 – < 12 khá; 6 – < 9 trung bình; < 6 yếu."""
    value = Decimal(str(total))
    return next(band for bound, band in rules.unit_bands if value >= bound)


# ---- commune KPIs and the QĐ 766 mirror ---------------------------------------------------------


@dataclass(frozen=True)
class DossierRecord:
    """One dossier as the KPIs see it (plain values, filled by a selector).

    ``finished_at`` is when the dossier reached a final status that ends the clock: the result
    returned, or the refusal in processing (which must also come within the time limit,
    NĐ 61/2018 Điều 19 khoản 8).
    """

    status: DossierStatus
    received_at: dt.datetime
    due: Due
    channel_in: Channel
    channel_out: Channel | None = None
    finished_at: dt.datetime | None = None
    extended_due: Due | None = None
    apology_issued: bool = False


_FINISHED = frozenset({DossierStatus.RETURNED, DossierStatus.REFUSED_IN_PROCESSING})


def _ratio(part: int, whole: int) -> Decimal | None:
    if whole == 0:
        return None
    return (Decimal(part) / Decimal(whole)).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class CommuneKpis:
    """A commune's dossier KPIs for a period. Rates are ratios 0–1 (4 decimals), ``None`` without data."""

    received: int
    finished: int
    early: int
    on_time: int
    late: int
    online: int
    postal: int
    apologies: int
    open_within_time: int
    open_overdue: int
    considered_766: int

    @property
    def on_time_rate(self) -> Decimal | None:
        """Finished early or on time ÷ finished (the plan's "không để hồ sơ trả quá hạn")."""
        return _ratio(self.early + self.on_time, self.finished)

    @property
    def online_rate(self) -> Decimal | None:
        return _ratio(self.online, self.received)

    @property
    def postal_share(self) -> Decimal | None:
        """Dossiers that used the public postal service to come in or go out (QĐ 45/2016)."""
        return _ratio(self.postal, self.received)

    @property
    def progress_766_rate(self) -> Decimal | None:
        """QĐ 766 "Tiến độ": (finished on time + open and still within time) ÷ dossiers considered."""
        return _ratio(self.early + self.on_time + self.open_within_time, self.considered_766)


def commune_kpis(
    records: Iterable[DossierRecord], now: dt.datetime, rules: DossierRules = DEFAULT_RULES
) -> CommuneKpis:
    """Count a period's dossiers into :class:`CommuneKpis` at ``now``.

    Lateness is measured with :func:`.deadlines.classify_for_reporting` (by default against the
    original due date). Dossiers stopped at the applicant's request (NĐ 118 Điều 21) count as
    received but are left out of timeliness and of the QĐ 766 denominator (our choice: the
    applicant ended the clock). Refusals at reception never entered the clock.
    """
    received = finished = early = on_time = late = online = postal = apologies = 0
    open_within = open_overdue = considered = 0
    for record in records:
        if record.status == DossierStatus.REFUSED_AT_RECEPTION:
            continue
        received += 1
        online += record.channel_in == Channel.ONLINE
        postal += Channel.POSTAL in (record.channel_in, record.channel_out)
        apologies += record.apology_issued
        if record.status == DossierStatus.STOPPED_AT_REQUEST:
            continue
        considered += 1
        if record.status in _FINISHED:
            if record.finished_at is None:
                raise ValueError("A finished dossier needs finished_at.")
            finished += 1
            kpi = classify_for_reporting(record.finished_at, record.due, record.extended_due, rules).kpi
            early += kpi == Timeliness.EARLY
            on_time += kpi == Timeliness.ON_TIME
            late += kpi == Timeliness.LATE
            continue
        reference = record.extended_due if rules.kpi_due == "extended" and record.extended_due else record.due
        if is_overdue(now, reference):
            open_overdue += 1
        else:
            open_within += 1
    return CommuneKpis(
        received=received,
        finished=finished,
        early=early,
        on_time=on_time,
        late=late,
        online=online,
        postal=postal,
        apologies=apologies,
        open_within_time=open_within,
        open_overdue=open_overdue,
        considered_766=considered,
    )


def _decimal(value: Decimal | Fraction | float | int) -> Decimal:
    if isinstance(value, Fraction):
        return Decimal(value.numerator) / Decimal(value.denominator)
    return Decimal(str(value))


def points_766(
    rate: Decimal | Fraction | float, pmax: Decimal | int, target: Decimal | Fraction | float = 1
) -> Decimal:
    """QĐ 766 conversion (🟡 S): ``pmax`` if ``rate ≥ target``, else ``rate × pmax ÷ target``; 2 decimals."""
    r, p, t = _decimal(rate), _decimal(pmax), _decimal(target)
    if not 0 <= r <= 1 or not 0 < t <= 1 or p < 0:
        raise ValueError("rate must be in [0, 1], target in (0, 1], pmax ≥ 0.")
    value = p if r >= t else r * p / t
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


#: QĐ 766 group 2.1 "Tiến độ giải quyết": 20 points, no separate target (🟡 S).
PROGRESS_766_MAX_POINTS = 20


def progress_766(kpis: CommuneKpis, pmax: int = PROGRESS_766_MAX_POINTS) -> Decimal | None:
    """Points of the QĐ 766 "Tiến độ" indicator (2.1) for a commune, ``None`` without dossiers."""
    rate = kpis.progress_766_rate
    return None if rate is None else points_766(rate, pmax)
