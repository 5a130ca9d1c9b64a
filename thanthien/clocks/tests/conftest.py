"""Fixtures of the clocks tests: a clean calendar cache per test, calendar managers."""

import pytest
from django.core.cache import cache

from thanthien.clocks.selectors import VERSION_KEY, forget_cached_calendars


@pytest.fixture(autouse=True)
def _fresh_calendar_cache():
    # The calendar version lives in the (process-wide) cache; a rolled-back test must not leave
    # its version behind for the next one.
    cache.delete(VERSION_KEY)
    forget_cached_calendars()
    yield
    cache.delete(VERSION_KEY)
    forget_cached_calendars()


@pytest.fixture(autouse=True)
def _immediate_tasks(settings):
    # Tasks run inline here whatever TASKS_BACKEND the environment chose.
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def administrator(db):
    """A province administrator (StaffRole "administrator")."""
    from thanthien.units.tests.factories import ProvinceFactory, make_staff

    return make_staff("administrator", ProvinceFactory(), username="admin_province", full_name="Vũ Minh Tâm")


@pytest.fixture
def superuser(db):
    from thanthien.units.tests.factories import UserFactory

    return UserFactory(username="root", is_superuser=True, is_staff=True)
