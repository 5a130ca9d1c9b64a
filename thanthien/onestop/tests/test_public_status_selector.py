"""The status page's one SQL statement (``selectors.public_status``) against what the ORM holds."""

import datetime as dt

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from thanthien.dossiers import services as dossier_services
from thanthien.dossiers.domain.codes import format_tracking_code, tracking_code
from thanthien.dossiers.models import DossierEvent
from thanthien.dossiers.tests.factories import DossierFactory
from thanthien.onestop import selectors

from .conftest import MONDAY_9

pytestmark = pytest.mark.django_db


def test_timeline_has_the_public_events_in_order_with_their_times(received, officer_a):
    dossier = received
    for hours, action in enumerate(("transfer", "assign", "record_result"), start=1):
        params = {"handler": officer_a} if action == "assign" else {}
        dossier = dossier_services.dossier_transition(
            actor=officer_a, dossier=dossier, action=action, at=MONDAY_9 + dt.timedelta(hours=hours), **params
        )
    status = selectors.public_status(format_tracking_code(dossier.tracking_code))
    public = [
        (e.action, e.at)
        for e in DossierEvent.objects.unscoped().filter(dossier=dossier).order_by("at", "id")
        if e.action != "assign"  # an internal hand-off: not on the public page
    ]
    assert [at for _label, at in status.timeline] == [at for _action, at in public]
    assert [str(label) for label, _at in status.timeline][-1] == "Ghi nhận kết quả"
    assert all(at.utcoffset() is not None for _label, at in status.timeline)
    assert status.received_at == dossier.received_at and status.status == "result_ready"
    assert status.procedure == "Đăng ký khai sinh" and status.name == "Nguyễn V*** A"


def test_a_dossier_without_events_is_still_found(commune_a):
    dossier = DossierFactory(unit=commune_a)
    dossier.tracking_code = tracking_code(dossier.code, secret=settings.DOSSIER_TRACKING_SECRET)
    dossier.save(update_fields=["tracking_code"])
    DossierEvent.objects.unscoped().filter(dossier=dossier).delete()
    status = selectors.public_status(dossier.tracking_code)
    assert status is not None and status.timeline == [] and status.tracking_code == dossier.tracking_code


def test_a_well_formed_code_of_no_dossier_finds_nothing(received, client):
    unknown = tracking_code("054.43.19.H19-260309-9999", secret=settings.DOSSIER_TRACKING_SECRET)
    assert unknown != received.tracking_code
    with CaptureQueriesContext(connection) as queries:
        assert selectors.public_status(format_tracking_code(unknown)) is None
    assert len(queries) == 1  # it went through the SQL statement, not refused before it
    assert client.get(f"/tra-cuu/{unknown}/").status_code == 404


def test_malformed_codes_are_refused_before_any_query(received):
    with CaptureQueriesContext(connection) as queries:
        assert selectors.public_status("'; DROP TABLE x; --") is None
        assert selectors.public_status("") is None
    assert len(queries) == 0
