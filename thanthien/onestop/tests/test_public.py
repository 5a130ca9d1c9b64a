"""Public status page, QR rating, without login."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from thanthien.dossiers import services as dossier_services
from thanthien.dossiers.cache import invalidate_status
from thanthien.dossiers.domain.codes import format_tracking_code
from thanthien.onestop.domain.masking import mask_name, mask_phone
from thanthien.onestop.models import ServiceRating

from .conftest import MONDAY_9

pytestmark = pytest.mark.urls("thanthien.onestop.tests.urls")


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("Nguyễn Văn An", "Nguyễn V*** A"),
        ("Lê Mai", "Lê M"),
        ("Hà", "H***"),
        ("Trần Thị Ngọc Ánh", "Trần T*** N*** Á"),
        ("", ""),
    ],
)
def test_name_is_masked(name, masked):
    assert mask_name(name) == masked


@pytest.mark.parametrize(
    ("phone", "masked"), [("0912345678", "09******78"), ("09 1234 5678", "09******78"), ("123", "***")]
)
def test_phone_is_masked(phone, masked):
    assert mask_phone(phone) == masked


def test_status_page_shows_masked_data_in_one_query(client, received):
    url = f"/tra-cuu/{received.tracking_code}/"
    client.get(url)  # the procedure and commune names are then cached for five minutes
    invalidate_status(received.tracking_code)  # and the page itself for 30 s: measure a miss
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Nguyễn V*** A" in body and "09******78" in body
    assert "Nguyễn Văn An" not in body and "0912345678" not in body and "019186001234" not in body
    assert len(queries) == 1
    assert "Đăng ký khai sinh" in body and "Phường Phan Đình Phùng" in body
    assert "Tình trạng hồ sơ" in body  # Vietnamese by default


def test_status_page_accepts_the_printed_form_and_lower_case(client, received):
    printed = format_tracking_code(received.tracking_code).lower()
    response = client.get("/tra-cuu/", {"ma": printed})
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200


def test_unknown_code_is_404_without_details(client, received):
    assert client.get("/tra-cuu/ZZZZ-ZZZZ-ZZZ/").status_code == 404


def _returned(received, officer_a):
    for action in ("transfer", "assign", "record_result"):
        params = {"handler": officer_a} if action == "assign" else {}
        received = dossier_services.dossier_transition(
            actor=officer_a, dossier=received, action=action, at=MONDAY_9, **params
        )
    return received


RATING = {
    "access": "5",
    "procedure": "4",
    "staff": "5",
    "result": "5",
    "trips": "2",
    "extra_payment_asked": "no",
    "appointment_kept": "yes",
    "conduct_breaches": ["greet"],
    "anonymous": "on",
}


def test_citizen_rates_from_the_qr_once_and_the_rating_names_the_officers(client, received, officer_a):
    dossier = _returned(received, officer_a)
    url = f"/tra-cuu/{dossier.tracking_code}/danh-gia/"
    assert client.post(url, RATING).status_code == 200
    rating = ServiceRating.objects.unscoped().get(dossier=dossier)
    assert (rating.source, rating.score_procedure, rating.trips) == ("qr", 4, 2)
    assert rating.conduct_breaches == ["greet"]
    assert rating.receiver_id == officer_a.pk and rating.handler_id == officer_a.pk
    client.post(url, RATING | {"access": "1"})
    assert ServiceRating.objects.unscoped().filter(dossier=dossier).count() == 1


def test_rating_is_refused_before_the_result_is_ready(client, received):
    client.post(f"/tra-cuu/{received.tracking_code}/danh-gia/", RATING)
    assert not ServiceRating.objects.unscoped().exists()


def test_the_bare_one_stop_address_leads_to_the_online_submission(client):
    response = client.get("/mot-cua/")
    assert response.status_code == 302 and response["Location"] == "/mot-cua/nop-ho-so/"
