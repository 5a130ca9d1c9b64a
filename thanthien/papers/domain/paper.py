"""An official paper (văn bản hành chính) as plain data, ready to render to PDF or DOCX.

A :class:`Paper` describes *what* is on the paper; the layout rules of Nghị định 30/2020/NĐ-CP
(Phụ lục I) live in the renderers and in :mod:`thanthien.papers.domain.nd30`. Every text field is
plain text: renderers pass it on as data, never as markup, so a citizen's name such as
``"*Nguyễn* #set"`` prints exactly as typed.

Papers are frozen dataclasses made of tuples, so a builder can keep one as a module constant
and bulk printing (ballots, slips) can share blocks between thousands of papers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class PaperSize(StrEnum):
    """Paper sizes. Administrative documents are A4 (NĐ 30 Phụ lục I); one-stop slips are A5
    (TT 01/2018/TT-VPCP Mẫu 01–05)."""

    A4 = "a4"
    A5 = "a5"


class Orientation(StrEnum):
    PORTRAIT = "portrait"
    LANDSCAPE = "landscape"  # wide tables, e.g. Mẫu 06 Sổ theo dõi hồ sơ


class Align(StrEnum):
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"
    JUSTIFY = "justify"


@dataclass(frozen=True, slots=True)
class Run:
    """A piece of text inside a paragraph with its own emphasis."""

    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A body paragraph: justified with a first-line indent unless told otherwise (NĐ 30)."""

    text: str | tuple[Run, ...]
    align: Align = Align.JUSTIFY
    indent: bool = True
    bold: bool = False
    italic: bool = False
    size: float | None = None  # points; None = body size

    @property
    def runs(self) -> tuple[Run, ...]:
        if isinstance(self.text, str):
            return (Run(self.text),)
        return self.text


@dataclass(frozen=True, slots=True)
class Heading:
    """A section heading such as "I. MỤC ĐÍCH, YÊU CẦU" (bold) or "1. Mục đích" (level 2)."""

    text: str
    level: int = 1
    align: Align = Align.LEFT


@dataclass(frozen=True, slots=True)
class ItemList:
    """A list. ``style`` is the numbering: ``"1."``, ``"1)"``, ``"a)"``, ``"I."`` or a bullet
    ``"-"``/``"+"``. NĐ 30 body style: each item a paragraph with first-line indent."""

    items: tuple[str, ...]
    style: str = "1."
    start: int = 1
    hanging: bool = False  # True: markers in their own column (forms); False: NĐ 30 body style

    BULLETS = ("-", "+", "•")

    @property
    def is_bulleted(self) -> bool:
        return self.style in self.BULLETS

    def marker(self, index: int) -> str:
        """The marker of the item at ``index`` (0-based)."""
        if self.is_bulleted:
            return self.style
        number = self.start + index
        if self.style.startswith("a"):
            label = _letters(number)
        elif self.style.startswith("I"):
            label = _roman(number)
        else:
            label = str(number)
        return label + self.style[1:]


def _letters(number: int) -> str:
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def _roman(number: int) -> str:
    values = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC")]
    values += [(50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for value, symbol in values:
        while number >= value:
            out += symbol
            number -= value
    return out


@dataclass(frozen=True, slots=True)
class Cell:
    """A table cell; spans let header rows group columns (e.g. "Nhận hồ sơ" over two columns)."""

    text: str = ""
    colspan: int = 1
    rowspan: int = 1
    bold: bool | None = None  # None = bold in header rows, regular in the body
    italic: bool = False
    align: Align | None = None  # None = centred in header rows, the column's alignment in the body


@dataclass(frozen=True, slots=True)
class Table:
    """A ruled table. Header rows repeat on every page (the A4 tracking book runs for pages)."""

    rows: tuple[tuple[Cell | str, ...], ...]
    header_rows: tuple[tuple[Cell | str, ...], ...] = ()
    widths: tuple[float, ...] = ()  # relative widths (fractions); empty = equal columns
    aligns: tuple[Align, ...] = ()  # per column; empty = left
    size: float | None = None  # points; None = body size − 1
    caption: str = ""

    @property
    def column_count(self) -> int:
        if self.widths:
            return len(self.widths)
        sample = (self.header_rows or self.rows or ((),))[0]
        return sum(c.colspan if isinstance(c, Cell) else 1 for c in sample)


@dataclass(frozen=True, slots=True)
class Field:
    """A "label: value" pair of a form; an empty value prints a dotted line to fill by hand."""

    label: str
    value: str = ""
    bold_value: bool = False


@dataclass(frozen=True, slots=True)
class FieldLines:
    """Form lines: each row holds one or more fields side by side (e.g. "Điện thoại: … Email: …")."""

    rows: tuple[tuple[Field, ...], ...]

    @classmethod
    def of(cls, *fields: Field | tuple[str, str]) -> FieldLines:
        """One field per row."""
        return cls(tuple((f if isinstance(f, Field) else Field(*f),) for f in fields))


@dataclass(frozen=True, slots=True)
class Signature:
    """A signature block (phần ký). NĐ 30: authority and position upright bold upper-case,
    signer's name bold without academic titles.

    ``authority`` is the prefix line such as "TM. ỦY BAN NHÂN DÂN" or "KT. CHỦ TỊCH";
    ``note`` is an italic line such as "(Ký, ghi rõ họ tên)" or "(Đã ký)".
    """

    position: str
    name: str = ""
    authority: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class SignatureRow:
    """Signatures side by side, e.g. NGƯỜI NỘP HỒ SƠ | NGƯỜI TIẾP NHẬN HỒ SƠ on a receipt."""

    parties: tuple[Signature, ...]


@dataclass(frozen=True, slots=True)
class Spacer:
    height_mm: float = 4


@dataclass(frozen=True, slots=True)
class PageBreak:
    pass


Block = Paragraph | Heading | ItemList | Table | FieldLines | SignatureRow | Spacer | PageBreak


@dataclass(frozen=True, slots=True)
class SlipHeader:
    """Left header block of the one-stop slips (TT 01/2018 Mẫu 01–06; QĐ 3621/QĐ-BYT BM.01–06):
    the owning body and the one-stop office instead of governing/issuing body."""

    owner: str = ""  # ĐƠN VỊ CHỦ QUẢN, e.g. "UBND PHƯỜNG PHAN ĐÌNH PHÙNG"
    office: str = "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ"


@dataclass(frozen=True, slots=True)
class Paper:
    """One official paper.

    Header: ``governing_body`` (cơ quan chủ quản, upright) and ``issuing_body`` (cơ quan ban
    hành, bold, may hold a line break), or ``slip_header`` for one-stop slips. ``number`` None
    leaves the number blank for hand numbering at issue ("Số:    /TB-UBND"); ``issued_on`` None
    leaves the date blank ("ngày … tháng … năm …"). ``doc_type`` empty makes a công văn, whose
    ``summary`` ("V/v …") goes under the number instead of under a title.
    """

    issuing_body: str
    symbol: str
    place: str
    governing_body: str = ""
    number: int | None = None
    issued_on: dt.date | None = None
    doc_type: str = ""
    summary: str = ""
    kinh_gui: tuple[str, ...] = ()
    legal_bases: tuple[str, ...] = ()
    blocks: tuple[Block, ...] = ()
    signature: Signature | None = None
    recipients: tuple[str, ...] = ()
    archive: str = ""  # "VT, HCC" → last line "- Lưu: VT, HCC."
    size: PaperSize = PaperSize.A4
    orientation: Orientation = Orientation.PORTRAIT
    qr_url: str = ""
    qr_caption: str = ""
    footer_note: str = ""
    slip_header: SlipHeader | None = None
    title: str = field(default="", compare=False)  # PDF metadata; defaults to doc type + summary

    @property
    def is_letter(self) -> bool:
        """A công văn (no document-type title; "V/v" summary under the number)."""
        return not self.doc_type

    @property
    def document_title(self) -> str:
        if self.title:
            return self.title
        kind = self.doc_type.strip()
        kind = kind[:1].upper() + kind[1:].lower()
        return " – ".join(part for part in (kind, self.summary.strip()) if part)
