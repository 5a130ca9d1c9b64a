"""Concurrent writers on PostgreSQL: the chain head lock keeps sequence numbers from forking."""

import threading

import pytest
from django.db import connection, connections, transaction

from thanthien.audit.models import AuditChainHead, AuditEvent
from thanthien.audit.selectors import audit_chain_verify
from thanthien.audit.services import audit_record
from thanthien.units.tests.factories import CommuneFactory

WRITERS = 8
EVENTS_EACH = 15


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_keep_the_chain_valid():
    if connection.vendor != "postgresql":
        pytest.skip("concurrency is tested on PostgreSQL (SQLite serialises writers with BEGIN IMMEDIATE)")
    unit_id = CommuneFactory().pk
    AuditChainHead.objects.all().delete()  # the first writers also race to create the head
    start = threading.Barrier(WRITERS)
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        try:
            start.wait()
            for i in range(EVENTS_EACH):
                with transaction.atomic():
                    audit_record(actor=None, action="load.write", unit=unit_id, new={"writer": n, "i": i})
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert not errors, errors
    total = WRITERS * EVENTS_EACH
    assert sorted(AuditEvent.objects.unscoped().values_list("seq", flat=True)) == list(range(1, total + 1))
    report = audit_chain_verify()
    assert report.ok, report.problem
    assert report.checked == total
