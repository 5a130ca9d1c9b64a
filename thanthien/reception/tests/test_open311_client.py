"""Open311 round-trip with a GeoReport v2 client from PyPI (``georeport``) against the live server.

``georeport`` 0.3.1 covers the read calls (services, service definition, requests, one
request) in JSON and XML; it has no method to create a request, so the POST is sent with
``requests`` (georeport's own HTTP library) exactly as GeoReport v2 specifies
(application/x-www-form-urlencoded).
"""

import pytest
import requests
from georeport import GeoReport

from thanthien.reception import services
from thanthien.reception.models import Petition

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls("thanthien.reception.tests.urls"),
]


@pytest.fixture(autouse=True)
def _fresh_content_types():
    """A flush between transactional tests renumbers content types on PostgreSQL; the clocks
    store the subject's content type, so drop the process-wide cache first."""
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()


@pytest.mark.parametrize("output_format", ["json", "xml"])
def test_georeport_client_round_trip(live_server, commune_a, officer_a, output_format):
    root = f"{live_server.url}/open311/v2"
    client = GeoReport(root, jurisdiction=commune_a.slug, output_format=output_format)

    services_list = client.get_service_list()
    codes = [s["service_code"] for s in services_list]
    assert "lighting" in codes and "roads" in codes
    assert client.get_service_definition("lighting")["service_code"] == "lighting"

    created = requests.post(
        f"{root}/requests.json",
        data={
            "jurisdiction_id": commune_a.slug,
            "service_code": "lighting",
            "lat": "21.5942",
            "long": "105.8482",
            "address_string": "Tổ 5, phường Phan Đình Phùng",
            "description": "Cột đèn số 12 không sáng",
            "first_name": "Minh",
            "last_name": "Trần",
        },
        timeout=10,
    )
    assert created.status_code == 201, created.text
    request_id = created.json()[0]["service_request_id"]

    one = client.get_service_request(request_id)
    assert one["service_request_id"] == request_id and one["status"] == "open"
    assert one["service_code"] == "lighting"

    p = Petition.objects.unscoped().get(code=request_id)
    services.petition_answer(actor=officer_a, petition=p, answer="Đã thay bóng đèn ngày 28/11")

    closed = client.get_service_requests(status="closed")
    rows = closed if isinstance(closed, list) else [closed]  # xmltodict gives a dict for one item
    assert [r["service_request_id"] for r in rows] == [request_id]
    assert rows[0]["status"] == "closed" and rows[0]["status_notes"] == "Đã thay bóng đèn ngày 28/11"
    assert client.get_service_request(request_id)["status"] == "closed"


def test_georeport_client_sees_http_errors(live_server, commune_a):
    client = GeoReport(f"{live_server.url}/open311/v2", jurisdiction=commune_a.slug)
    with pytest.raises(requests.HTTPError):
        client.get_service_request("PA-000000-NOTFOUND")
