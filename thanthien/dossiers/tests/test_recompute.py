"""A calendar change moves the due dates of open dossiers (foundation issue: running deadlines)."""

import datetime as dt

import pytest

from thanthien.clocks.domain.calendar import VIETNAM_TZ
from thanthien.clocks.services import calendar_override_save
from thanthien.dossiers import services
from thanthien.dossiers.models import Dossier
from thanthien.dossiers.services import ApplicantData, IntakeData
from thanthien.units.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

MON_10 = dt.datetime(2026, 3, 9, 10, 0, tzinfo=VIETNAM_TZ)


def _receive(officer, unit, procedure):
    data = IntakeData(procedure=procedure, applicant=ApplicantData(name="Trần Văn Nam", phone="0987654321"))
    return services.dossier_create(actor=officer, unit=unit, data=data, at=MON_10)


def test_new_day_off_moves_the_due_date_of_an_open_dossier(
    officer_a, commune_a, procedure, django_capture_on_commit_callbacks
):
    dossier = _receive(officer_a, commune_a, procedure)
    assert dossier.due_date == dt.date(2026, 3, 10)
    admin = UserFactory(is_superuser=True)

    with django_capture_on_commit_callbacks(execute=True):
        calendar_override_save(
            actor=admin, date=dt.date(2026, 3, 10), kind="day_off", name="Nghỉ đột xuất", legal_basis="Thông báo thử"
        )

    dossier.refresh_from_db()
    assert dossier.due_date == dt.date(2026, 3, 11)
    assert dossier.original_due_date == dt.date(2026, 3, 11)


def test_returned_dossiers_keep_their_due_date(officer_a, commune_a, procedure, django_capture_on_commit_callbacks):
    dossier = _receive(officer_a, commune_a, procedure)
    Dossier.objects.unscoped().filter(pk=dossier.pk).update(status="returned")
    admin = UserFactory(is_superuser=True)

    with django_capture_on_commit_callbacks(execute=True):
        calendar_override_save(
            actor=admin, date=dt.date(2026, 3, 10), kind="day_off", name="Nghỉ đột xuất", legal_basis="Thông báo thử"
        )

    dossier.refresh_from_db()
    assert dossier.due_date == dt.date(2026, 3, 10)
