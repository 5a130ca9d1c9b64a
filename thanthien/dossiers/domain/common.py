"""Small shared pieces of the dossier (hồ sơ) domain: errors, decisions, channels, time helpers.

Pure Python. User-facing texts are English msgids marked with Django's ``gettext_lazy``: the
translation machinery needs neither a database nor a request, and a lazy string is only
translated when it is rendered, so importing this package has no side effects and the same
message shows in Vietnamese (the default language) or English. Vietnamese texts live in the
app catalogue ``thanthien/dossiers/locale/vi/LC_MESSAGES/django.po``. Every error and decision
also carries a stable ``code`` for the API error shape and for tests.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.utils.functional import Promise, lazy
from django.utils.translation import pgettext_lazy

from thanthien.clocks.domain.calendar import VIETNAM_TZ

__all__ = [
    "VIETNAM_TZ",
    "Channel",
    "Decision",
    "DossierRuleError",
    "interpolate",
    "local_date",
    "require_aware",
]


def _interpolate(template: str | Promise, params: Mapping[str, Any]) -> str:
    return str(template) % {key: str(value) for key, value in params.items()}


_interpolate_lazy = lazy(_interpolate, str)


def interpolate(template: str | Promise, /, **params: Any) -> Promise:
    """A lazy ``template % params``: translated and filled in when rendered, in the active language."""
    return _interpolate_lazy(template, params)


class DossierRuleError(ValueError):
    """A legal rule of the dossier lifecycle refuses the request.

    ``code`` is stable (``"dossier.illegal_transition"``, ``"apology.too_late"``…); ``message`` is
    a lazy, translatable text for the API error shape ``{"error": {"code", "message", "fields"}}``.
    """

    def __init__(self, code: str, template: str | Promise, /, **params: Any) -> None:
        self.code = code
        self.params = params
        self.message = interpolate(template, **params)
        super().__init__(code)

    def __str__(self) -> str:
        return str(self.message)


@dataclass(frozen=True)
class Decision:
    """The answer of a permission-like rule: truthy when allowed, with a code and reason when not."""

    allowed: bool
    code: str = ""
    reason: str | Promise = ""
    params: Mapping[str, Any] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return self.allowed

    @classmethod
    def yes(cls) -> Decision:
        return cls(True)

    @classmethod
    def no(cls, code: str, template: str | Promise, /, **params: Any) -> Decision:
        return cls(False, code, interpolate(template, **params), params)

    def raise_if_refused(self) -> None:
        """Turn a refusal into a :class:`DossierRuleError` (for services)."""
        if not self.allowed:
            error = DossierRuleError(self.code, "%(reason)s", reason=self.reason)
            error.params = dict(self.params)
            raise error


class Channel(StrEnum):
    """How a dossier comes in or its result goes out (cách thức nộp hồ sơ, nhận kết quả).

    NĐ 61/2018/NĐ-CP Điều 16; NĐ 118/2025/NĐ-CP khoản 2 Điều 15 (legal-rules §2.2, §2.12).
    """

    DIRECT = "direct"  # trực tiếp tại Bộ phận Một cửa
    POSTAL = "postal"  # qua dịch vụ bưu chính công ích (QĐ 45/2016/QĐ-TTg)
    ONLINE = "online"  # trực tuyến trên Cổng Dịch vụ công

    @property
    def label(self) -> Promise:
        return _CHANNEL_LABELS[self]


_CHANNEL_LABELS: dict[Channel, Promise] = {
    Channel.DIRECT: pgettext_lazy("channel", "In person"),
    Channel.POSTAL: pgettext_lazy("channel", "By public postal service"),
    Channel.ONLINE: pgettext_lazy("channel", "Online"),
}


def require_aware(moment: dt.datetime, name: str = "datetime") -> dt.datetime:
    """Refuse naive datetimes: every legal instant is an aware datetime (USE_TZ = True)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware.")
    return moment


def local_date(moment: dt.datetime, tz: dt.tzinfo = VIETNAM_TZ) -> dt.date:
    """The calendar day of ``moment`` in Vietnam (datetimes from the database come back in UTC)."""
    return require_aware(moment).astimezone(tz).date()
