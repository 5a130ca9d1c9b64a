"""Tracking codes (mã tra cứu): the citizen follows a case by code, without an account, so the
code carries a random part that cannot be guessed (8 characters of 31 ≈ 40 bits)."""

from __future__ import annotations

import datetime as dt
import secrets

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I


def tracking_code(prefix: str, day: dt.date, rand: secrets.SystemRandom | None = None) -> str:
    """``PA-260105-7K3M9QAB``: prefix, received date (yymmdd), 8 random characters."""
    rng = rand or secrets.SystemRandom()
    tail = "".join(rng.choice(ALPHABET) for _ in range(8))
    return f"{prefix}-{day:%y%m%d}-{tail}"


def normalise_code(raw: str) -> str:
    return "".join(raw.split()).upper()
