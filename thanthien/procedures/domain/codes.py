"""Procedure codes (mã thủ tục hành chính).

The national database of administrative procedures (CSDL quốc gia về TTHC, published on the
Cổng Dịch vụ công quốc gia) numbers each procedure ``X.NNNNNN`` (e.g. ``1.001193`` for birth
registration); a case of a procedure (e.g. a linked service) adds ``.NN``. A province may
also publish local procedures under its own codes, so the catalogue accepts any short code of
letters, digits, dots, dashes and underscores, and tells national codes apart.
"""

from __future__ import annotations

import re

NATIONAL_CODE = re.compile(r"^\d\.\d{6}(\.\d{2})?$")
ANY_CODE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._\-]{0,29}$")


def normalize_code(code: str) -> str:
    return (code or "").strip()


def is_valid_code(code: str) -> bool:
    return bool(ANY_CODE.match(normalize_code(code)))


def is_national_code(code: str) -> bool:
    return bool(NATIONAL_CODE.match(normalize_code(code)))
