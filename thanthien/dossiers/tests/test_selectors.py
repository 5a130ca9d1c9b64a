"""Selectors: the officer's list (filters, fixed query count), routing visibility, attention lists."""

import datetime as dt

import pytest

from thanthien.dossiers import selectors
from thanthien.dossiers.selectors import DossierFilters
from thanthien.dossiers.tests.factories import MONDAY_10, DossierFactory
from thanthien.procedures.tests.factories import ProcedureFactory

pytestmark = pytest.mark.django_db

AFTER = MONDAY_10 + dt.timedelta(days=1)


def test_list_is_scoped_and_filtered(officer_a, commune_a, commune_b):
    mine = DossierFactory(unit=commune_a, applicant_name="Đặng Thị Thủy", search_text="dang thi thuy")
    DossierFactory(unit=commune_a, status="returned")
    DossierFactory(unit=commune_b)
    page = selectors.dossier_list(actor=officer_a, now=MONDAY_10)
    assert len(page.rows) == 2 and not page.has_next
    open_rows = selectors.dossier_list(actor=officer_a, filters=DossierFilters(state="open"), now=MONDAY_10).rows
    assert open_rows == [mine]
    found = selectors.dossier_list(actor=officer_a, filters=DossierFilters(q="Thủy"), now=MONDAY_10).rows
    assert found == [mine]


def test_overdue_and_due_soon(officer_a, commune_a):
    overdue = DossierFactory(unit=commune_a, due_at=MONDAY_10 - dt.timedelta(hours=1))
    soon = DossierFactory(unit=commune_a, due_at=MONDAY_10 + dt.timedelta(hours=5))
    DossierFactory(unit=commune_a, due_at=MONDAY_10 + dt.timedelta(days=10))
    f = DossierFilters(state="overdue")
    assert selectors.dossier_list(actor=officer_a, filters=f, now=MONDAY_10).rows == [overdue]
    f = DossierFilters(state="due_soon")
    assert selectors.dossier_list(actor=officer_a, filters=f, now=MONDAY_10).rows == [soon]


def test_routed_dossiers_appear_for_the_deciding_commune_in_due_order(officer_b, commune_a, commune_b):
    own = DossierFactory(unit=commune_b, due_at=MONDAY_10 + dt.timedelta(days=3))
    routed = DossierFactory(unit=commune_a, deciding_unit=commune_b, due_at=MONDAY_10 + dt.timedelta(days=1))
    assert selectors.dossier_list(actor=officer_b, now=MONDAY_10).rows == [routed, own]


def test_pagination_merges_both_sources(officer_b, commune_a, commune_b):
    for i in range(3):
        DossierFactory(unit=commune_b, due_at=MONDAY_10 + dt.timedelta(days=2 * i))
        DossierFactory(unit=commune_a, deciding_unit=commune_b, due_at=MONDAY_10 + dt.timedelta(days=2 * i + 1))
    p1 = selectors.dossier_list(actor=officer_b, per_page=4, now=MONDAY_10)
    p2 = selectors.dossier_list(actor=officer_b, per_page=4, page=2, now=MONDAY_10)
    assert p1.has_next and not p2.has_next
    dues = [d.due_at for d in p1.rows + p2.rows]
    assert dues == sorted(dues) and len(dues) == 6


def test_officer_list_has_a_fixed_number_of_queries(officer_a, commune_a, django_assert_num_queries):
    selectors.dossier_list(actor=officer_a)  # warm the actor's scope cache
    for _ in range(3):
        DossierFactory(unit=commune_a, procedure=ProcedureFactory())
    with django_assert_num_queries(1):
        page = selectors.dossier_list(actor=officer_a, filters=DossierFilters(state="open", q="nguyen"))
        [(d.procedure.name, d.unit.name, d.handler) for d in page.rows]
    for _ in range(7):
        DossierFactory(unit=commune_a, procedure=ProcedureFactory())
    with django_assert_num_queries(1):
        page = selectors.dossier_list(actor=officer_a, filters=DossierFilters(state="open", q="nguyen"))
        [(d.procedure.name, d.unit.name, d.handler) for d in page.rows]
    assert len(page.rows) == 10


def test_attention_list_shows_predicted_late_and_overdue(officer_a, commune_a):
    late = DossierFactory(unit=commune_a, predicted_late=True, due_at=MONDAY_10 + dt.timedelta(days=3))
    overdue = DossierFactory(unit=commune_a, due_at=MONDAY_10 - dt.timedelta(days=1))
    DossierFactory(unit=commune_a, due_at=MONDAY_10 + dt.timedelta(days=3))
    assert selectors.attention_list(actor=officer_a, now=MONDAY_10) == [overdue, late]


def test_empty_list_and_predecessor_units_keep_one_query(officer_a, commune_a, django_assert_num_queries):
    from thanthien.units.tests.factories import CommuneFactory

    old = CommuneFactory(valid_from=dt.date(2008, 1, 1), valid_to=dt.date(2025, 6, 30))
    from thanthien.units.models import UnitSuccession

    UnitSuccession.objects.create(predecessor=old, successor=commune_a, effective_date=dt.date(2025, 7, 1))
    from thanthien.core.tenancy import forget_scope

    forget_scope(officer_a)
    DossierFactory(unit=old, applicant_name="Hồ sơ cũ")
    selectors.dossier_list(actor=officer_a)
    with django_assert_num_queries(1):
        assert selectors.dossier_list(actor=officer_a, filters=DossierFilters(q="khong co ai")).rows == []
    with django_assert_num_queries(1):
        rows = selectors.dossier_list(actor=officer_a).rows
    assert [d.applicant_name for d in rows] == ["Hồ sơ cũ"]


def _walk(actor, sort: str, per_page: int) -> list[list[int]]:
    pages, page = [], selectors.dossier_list(actor=actor, filters=DossierFilters(sort=sort), per_page=per_page)
    pages.append([d.pk for d in page.rows])
    while page.has_next:
        page = selectors.dossier_list(
            actor=actor, filters=DossierFilters(sort=sort), per_page=per_page, after=page.next_cursor
        )
        pages.append([d.pk for d in page.rows])
    return pages


@pytest.mark.parametrize("sort", ["due", "newest"])
def test_keyset_pages_follow_the_list_order_both_ways(officer_b, commune_a, commune_b, sort):
    """Ties on the sort value, empty due dates (sorted last) and routed dossiers, 3 by 3."""
    same = MONDAY_10 + dt.timedelta(days=2)
    for i in range(4):
        DossierFactory(unit=commune_b, due_at=same, submitted_at=MONDAY_10 - dt.timedelta(hours=i % 2))
        DossierFactory(unit=commune_b, due_at=MONDAY_10 + dt.timedelta(days=i), submitted_at=MONDAY_10)
        DossierFactory(unit=commune_a, deciding_unit=commune_b, due_at=same + dt.timedelta(hours=i))
    for _ in range(3):
        DossierFactory(unit=commune_b, due_at=None)
    everything = [d.pk for d in selectors.dossier_list(actor=officer_b, filters=DossierFilters(sort=sort)).rows]
    assert len(everything) == 15
    pages = _walk(officer_b, sort, 4)
    assert [pk for p in pages for pk in p] == everything
    assert [len(p) for p in pages] == [4, 4, 4, 3]
    # Previous from the last page gives back the page before it, and so on to the first.
    page = selectors.dossier_list(actor=officer_b, filters=DossierFilters(sort=sort), per_page=4, after=None)
    cursors = [page]
    while page.has_next:
        page = selectors.dossier_list(
            actor=officer_b, filters=DossierFilters(sort=sort), per_page=4, after=page.next_cursor
        )
        cursors.append(page)
    for i in range(len(cursors) - 1, 0, -1):
        back = selectors.dossier_list(
            actor=officer_b, filters=DossierFilters(sort=sort), per_page=4, before=cursors[i].previous_cursor
        )
        assert [d.pk for d in back.rows] == pages[i - 1]
        assert back.has_next and back.has_previous == (i > 1)


def test_keyset_page_keeps_one_query_and_ignores_a_bad_cursor(officer_a, commune_a, django_assert_num_queries):
    for i in range(5):
        DossierFactory(unit=commune_a, due_at=MONDAY_10 + dt.timedelta(days=i))
    first = selectors.dossier_list(actor=officer_a, per_page=2)
    with django_assert_num_queries(1):
        second = selectors.dossier_list(actor=officer_a, per_page=2, after=first.next_cursor)
        [(d.procedure.name, d.unit.name, d.handler) for d in second.rows]
    with django_assert_num_queries(1):
        selectors.dossier_list(actor=officer_a, per_page=2, before=second.previous_cursor)
    assert second.has_previous and second.rows[0].due_at > first.rows[-1].due_at
    for bad in ("x", "1_y", "_0", "9" * 70, "99999999999999999999999_3"):
        assert [d.pk for d in selectors.dossier_list(actor=officer_a, per_page=2, after=bad).rows] == [
            d.pk for d in first.rows
        ]
