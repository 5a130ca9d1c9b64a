"""Open311 GeoReport v2 with Django's test client (JSON and XML, statuses, errors)."""

import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from thanthien.reception import services
from thanthien.reception.models import Petition

from .factories import make_denunciation, make_petition

pytestmark = [pytest.mark.django_db, pytest.mark.urls("thanthien.reception.tests.urls")]
BASE = "/open311/v2"


def test_services_json_and_xml(client):
    data = client.get(f"{BASE}/services.json").json()
    assert {"service_code": "lighting", "metadata": False, "type": "realtime"}.items() <= next(
        s for s in data if s["service_code"] == "lighting"
    ).items()
    root = ET.fromstring(client.get(f"{BASE}/services.xml").content)
    assert root.tag == "services" and root.find("service/service_code") is not None


def test_service_definition(client):
    assert client.get(f"{BASE}/services/water.json").json()["service_code"] == "water"
    assert client.get(f"{BASE}/services/nope.json").status_code == 404


def test_post_then_get_request(client, commune_a, officer_a):
    response = client.post(
        f"{BASE}/requests.json",
        {
            "jurisdiction_id": commune_a.slug,
            "service_code": "lighting",
            "lat": "21.59",
            "long": "105.84",
            "description": "Đèn hỏng",
            "first_name": "Văn",
            "last_name": "An",
            "email": "an@example.vn",
        },
    )
    assert response.status_code == 201, response.content
    code = response.json()[0]["service_request_id"]
    one = client.get(f"{BASE}/requests/{code}.json").json()[0]
    assert one["status"] == "open" and one["lat"] == 21.59
    p = Petition.objects.unscoped().get(code=code)
    services.petition_answer(actor=officer_a, petition=p, answer="Đã thay bóng")
    one = client.get(f"{BASE}/requests/{code}.xml")
    root = ET.fromstring(one.content)
    assert root.find("request/status").text == "closed" and root.find("request/status_notes").text == "Đã thay bóng"
    assert [r["service_request_id"] for r in client.get(f"{BASE}/requests.json", {"status": "closed"}).json()] == [code]
    assert client.get(f"{BASE}/requests.json", {"status": "open"}).json() == []


def test_denunciations_are_never_listed(client, commune_a):
    d = make_denunciation(commune_a)
    assert client.get(f"{BASE}/requests/{d.code}.json").status_code == 404
    assert all(r["service_request_id"] != d.code for r in client.get(f"{BASE}/requests.json").json())


def test_bad_input_gets_the_json_error_shape_in_vietnamese(client, commune_a):
    response = client.post(f"{BASE}/requests.json", {"jurisdiction_id": commune_a.slug, "service_code": "lighting"})
    body = response.json()
    assert response.status_code == 400 and set(body["error"]) == {"code", "message", "fields"}
    assert "address_string" in body["error"]["fields"]
    assert "địa chỉ" in body["error"]["message"].lower() or "tọa độ" in body["error"]["message"].lower()
    response = client.post(f"{BASE}/requests.xml", {"service_code": "lighting"})
    assert response.status_code == 400 and ET.fromstring(response.content).find("error/code").text == "400"
    assert client.get(f"{BASE}/requests.json", {"start_date": "2020-01-01T00:00:00Z"}).status_code == 400
    assert client.get(f"{BASE}/services.yaml").status_code in (404, 422)


def test_web_report_classified_as_report_is_listed(client, commune_a, officer_a):
    p = make_petition(commune_a, received_at=timezone.now())
    services.petition_classify(actor=officer_a, petition=p, kind="report")
    rows = client.get(f"{BASE}/requests.json", {"jurisdiction_id": commune_a.slug}).json()
    assert [r["service_request_id"] for r in rows] == [p.code]
    assert "0912345678" not in str(rows)
