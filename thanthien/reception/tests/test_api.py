"""JSON API: public report, case by code, rating, staff list with masking, error shape."""

import pytest

from thanthien.reception import services
from thanthien.reception.domain.masking import MASK

from .factories import make_denunciation

pytestmark = pytest.mark.django_db
BASE = "/api/v1/reception"


def test_report_then_case_then_rating(client, commune_a, officer_a):
    response = client.post(
        f"{BASE}/reports",
        {"commune": commune_a.slug, "topic": "roads", "subject": "Ổ gà", "content": "Đường hỏng"},
        content_type="application/json",
    )
    assert response.status_code == 201
    code = response.json()["code"]
    case = client.get(f"{BASE}/cases/{code}").json()
    assert case["status"] == "received" and case["answer"] == ""
    from thanthien.reception.models import Petition

    services.petition_answer(actor=officer_a, petition=Petition.objects.unscoped().get(code=code), answer="Đã vá")
    rated = client.post(f"{BASE}/cases/{code}/rating", {"rating": 5}, content_type="application/json")
    assert rated.status_code == 200 and rated.json()["rating"] == 5


def test_errors_have_the_json_shape_in_vietnamese(client, commune_a):
    response = client.post(f"{BASE}/reports", {"commune": commune_a.slug}, content_type="application/json")
    body = response.json()
    assert response.status_code == 422 and body["error"]["message"] == "Yêu cầu có dữ liệu không hợp lệ."
    assert client.get(f"{BASE}/cases/PA-000000-XXXXXXXX").json()["error"]["code"] == "not_found"
    response = client.post(f"{BASE}/cases/PA-000000-XXXXXXXX/rating", {"rating": 3}, content_type="application/json")
    assert response.status_code == 404
    response = client.post(
        f"{BASE}/reports",
        {"commune": commune_a.slug, "subject": "x", "content": "y", "topic": "nope"},
        content_type="application/json",
    )
    assert response.status_code == 422 and response.json()["error"]["message"] == "Lĩnh vực không hợp lệ."


def test_staff_list_requires_login_and_masks(client, commune_a, officer_a, officer2_a, chairman_a):
    assert client.get(f"{BASE}/petitions").status_code == 401
    p = make_denunciation(commune_a)
    services.petition_assign(actor=chairman_a, petition=p, handler=officer_a)
    client.force_login(officer2_a)
    assert client.get(f"{BASE}/petitions").json()[0]["sender"] == MASK
    client.force_login(officer_a)
    assert client.get(f"{BASE}/petitions").json()[0]["sender"] == "Trần Bí Mật"


def test_info_request_api(client, commune_a):
    response = client.post(
        f"{BASE}/info-requests",
        {
            "commune": commune_a.slug,
            "requester_name": "A",
            "address": "B",
            "id_number": "1",
            "information": "C",
            "purpose": "D",
        },
        content_type="application/json",
    )
    assert response.status_code == 201 and response.json()["code"].startswith("TT-")
