"""Fixtures of the clocks tests: calendar managers (caches and inline tasks come from the root conftest)."""

import pytest


@pytest.fixture
def administrator(db):
    """A province administrator (StaffRole "administrator")."""
    from thanthien.units.tests.factories import ProvinceFactory, make_staff

    return make_staff("administrator", ProvinceFactory(), username="admin_province", full_name="Vũ Minh Tâm")


@pytest.fixture
def superuser(db):
    from thanthien.units.tests.factories import UserFactory

    return UserFactory(username="root", is_superuser=True, is_staff=True)
