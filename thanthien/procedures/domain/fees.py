"""Fees and charges (phí, lệ phí) of a procedure.

The catalogue holds the legal fee of each procedure per its unit (``fee_unit``: per copy, per
page, per case...). Charging more than the law allows is forbidden (NĐ 61/2018 Điều 5: no
collecting beyond the rules; Luật Phí và lệ phí 2015), so a charge above the legal fee is
refused. Exemptions (miễn lệ phí) only lower the charge and are described in ``fee_note``.
"""

from __future__ import annotations

from decimal import Decimal

# Thông tư 226/2016/TT-BTC Điều 4 khoản 1: chứng thực bản sao từ bản chính —
# 2.000 đ/trang for the first two pages, 1.000 đ/trang from the third, at most 200.000 đ/bản.
COPY_FIRST_PAGES = 2
COPY_FEE_FIRST_PAGES = Decimal(2000)
COPY_FEE_NEXT_PAGES = Decimal(1000)
COPY_FEE_MAX_PER_COPY = Decimal(200000)


def charge_allowed(procedure_fee: Decimal, charged: Decimal) -> bool:
    """True if ``charged`` is within the legal fee (0 ≤ charged ≤ procedure fee)."""
    return Decimal(0) <= Decimal(charged) <= Decimal(procedure_fee)


def certified_copy_fee(pages: int, copies: int = 1) -> Decimal:
    """Legal fee for certifying ``copies`` copies of a ``pages``-page original (TT 226/2016).

    Pages are counted on the original (bản chính).
    """
    if pages < 1 or copies < 1:
        raise ValueError("pages and copies must be positive")
    first = min(pages, COPY_FIRST_PAGES)
    per_copy = first * COPY_FEE_FIRST_PAGES + (pages - first) * COPY_FEE_NEXT_PAGES
    return min(per_copy, COPY_FEE_MAX_PER_COPY) * copies


def fee_ceiling(fee_amount: Decimal, quantity: int = 1, *, pages: int | None = None) -> Decimal:
    """The most that may be charged for ``quantity`` units of a procedure's fee unit.

    ``fee_amount`` is per ``fee_unit`` (per copy, per case...), so the ceiling is
    ``fee_amount × quantity``. For the per-page certified-copy fees (fee unit "trang",
    TT 226/2016), pass ``pages`` (of the original) and ``quantity`` copies: the tiered rule of
    :func:`certified_copy_fee` applies instead.
    """
    if quantity < 0:
        raise ValueError("quantity must not be negative")
    if pages is not None:
        return certified_copy_fee(pages, quantity) if quantity else Decimal(0)
    return Decimal(fee_amount) * quantity
