"""Unit-level TT 01/2018 indicators 5, 6, 8, 9 on the scores page: 2/1/0 boundaries, total, band,
numerator/denominator shown, query budget. Period: first quarter of 2026 (judged on 31/3/2026)."""

import datetime as dt
from decimal import Decimal

import pytest

from thanthien.clocks.domain.calendar import VIETNAM_TZ
from thanthien.disclosures.models import DisclosureItem
from thanthien.disclosures.tests.factories import ItemFactory, PostingFactory
from thanthien.dossiers.domain.scores import Indicator, UnitBand
from thanthien.dossiers.models import DossierEvent
from thanthien.dossiers.tests.factories import DossierFactory
from thanthien.onestop import selectors
from thanthien.procedures.models import Procedure
from thanthien.procedures.tests.factories import ProcedureFactory
from thanthien.reception.models import Petition
from thanthien.reception.tests.factories import make_petition

URL = "/staff/onestop/scores/"
#: Session, user, roles and scope (7), per-dossier indicators and KPIs (4), unit indicators 5, 6, 8
#: and 9 (6), ratings (1), the unit and officer pickers (2). Independent of the number of rows.
BUDGET = 20


def at(month, day, hour=9):
    return dt.datetime(2026, month, day, hour, 0, tzinfo=VIETNAM_TZ)


@pytest.fixture(autouse=True)
def _empty_catalogue(db):
    """The seeded commune catalogue moves out of the way: each test builds its own."""
    Procedure.objects.update(competent_level=Procedure.Level.PROVINCE)


def report(actor, unit, **kw):
    return selectors.score_report(actor=actor, unit_id=unit.pk, year=2026, quarter=1, **kw)


def row(rep, indicator):
    return next(r for r in rep.rows if r.indicator == indicator)


def counts(r):
    return {e.key: (e.part, e.whole) for e in r.evidence}


def outside_catalogue():
    """A procedure outside the commune catalogue, so indicators 6 and 9 see only what a test builds."""
    return ProcedureFactory(competent_level=Procedure.Level.PROVINCE)


def finished(unit, procedure=None, *, actions=("receive", "return_result"), channel_in="direct", **kw):
    """A dossier returned early in March 2026 with the given hand-off log."""
    fields = {
        "status": "returned",
        "timeliness": "early",
        "finished_at": at(3, 10),
        "returned_at": at(3, 10),
        "result_at": at(3, 10),
        "returned_on": dt.date(2026, 3, 10),
    }
    fields.update(kw)
    dossier = DossierFactory(unit=unit, procedure=procedure or outside_catalogue(), channel_in=channel_in, **fields)
    for action in actions:
        DossierEvent.objects.create(unit=unit, dossier=dossier, action=action, to_status="returned", at=at(3, 10))
    return dossier


# ---- indicator 5: full process at the one-stop ---------------------------------------------------


def test_indicator_5_full_process_gives_2(officer_a, commune_a):
    procedure = ProcedureFactory()
    finished(commune_a, procedure)
    finished(commune_a, procedure)
    r = row(report(officer_a, commune_a), Indicator.ONE_STOP)
    assert r.score == Decimal("2.0")
    assert counts(r) == {"received_and_returned": (2, 2), "procedures_full": (1, 1)}


def test_indicator_5_sent_to_another_agency_gives_1(officer_a, commune_a):
    procedure = ProcedureFactory()
    finished(commune_a, procedure)
    finished(commune_a, procedure, actions=("receive", "send_inter_agency", "return_result"))
    r = row(report(officer_a, commune_a), Indicator.ONE_STOP)
    assert r.score == Decimal("1.0")
    assert counts(r) == {"received_and_returned": (2, 2), "procedures_full": (0, 1)}


def test_indicator_5_result_not_returned_at_the_one_stop_gives_0(officer_a, commune_a):
    finished(commune_a)
    finished(commune_a, actions=("receive",))
    r = row(report(officer_a, commune_a), Indicator.ONE_STOP)
    assert r.score == Decimal("0.0")
    assert counts(r)["received_and_returned"] == (1, 2)


def test_indicator_5_without_finished_dossiers_is_left_out(officer_a, commune_a):
    rep = report(officer_a, commune_a)
    assert row(rep, Indicator.ONE_STOP).score is None
    assert Indicator.ONE_STOP not in rep.unit_scorecard.indicators


# ---- indicator 6: publication of the procedures ----------------------------------------------------


def tthc_list(unit, *, posted=True, status=DisclosureItem.Status.PUBLISHED, published_on=dt.date(2026, 1, 6)):
    item = ItemFactory(unit=unit, category=13, status=status, decided_on=dt.date(2026, 1, 5), published_on=published_on)
    if posted:
        PostingFactory(item=item, started_on=published_on)
    return item


def test_indicator_6_posted_and_electronic_accurate_timely_gives_2(officer_a, commune_a):
    ProcedureFactory(valid_from=dt.date(2025, 7, 1))
    tthc_list(commune_a)
    r = row(report(officer_a, commune_a), Indicator.PUBLICATION)
    assert r.score == Decimal("2.0")
    assert counts(r)["catalogue_published"] == (1, 1)
    assert counts(r)["tthc_items_posted"] == (1, 1)


@pytest.mark.parametrize(
    ("setup", "expected"),
    [
        ("only_web", Decimal("1.0")),
        ("only_posted", Decimal("1.0")),
        ("catalogue_incomplete", Decimal("1.0")),
        ("published_late", Decimal("1.0")),
        ("taken_down", Decimal("1.0")),
        ("nothing", Decimal("0.0")),
    ],
)
def test_indicator_6_boundaries(officer_a, commune_a, setup, expected):
    ProcedureFactory(valid_from=dt.date(2025, 7, 1))
    if setup == "only_web":
        tthc_list(commune_a, posted=False)
    elif setup == "only_posted":
        tthc_list(commune_a, status=DisclosureItem.Status.DRAFT)
    elif setup == "catalogue_incomplete":
        ProcedureFactory(is_published=False)
        tthc_list(commune_a)
    elif setup == "published_late":
        tthc_list(commune_a, published_on=dt.date(2026, 1, 30))  # decided 5/1: due 12/1
    elif setup == "taken_down":
        item = tthc_list(commune_a, posted=False)
        PostingFactory(item=item, started_on=dt.date(2026, 1, 6), ended_on=dt.date(2026, 2, 20))
    assert row(report(officer_a, commune_a), Indicator.PUBLICATION).score == expected


def test_indicator_6_list_not_republished_after_a_new_procedure(officer_a, commune_a):
    tthc_list(commune_a)
    ProcedureFactory(valid_from=dt.date(2026, 2, 2))  # after the list; 5 working days passed by 31/3
    r = row(report(officer_a, commune_a), Indicator.PUBLICATION)
    assert r.score == Decimal("1.0")
    assert counts(r)["tthc_items_late"] == (1, 1)


def test_indicator_6_without_commune_procedures_is_left_out(officer_a, commune_a):
    tthc_list(commune_a)
    assert row(report(officer_a, commune_a), Indicator.PUBLICATION).score is None


# ---- indicator 8: reports and recommendations ------------------------------------------------------


def feedback(unit, *, late=False, prolonged=False, open_=False, due=dt.date(2026, 3, 16)):
    p = make_petition(unit, kind=Petition.Kind.REPORT, received_at=at(3, 2))
    Petition.objects.unscoped().filter(pk=p.pk).update(
        clock=None,
        status=Petition.Status.ASSIGNED if open_ else Petition.Status.ANSWERED,
        due_date=due,
        answered_at=None if open_ else at(3, 20) if late else at(3, 12),
        extensions=1 if prolonged else 0,
    )
    return p


@pytest.mark.parametrize(
    ("on_time", "late", "prolonged", "expected"),
    [
        (10, 0, 0, Decimal("2.0")),  # 100% on time, none prolonged
        (9, 1, 0, Decimal("1.0")),  # 90%
        (8, 1, 0, Decimal("0.0")),  # 88.9%
        (10, 0, 1, Decimal("0.0")),  # all on time but one prolonged
    ],
)
def test_indicator_8_boundaries(officer_a, commune_a, on_time, late, prolonged, expected):
    for n in range(on_time):
        feedback(commune_a, prolonged=n < prolonged)
    for _n in range(late):
        feedback(commune_a, late=True)
    r = row(report(officer_a, commune_a), Indicator.FEEDBACK)
    assert r.score == expected
    assert counts(r)["feedback_on_time"] == (on_time, on_time + late)


def test_indicator_8_none_received_gives_2_and_complaints_do_not_count(officer_a, commune_a):
    p = make_petition(commune_a, kind=Petition.Kind.COMPLAINT, received_at=at(3, 2))
    Petition.objects.unscoped().filter(pk=p.pk).update(due_date=dt.date(2026, 3, 3))
    r = row(report(officer_a, commune_a), Indicator.FEEDBACK)
    assert r.score == Decimal("2.0")
    assert counts(r)["feedback_on_time"] == (0, 0)


def test_indicator_8_open_overdue_counts_as_late_and_open_in_time_waits(officer_a, commune_a):
    for _n in range(9):
        feedback(commune_a)
    feedback(commune_a, open_=True, due=dt.date(2026, 3, 20))  # still open on 31/3: overdue
    feedback(commune_a, open_=True, due=dt.date(2026, 4, 15))  # still within time
    r = row(report(officer_a, commune_a), Indicator.FEEDBACK)
    assert r.score == Decimal("1.0")
    assert counts(r) == {"feedback_on_time": (9, 10), "feedback_prolonged": (0, 11), "feedback_pending": (1, 11)}


# ---- indicator 9: online services -------------------------------------------------------------------


def catalogue(total, online):
    for n in range(total):
        ProcedureFactory(online_level="full" if n < online else "none")


def dossiers(unit, *, online, direct, late_online=0):
    for n in range(online):
        if n < late_online:
            finished(
                unit, channel_in="online", timeliness="late", finished_at=at(3, 12), returned_on=dt.date(2026, 3, 12)
            )
        else:
            finished(unit, channel_in="online")
    for _n in range(direct):
        DossierFactory(unit=unit, procedure=outside_catalogue())


@pytest.mark.parametrize(
    ("procedures", "online_procedures", "online", "direct", "late", "expected"),
    [
        (5, 1, 3, 7, 0, Decimal("2.0")),  # 20% procedures, 30% dossiers, none late
        (5, 1, 3, 7, 1, Decimal("1.0")),  # one online dossier late
        (6, 1, 3, 7, 0, Decimal("1.0")),  # 16.7% of procedures online
        (5, 1, 3, 14, 0, Decimal("1.0")),  # 17.6% of dossiers online
        (5, 1, 1, 9, 0, Decimal("0.0")),  # 10% of dossiers online
        (5, 0, 3, 7, 0, Decimal("0.0")),  # no online service
    ],
)
def test_indicator_9_boundaries(officer_a, commune_a, procedures, online_procedures, online, direct, late, expected):
    catalogue(procedures, online_procedures)
    dossiers(commune_a, online=online, direct=direct, late_online=late)
    r = row(report(officer_a, commune_a), Indicator.ONLINE)
    assert r.score == expected
    assert counts(r) == {
        "procedures_online": (online_procedures, procedures),
        "dossiers_online": (online, online + direct),
        "online_late": (late, online),
    }


# ---- total, band, page --------------------------------------------------------------------------


def test_unit_total_and_band_leave_out_indicators_without_data(officer_a, commune_a, client):
    finished(commune_a)  # early, direct, no supplement: 1 = 2, 3 = 2, 4 = 1, 7 = 2; 5 = 2
    client.force_login(officer_a)
    response = client.get(URL, {"unit": commune_a.pk, "year": 2026, "quarter": 1})
    rep = response.context["report"]
    # 8 = 2 (no feedback received); 2 (no step timeliness), 6 and 9 (no commune procedure) have no data.
    assert dict(rep.unit_scorecard.indicators) == {
        Indicator.TOTAL_TIME: Decimal("2.0"),
        Indicator.CONTACTS: Decimal("2.0"),
        Indicator.AGENCIES: Decimal("1.0"),
        Indicator.ONE_STOP: Decimal("2.0"),
        Indicator.ATTITUDE: Decimal("2.0"),
        Indicator.FEEDBACK: Decimal("2.0"),
    }
    assert rep.unit_scorecard.total == Decimal("11.0")
    assert rep.band == UnitBand.FAIR
    html = response.content.decode()
    assert "11,0" in html  # Vietnamese decimal comma
    assert "1 / 1" in html  # numerator / denominator shown


def test_officer_view_keeps_the_staff_total_and_shows_unit_indicators(officer_a, commune_a, client):
    finished(commune_a, received_by=officer_a)
    client.force_login(officer_a)
    response = client.get(URL, {"unit": commune_a.pk, "year": 2026, "quarter": 1, "officer": officer_a.pk})
    rep = response.context["report"]
    assert rep.staff_scorecard.total == Decimal("7.0")  # 2 + 2 + 1 + 2
    assert row(rep, Indicator.ONE_STOP).score == Decimal("2.0")
    assert rep.unit_scorecard is None


def test_other_commune_is_not_counted(officer_a, commune_a, commune_b):
    finished(commune_b)
    feedback(commune_b, late=True)
    rep = report(officer_a, commune_a)
    assert row(rep, Indicator.ONE_STOP).score is None
    assert counts(row(rep, Indicator.FEEDBACK))["feedback_on_time"] == (0, 0)


def test_scores_page_query_budget(officer_a, commune_a, client, django_assert_max_num_queries):
    ProcedureFactory(online_level="full")
    tthc_list(commune_a)
    client.force_login(officer_a)
    params = {"unit": commune_a.pk, "year": 2026, "quarter": 1}
    finished(commune_a)
    feedback(commune_a)
    client.get(URL, params)  # warm caches (calendar, session)
    with django_assert_max_num_queries(BUDGET) as few:
        client.get(URL, params)
    for _n in range(5):
        finished(commune_a, channel_in="online")
        feedback(commune_a, late=True)
    with django_assert_max_num_queries(BUDGET) as many:
        client.get(URL, params)
    assert len(many.captured_queries) == len(few.captured_queries)


def test_a_dossier_due_at_24h_of_the_quarters_last_day_is_not_counted_overdue(officer_a, commune_a):
    """The period ends at 24:00 Vietnam time, not 07:00 the next morning (midnight UTC)."""
    received = dt.datetime(2026, 3, 27, 9, tzinfo=VIETNAM_TZ)
    due = dt.datetime(2026, 4, 1, 0, 0, tzinfo=VIETNAM_TZ)  # 24:00 of 31/3, the quarter's last day
    DossierFactory(unit=commune_a, received_at=received, received_on=received.date(), due_at=due)
    kpis, _late_online = selectors._kpis(officer_a, commune_a.pk, dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    assert (kpis.open_within_time, kpis.open_overdue) == (1, 0)
