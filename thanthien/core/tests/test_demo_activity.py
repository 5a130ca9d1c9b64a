import pytest
from django.core.management import call_command

from thanthien.disclosures.models import DisclosureItem
from thanthien.dossiers.models import Dossier
from thanthien.units.demo import pilot_successor_units, unit_handle
from thanthien.units.tests.factories import make_staff

pytestmark = pytest.mark.django_db


def test_demo_activity_fills_a_pilot_commune_once():
    unit = pilot_successor_units()[0]
    handle = unit_handle(unit)
    make_staff("one_stop_officer", unit, username=f"motcua.{handle}")
    make_staff("chairman", unit, username=f"chutich.{handle}")
    make_staff("specialist_officer", unit, username=f"chuyenmon.{handle}")

    call_command("demo_activity")
    dossiers = Dossier.objects.unscoped().filter(unit=unit)
    assert dossiers.count() == 6
    assert set(dossiers.values_list("status", flat=True)) >= {"received", "in_processing", "result_ready"}
    assert DisclosureItem.objects.unscoped().filter(unit=unit, status="published").count() == 3

    call_command("demo_activity")
    assert Dossier.objects.unscoped().filter(unit=unit).count() == 6
