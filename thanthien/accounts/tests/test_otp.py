"""Citizen one-time codes: request, rate limits, verify, attempts, expiry, single use."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from thanthien.accounts.models import OneTimeCode
from thanthien.accounts.senders import SendError
from thanthien.accounts.services import OtpError, otp_request, otp_verify
from thanthien.audit.models import AuditEvent
from thanthien.audit.selectors import audit_chain_verify

pytestmark = pytest.mark.django_db


def reason(excinfo) -> str:
    return excinfo.value.code


def test_code_is_sent_to_the_normalised_number_and_stored_only_as_a_hash(outbox, last_code):
    otc = otp_request("+84 912 345 678", "login")
    assert otc.phone == "0912345678"
    assert outbox[-1].to == "0912345678"
    code = last_code()
    assert code not in otc.code_hash and len(otc.code_hash) == 64
    assert otc.expires_at == otc.created_at + dt.timedelta(seconds=300) or (
        abs((otc.expires_at - otc.created_at) - dt.timedelta(seconds=300)) < dt.timedelta(seconds=1)
    )
    assert otp_verify("0912 345 678", code, "login") == "0912345678"


def test_requests_and_verifications_are_audited_with_a_masked_phone(outbox, last_code):
    otp_request("0912345678", "login")
    otp_verify("0912345678", last_code(), "login")
    events = list(AuditEvent.objects.unscoped().order_by("seq").values_list("action", "actor_label"))
    assert events == [("citizen.otp_requested", "0912***678"), ("citizen.phone_verified", "0912***678")]
    assert "0912345678" not in str(list(AuditEvent.objects.unscoped().values()))
    assert audit_chain_verify().ok


def test_invalid_phone_is_refused_in_vietnamese(outbox):
    with pytest.raises(OtpError) as refused:
        otp_request("02083851234", "login")
    assert reason(refused) == "invalid_phone"
    assert "số điện thoại di động" in refused.value.messages[0]
    assert outbox == []


def test_rate_limit_per_phone_per_hour(outbox, settings):
    settings.OTP_MAX_PER_HOUR = 3
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for _ in range(3):
            otp_request("0912345678", "login")
        with pytest.raises(OtpError) as refused:
            otp_request("0912345678", "vote")  # every purpose counts
        assert reason(refused) == "rate_limited"
        otp_request("0987654321", "login")  # another number is not affected
    with time_machine.travel(start + dt.timedelta(minutes=61), tick=False):
        otp_request("0912345678", "login")
    assert len(outbox) == 5


def test_rate_limit_per_client_address(outbox, settings):
    settings.OTP_MAX_PER_IP_PER_HOUR = 2
    otp_request("0912000001", "login", client_ip="10.0.0.1")
    otp_request("0912000002", "login", client_ip="10.0.0.1")
    with pytest.raises(OtpError) as refused:
        otp_request("0912000003", "login", client_ip="10.0.0.1")
    assert reason(refused) == "rate_limited"
    otp_request("0912000003", "login", client_ip="10.0.0.2")


def test_code_works_once(outbox, last_code):
    otp_request("0912345678", "login")
    code = last_code()
    otp_verify("0912345678", code, "login")
    with pytest.raises(OtpError) as refused:
        otp_verify("0912345678", code, "login")
    assert reason(refused) == "no_code"


def test_code_is_bound_to_its_purpose(outbox, last_code):
    otp_request("0912345678", "vote")
    with pytest.raises(OtpError) as refused:
        otp_verify("0912345678", last_code(), "login")
    assert reason(refused) == "no_code"


def test_expired_code_is_refused(outbox, last_code, settings):
    settings.OTP_TTL_SECONDS = 60
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        otp_request("0912345678", "login")
    with time_machine.travel(start + dt.timedelta(seconds=61), tick=False), pytest.raises(OtpError) as refused:
        otp_verify("0912345678", last_code(), "login")
    assert reason(refused) == "expired"


def test_wrong_guesses_count_and_the_code_burns_after_the_maximum(outbox, last_code, settings):
    settings.OTP_MAX_ATTEMPTS = 3
    otp_request("0912345678", "login")
    good = last_code()
    wrong = "000000" if good != "000000" else "111111"
    for remaining in (2, 1):
        with pytest.raises(OtpError) as refused:
            otp_verify("0912345678", wrong, "login")
        assert reason(refused) == "wrong_code"
        assert str(remaining) in refused.value.messages[0]
    with pytest.raises(OtpError) as refused:
        otp_verify("0912345678", wrong, "login")
    assert reason(refused) == "too_many_attempts"
    with pytest.raises(OtpError):  # even the right code is now useless
        otp_verify("0912345678", good, "login")
    assert OneTimeCode.objects.get().attempts == 3


def test_a_new_code_replaces_the_previous_one(outbox, last_code):
    otp_request("0912345678", "login")
    first = last_code()
    otp_request("0912345678", "login")
    second = last_code()
    if first != second:
        with pytest.raises(OtpError):
            otp_verify("0912345678", first, "login")
    assert otp_verify("0912345678", second, "login") == "0912345678"


@pytest.mark.parametrize("code", ["", "12345", "1234567", "12a456", "١٢٣٤٥٦"])
def test_malformed_code_is_refused_without_spending_an_attempt(outbox, code):
    otp_request("0912345678", "login")
    with pytest.raises(OtpError) as refused:
        otp_verify("0912345678", code, "login")
    assert reason(refused) == "invalid_code"
    assert OneTimeCode.objects.get().attempts == 0


def test_code_with_spaces_is_accepted(outbox, last_code):
    otp_request("0912345678", "login")
    code = last_code()
    assert otp_verify("0912345678", f" {code[:3]} {code[3:]} ", "login") == "0912345678"


def test_failed_send_closes_the_code_and_says_so(settings, monkeypatch):
    class Broken:
        def send(self, to, text):
            raise SendError("gateway down")

    monkeypatch.setattr("thanthien.accounts.services.get_sender", lambda: Broken())
    with pytest.raises(OtpError) as refused:
        otp_request("0912345678", "login")
    assert reason(refused) == "send_failed"
    assert OneTimeCode.objects.get().used_at is not None


def test_unknown_purpose_is_a_programming_error(outbox):
    with pytest.raises(ValueError):
        otp_request("0912345678", "shopping")
