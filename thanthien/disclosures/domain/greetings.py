"""Greetings (thư chúc mừng) from the commune chairman before public holidays (plan R1.6).

Pure Python: the holidays come from the working-day engine's calendar entries (``day``,
``name``); ``today`` is passed in. A draft is due ``LEAD_DAYS`` before the holiday so the
website, the loudspeaker and the social networks can carry it in time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

# A draft is ready two weeks ahead (editable by the chairman before it goes out).
LEAD_DAYS = 14


class HolidayEntry(Protocol):
    day: dt.date
    name: str


@dataclass(frozen=True, slots=True)
class Occasion:
    """One holiday to greet: its first day and name (a multi-day Tết is one occasion)."""

    day: dt.date
    name: str


def occasions(entries: Iterable[HolidayEntry]) -> list[Occasion]:
    """Group consecutive holiday days of the same festival into one occasion, first day kept.

    Days are grouped when they follow each other; the name kept is the first day's name.
    """
    result: list[Occasion] = []
    previous: dt.date | None = None
    for entry in sorted(entries, key=lambda e: e.day):
        if previous is not None and (entry.day - previous).days <= 1 and result:
            previous = entry.day
            continue
        result.append(Occasion(entry.day, _festival(entry.name)))
        previous = entry.day
    return result


def _festival(name: str) -> str:
    # "Tết Nguyên đán (mùng 1)" → "Tết Nguyên đán"; keeps the name readable in a greeting.
    return name.split("(")[0].strip() or name


def upcoming(entries: Iterable[HolidayEntry], *, today: dt.date, lead_days: int = LEAD_DAYS) -> list[Occasion]:
    """Occasions whose first day falls within ``lead_days`` from ``today`` (inclusive)."""
    return [o for o in occasions(entries) if today <= o.day <= today + dt.timedelta(days=lead_days)]


@dataclass(frozen=True, slots=True)
class GreetingTexts:
    web: str
    loudspeaker: str
    social: str


def draft_greeting(*, occasion: Occasion, commune: str, chairman: str) -> GreetingTexts:
    """Three drafts of the chairman's greeting: web page, radio script, social-network post."""
    year = occasion.day.year
    signer = f"Chủ tịch Ủy ban nhân dân {commune}" + (f" {chairman}" if chairman else "")
    web = (
        f"Nhân dịp {occasion.name} năm {year}, thay mặt Ủy ban nhân dân {commune}, "
        "tôi xin gửi tới toàn thể cán bộ, đảng viên và Nhân dân trên địa bàn lời chúc sức khỏe, "
        "hạnh phúc và thành công. Chúc bà con đón ngày lễ vui tươi, an toàn, tiết kiệm; cùng "
        "chung sức xây dựng chính quyền thân thiện, Nhân dân phát huy quyền làm chủ.\n\n"
        f"{signer}"
    )
    loudspeaker = (
        "Kính thưa bà con Nhân dân!\n\n"
        f"Nhân dịp {occasion.name} năm {year}, Chủ tịch Ủy ban nhân dân {commune} "
        "gửi tới toàn thể bà con lời chúc sức khỏe, hạnh phúc. Đề nghị bà con đón ngày lễ "
        "vui tươi, an toàn, giữ gìn trật tự và vệ sinh môi trường.\n\n"
        "Xin cảm ơn bà con đã lắng nghe.\n"
    )
    social = f"🎉 Chào mừng {occasion.name} {year}! UBND {commune} kính chúc bà con sức khỏe, hạnh phúc, đón lễ vui tươi, an toàn."
    return GreetingTexts(web=web, loudspeaker=loudspeaker, social=social)
