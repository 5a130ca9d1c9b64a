"""Pluggable senders of short messages (SMS, or a Zalo ZNS relay) for one-time codes.

``settings.SMS_BACKEND`` picks one:

- ``console`` — writes the message to the log and keeps it in :data:`outbox` (demo, tests);
- ``http`` — POSTs ``{"to", "text", "sender"}`` as JSON to ``settings.SMS_HTTP_URL`` with
  ``Authorization: Bearer <SMS_HTTP_TOKEN>``; any gateway or ZNS relay that accepts that shape
  (or a thin adapter in front of a carrier's own API) works;
- a dotted path to a class with a ``send(to, text)`` method, for anything else.
"""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from .domain.phone import mask_phone

logger = logging.getLogger(__name__)


class SendError(Exception):
    """The message could not be handed to the gateway. The text is safe to log."""


class Sender(Protocol):
    def send(self, to: str, text: str) -> None: ...


@dataclass(frozen=True)
class Message:
    to: str
    text: str
    sender: str


# Messages "sent" by the console backend, newest last. Tests and the demo read it.
outbox: list[Message] = []


class ConsoleSender:
    """Logs each message and appends it to :data:`outbox`. Never use in production."""

    def __init__(self, sender_name: str | None = None) -> None:
        self.sender_name = sender_name or settings.SMS_SENDER_NAME

    def send(self, to: str, text: str) -> None:
        outbox.append(Message(to=to, text=text, sender=self.sender_name))
        logger.info("SMS (console) to %s: %s", to, text)


class HttpSender:
    """POSTs a JSON message to an SMS gateway or a Zalo ZNS relay."""

    def __init__(
        self,
        url: str | None = None,
        token: str | None = None,
        timeout: float | None = None,
        sender_name: str | None = None,
    ) -> None:
        self.url = url if url is not None else settings.SMS_HTTP_URL
        self.token = token if token is not None else settings.SMS_HTTP_TOKEN
        self.timeout = timeout if timeout is not None else settings.SMS_HTTP_TIMEOUT
        self.sender_name = sender_name or settings.SMS_SENDER_NAME
        if urlsplit(self.url).scheme not in {"http", "https"}:
            raise ImproperlyConfigured("SMS_HTTP_URL must be an http:// or https:// address.")

    def send(self, to: str, text: str) -> None:
        body = json.dumps({"to": to, "text": text, "sender": self.sender_name}, ensure_ascii=False).encode()
        headers = {"Content-Type": "application/json; charset=utf-8", "Accept": "application/json"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        request = urllib.request.Request(self.url, data=body, headers=headers, method="POST")  # noqa: S310 — scheme checked in __init__
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                status = response.status
        except urllib.error.HTTPError as exc:
            # Never log the text: it holds the code.
            logger.error("SMS gateway refused the message to %s: HTTP %s", mask_phone(to), exc.code)
            raise SendError(f"SMS gateway answered HTTP {exc.code}") from exc
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            logger.error("SMS gateway unreachable for %s: %s", mask_phone(to), reason)
            raise SendError(f"SMS gateway unreachable: {reason}") from exc
        if not 200 <= status < 300:
            logger.error("SMS gateway refused the message to %s: HTTP %s", mask_phone(to), status)
            raise SendError(f"SMS gateway answered HTTP {status}")
        logger.info("SMS sent to %s through %s", mask_phone(to), urlsplit(self.url).netloc)


_BACKENDS = {"console": ConsoleSender, "http": HttpSender}


def get_sender() -> Sender:
    """The sender chosen by ``settings.SMS_BACKEND``."""
    name = settings.SMS_BACKEND
    if name in _BACKENDS:
        return _BACKENDS[name]()
    if "." in name:
        return import_string(name)()
    raise ImproperlyConfigured(f"Unknown SMS_BACKEND {name!r}: use 'console', 'http' or a dotted class path.")
