"""Citizen phone pages: /accounts/phone/ then /accounts/phone/verify/, no JavaScript needed."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from thanthien.accounts.selectors import citizen_phone, citizen_phone_required

pytestmark = pytest.mark.django_db

START = reverse("accounts:phone")
VERIFY = reverse("accounts:phone_verify")
SIGN_OUT = reverse("accounts:phone_sign_out")


def test_phone_page_is_a_plain_form(client):
    body = client.get(START).content.decode()
    assert '<form method="post"' in body and 'type="tel"' in body and 'autocomplete="tel"' in body
    assert "<script" not in body.split("<main", 1)[1]
    assert "Số điện thoại di động" in body


def test_full_flow_with_next(client, outbox, last_code, citizen_phone):
    response = client.post(START, {"phone": "+84 912 345 678", "next": "/y-kien/"})
    assert response.status_code == 302
    assert response["Location"] == f"{VERIFY}?next=%2Fy-kien%2F"
    assert outbox[-1].to == citizen_phone
    page = client.get(response["Location"]).content.decode()
    assert "0912***678" in page and 'autocomplete="one-time-code"' in page
    done = client.post(VERIFY, {"code": last_code(), "next": "/y-kien/"})
    assert done.status_code == 302 and done["Location"] == "/y-kien/"
    assert client.session["citizen_phone"] == citizen_phone


def test_invalid_phone_shows_a_vietnamese_error(client, outbox):
    response = client.post(START, {"phone": "12345"})
    assert response.status_code == 200
    assert "Hãy nhập số điện thoại di động" in response.content.decode()
    assert outbox == []


def test_wrong_code_shows_an_error_and_keeps_the_citizen_signed_out(client, outbox, last_code):
    client.post(START, {"phone": "0912345678"})
    wrong = "000000" if last_code() != "000000" else "111111"
    response = client.post(VERIFY, {"code": wrong})
    assert response.status_code == 200
    assert "Mã không đúng" in response.content.decode()
    assert "citizen_phone" not in client.session


def test_rate_limit_message_is_shown_on_the_page(client, outbox, settings):
    settings.OTP_MAX_PER_HOUR = 1
    client.post(START, {"phone": "0912345678"})
    response = client.post(START, {"phone": "0912345678"})
    assert response.status_code == 200
    assert "Quá nhiều" in response.content.decode()


def test_send_failure_is_shown_not_crashed(client, monkeypatch):
    from thanthien.accounts.senders import SendError

    class Broken:
        def send(self, to, text):
            raise SendError("down")

    monkeypatch.setattr("thanthien.accounts.services.get_sender", lambda: Broken())
    response = client.post(START, {"phone": "0912345678"})
    assert response.status_code == 200
    assert "Chưa gửi được mã" in response.content.decode()


def test_verify_page_without_a_pending_number_goes_back_to_step_one(client):
    response = client.get(f"{VERIFY}?next=/x/")
    assert response.status_code == 302
    assert response["Location"] == f"{START}?next=%2Fx%2F"


def test_next_to_another_site_is_ignored(client, outbox, last_code):
    client.post(START, {"phone": "0912345678", "next": "https://evil.example/"})
    done = client.post(VERIFY, {"code": last_code(), "next": "https://evil.example/"})
    assert done["Location"] == "/"


def test_sign_out_forgets_the_phone_and_needs_a_post(client, outbox, last_code):
    client.post(START, {"phone": "0912345678"})
    client.post(VERIFY, {"code": last_code()})
    assert "0912345678" in client.get(START).content.decode()
    assert client.get(SIGN_OUT).status_code == 405
    assert client.post(SIGN_OUT).status_code == 302
    assert "citizen_phone" not in client.session


def test_sign_in_starts_a_new_session_key(client, outbox, last_code):
    client.post(START, {"phone": "0912345678"})
    before = client.session.session_key
    client.post(VERIFY, {"code": last_code()})
    assert client.session.session_key != before


def test_citizen_phone_required_redirects_with_next(client):
    @citizen_phone_required
    def own_cases(request):
        from django.http import HttpResponse

        return HttpResponse(citizen_phone(request))

    request = RequestFactory().get("/ho-so-cua-toi/?page=2")
    request.session = {}
    response = own_cases(request)
    assert response.status_code == 302
    assert response["Location"] == f"{START}?next=%2Fho-so-cua-toi%2F%3Fpage%3D2"
    request.session = {"citizen_phone": "0912345678"}
    assert own_cases(request).content == b"0912345678"
