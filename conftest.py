"""Root pytest configuration: settings for the test run and shared personas."""

import os

# Tasks run inline in tests; SMS go to an in-memory outbox; no stray files in var/.
os.environ.setdefault("TASKS_BACKEND", "immediate")
os.environ.setdefault("SMS_BACKEND", "console")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")

import pytest


@pytest.fixture(autouse=True)
def _inline_tasks_and_console_sms(settings):
    """Tasks run inline and SMS go to the console outbox in every test.

    pytest-django loads settings before this file is imported, so the environment defaults
    above cannot do it alone.
    """
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}}
    settings.SMS_BACKEND = "console"
    # Password hashing dominates user creation time; tests do not need a slow hasher.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _vietnamese_first():
    """Each test starts in Vietnamese: a request in English leaves English active in the thread."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Each test starts with an empty cache and no cached working calendar.

    The calendar version lives in the process-wide cache; a rolled-back test must not leave a
    calendar (or a cached public page) behind for the next one.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.core.cache import caches

    from thanthien.clocks.selectors import forget_cached_calendars
    from thanthien.onestop.selectors import clear_names_cache

    for cache in caches.all():
        cache.clear()
    forget_cached_calendars()
    clear_names_cache()  # procedure and commune names of the status page, kept per process
    # After a flush (transactional tests) PostgreSQL may renumber content types.
    ContentType.objects.clear_cache()
    yield
    for cache in caches.all():
        cache.clear()
    forget_cached_calendars()


@pytest.fixture
def commune_a(db):
    from thanthien.units.tests.factories import CommuneFactory

    return CommuneFactory(name="Phan Đình Phùng", slug="phan-dinh-phung", unit_type="phuong")


@pytest.fixture
def commune_b(db):
    from thanthien.units.tests.factories import CommuneFactory

    return CommuneFactory(name="Định Hóa", slug="dinh-hoa")


@pytest.fixture
def officer_a(commune_a):
    """One-stop officer of commune A."""
    from thanthien.units.tests.factories import make_staff

    return make_staff("one_stop_officer", commune_a, username="officer_a", full_name="Lê Thị Mai")


@pytest.fixture
def chairman_a(commune_a):
    from thanthien.units.tests.factories import make_staff

    return make_staff("chairman", commune_a, username="chairman_a", full_name="Hoàng Văn Dũng")


@pytest.fixture
def officer_b(commune_b):
    from thanthien.units.tests.factories import make_staff

    return make_staff("one_stop_officer", commune_b, username="officer_b", full_name="Phạm Thị Lan")


@pytest.fixture
def citizen_phone():
    """A citizen is identified by a phone number, never by an account."""
    return "0912345678"


def pytest_collection_modifyitems(items):
    """Every transactional test uses serialized rollback.

    Why: a transactional test's teardown flushes every table, wiping the data that migrations
    load (units, calendar, procedures); without serialized rollback the flush also re-creates
    content types with new ids, which then clash with the next serialized test's restore.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker and marker.kwargs.get("transaction") and not marker.kwargs.get("serialized_rollback"):
            item.add_marker(pytest.mark.django_db(**{**marker.kwargs, "serialized_rollback": True}), append=False)
