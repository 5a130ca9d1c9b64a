"""The notice (thông báo) listing the units of a pilot programme, with their successors.

The pilot of Kế hoạch 138/KH-UBND (24/7/2024) ran in 12 communes of 4 districts; on 1/7/2025
the districts were abolished and the communes merged (NQ 1683/NQ-UBTVQH15; legal-rules §10),
so the list says, for each pilot unit, which new commune-level unit carries it on.
Pure: the caller passes rows read from the database (``papers.selectors``) and the date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import nd30
from .paper import Align, Cell, Paper, Paragraph, Signature, Table


@dataclass(frozen=True, slots=True)
class PilotRow:
    """One unit of the programme: its district before 1/7/2025, its name, its successor (if
    any) and a note (e.g. "Kế thừa: Phường Trưng Vương" on a continuation programme)."""

    district: str
    unit: str
    successor: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class ProgrammeNotice:
    """What the notice needs to know about the programme."""

    province: str  # "Thái Nguyên"
    programme_name: str  # "Thí điểm mô hình “Chính quyền thân thiện, …”"
    legal_basis: str  # "Kế hoạch số 138/KH-UBND ngày 24/7/2024 của UBND tỉnh Thái Nguyên"
    rows: tuple[PilotRow, ...]
    succession_basis: str = ""  # "Nghị quyết số 1683/NQ-UBTVQH15"
    succession_date: dt.date | None = None


@dataclass(frozen=True, slots=True)
class NoticeColumns:
    """Which optional columns the table has; a column nobody fills is left out."""

    district: bool
    successor: bool
    note: bool

    @classmethod
    def for_rows(cls, rows: tuple[PilotRow, ...]) -> NoticeColumns:
        return cls(
            district=any(r.district for r in rows),
            successor=any(r.successor for r in rows),
            note=any(r.note for r in rows),
        )

    @property
    def successor_number(self) -> int:
        """The column number "(n)" of the successor column (TT is 1)."""
        return 3 + int(self.district)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def notice_table(rows: tuple[PilotRow, ...], since: dt.date | None = None) -> Table:
    """TT | district (merged per district) | unit | unit from 1/7/2025 | note."""
    columns = NoticeColumns.for_rows(rows)
    since = since or dt.date(2025, 7, 1)
    until = since - dt.timedelta(days=1)
    body: list[tuple[Cell | str, ...]] = []
    index = 0
    while index < len(rows):
        district = rows[index].district
        # Only the contiguous run of this district shares one merged cell.
        span = 0
        for r in rows[index:]:
            if r.district != district:
                break
            span += 1
        for offset, row in enumerate(rows[index : index + span]):
            cells: list[Cell | str] = [Cell(str(index + offset + 1), align=Align.CENTER)]
            if columns.district and offset == 0:
                cells.append(Cell(district or "—", rowspan=span))
            cells.append(row.unit)
            if columns.successor:
                cells.append(row.successor or "Không thay đổi")
            if columns.note:
                cells.append(row.note)
            body.append(tuple(cells))
        index += span
    header: list[Cell] = [Cell("TT")]
    widths: list[float] = [0.7]
    if columns.district:
        header.append(Cell(f"Huyện, thành phố (đến {nd30.short_date(until)})"))
        widths.append(3.2)
    header.append(Cell("Đơn vị thực hiện"))
    widths.append(3.2)
    if columns.successor:
        header.append(Cell(f"Đơn vị hành chính cấp xã (từ {nd30.short_date(since)})"))
        widths.append(3.6)
    if columns.note:
        header.append(Cell("Ghi chú"))
        widths.append(4.0)
    return Table(
        header_rows=(tuple(header), tuple(Cell(f"({i})", italic=True, bold=False) for i in range(1, len(header) + 1))),
        rows=tuple(body),
        widths=tuple(widths),
        aligns=(Align.CENTER, *(Align.LEFT,) * (len(header) - 1)),
    )


def build_programme_notice(
    notice: ProgrammeNotice,
    *,
    issued_on: dt.date | None,
    number: int | None = None,
    signer: Signature | None = None,
    qr_url: str = "",
) -> Paper:
    """THÔNG BÁO Danh sách đơn vị thực hiện thí điểm … of the provincial People's Committee."""
    rows = notice.rows
    districts = {r.district for r in rows if r.district}
    new_units = {r.successor or r.unit for r in rows}
    subject = _lower_first(notice.programme_name.strip())
    basis = notice.legal_basis.strip().rstrip(".;,")
    opening = f"Thực hiện {basis}, " if basis else ""
    where = f" thuộc {nd30.two_digits_below_ten(len(districts))} huyện, thành phố" if districts else ""
    blocks: list = [
        Paragraph(
            f"{opening}Ủy ban nhân dân tỉnh {notice.province} thông báo danh sách "
            f"{nd30.two_digits_below_ten(len(rows))} đơn vị cấp xã{where} thực hiện {subject} như sau:"
        ),
        notice_table(rows, notice.succession_date),
    ]
    if any(r.successor for r in rows):
        since = nd30.short_date(notice.succession_date) if notice.succession_date else "01/7/2025"
        basis = f" theo {notice.succession_basis.strip()}" if notice.succession_basis.strip() else ""
        blocks.append(
            Paragraph(
                f"Từ ngày {since}, sau khi sắp xếp đơn vị hành chính cấp xã{basis}, "
                f"{nd30.two_digits_below_ten(len(rows))} đơn vị thực hiện thí điểm nêu trên nay thuộc "
                f"{nd30.two_digits_below_ten(len(new_units))} đơn vị hành chính cấp xã tại cột "
                f"({NoticeColumns.for_rows(rows).successor_number}). "
                "Các đơn vị kế thừa tiếp tục duy trì, thực hiện mô hình và báo cáo kết quả theo Kế hoạch."
            )
        )
    blocks.append(
        Paragraph(f"Ủy ban nhân dân tỉnh {notice.province} thông báo để các cơ quan, đơn vị biết, thực hiện./.")
    )
    return Paper(
        issuing_body=f"ỦY BAN NHÂN DÂN\nTỈNH {notice.province}",
        symbol=nd30.symbol_for("THÔNG BÁO", "UBND"),
        number=number,
        place=notice.province,
        issued_on=issued_on,
        doc_type="THÔNG BÁO",
        summary=f"Danh sách đơn vị thực hiện {subject}",
        blocks=tuple(blocks),
        signature=signer or Signature(authority="KT. CHỦ TỊCH", position="PHÓ CHỦ TỊCH"),
        recipients=(
            "Các sở, ban, ngành thuộc tỉnh",
            "Thành viên Ban Chỉ đạo cải cách hành chính tỉnh",
            "UBND các xã, phường có tên tại Thông báo",
            "Cổng Thông tin điện tử tỉnh",
        ),
        archive="VT, HCC",
        qr_url=qr_url,
        qr_caption="Quét mã để xem danh sách và kết quả thực hiện mô hình" if qr_url else "",
    )
