import pytest

from thanthien.core.tenancy import scope_for
from thanthien.units.models import Household
from thanthien.units.tests.factories import HouseholdFactory

pytestmark = pytest.mark.django_db


def test_officer_sees_only_households_of_own_commune(officer_a, commune_a, commune_b):
    mine = HouseholdFactory(hamlet__unit=commune_a)
    HouseholdFactory(hamlet__unit=commune_b)
    assert list(Household.objects.for_actor(officer_a)) == [mine]


def test_anonymous_scope_is_empty(commune_a):
    HouseholdFactory(hamlet__unit=commune_a)
    assert not scope_for(None).unit_ids
    assert Household.objects.for_actor(None).count() == 0
