"""Masking of personal data on public pages (Luật Bảo vệ dữ liệu cá nhân; NĐ 13/2023/NĐ-CP).

The public status page is open to anyone holding the tracking code, so it shows only enough to
let the applicant recognise the dossier: "Nguyễn V*** A", "09******78". Pure functions.
"""

from __future__ import annotations

STARS = "***"


def mask_name(name: str) -> str:
    """``"Nguyễn Văn An"`` → ``"Nguyễn V*** A"``: the family name, initials of the rest.

    Middle names show their initial and ``***``; the given name only its initial, so the
    length of no word but the family name leaks. A one-word name keeps its initial only.
    """
    words = (name or "").split()
    if not words:
        return ""
    if len(words) == 1:
        return f"{words[0][0]}{STARS}"
    middle = [f"{w[0]}{STARS}" for w in words[1:-1]]
    return " ".join([words[0], *middle, words[-1][0]])


def mask_phone(phone: str) -> str:
    """``"0912345678"`` → ``"09******78"``: the first two and last two digits."""
    digits = "".join(c for c in (phone or "") if c.isdigit())
    if len(digits) < 6:
        return "*" * len(digits)
    return f"{digits[:2]}{'*' * (len(digits) - 4)}{digits[-2:]}"
