"""Staff and citizen pages: permissions, downloads, forms."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from thanthien.accounts.selectors import SESSION_PHONE
from thanthien.dossiers import services as dossier_services
from thanthien.dossiers.models import Dossier
from thanthien.onestop import services
from thanthien.onestop.models import Attachment, Booking, ServiceRating

from .conftest import MONDAY_9
from .test_public import RATING
from .test_services import PDF

pytestmark = pytest.mark.urls("thanthien.onestop.tests.urls")


@pytest.mark.parametrize("form", ["01", "05"])
@pytest.mark.parametrize(("fmt", "magic"), [("pdf", b"%PDF"), ("docx", b"PK")])
def test_officer_downloads_the_slips(client, officer_a, received, form, fmt, magic):
    client.force_login(officer_a)
    response = client.get(f"/staff/onestop/dossiers/{received.pk}/papers/{form}.{fmt}")
    assert response.status_code == 200
    assert response.content[: len(magic)] == magic


def test_all_papers_print_in_one_pdf(client, officer_a, received):
    client.force_login(officer_a)
    response = client.get(f"/staff/onestop/dossiers/{received.pk}/papers/all.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert client.get(f"/staff/onestop/dossiers/{received.pk}/papers/").status_code == 200


def test_papers_of_another_commune_are_404_and_anonymous_must_log_in(client, officer_b, received):
    url = f"/staff/onestop/dossiers/{received.pk}/papers/01.pdf"
    assert client.get(url).status_code == 302
    client.force_login(officer_b)
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(("fmt", "magic"), [("pdf", b"%PDF"), ("docx", b"PK")])
def test_tracking_book_downloads_for_the_own_unit_only(client, officer_a, officer_b, received, commune_a, fmt, magic):
    client.force_login(officer_a)
    response = client.get(f"/staff/onestop/book.{fmt}", {"unit": commune_a.pk, "year": 2026})
    assert response.status_code == 200 and response.content.startswith(magic)
    client.force_login(officer_b)
    assert client.get("/staff/onestop/book.pdf", {"unit": commune_a.pk, "year": 2026}).status_code == 404


def _result_ready(dossier, officer):
    for action, params in (("transfer", {}), ("assign", {"handler": officer}), ("record_result", {})):
        dossier = dossier_services.dossier_transition(
            actor=officer, dossier=dossier, action=action, at=MONDAY_9, **params
        )
    return dossier


@pytest.mark.parametrize("source", ["tablet", "paper"])
def test_counter_rating_is_stored_with_the_officer_who_typed_it(client, officer_a, received, source):
    dossier = _result_ready(received, officer_a)
    client.force_login(officer_a)
    assert dossier.pk in [d.pk for d in client.get("/staff/onestop/ratings/").context["rows"]]
    response = client.post(f"/staff/onestop/dossiers/{dossier.pk}/rate/{source}/", RATING)
    assert response.status_code in (200, 302)
    rating = ServiceRating.objects.unscoped().get(dossier=dossier)
    assert (rating.source, rating.entered_by) == (source, officer_a)


def test_counter_rating_of_another_commune_is_refused(client, officer_a, officer_b, received):
    dossier = _result_ready(received, officer_a)
    client.force_login(officer_b)
    assert client.post(f"/staff/onestop/dossiers/{dossier.pk}/rate/paper/", RATING).status_code == 404
    assert not ServiceRating.objects.unscoped().exists()


def test_scores_page(client, officer_a, received, commune_a):
    client.force_login(officer_a)
    response = client.get("/staff/onestop/scores/", {"unit": commune_a.pk, "year": 2026, "quarter": 1})
    assert response.status_code == 200
    assert response.context["report"].kpis.received == 1


def test_letter_pages_and_paper(client, officer_a, received):
    letter = services.letter_draft(dossier=received, kind="birth", at=MONDAY_9)
    client.force_login(officer_a)
    assert client.get("/staff/onestop/letters/").status_code == 200
    response = client.post(
        f"/staff/onestop/letters/{letter.pk}/", {"salutation": "Kính gửi: Gia đình anh An", "body": "Chúc mừng."}
    )
    assert response.status_code == 302
    pdf = client.get(f"/staff/onestop/letters/{letter.pk}/letter.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    client.post(f"/staff/onestop/letters/{letter.pk}/hand-over/", {"note": "Trao tại nhà"})
    letter.refresh_from_db()
    assert letter.handed_over_at is not None
    assert client.get("/staff/onestop/letters/templates/").status_code == 200


def _citizen(client, phone="0912345678"):
    session = client.session
    session[SESSION_PHONE] = phone
    session.save()


def test_online_submission_page_needs_a_verified_phone(client, commune_a, procedure):
    assert client.get("/mot-cua/nop-ho-so/").status_code == 302
    _citizen(client)
    assert client.get("/mot-cua/nop-ho-so/").status_code == 200


def _post_submission(client, commune_a, procedure, upload):
    return client.post(
        "/mot-cua/nop-ho-so/",
        {
            "unit": commune_a.pk,
            "procedure": procedure.pk,
            "name": "Trần Thị Bình",
            "channel_out": "direct",
            "files": [upload],
        },
    )


def test_online_submission_through_the_page(client, commune_a, procedure):
    procedure.is_published = True
    procedure.save()
    _citizen(client)
    response = _post_submission(client, commune_a, procedure, SimpleUploadedFile("to-khai.pdf", PDF))
    assert response.status_code == 200, response.context["form"].errors if response.context else ""
    dossier = Dossier.objects.unscoped().get()
    assert dossier.applicant_phone == "0912345678" and Attachment.objects.unscoped().count() == 1


def test_oversized_upload_through_the_page_saves_nothing(client, commune_a, procedure, settings):
    procedure.is_published = True
    procedure.save()
    settings.UPLOAD_MAX_BYTES = 10
    _citizen(client)
    response = _post_submission(client, commune_a, procedure, SimpleUploadedFile("to-khai.pdf", PDF))
    assert response.status_code == 200 and response.context["form"].errors
    assert not Dossier.objects.unscoped().exists() and not Attachment.objects.unscoped().exists()


def test_citizen_books_and_cancels_through_the_page(client, officer_a, commune_a):
    start = timezone.now() + dt.timedelta(days=1)
    slot = services.slot_create(
        actor=officer_a, unit=commune_a, starts_at=start, ends_at=start + dt.timedelta(minutes=30), capacity=1
    )
    _citizen(client)
    page = client.get("/mot-cua/dat-lich/", {"xa": commune_a.slug})
    assert slot in page.context["slots"]
    client.post(f"/mot-cua/dat-lich/?xa={commune_a.slug}", {"slot": slot.pk, "name": "Trần Bình"})
    booking = Booking.objects.unscoped().get()
    _citizen(client, "0987654321")
    assert client.post(f"/mot-cua/dat-lich/{booking.pk}/huy/").status_code == 404
    _citizen(client)
    client.post(f"/mot-cua/dat-lich/{booking.pk}/huy/")
    booking.refresh_from_db()
    assert booking.state == "cancelled"


def test_slots_page_for_the_one_stop(client, officer_a, commune_a):
    client.force_login(officer_a)
    assert client.get("/staff/onestop/slots/").status_code == 200


def test_staff_download_attachments_of_their_commune_only(client, officer_a, officer_b, commune_a, procedure):
    from thanthien.onestop.tests.test_services import _intake

    dossier = services.online_submit(
        actor=None, phone="0912345678", unit=commune_a, data=_intake(procedure), files=[("to-khai.pdf", PDF)]
    )
    attachment = Attachment.objects.unscoped().get(dossier=dossier)
    url = f"/staff/onestop/attachments/{attachment.pk}/"
    assert client.get(url).status_code == 302
    client.force_login(officer_b)
    assert client.get(url).status_code == 404
    client.force_login(officer_a)
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert "to-khai.pdf" in client.get(f"/staff/onestop/dossiers/{dossier.pk}/papers/").content.decode()


def test_a_full_time_slot_says_why_and_keeps_the_name_typed(client, officer_a, commune_a):
    start = timezone.now() + dt.timedelta(days=2)
    slot = services.slot_create(
        actor=officer_a, unit=commune_a, starts_at=start, ends_at=start + dt.timedelta(minutes=30), capacity=1
    )
    services.booking_create(phone="0912000001", name="An", slot=slot)
    later = start + dt.timedelta(hours=1)  # another time, still free: the name is ready there
    services.slot_create(
        actor=officer_a, unit=commune_a, starts_at=later, ends_at=later + dt.timedelta(minutes=30), capacity=2
    )
    _citizen(client)
    response = client.post(f"/mot-cua/dat-lich/?xa={commune_a.slug}", {"slot": slot.pk, "name": "Nguyễn Thị Bình"})
    assert response.status_code == 200  # the page again, not a redirect that forgets the name
    body = response.content.decode()
    assert "Nguyễn Thị Bình" in body
    assert not Booking.objects.unscoped().filter(name="Nguyễn Thị Bình").exists()
