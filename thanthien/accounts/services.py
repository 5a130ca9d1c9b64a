"""Writes of the accounts app: citizen one-time codes and the citizen's signed-in phone.

A citizen proves a phone number with a six-digit code sent by SMS or Zalo (see ``senders``):
``otp_request`` issues and sends it, ``otp_verify`` checks it, ``citizen_sign_in`` remembers the
verified number in the session for the pages that need it (own cases, voting).
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from thanthien.audit.services import audit_record

from .domain.phone import InvalidPhone, mask_phone, normalize_phone
from .models import OneTimeCode
from .selectors import SESSION_PHONE, SESSION_VERIFIED_AT
from .senders import SendError, get_sender

CODE_DIGITS = 6
# Limit per client address on top of the per-number limit, against SMS pumping through many
# numbers from one machine (setting OTP_MAX_PER_IP_PER_HOUR).
DEFAULT_MAX_PER_IP_PER_HOUR = 20


class OtpError(ValidationError):
    """A one-time code could not be issued or accepted. ``code`` tells why; message is for people."""


def phone_normalize(raw: str) -> str:
    """The national form of a Vietnamese mobile number, or OtpError(code="invalid_phone")."""
    try:
        return normalize_phone(raw)
    except InvalidPhone:
        raise OtpError(
            _("Enter a valid Vietnamese mobile number, for example 0912 345 678."), code="invalid_phone"
        ) from None


def _purpose(purpose: str) -> str:
    if purpose not in OneTimeCode.Purpose.values:
        raise ValueError(f"unknown one-time code purpose {purpose!r}")
    return str(purpose)


def _code_hash(phone: str, purpose: str, code: str) -> str:
    return salted_hmac("thanthien.accounts.otp", f"{phone}:{purpose}:{code}", algorithm="sha256").hexdigest()


def _check_ip_rate(client_ip: str | None) -> None:
    if not client_ip:
        return
    limit = getattr(settings, "OTP_MAX_PER_IP_PER_HOUR", DEFAULT_MAX_PER_IP_PER_HOUR)
    key = f"otp-ip:{client_ip}:{timezone.now():%Y%m%d%H}"
    cache.add(key, 0, timeout=3600)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=3600)
        count = 1
    if count > limit:
        raise OtpError(
            _("Too many codes were requested from this device. Please try again later."), code="rate_limited"
        )


def otp_request(phone: str, purpose: str = OneTimeCode.Purpose.LOGIN, *, client_ip: str | None = None) -> OneTimeCode:
    """Issue a one-time code for ``phone`` and send it. Returns the stored (hashed) code row.

    At most ``settings.OTP_MAX_PER_HOUR`` codes per number per hour; a new code closes the
    previous open one; only a keyed hash is stored; the code lives ``settings.OTP_TTL_SECONDS``.
    Raises :class:`OtpError` (codes ``invalid_phone``, ``rate_limited``, ``send_failed``).
    """
    phone = phone_normalize(phone)
    purpose = _purpose(purpose)
    _check_ip_rate(client_ip)
    code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
    with transaction.atomic():
        now = timezone.now()
        recent = OneTimeCode.objects.filter(phone=phone, created_at__gte=now - dt.timedelta(hours=1)).count()
        if recent >= settings.OTP_MAX_PER_HOUR:
            raise OtpError(
                _("Too many codes were requested for this number. Please try again in an hour."),
                code="rate_limited",
            )
        OneTimeCode.objects.filter(phone=phone, purpose=purpose, used_at__isnull=True).update(used_at=now)
        otc = OneTimeCode.objects.create(
            phone=phone,
            purpose=purpose,
            code_hash=_code_hash(phone, purpose, code),
            expires_at=now + dt.timedelta(seconds=settings.OTP_TTL_SECONDS),
        )
        audit_record(
            actor=None,
            actor_label=mask_phone(phone),
            action="citizen.otp_requested",
            obj=otc,
            new={"purpose": purpose, "expires_at": otc.expires_at},
        )
    minutes = max(1, settings.OTP_TTL_SECONDS // 60)
    text = _(
        "%(code)s is your %(platform)s code. It is valid for %(minutes)s minutes. Do not share it with anyone."
    ) % {"code": code, "platform": "Thân Thiện", "minutes": minutes}
    try:
        get_sender().send(phone, text)
    except SendError:
        # The citizen never got it: close it so it does not count as a live code.
        otc.used_at = timezone.now()
        otc.save(update_fields=["used_at"])
        raise OtpError(
            _("We could not send the code right now. Please try again in a few minutes."), code="send_failed"
        ) from None
    return otc


def otp_verify(phone: str, code: str, purpose: str = OneTimeCode.Purpose.LOGIN) -> str:
    """Check ``code`` for ``phone``; returns the normalised phone number on success.

    A code works once, before it expires, within ``settings.OTP_MAX_ATTEMPTS`` tries (then it
    is burnt). Raises :class:`OtpError` (codes ``invalid_phone``, ``invalid_code``, ``no_code``,
    ``expired``, ``too_many_attempts``, ``wrong_code``).
    """
    phone = phone_normalize(phone)
    purpose = _purpose(purpose)
    code = "".join(ch for ch in (code or "") if not ch.isspace())
    if len(code) != CODE_DIGITS or not code.isascii() or not code.isdigit():
        raise OtpError(_("Enter the 6-digit code from the message."), code="invalid_code")
    max_attempts = settings.OTP_MAX_ATTEMPTS
    failure: tuple[str, str] | None = None
    # Attempts are committed before we raise, so a wrong guess always counts.
    with transaction.atomic():
        now = timezone.now()
        otc = (
            OneTimeCode.objects.select_for_update()
            .filter(phone=phone, purpose=purpose, used_at__isnull=True)
            .order_by("-created_at")
            .first()
        )
        if otc is None:
            failure = ("no_code", _("There is no active code for this number. Please ask for a new code."))
        elif otc.expires_at <= now:
            failure = ("expired", _("This code has expired. Please ask for a new code."))
        elif otc.attempts >= max_attempts:
            failure = ("too_many_attempts", _("Too many wrong codes. Please ask for a new code."))
        else:
            otc.attempts += 1
            if constant_time_compare(_code_hash(phone, purpose, code), otc.code_hash):
                otc.used_at = now
                otc.save(update_fields=["attempts", "used_at"])
                audit_record(
                    actor=None,
                    actor_label=mask_phone(phone),
                    action="citizen.phone_verified",
                    obj=otc,
                    new={"purpose": purpose},
                )
                return phone
            remaining = max_attempts - otc.attempts
            if remaining <= 0:
                otc.used_at = now  # burnt
                failure = ("too_many_attempts", _("Too many wrong codes. Please ask for a new code."))
            else:
                failure = (
                    "wrong_code",
                    ngettext(
                        "The code is not correct. You have %(remaining)d more try.",
                        "The code is not correct. You have %(remaining)d more tries.",
                        remaining,
                    )
                    % {"remaining": remaining},
                )
            otc.save(update_fields=["attempts", "used_at"])
    code_name, message = failure
    raise OtpError(message, code=code_name)


def citizen_sign_in(request: HttpRequest, phone: str) -> None:
    """Remember a verified phone number in the session (a new session key: no fixation)."""
    request.session.cycle_key()
    request.session[SESSION_PHONE] = phone
    request.session[SESSION_VERIFIED_AT] = timezone.now().isoformat()


def citizen_sign_out(request: HttpRequest) -> None:
    for key in (SESSION_PHONE, SESSION_VERIFIED_AT):
        request.session.pop(key, None)
    request.session.cycle_key()
