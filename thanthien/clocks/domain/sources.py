"""Where the calendar's facts come from: the ``holidays`` package and the announced swaps.

* Statutory holidays (BLLĐ 2019 Điều 112) and compensatory days (nghỉ bù, Điều 111 khoản 3)
  come from ``holidays`` (MIT), which uses a Vietnamese (UTC+7) lunar table for Tết and Giỗ Tổ
  and gives Vietnamese names. It also lists announced swapped days off, but not the make-up
  working Saturdays that pay for them — those must be data (legal-rules §4.1: swaps "cannot be
  computed; they must be entered as data each year").
* :data:`ANNOUNCED_SWAPS` is the seed of the administrator-editable override table: the swaps
  announced for 2024–2026. The data migration ``0002_seed_announced_swaps`` copies it (frozen);
  the benchmark and the domain tests build the calendar from it without a database.
"""

from __future__ import annotations

import datetime as dt

import holidays as holidays_lib

from .calendar import Override, OverrideKind

_BASIS_2024 = (
    "Thông báo lịch nghỉ lễ 30/4–1/5/2024 của Bộ Lao động – Thương binh và Xã hội "
    "(hoán đổi ngày làm việc thứ Hai 29/4/2024 với thứ Bảy 04/5/2024)"
)
_BASIS_2025 = (
    "Thông báo lịch nghỉ lễ 30/4–1/5/2025 của Bộ Nội vụ "
    "(hoán đổi ngày làm việc thứ Sáu 02/5/2025 với thứ Bảy 26/4/2025)"
)
_BASIS_2026 = (
    "Thông báo lịch nghỉ lễ Quốc khánh 2/9/2026 của Bộ Nội vụ "
    "(hoán đổi ngày làm việc thứ Hai 31/8/2026 với thứ Bảy 22/8/2026)"
)

ANNOUNCED_SWAPS: tuple[Override, ...] = (
    Override(dt.date(2024, 4, 29), OverrideKind.DAY_OFF, "Nghỉ hoán đổi (làm bù thứ Bảy 04/5/2024)", _BASIS_2024),
    Override(dt.date(2024, 5, 4), OverrideKind.WORKING_DAY, "Làm việc bù cho ngày nghỉ 29/4/2024", _BASIS_2024),
    Override(dt.date(2025, 4, 26), OverrideKind.WORKING_DAY, "Làm việc bù cho ngày nghỉ 02/5/2025", _BASIS_2025),
    Override(dt.date(2025, 5, 2), OverrideKind.DAY_OFF, "Nghỉ hoán đổi (làm bù thứ Bảy 26/4/2025)", _BASIS_2025),
    Override(dt.date(2026, 8, 22), OverrideKind.WORKING_DAY, "Làm việc bù cho ngày nghỉ 31/8/2026", _BASIS_2026),
    Override(dt.date(2026, 8, 31), OverrideKind.DAY_OFF, "Nghỉ hoán đổi (làm bù thứ Bảy 22/8/2026)", _BASIS_2026),
)


def statutory_holidays(first_year: int, last_year: int) -> dict[dt.date, str]:
    """Vietnamese public holidays with Vietnamese names, from the ``holidays`` package.

    Kept as the package lists them, including 24/11 "Ngày Văn hóa Việt Nam" from 2026 on; an
    administrator can cancel any day with a ``working_day`` override (docs/working-days.md).
    """
    table = holidays_lib.country_holidays("VN", years=range(first_year, last_year + 1), language="vi")
    return {day: str(name) for day, name in table.items()}
