"""Reading the pilot programme from the database into the notice."""

import datetime as dt

import pytest

from thanthien.papers.domain.programme_notice import build_programme_notice
from thanthien.papers.samples import PILOT_NOTICE_2024, PILOT_ROWS_2024
from thanthien.papers.selectors import programme_list, programme_notice_data
from thanthien.programmes.models import Programme, ProgrammeMember

from .factories import make_pilot_programme

pytestmark = pytest.mark.django_db


def test_notice_data_lists_pilot_units_with_districts_and_successors(django_assert_max_num_queries):
    programme = make_pilot_programme()
    with django_assert_max_num_queries(2):
        data = programme_notice_data(programme)
    assert data.rows == PILOT_ROWS_2024  # plan order, directing districts left out
    assert data.province == "Thái Nguyên"
    assert data.succession_date == dt.date(2025, 7, 1)
    assert "1683/NQ-UBTVQH15" in data.succession_basis
    # Built from the database, the notice says what the reference sample says.
    built = build_programme_notice(data, issued_on=dt.date(2026, 1, 5))
    assert built == build_programme_notice(PILOT_NOTICE_2024, issued_on=dt.date(2026, 1, 5))


def test_units_of_one_district_stay_together_even_if_added_later():
    programme = make_pilot_programme()
    first = ProgrammeMember.objects.filter(programme=programme, kind="pilot").order_by("id").first()
    unit = first.unit
    first.delete()
    ProgrammeMember.objects.create(programme=programme, unit=unit, joined_on=programme.start_date)
    rows = programme_notice_data(programme).rows
    districts = [r.district for r in rows]
    assert districts[:3] == ["Thành phố Thái Nguyên"] * 3
    assert rows[2].unit == "Phường Trưng Vương"


def test_programme_list():
    programme = make_pilot_programme()
    assert programme in list(programme_list())


def test_seeded_pilot_programme_gives_the_plan_list():
    """The programme seeded from Kế hoạch 138 (programmes migration 0003) reads back as the plan."""
    programme = Programme.objects.filter(code="ke-hoach-138-2024").first()
    if programme is None:
        pytest.skip("pilot programme not seeded")
    data = programme_notice_data(programme)
    assert [(r.district, r.unit) for r in data.rows] == [(r.district, r.unit) for r in PILOT_ROWS_2024]
    assert [r.successor for r in data.rows] == [r.successor for r in PILOT_ROWS_2024]
