"""Masking of personal data: the denouncer's identity (Luật Tố cáo Điều 9) and personal data
removed from answers published for the public interest."""

from __future__ import annotations

import re

MASK = "***"

_PHONE = re.compile(r"(?<!\d)(?:\+?84|0)(?:[\s.-]?\d){8,10}(?!\d)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_ID = re.compile(r"(?<!\d)\d{9}(?:\d{3})?(?!\d)")


def mask_name(name: str) -> str:
    """Keep nothing that identifies the person: only the mask."""
    return MASK if name else ""


def redact(text: str, names: list[str] | tuple[str, ...] = ()) -> str:
    """Remove phone numbers, e-mail addresses, ID numbers and the given names from ``text``."""
    result = _EMAIL.sub(MASK, text or "")
    result = _PHONE.sub(MASK, result)
    result = _ID.sub(MASK, result)
    for name in names:
        if name and name.strip():
            result = re.sub(re.escape(name.strip()), MASK, result, flags=re.IGNORECASE)
    return result
