"""Migration 0005: existing dossiers get their tracking-book lines per unit and year, in reception
order, and the counters continue after them; reversing clears both. Both code paths: the single
``UPDATE … FROM`` (PostgreSQL, SQLite) and the row-by-row one."""

import datetime as dt
import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection

from thanthien.clocks.domain.calendar import VIETNAM_TZ
from thanthien.dossiers import services
from thanthien.dossiers.models import Dossier, DossierBookCounter
from thanthien.dossiers.tests.factories import DossierFactory

pytestmark = pytest.mark.django_db

migration = importlib.import_module("thanthien.dossiers.migrations.0005_number_tracking_book")


def at(y, m, d, hh=9):
    return dt.datetime(y, m, d, hh, 0, tzinfo=VIETNAM_TZ)


def make(unit, received_at, **kw):
    return DossierFactory(
        unit=unit,
        received_at=received_at,
        received_on=received_at.date() if received_at else None,
        book_year=None,
        book_number=None,
        **kw,
    )


@pytest.fixture(params=["sql", "row_by_row"])
def editor(request):
    if request.param == "sql":
        return SimpleNamespace(connection=connection, quote_name=connection.ops.quote_name)
    return SimpleNamespace(connection=SimpleNamespace(vendor="other"), quote_name=connection.ops.quote_name)


def test_existing_dossiers_are_numbered_per_unit_and_year_in_reception_order(editor, commune_a, commune_b):
    # Created out of order: the line follows the reception time, then the id.
    late = make(commune_a, at(2026, 3, 10))
    early = make(commune_a, at(2026, 3, 9))
    tie = make(commune_a, at(2026, 3, 9))
    last_year = make(commune_a, at(2025, 12, 31, 16))
    other = make(commune_b, at(2026, 3, 11))
    online = make(commune_a, None, status="submitted_online", code=None, tracking_code="AAAAAAAAAA1")
    migration.number_books(apps, editor)
    lines = {d.pk: (d.book_year, d.book_number) for d in Dossier.objects.unscoped().all()}
    assert lines[early.pk] == (2026, 1)
    assert lines[tie.pk] == (2026, 2)
    assert lines[late.pk] == (2026, 3)
    assert lines[last_year.pk] == (2025, 1)
    assert lines[other.pk] == (2026, 1)
    assert lines[online.pk] == (None, None)
    counters = set(DossierBookCounter.objects.values_list("unit_id", "year", "last"))
    assert counters == {(commune_a.pk, 2026, 3), (commune_a.pk, 2025, 1), (commune_b.pk, 2026, 1)}
    # The next reception continues the book.
    assert services.allocate_book_line(commune_a, 2026) == 4

    migration.clear_books(apps, editor)
    assert not Dossier.objects.unscoped().filter(book_number__isnull=False).exists()
    assert not DossierBookCounter.objects.exists()
