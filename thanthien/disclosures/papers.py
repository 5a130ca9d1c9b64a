"""Official papers of the disclosure register in the NĐ 30/2020 layout (legal-rules §9):
the A4 notice for posting (thông báo niêm yết) and the quarterly list of what was disclosed
(danh mục thông tin đã công khai, Luật THDCCS Điều 13)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings

from thanthien.papers.domain import nd30
from thanthien.papers.domain.paper import Align, Cell, Paper, Paragraph, Signature, Table

from .domain.rules import category
from .models import DisclosureItem, FormChoice

FORM_LABELS_VI = {
    "notice_board": "Niêm yết",
    "website": "Trang thông tin điện tử",
    "radio": "Hệ thống truyền thanh",
    "hamlet_head": "Qua trưởng thôn, tổ trưởng tổ dân phố",
    "letter": "Gửi văn bản đến Nhân dân",
    "dialogue": "Hội nghị đối thoại",
    "meetings": "Tiếp công dân, tiếp xúc cử tri, báo chí",
    "organisations": "Thông báo đến tổ chức chính trị - xã hội",
    "social": "Mạng xã hội (nhóm Zalo)",
    "other": "Hình thức khác",
}
assert set(FORM_LABELS_VI) == {c.value for c in FormChoice}  # noqa: S101 - import-time consistency


def _issuer(unit) -> dict[str, str]:
    governing = unit.parent.full_name.upper() if unit.parent_id else ""
    return {
        "governing_body": f"UBND {governing}".strip() if governing else "",
        "issuing_body": f"ỦY BAN NHÂN DÂN\n{unit.full_name.upper()}",
        "place": unit.name,
    }


def public_url(path: str) -> str:
    return f"{getattr(settings, 'PUBLIC_BASE_URL', '')}{path}"


def item_notice(item: DisclosureItem, *, url: str = "") -> Paper:
    """The A4 notice posted at the office and each hamlet house."""
    cat = category(item.category)
    blocks: list = [
        Paragraph(
            f"Thực hiện Luật Thực hiện dân chủ ở cơ sở năm 2022, Ủy ban nhân dân {item.unit.full_name} "
            f"thông báo công khai nội dung sau ({cat.title_vi}):"
        ),
        Paragraph(item.title, bold=True, indent=False, align=Align.CENTER),
    ]
    if item.document_ref:
        blocks.append(
            Paragraph(
                f"Văn bản: {item.document_ref}"
                + (f" ngày {nd30.short_date(item.decided_on)}" if item.decided_on else ""),
                italic=True,
            )
        )
    for para in (item.summary or "").split("\n"):
        if para.strip():
            blocks.append(Paragraph(para.strip()))
    if cat.permanent:
        duration = (
            "Nội dung này được niêm yết thường xuyên tại trụ sở Ủy ban nhân dân và nhà văn hóa các thôn, tổ dân phố."
        )
    elif cat.needs_posting:
        duration = (
            "Thời gian niêm yết ít nhất 30 ngày liên tục kể từ ngày niêm yết tại trụ sở Ủy ban nhân dân "
            "và nhà văn hóa các thôn, tổ dân phố."
        )
    else:
        duration = ""
    if duration:
        blocks.append(Paragraph(duration))
    blocks.append(
        Paragraph(
            "Mọi ý kiến phản ánh xin gửi về Ủy ban nhân dân qua bộ phận một cửa hoặc trưởng thôn, tổ trưởng tổ dân phố."
        )
    )
    return Paper(
        **_issuer(item.unit),
        symbol=nd30.symbol_for("THÔNG BÁO", "UBND"),
        issued_on=item.published_on,
        doc_type="THÔNG BÁO",
        summary=f"Công khai {item.title[:120]}",
        blocks=tuple(blocks),
        signature=Signature(authority="TM. ỦY BAN NHÂN DÂN", position="CHỦ TỊCH"),
        recipients=(
            "Thường trực HĐND",
            "Ủy ban MTTQ Việt Nam",
            "Các thôn, tổ dân phố (niêm yết)",
            "Trang thông tin điện tử",
        ),
        archive="VT, VP",
        qr_url=url,
        qr_caption="Quét mã để xem nội dung công khai trên trang thông tin điện tử" if url else "",
    )


def _places(item: DisclosureItem) -> str:
    postings = list(item.postings.all())
    if not postings:
        return ""
    office = sum(1 for p in postings if p.hamlet_id is None)
    hamlets = len({p.hamlet_id for p in postings if p.hamlet_id})
    parts = []
    if office:
        parts.append("Trụ sở UBND")
    if hamlets:
        parts.append(f"{hamlets} nhà văn hóa thôn, tổ dân phố")
    first = min(p.started_on for p in postings)
    return f"{', '.join(parts)} (từ {nd30.short_date(first)})"


def quarterly_list(unit, items: list[DisclosureItem], *, year: int, quarter: int, issued_on: dt.date | None) -> Paper:
    """The quarterly list of everything disclosed, with form and time (Điều 13)."""
    rows = []
    for n, item in enumerate(items, start=1):
        forms = "; ".join(FORM_LABELS_VI[f] for f in item.forms if f in FORM_LABELS_VI)
        places = _places(item)
        radio = len(item.broadcasts.all())
        detail = "; ".join(p for p in (forms, places, f"phát thanh {radio} ngày" if radio else "") if p)
        rows.append(
            (
                str(n),
                Cell(item.title, align=Align.LEFT),
                str(item.category),
                nd30.short_date(item.published_on) if item.published_on else "",
                Cell(detail, align=Align.LEFT),
            )
        )
    if not rows:
        rows.append((Cell("Không có nội dung công khai trong quý.", colspan=5, italic=True),))
    table = Table(
        header_rows=(("STT", "Nội dung công khai", "Mục (Điều 11)", "Ngày công khai", "Hình thức, địa điểm"),),
        rows=tuple(rows),
        widths=(0.07, 0.38, 0.1, 0.14, 0.31),
        aligns=(Align.CENTER, Align.LEFT, Align.CENTER, Align.CENTER, Align.LEFT),
    )
    return Paper(
        **_issuer(unit),
        symbol=nd30.symbol_for("THÔNG BÁO", "UBND"),
        issued_on=issued_on,
        doc_type="THÔNG BÁO",
        summary=f"Danh mục thông tin đã công khai quý {quarter} năm {year}",
        legal_bases=("Căn cứ Luật Thực hiện dân chủ ở cơ sở ngày 10 tháng 11 năm 2022",),
        blocks=(
            Paragraph(
                f"Ủy ban nhân dân {unit.full_name} thông báo danh mục thông tin đã công khai trong quý "
                f"{quarter} năm {year}, gồm hình thức và thời điểm công khai, như sau:"
            ),
            table,
            Paragraph(
                "Danh mục này được niêm yết tại trụ sở Ủy ban nhân dân và nhà văn hóa các thôn, tổ dân phố.",
                italic=True,
            ),
        ),
        signature=Signature(authority="TM. ỦY BAN NHÂN DÂN", position="CHỦ TỊCH"),
        recipients=("Thường trực HĐND", "Ủy ban MTTQ Việt Nam", "Các thôn, tổ dân phố"),
        archive="VT, VP",
    )
