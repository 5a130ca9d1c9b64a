"""TT 01/2018/TT-VPCP Điều 13 and 15 (nine indicators, bands), commune KPIs and QĐ 766. No database."""

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest
from django.utils import translation

from thanthien.clocks.domain.calendar import VIETNAM_TZ
from thanthien.dossiers.domain.common import Channel
from thanthien.dossiers.domain.deadlines import DossierRules, Due, Timeliness
from thanthien.dossiers.domain.scores import (
    STAFF_INDICATORS,
    DossierRecord,
    DossierScoreFacts,
    Indicator,
    ScoringRules,
    StaffBand,
    UnitBand,
    UnitLevel,
    commune_kpis,
    indicator_1_total_time,
    indicator_2_unit_time,
    indicator_3_contacts,
    indicator_4_agencies,
    indicator_5_one_stop,
    indicator_6_publication,
    indicator_7_attitude,
    indicator_8_feedback,
    indicator_9_online,
    indicator_score,
    points_766,
    progress_766,
    score_dossier,
    scorecard,
    scorecard_from_dossiers,
    staff_band,
    unit_band,
)
from thanthien.dossiers.domain.status import DossierStatus

E, OT, L = Timeliness.EARLY, Timeliness.ON_TIME, Timeliness.LATE


# ---- the nine indicators ------------------------------------------------------------------------


@pytest.mark.parametrize(("timeliness", "points"), [(E, 2), (OT, 1), (L, 0), ("early", 2)])
def test_indicator_1_total_time(timeliness, points):
    assert indicator_1_total_time(timeliness) == points


@pytest.mark.parametrize(("steps", "points"), [([E, E], 2), ([E, OT], 1), ([E, OT, L], 0), ([OT], 1), ([], None)])
def test_indicator_2_unit_time_scores_the_worst_step(steps, points):
    assert indicator_2_unit_time(steps) == points


@pytest.mark.parametrize(
    ("contacts", "by_applicant", "points"),
    [(0, 0, 2), (1, 0, 1), (2, 0, 0), (5, 0, 0), (2, 1, 1), (3, 3, 2)],
)
def test_indicator_3_contacts_excludes_the_applicants_fault(contacts, by_applicant, points):
    assert indicator_3_contacts(contacts, caused_by_applicant=by_applicant) == points


@pytest.mark.parametrize(("contacts", "by_applicant"), [(-1, 0), (1, 2), (1, -1)])
def test_indicator_3_rejects_impossible_counts(contacts, by_applicant):
    with pytest.raises(ValueError):
        indicator_3_contacts(contacts, caused_by_applicant=by_applicant)


@pytest.mark.parametrize(("one_stop", "others", "points"), [(False, 0, 2), (True, 0, 1), (True, 1, 0), (False, 2, 0)])
def test_indicator_4_agencies(one_stop, others, points):
    assert indicator_4_agencies(contacted_one_stop=one_stop, other_agencies=others) == points


@pytest.mark.parametrize(
    ("level", "procedures", "fully", "eligible", "returned", "points"),
    [
        (UnitLevel.COMMUNE, 100, 100, 100, 100, 2),
        (UnitLevel.COMMUNE, 100, 99, 100, 100, 1),
        (UnitLevel.COMMUNE, 100, 99, 100, 99, 0),
        (UnitLevel.DISTRICT, 100, 50, 100, 10, 2),
        (UnitLevel.DISTRICT, 100, 49, 100, 100, 1),
        (UnitLevel.PROVINCE, 100, 20, 100, 0, 2),
        (UnitLevel.PROVINCE, 100, 19, 100, 0, 0),
        (UnitLevel.COMMUNE, 0, 0, 0, 0, 0),
    ],
)
def test_indicator_5_one_stop(level, procedures, fully, eligible, returned, points):
    assert (
        indicator_5_one_stop(
            level=level,
            procedures=procedures,
            fully_at_one_stop=fully,
            eligible=eligible,
            received_and_returned_at_one_stop=returned,
        )
        == points
    )


@pytest.mark.parametrize(
    ("posted", "electronic", "points"), [(True, True, 2), (True, False, 1), (False, True, 1), (False, False, 0)]
)
def test_indicator_6_publication(posted, electronic, points):
    assert indicator_6_publication(posted=posted, electronic=electronic) == points


@pytest.mark.parametrize(
    ("timeliness", "complaint", "points"),
    [(E, False, 2), (OT, False, 1), (L, False, 0), (E, True, 0), (OT, True, 0)],
)
def test_indicator_7_attitude(timeliness, complaint, points):
    assert indicator_7_attitude(timeliness, substantiated_complaint=complaint) == points


def test_indicator_7_late_without_complaint_is_a_setting():
    assert indicator_7_attitude(L, substantiated_complaint=False, rules=ScoringRules(attitude_late_points=1)) == 1


@pytest.mark.parametrize(
    ("received", "on_time", "prolonged", "points"),
    [
        (0, 0, 0, 2),
        (10, 10, 0, 2),
        (10, 9, 0, 1),
        (10, 8, 0, 0),
        (10, 10, 1, 0),
        (10, 9, 1, 0),
        (100, 90, 0, 1),
        (100, 89, 0, 0),
    ],
)
def test_indicator_8_feedback(received, on_time, prolonged, points):
    assert indicator_8_feedback(received=received, on_time=on_time, prolonged=prolonged) == points


@pytest.mark.parametrize(
    ("eligible", "online_tthc", "dossiers", "online", "late_online", "points"),
    [
        (100, 20, 100, 30, 0, 2),
        (100, 20, 100, 30, 1, 1),  # ≥ 30% but a late online dossier
        (100, 19, 100, 40, 0, 1),
        (100, 20, 100, 29, 0, 1),
        (100, 5, 100, 15, 0, 1),
        (100, 5, 100, 14, 0, 0),
        (100, 0, 100, 0, 0, 0),
        (100, 0, 0, 0, 0, 0),
    ],
)
def test_indicator_9_online(eligible, online_tthc, dossiers, online, late_online, points):
    assert (
        indicator_9_online(
            eligible_procedures=eligible,
            online_procedures=online_tthc,
            dossiers=dossiers,
            online_dossiers=online,
            late_online_dossiers=late_online,
        )
        == points
    )


def test_indicator_9_rejects_more_online_than_dossiers():
    with pytest.raises(ValueError):
        indicator_9_online(
            eligible_procedures=10, online_procedures=1, dossiers=5, online_dossiers=6, late_online_dossiers=0
        )


def test_score_dossier_gives_the_per_dossier_indicators():
    facts = DossierScoreFacts(timeliness=E, step_timeliness=(E, OT), contacts=1, contacted_one_stop=True)
    assert score_dossier(facts) == {
        Indicator.TOTAL_TIME: 2,
        Indicator.UNIT_TIME: 1,
        Indicator.CONTACTS: 1,
        Indicator.AGENCIES: 1,
        Indicator.PUBLICATION: None,
        Indicator.ATTITUDE: 2,
    }


# ---- aggregation and bands ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("points", "score"),
    [
        ([2, 1, 1], Decimal("1.3")),
        ([2, 1, 1, 1], Decimal("1.3")),  # 1.25 rounds half up (not half-even 1.2)
        ([2, 1, 1, 1, 1, 1, 1, 1], Decimal("1.1")),  # 1.125
        ([2, 2], Decimal("2.0")),
        ([0, None, 1], Decimal("0.5")),  # no data is not zero
        ([None], None),
        ([], None),
    ],
)
def test_indicator_score_is_the_mean_to_one_decimal(points, score):
    assert indicator_score(points) == score


def test_indicator_points_are_0_to_2():
    with pytest.raises(ValueError):
        indicator_score([3])


def test_scorecard_leaves_indicators_without_data_out():
    card = scorecard({1: [2, 1, 1], 2: [None], 3: [2, 2], 8: [1], 9: []})
    assert dict(card.indicators) == {Indicator.TOTAL_TIME: Decimal("1.3"), Indicator.CONTACTS: Decimal("2.0"), 8: 1}
    assert card.total == Decimal("4.3")
    assert Indicator.UNIT_TIME in card.missing
    assert Indicator.ONLINE in card.missing


def test_staff_scorecard_counts_only_indicators_1_2_3_4_7():
    points = {i: [2] for i in Indicator}
    card = scorecard(points, include=STAFF_INDICATORS)
    assert set(card.indicators) == {1, 2, 3, 4, 7}
    assert card.total == Decimal("10.0")


def test_scorecard_from_dossiers():
    facts = [
        DossierScoreFacts(timeliness=E, contacted_one_stop=False),
        DossierScoreFacts(timeliness=L, contacts=2, other_agencies=1),
    ]
    card = scorecard_from_dossiers(facts)
    assert card.indicators[Indicator.TOTAL_TIME] == Decimal("1.0")
    assert card.indicators[Indicator.CONTACTS] == Decimal("1.0")
    assert card.indicators[Indicator.AGENCIES] == Decimal("1.0")
    assert card.indicators[Indicator.ATTITUDE] == Decimal("1.0")
    assert Indicator.UNIT_TIME not in card.indicators
    assert card.total == Decimal("4.0")


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (Decimal("10"), StaffBand.FULL),
        (Decimal("5.0"), StaffBand.FULL),
        (Decimal("4.9"), StaffBand.MOSTLY),
        (Decimal("3.5"), StaffBand.MOSTLY),
        (Decimal("3.4"), StaffBand.BELOW),
        (0, StaffBand.BELOW),
    ],
)
def test_staff_bands(total, band):
    assert staff_band(total) == band


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (Decimal("18"), UnitBand.EXCELLENT),
        (Decimal("15.0"), UnitBand.EXCELLENT),
        (Decimal("14.9"), UnitBand.GOOD),
        (Decimal("12"), UnitBand.GOOD),
        (Decimal("11.9"), UnitBand.FAIR),
        (Decimal("9"), UnitBand.FAIR),
        (Decimal("8.9"), UnitBand.AVERAGE),
        (Decimal("6"), UnitBand.AVERAGE),
        (Decimal("5.9"), UnitBand.WEAK),
        (0, UnitBand.WEAK),
        (12.0, UnitBand.GOOD),
    ],
)
def test_unit_bands(total, band):
    assert unit_band(total) == band


@pytest.mark.parametrize(
    ("band", "vietnamese"),
    [(UnitBand.EXCELLENT, "Xuất sắc"), (UnitBand.GOOD, "Tốt"), (UnitBand.FAIR, "Khá"), (UnitBand.WEAK, "Yếu")],
)
def test_unit_band_labels_in_vietnamese(band, vietnamese):
    with translation.override("vi"):
        assert str(band.label) == vietnamese


# ---- commune KPIs and QĐ 766 ---------------------------------------------------------------------


def at(m, d, hh=9):
    return dt.datetime(2025, m, d, hh, tzinfo=VIETNAM_TZ)


def due(m, d):
    return Due(dt.datetime(2025, m, d, tzinfo=VIETNAM_TZ) + dt.timedelta(days=1), dt.date(2025, m, d))


def rec(status, channel_in=Channel.DIRECT, finished=None, extended=None, channel_out=None, apology=False, d=(3, 6)):
    return DossierRecord(
        status=status,
        received_at=at(3, 3),
        due=due(*d),
        channel_in=channel_in,
        channel_out=channel_out,
        finished_at=finished,
        extended_due=extended,
        apology_issued=apology,
    )


R = DossierStatus
RECORDS = [
    rec(R.RETURNED, Channel.ONLINE, finished=at(3, 5)),  # early
    rec(R.RETURNED, Channel.POSTAL, finished=at(3, 6)),  # on time
    rec(R.RETURNED, finished=at(3, 7), extended=due(3, 10), apology=True),  # late vs original
    rec(R.REFUSED_IN_PROCESSING, finished=at(3, 6)),  # on time refusal
    rec(R.IN_PROCESSING, Channel.ONLINE, channel_out=Channel.POSTAL, d=(3, 12)),  # open, within time
    rec(R.IN_PROCESSING),  # open, overdue on 10/3
    rec(R.STOPPED_AT_REQUEST, Channel.ONLINE),  # left out of timeliness
    rec(R.REFUSED_AT_RECEPTION),  # never received
]


def test_commune_kpis():
    kpis = commune_kpis(RECORDS, now=at(3, 10))
    assert (kpis.received, kpis.finished, kpis.early, kpis.on_time, kpis.late) == (7, 4, 1, 2, 1)
    assert (kpis.online, kpis.postal, kpis.apologies) == (3, 2, 1)
    assert (kpis.open_within_time, kpis.open_overdue, kpis.considered_766) == (1, 1, 6)
    assert kpis.on_time_rate == Decimal("0.7500")
    assert kpis.online_rate == Decimal("0.4286")
    assert kpis.postal_share == Decimal("0.2857")
    assert kpis.progress_766_rate == Decimal("0.6667")
    assert progress_766(kpis) == Decimal("13.33")


def test_kpis_against_the_extended_due_when_chosen():
    kpis = commune_kpis(RECORDS, now=at(3, 10), rules=DossierRules(kpi_due="extended"))
    assert (kpis.early, kpis.on_time, kpis.late) == (2, 2, 0)


def test_kpis_without_dossiers_have_no_rates():
    kpis = commune_kpis([], now=at(3, 10))
    assert kpis.on_time_rate is None
    assert kpis.online_rate is None
    assert progress_766(kpis) is None


def test_finished_dossier_needs_its_finish_time():
    with pytest.raises(ValueError):
        commune_kpis([rec(R.RETURNED)], now=at(3, 10))


@pytest.mark.parametrize(
    ("rate", "pmax", "target", "points"),
    [
        (Decimal("0.9"), 12, Decimal("0.8"), Decimal("12.00")),
        (Decimal("0.8"), 12, Decimal("0.8"), Decimal("12.00")),
        (Decimal("0.4"), 10, Decimal("0.8"), Decimal("5.00")),
        (Fraction(2, 3), 20, 1, Decimal("13.33")),
        (0, 6, Decimal("0.8"), Decimal("0.00")),
        (1, 20, 1, Decimal("20.00")),
    ],
)
def test_766_conversion(rate, pmax, target, points):
    assert points_766(rate, pmax, target) == points


@pytest.mark.parametrize(("rate", "target"), [(Decimal("1.1"), 1), (Decimal("-0.1"), 1), (Decimal("0.5"), 0)])
def test_766_conversion_rejects_bad_input(rate, target):
    with pytest.raises(ValueError):
        points_766(rate, 10, target)
