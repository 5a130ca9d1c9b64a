"""Dossier codes (mã số hồ sơ) and short public tracking codes.

* The dossier code of TT 01/2018/TT-VPCP Điều 19 (NĐ 61/2018/NĐ-CP Điều 17 khoản 3, Điều 26):
  ``V1V2V3.Z1Z2.Y1Y2.MX1X2-YYMMDD-XXXX`` — the receiving agency's identifier under
  TT 10/2016/TT-BTTTT, the reception date, and a 4-digit sequence number within the day. It is
  printed on Mẫu 01 and used to track the dossier on the national and provincial portals.
  Under NĐ 118/2025 and TT 03/2025 the format may have changed (legal-rules §2.3, ❓ U), so the
  layout is a template (:class:`DossierCodeFormat`).
* A short public tracking code for the QR on the slips (TT 01/2018 Điều 19 allows a barcode or
  QR). The dossier code is guessable (agency, date, running number); the tracking code is an
  HMAC of it under a server secret, so knowing one dossier's code does not reveal another's
  status page. Crockford base-32 letters (no I, L, O, U) and a Luhn mod-32 check character
  catch typing errors.

Allocating the next sequence number is a database concern (one counter per agency and day,
under a lock); this module only formats, parses and validates.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import string
from dataclasses import dataclass
from functools import cached_property

from django.utils.translation import gettext_lazy as _

from .common import DossierRuleError

__all__ = [
    "AGENCY_CODE_PATTERN",
    "DEFAULT_CODE_FORMAT",
    "DEFAULT_TEMPLATE",
    "DossierCode",
    "DossierCodeFormat",
    "format_tracking_code",
    "normalise_tracking_code",
    "tracking_code",
]

#: TT 10/2016/TT-BTTTT identifier ``V1V2V3.Z1Z2.Y1Y2.MX1X2``: three numeric levels and a level-1
#: code of one letter (the kind of body, e.g. H for a province) and two digits. The character
#: classes are from memory (❓ U), hence a setting.
AGENCY_CODE_PATTERN = r"\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}"

#: TT 01/2018/TT-VPCP Điều 19: agency identifier, reception date YYMMDD, daily sequence.
DEFAULT_TEMPLATE = "{agency}-{yymmdd}-{seq}"

_FIELDS = frozenset({"agency", "yymmdd", "seq"})


@dataclass(frozen=True)
class DossierCode:
    """The parts of a dossier code."""

    agency: str
    received_on: dt.date
    sequence: int


@dataclass(frozen=True)
class DossierCodeFormat:
    """A dossier-code layout: ``template`` with the fields ``{agency}``, ``{yymmdd}`` and ``{seq}``.

    Each field appears exactly once; everything else is literal text. ``sequence_digits`` is the
    zero-padded width of the daily sequence (4 in TT 01/2018, so at most 9999 dossiers per
    agency and day).
    """

    template: str = DEFAULT_TEMPLATE
    agency_pattern: str = AGENCY_CODE_PATTERN
    sequence_digits: int = 4

    def __post_init__(self) -> None:
        names = [name for _lit, name, _spec, _conv in string.Formatter().parse(self.template) if name is not None]
        if sorted(names) != sorted(_FIELDS):
            raise ValueError("The template must contain {agency}, {yymmdd} and {seq} exactly once each.")
        if not 1 <= self.sequence_digits <= 9:
            raise ValueError("sequence_digits must be between 1 and 9.")
        re.compile(self.agency_pattern)

    @cached_property
    def _regex(self) -> re.Pattern[str]:
        groups = {
            "agency": f"(?P<agency>{self.agency_pattern})",
            "yymmdd": r"(?P<yymmdd>\d{6})",
            "seq": rf"(?P<seq>\d{{{self.sequence_digits}}})",
        }
        parts = []
        for literal, name, _spec, _conv in string.Formatter().parse(self.template):
            parts.append(re.escape(literal))
            if name is not None:
                parts.append(groups[name])
        return re.compile("".join(parts))

    @property
    def max_sequence(self) -> int:
        return 10**self.sequence_digits - 1

    def is_valid_agency(self, agency: str) -> bool:
        return re.fullmatch(self.agency_pattern, agency) is not None

    def format(self, agency: str, received_on: dt.date, sequence: int) -> str:
        """The code of the ``sequence``-th dossier received by ``agency`` on ``received_on``."""
        if not self.is_valid_agency(agency):
            raise DossierRuleError(
                "code.invalid_agency",
                _("“%(agency)s” is not a valid agency identifier (TT 10/2016/TT-BTTTT)."),
                agency=agency,
            )
        if not 1 <= sequence <= self.max_sequence:
            raise DossierRuleError(
                "code.sequence_exhausted",
                _("The daily sequence number must be between 1 and %(max)s."),
                max=self.max_sequence,
            )
        return self.template.format(
            agency=agency, yymmdd=received_on.strftime("%y%m%d"), seq=str(sequence).zfill(self.sequence_digits)
        )

    def parse(self, code: str) -> DossierCode:
        """Split a code into its parts; :class:`DossierRuleError` if it does not match the format."""
        match = self._regex.fullmatch(code.strip().upper())
        if match is None:
            raise DossierRuleError("code.invalid", _("“%(code)s” is not a valid dossier code."), code=code)
        try:
            received_on = dt.datetime.strptime(match["yymmdd"], "%y%m%d").date()  # noqa: DTZ007 — a date, no time
        except ValueError:
            raise DossierRuleError(
                "code.invalid_date", _("“%(code)s” does not contain a valid reception date."), code=code
            ) from None
        sequence = int(match["seq"])
        if sequence == 0:
            raise DossierRuleError("code.invalid", _("“%(code)s” is not a valid dossier code."), code=code)
        return DossierCode(match["agency"], received_on, sequence)

    def is_valid(self, code: str) -> bool:
        try:
            self.parse(code)
        except DossierRuleError:
            return False
        return True


DEFAULT_CODE_FORMAT = DossierCodeFormat()

# ---- public tracking code ------------------------------------------------------------------

_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base 32
_INDEX = {c: i for i, c in enumerate(_ALPHABET)}
_ALIASES = str.maketrans({"O": "0", "I": "1", "L": "1"})


def _luhn_check(body: str) -> str:
    """Luhn mod-N check character over the base-32 alphabet (catches every single-character error)."""
    factor, total, n = 2, 0, len(_ALPHABET)
    for char in reversed(body):
        addend = factor * _INDEX[char]
        factor = 1 if factor == 2 else 2
        total += addend // n + addend % n
    return _ALPHABET[(n - total % n) % n]


def tracking_code(dossier_code: str, *, secret: bytes, length: int = 10, attempt: int = 0) -> str:
    """A short, unguessable public code for ``dossier_code``: ``length`` characters plus a check.

    HMAC-SHA256 under ``secret`` (a server setting, at least 16 bytes). 10 characters carry 50
    bits; should two dossiers ever collide (the column is unique), derive again with
    ``attempt=1, 2, …``.
    """
    if len(secret) < 16:
        raise ValueError("The tracking secret must be at least 16 bytes.")
    if not 4 <= length <= 20:
        raise ValueError("length must be between 4 and 20.")
    message = f"{dossier_code.strip().upper()}#{attempt}".encode()
    value = int.from_bytes(hmac.new(secret, message, hashlib.sha256).digest(), "big")
    body = "".join(_ALPHABET[(value >> (5 * i)) & 31] for i in range(length))
    return body + _luhn_check(body)


def normalise_tracking_code(text: str, *, length: int = 10) -> str | None:
    """Canonical form of a typed or scanned tracking code, or ``None`` if it is not one.

    Case, spaces and hyphens are ignored; O reads as 0 and I, L as 1 (Crockford).
    """
    cleaned = re.sub(r"[\s\-]", "", text).upper().translate(_ALIASES)
    if len(cleaned) != length + 1 or any(c not in _INDEX for c in cleaned):
        return None
    body, check = cleaned[:-1], cleaned[-1]
    return cleaned if _luhn_check(body) == check else None


def format_tracking_code(code: str, group: int = 4) -> str:
    """``ABCD-EFGH-JKM`` for print and reading aloud."""
    return "-".join(code[i : i + group] for i in range(0, len(code), group))
