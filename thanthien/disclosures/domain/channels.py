"""One item, every channel: texts for the loudspeaker and for hamlet Zalo groups.

Pure Python. The web page and the A4 notice are rendered elsewhere from the same item; here
are the plain-text outputs. The loudspeaker script is written to be read aloud: no URLs, no
abbreviations the reader must expand, numbers and dates spelled the way announcers say them,
and the message read twice (the usual practice of commune radio, so latecomers hear it).
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from dataclasses import dataclass
from enum import StrEnum

# Zalo group posts are read on phones; keep them to one screen.
ZALO_MAX_CHARS = 600


class Channel(StrEnum):
    """A channel the platform produced an output for (logged on use)."""

    WEB = "web"
    PAPER = "paper"  # printable A4 notice (niêm yết)
    LOUDSPEAKER = "loudspeaker"  # script for the commune radio (truyền thanh)
    ZALO = "zalo"  # short message for hamlet Zalo groups (mạng xã hội)


@dataclass(frozen=True, slots=True)
class ItemText:
    commune: str  # "Phường Phan Đình Phùng"
    title: str
    summary: str
    category_title: str
    published_on: dt.date
    url: str = ""
    office_address: str = ""


_ABBREVIATIONS = {
    r"\bUBND\b": "Ủy ban nhân dân",
    r"\bHĐND\b": "Hội đồng nhân dân",
    r"\bMTTQ\b": "Mặt trận Tổ quốc",
    r"\bTTHC\b": "thủ tục hành chính",
    r"\bBHYT\b": "bảo hiểm y tế",
    r"\bNĐ-CP\b": "Nghị định của Chính phủ",
    r"\bQĐ\b": "Quyết định",
    r"\bTB\b": "Thông báo",
    r"\bđ\b": "đồng",
}
_URL = re.compile(r"https?://\S+")


def spoken_date(day: dt.date) -> str:
    """'ngày 5 tháng 1 năm 2026' — without the leading zeros of written dates."""
    return f"ngày {day.day} tháng {day.month} năm {day.year}"


def for_reading_aloud(text: str) -> str:
    """Expand abbreviations and drop links, so the announcer reads it as written."""
    text = _URL.sub("", text)
    for pattern, spoken in _ABBREVIATIONS.items():
        text = re.sub(pattern, spoken, text)
    return re.sub(r"[ \t]+", " ", text).strip()


def loudspeaker_script(item: ItemText) -> str:
    """Plain text for the commune radio, read twice."""
    body = for_reading_aloud(item.summary)
    where = for_reading_aloud(item.office_address) if item.office_address else "trụ sở Ủy ban nhân dân"
    core = (
        f"Thông báo của Ủy ban nhân dân {item.commune}.\n\n"
        f"{for_reading_aloud(item.title)}.\n\n"
        f"{body}\n\n"
        f"Nội dung này được công khai từ {spoken_date(item.published_on)}, niêm yết tại {where} "
        "và nhà văn hóa các thôn, tổ dân phố. Bà con cần biết thêm xin liên hệ bộ phận một cửa "
        "hoặc trưởng thôn, tổ trưởng tổ dân phố."
    )
    lines = [textwrap.fill(p, 80) if p else "" for p in core.split("\n")]
    once = "\n".join(lines)
    return (
        "KỊCH BẢN PHÁT THANH (đọc hai lần)\n\n"
        "Kính thưa bà con Nhân dân!\n\n"
        f"{once}\n\n"
        "Xin nhắc lại:\n\n"
        f"{once}\n\n"
        "Xin cảm ơn bà con đã lắng nghe.\n"
    )


def zalo_message(item: ItemText) -> str:
    """A short message for hamlet Zalo groups (≤ 600 characters, with the link)."""
    head = f"📢 UBND {item.commune} thông báo: {item.title}"
    tail = f"\nXem chi tiết: {item.url}" if item.url else ""
    room = ZALO_MAX_CHARS - len(head) - len(tail) - 2
    summary = item.summary.strip()
    if len(summary) > room:
        summary = summary[: max(room - 1, 0)].rsplit(" ", 1)[0] + "…"
    return f"{head}\n{summary}{tail}"
