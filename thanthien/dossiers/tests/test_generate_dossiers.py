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


def test_generated_dossiers_take_lines_of_the_book_and_receptions_continue_after_them(commune_a, officer_a):
    from thanthien.dossiers import services
    from thanthien.dossiers.models import DossierBookCounter
    from thanthien.dossiers.services import ApplicantData, IntakeData

    procedure = ProcedureFactory(is_published=True)
    for _ in range(2):  # a second run continues the book
        call_command("generate_dossiers", count=30, unit=commune_a.slug, per_day=10, stdout=io.StringIO())
    dossiers = Dossier.objects.unscoped().filter(unit=commune_a)
    years = sorted(set(dossiers.values_list("book_year", flat=True)))
    for year in years:
        book = list(dossiers.filter(book_year=year).order_by("book_number").values_list("book_number", flat=True))
        assert book == list(range(1, len(book) + 1))
        assert DossierBookCounter.objects.get(unit=commune_a, year=year).last == len(book)
    # Within one run the lines follow the reception times.
    first = list(dossiers.order_by("id")[:30].values_list("book_year", "book_number", "received_at"))
    assert sorted(first, key=lambda r: (r[0], r[1])) == sorted(first, key=lambda r: (r[0], r[2]))
    # A real reception today takes the next line of this year's book.
    d = services.dossier_create(
        actor=officer_a, unit=commune_a, data=IntakeData(procedure=procedure, applicant=ApplicantData(name="Lò Văn Pá"))
    )
    year_book = dossiers.filter(book_year=d.book_year).exclude(pk=d.pk)
    assert d.book_number == year_book.count() + 1
