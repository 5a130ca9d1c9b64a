"""Reads of the accounts app: who the citizen in this session is."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

SESSION_PHONE = "citizen_phone"
SESSION_VERIFIED_AT = "citizen_phone_verified_at"


def citizen_phone(request: HttpRequest) -> str | None:
    """The phone number this visitor proved with a one-time code, or None."""
    session = getattr(request, "session", None)
    return session.get(SESSION_PHONE) if session is not None else None


def citizen_phone_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Send visitors without a verified phone to the phone page, then back here."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if citizen_phone(request) is None:
            query = urlencode({"next": request.get_full_path()})
            return HttpResponseRedirect(f"{reverse('accounts:phone')}?{query}")
        return view(request, *args, **kwargs)

    return wrapper
