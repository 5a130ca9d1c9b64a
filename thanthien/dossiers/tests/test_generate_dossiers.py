"""``manage.py generate_dossiers``: the benchmark data look like real dossiers, history included."""

import io

import pytest
from django.core.management import call_command
from django.test import Client

from thanthien.dossiers.models import Dossier, DossierEvent
from thanthien.procedures.tests.factories import ProcedureFactory

pytestmark = pytest.mark.django_db


def test_generated_dossiers_have_unique_codes_and_their_history(commune_a):
    ProcedureFactory(is_published=True)
    call_command("generate_dossiers", count=40, unit=commune_a.slug, per_day=10, stdout=io.StringIO())
    dossiers = Dossier.objects.unscoped().filter(unit=commune_a)
    assert dossiers.count() == 40
    assert len(set(dossiers.values_list("tracking_code", flat=True))) == 40
    for dossier in dossiers:
        actions = list(DossierEvent.objects.unscoped().filter(dossier=dossier).values_list("action", flat=True))
        assert actions[0] == "receive"
        assert ("transfer" in actions) == (dossier.status != "received")
        assert ("return_result" in actions) == (dossier.returned_at is not None)
    returned = dossiers.filter(status="returned").first()
    page = Client().get(f"/tra-cuu/{returned.tracking_code}/").content.decode()
    assert "Trả kết quả" in page and "Tiếp nhận" in page
