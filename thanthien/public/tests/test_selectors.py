import datetime as dt

import pytest

from thanthien.public import selectors
from thanthien.units.models import Hamlet
from thanthien.units.tests.factories import CommuneFactory, HamletFactory

pytestmark = pytest.mark.django_db


def test_commune_list_is_accent_insensitive(commune_a, commune_b):
    assert commune_b in selectors.commune_list(query="dinh hoa")
    assert commune_b in selectors.commune_list(query="Định Hóa")
    assert commune_a not in selectors.commune_list(query="dinh hoa")
    assert commune_a in selectors.commune_list(query="PHAN dinh")


def test_commune_list_excludes_units_not_valid_today(commune_b):
    gone = CommuneFactory(name="Chợ Chu Cũ", valid_from=None, valid_to=dt.date(2025, 6, 30))
    future = CommuneFactory(name="Tương Lai", valid_from=dt.date(2999, 1, 1))
    communes = selectors.commune_list()
    assert commune_b in communes
    assert gone not in communes
    assert future not in communes


def test_commune_list_is_in_vietnamese_alphabetical_order():
    names = ["Yên Thử", "Định Thử", "Dương Thử", "Ân Thử", "An Thử"]
    for name in names:
        CommuneFactory(name=name)
    found = [unit.name for unit in selectors.commune_list(query="thu")]
    assert [n for n in found if n in names] == ["An Thử", "Ân Thử", "Dương Thử", "Định Thử", "Yên Thử"]


def test_former_commune_list_needs_a_query(trung_vuong):
    assert selectors.former_commune_list(query="") == []
    assert trung_vuong in selectors.former_commune_list(query="trung vuong")


def test_successors_and_predecessors(commune_a, trung_vuong):
    assert [s.unit for s in selectors.successors_of(trung_vuong)] == [commune_a]
    assert trung_vuong in [s.unit for s in selectors.predecessors_of(commune_a)]
    assert selectors.ceased_before(trung_vuong)
    assert not selectors.ceased_before(commune_a)


def test_hamlet_counts_split_villages_and_residential_groups(commune_a):
    before = selectors.hamlet_counts(commune_a)
    HamletFactory.create_batch(2, unit=commune_a)
    HamletFactory(unit=commune_a, hamlet_type=Hamlet.Type.RESIDENTIAL_GROUP)
    HamletFactory()  # another commune
    after = selectors.hamlet_counts(commune_a)
    assert after["villages"] - before["villages"] == 2
    assert after["residential_groups"] - before["residential_groups"] == 1
    assert after["total"] - before["total"] == 3
