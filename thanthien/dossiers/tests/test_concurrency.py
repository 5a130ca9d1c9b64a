"""8 parallel receptions in one commune never produce a duplicate dossier code nor a duplicate
line of the tracking book (PostgreSQL)."""

import datetime as dt
import threading

import pytest
from django.db import connection, connections

from thanthien.clocks.domain.calendar import VIETNAM_TZ
from thanthien.dossiers import services
from thanthien.dossiers.models import Dossier, DossierBookCounter
from thanthien.dossiers.services import ApplicantData, IntakeData

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

WORKERS = 8
PER_WORKER = 3


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("row locks are tested on PostgreSQL")


def test_parallel_receptions_never_duplicate_a_code(officer_a, commune_a, procedure):
    at = dt.datetime(2026, 3, 9, 9, 0, tzinfo=VIETNAM_TZ)
    barrier = threading.Barrier(WORKERS)
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            barrier.wait()
            for i in range(PER_WORKER):
                services.dossier_create(
                    actor=officer_a,
                    unit=commune_a,
                    data=IntakeData(procedure=procedure, applicant=ApplicantData(name=f"Người nộp {n}-{i}")),
                    at=at,
                )
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(n,)) for n in range(WORKERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    codes = list(Dossier.objects.unscoped().values_list("code", flat=True))
    assert len(codes) == WORKERS * PER_WORKER
    assert len(set(codes)) == len(codes)
    assert sorted(int(c[-4:]) for c in codes) == list(range(1, WORKERS * PER_WORKER + 1))


def test_parallel_receptions_never_duplicate_a_tracking_book_line(officer_a, commune_a, procedure):
    """Counter, postal (hand-over on other days: other code counters) and online receptions at once."""
    at = dt.datetime(2026, 3, 9, 9, 0, tzinfo=VIETNAM_TZ)
    online = [
        services.dossier_submit_online(
            actor=None,
            unit=commune_a,
            data=IntakeData(procedure=procedure, applicant=ApplicantData(name=f"Trực tuyến {n}")),
            at=at - dt.timedelta(days=1),
        )
        for n in range(WORKERS)
    ]
    barrier = threading.Barrier(WORKERS)
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            barrier.wait()
            services.dossier_transition(actor=officer_a, dossier=online[n], action="receive", at=at)
            data = IntakeData(procedure=procedure, applicant=ApplicantData(name=f"Tại quầy {n}"))
            services.dossier_create(actor=officer_a, unit=commune_a, data=data, at=at)
            postal = IntakeData(
                procedure=procedure,
                applicant=ApplicantData(name=f"Bưu chính {n}"),
                channel_in="postal",
                handover_signed_at=at - dt.timedelta(days=n % 4),
                postal_receipt_no=f"BĐ-{n}",
            )
            services.dossier_create(actor=officer_a, unit=commune_a, data=postal, at=at)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(n,)) for n in range(WORKERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    lines = list(Dossier.objects.unscoped().values_list("book_year", "book_number"))
    assert len(lines) == WORKERS * 3
    assert sorted(lines) == [(2026, n) for n in range(1, WORKERS * 3 + 1)]
    assert DossierBookCounter.objects.get(unit=commune_a, year=2026).last == WORKERS * 3
