"""Vietnamese mobile numbers (số điện thoại di động) — pure Python.

Numbers are kept in the national form people read and type: ten digits starting with 0
("0912345678"). Input may carry the country code (+84, 84, 0084), spaces, dots, dashes,
brackets or full-width digits. Since the 2018 renumbering every mobile number has ten digits
and begins with 03, 05, 07, 08 or 09 (Quyết định 798/QĐ-BTTTT, 2018); landlines (02x…) cannot
receive a one-time code and are refused.
"""

from __future__ import annotations

import re
import unicodedata

_SEPARATORS = re.compile(r"[\s.\-()/]+")
_MOBILE = re.compile(r"^0[35789]\d{8}$")


class InvalidPhone(ValueError):
    """The text is not a Vietnamese mobile number."""


def normalize_phone(raw: str) -> str:
    """'+84 912 345 678' -> '0912345678'. Raises :class:`InvalidPhone`."""
    text = _SEPARATORS.sub("", unicodedata.normalize("NFKC", raw or ""))
    if text.startswith("+84"):
        text = "0" + text[3:]
    elif text.startswith("0084"):
        text = "0" + text[4:]
    elif text.startswith("84") and len(text) in (11, 12):
        text = "0" + text[2:]
    if text.startswith("00"):  # "+84 0912…": the trunk zero typed after the country code
        text = text[1:]
    if not _MOBILE.match(text):
        raise InvalidPhone(raw)
    return text


def mask_phone(phone: str) -> str:
    """'0912345678' -> '0912***678': enough to recognise, not enough to dial."""
    if len(phone) < 7:
        return "***"
    return f"{phone[:4]}***{phone[-3:]}"
