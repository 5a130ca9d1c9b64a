"""Text rules of Nghị định 30/2020/NĐ-CP on công tác văn thư (Phụ lục I): number, symbol,
place-and-date line, legal bases, "Nơi nhận".

Pure functions of plain values; no clock (a date is passed in), no Django. The fixed phrases
("Số:", "ngày … tháng … năm", "Nơi nhận:", "Lưu: VT") are the legal form of a Vietnamese
administrative document and are Vietnamese whatever the interface language (NĐ 30 Điều 8:
văn bản hành chính is written in Vietnamese), so they are constants here, not translations.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"  # Quốc hiệu
MOTTO = "Độc lập - Tự do - Hạnh phúc"  # Tiêu ngữ: hyphens with spaces (Phụ lục I, mục II.1)
RECIPIENTS_LABEL = "Nơi nhận:"
KINH_GUI_LABEL = "Kính gửi:"

# Blank left for a number or a date written by hand at signing: no-break spaces, so the gap
# survives both Typst and Word.
BLANK = "\u00a0" * 6
DOTS = "…"

# NĐ 30 Phụ lục III: abbreviations of the 27 document types that have one. Công văn and thư công
# have none (a công văn's symbol is "<issuer>-<drafting unit>", e.g. "UBND-VP").
DOC_TYPE_ABBREVIATIONS: dict[str, str] = {
    "NGHỊ QUYẾT": "NQ",
    "QUYẾT ĐỊNH": "QĐ",
    "CHỈ THỊ": "CT",
    "QUY CHẾ": "QC",
    "QUY ĐỊNH": "QyĐ",
    "THÔNG CÁO": "TC",
    "THÔNG BÁO": "TB",
    "HƯỚNG DẪN": "HD",
    "CHƯƠNG TRÌNH": "CTr",
    "KẾ HOẠCH": "KH",
    "PHƯƠNG ÁN": "PA",
    "ĐỀ ÁN": "ĐA",
    "DỰ ÁN": "DA",
    "BÁO CÁO": "BC",
    "BIÊN BẢN": "BB",
    "TỜ TRÌNH": "TTr",
    "HỢP ĐỒNG": "HĐ",
    "CÔNG ĐIỆN": "CĐ",
    "BẢN GHI NHỚ": "BGN",
    "BẢN THỎA THUẬN": "BTT",
    "GIẤY ỦY QUYỀN": "GUQ",
    "GIẤY MỜI": "GM",
    "GIẤY GIỚI THIỆU": "GGT",
    "GIẤY NGHỈ PHÉP": "GNP",
    "PHIẾU GỬI": "PG",
    "PHIẾU CHUYỂN": "PC",
    "PHIẾU BÁO": "PB",
}


def two_digits_below_ten(value: int) -> str:
    """Numbers and days below 10 take a leading zero: 5 → "05", 12 → "12"."""
    return f"{value:02d}" if 0 <= value < 10 else str(value)


def format_number(number: int | None, symbol: str) -> str:
    """The number and symbol of a document: ``(5, "QĐ-UBND")`` → ``"05/QĐ-UBND"``.

    NĐ 30 Phụ lục I mục II.3: Arabic numerals from 01 each year, a leading zero below 10, "/"
    between number and symbol. ``None`` leaves a blank for the number given at issue.
    """
    if number is not None and number < 1:
        raise ValueError("A document number starts at 1.")
    head = BLANK if number is None else two_digits_below_ten(number)
    return f"{head}/{symbol}" if symbol else head


def number_line(number: int | None, symbol: str) -> str:
    """``"Số: 05/QĐ-UBND"`` ("Số" lower-case but capitalised, followed by a colon)."""
    return f"Số: {format_number(number, symbol)}"


def month_text(month: int) -> str:
    """Months 1 and 2 take a leading zero ("01", "02"); 3–12 do not (NĐ 30 Phụ lục I II.4)."""
    if not 1 <= month <= 12:
        raise ValueError("month out of range")
    return f"{month:02d}" if month <= 2 else str(month)


def date_text(on: dt.date) -> str:
    """``"ngày 05 tháng 01 năm 2026"``: days below 10 and months 1–2 with a leading zero."""
    return f"ngày {two_digits_below_ten(on.day)} tháng {month_text(on.month)} năm {on.year}"


def short_date(on: dt.date) -> str:
    """A date cited in running text, as Vietnamese documents write it: ``"01/7/2025"``,
    ``"05/01/2026"`` (same leading-zero rule as the date line)."""
    return f"{two_digits_below_ten(on.day)}/{month_text(on.month)}/{on.year}"


def place_date_line(place: str, on: dt.date | None, *, blank_year: int | None = None) -> str:
    """The place-and-date line: ``"Phan Đình Phùng, ngày 05 tháng 01 năm 2026"``.

    ``place`` is the official name of the unit where the issuer sits, without its type word
    after 1/7/2025 practice ("Phan Đình Phùng", "Thái Nguyên"). With no date: a blank to write
    by hand at signing, keeping ``blank_year`` if known, or dotted blanks on a form.
    """
    where = place.strip() or DOTS
    if on is not None:
        return f"{where}, {date_text(on)}"
    if blank_year is not None:
        return f"{where}, ngày{BLANK}tháng{BLANK}năm {blank_year}"
    return f"{where}, ngày {DOTS} tháng {DOTS} năm {DOTS}"


def _strip_end(text: str) -> str:
    return text.strip().rstrip(";.,").rstrip()


def legal_basis_lines(bases: Iterable[str]) -> list[str]:
    """Each "Căn cứ …" ends with ";" and the last one with "." (Phụ lục I mục II.7)."""
    items = [_strip_end(b) for b in bases if b.strip()]
    return [item + ("." if i == len(items) - 1 else ";") for i, item in enumerate(items)]


def recipient_lines(recipients: Iterable[str], archive: str = "") -> list[str]:
    """The "Nơi nhận" list: each line "- …;", the last "- Lưu: VT, <drafting unit>.".

    ``archive`` names the drafting unit(s) after "VT" (văn thư); "VT" is added if missing.
    No recipients and no archive → no list (forms and slips have none).
    """
    items = [_strip_end(r).lstrip("-").strip() for r in recipients if r.strip()]
    archive = _strip_end(archive)
    if not items and not archive:
        return []
    if not archive.startswith("VT"):
        archive = f"VT, {archive}" if archive else "VT"
    lines = [f"- {item};" for item in items]
    lines.append(f"- Lưu: {archive}.")
    return lines


def symbol_for(doc_type: str, issuer: str, drafting_unit: str = "") -> str:
    """The symbol (ký hiệu) of a document: ``("THÔNG BÁO", "UBND")`` → ``"TB-UBND"``.

    A công văn or thư công (no type abbreviation) is ``"<issuer>-<drafting unit>"``.
    """
    abbreviation = DOC_TYPE_ABBREVIATIONS.get(doc_type.strip().upper(), "")
    parts = [abbreviation, issuer] if abbreviation else [issuer, drafting_unit]
    return "-".join(p for p in parts if p)
