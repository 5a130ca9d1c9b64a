"""API /api/v1/dossiers/: session auth, create, list, read, transitions, error shape."""

import pytest

from thanthien.dossiers.models import Dossier
from thanthien.dossiers.tests.factories import DossierFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/dossiers/"


def test_anonymous_is_refused_in_the_error_shape(client):
    r = client.get(URL)
    assert r.status_code == 401 and r.json()["error"]["code"] == "unauthenticated"


def test_create_list_read(client, officer_a, commune_a, procedure):
    client.force_login(officer_a)
    r = client.post(
        URL,
        {
            "unit_id": commune_a.pk,
            "procedure_code": procedure.code,
            "applicant": {"name": "Hoàng Thị Lụa", "phone": "0911222333"},
            "components": ["Đơn đề nghị theo mẫu"],
        },
        content_type="application/json",
    )
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["status"] == "received" and body["code"] and body["events"][0]["action"] == "receive"
    assert "transfer" in body["allowed_actions"]
    listing = client.get(URL, {"state": "open", "q": "lua"}).json()
    assert [i["id"] for i in listing["items"]] == [body["id"]] and listing["has_next"] is False
    assert client.get(f"{URL}{body['id']}").json()["applicant_phone"] == "0911222333"


def test_create_refusal_uses_the_error_shape(client, officer_a, commune_a, procedure):
    client.force_login(officer_a)
    r = client.post(
        URL,
        {"unit_id": commune_a.pk, "procedure_code": procedure.code, "applicant": {"name": "A"}, "channel_in": "postal"},
        content_type="application/json",
    )
    assert r.status_code == 422
    err = r.json()["error"]
    assert err["code"] == "dossier.invalid" and "handover_signed_at" in err["fields"]


def test_transitions_and_illegal_one(client, officer_a, commune_a):
    d = DossierFactory(unit=commune_a)
    client.force_login(officer_a)
    r = client.post(f"{URL}{d.pk}/transitions", {"action": "return_result"}, content_type="application/json")
    assert r.status_code == 409
    assert r.json()["error"]["code"] == "dossier.illegal_transition"
    assert "Trả kết quả" in r.json()["error"]["message"] or "không" in r.json()["error"]["message"]
    r = client.post(f"{URL}{d.pk}/transitions", {"action": "transfer"}, content_type="application/json")
    assert r.status_code == 200 and r.json()["status"] == "transferred"


def test_assign_through_the_api(client, chairman_a, specialist_a, commune_a):
    d = DossierFactory(unit=commune_a, status="transferred")
    client.force_login(chairman_a)
    r = client.post(
        f"{URL}{d.pk}/transitions", {"action": "assign", "handler_id": specialist_a.pk}, content_type="application/json"
    )
    assert r.status_code == 200 and r.json()["handler_id"] == specialist_a.pk


def test_other_commune_gets_404(client, officer_b, commune_a):
    d = DossierFactory(unit=commune_a)
    client.force_login(officer_b)
    assert client.get(f"{URL}{d.pk}").status_code == 404
    r = client.post(f"{URL}{d.pk}/transitions", {"action": "transfer"}, content_type="application/json")
    assert r.status_code == 404
    assert Dossier.objects.unscoped().get(pk=d.pk).status == "received"


def test_openapi_lists_the_dossier_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/dossiers/" in paths and "/api/v1/dossiers/{dossier_id}/transitions" in paths
