"""Papers of the steps after acceptance (NĐ 30/2020 layout), pure: plain values in, ``Paper`` out.

- the complaint decision (Quyết định giải quyết khiếu nại lần đầu, LKN Điều 31) with its
  distribution list (LKN Điều 32: complainant, superior, related parties, inspectorate);
- the notice to the accused of a denunciation (LTC Điều 29.3): the content only — this builder
  takes no denouncer field at all, so the identity cannot leak onto the paper (LTC Điều 9);
- the extension notice of a denunciation (LTC Điều 30);
- the dialogue notice (time, place, content) and the dialogue minutes (LKN Điều 30).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from thanthien.papers.domain import nd30
from thanthien.papers.domain.paper import Field, FieldLines, Paper, Paragraph, Signature, SignatureRow


@dataclass(frozen=True)
class StepInput:
    commune_name: str  # "xã Na Rì"
    place: str  # "Na Rì"
    code: str
    subject: str
    received_on: dt.date
    accepted_on: dt.date | None = None
    issued_on: dt.date | None = None
    summary: str = ""
    due_date: dt.date | None = None
    recipient: str = "Người khiếu nại"  # the complainant or the denouncer on their own copy


def _header(commune: str) -> str:
    return f"ỦY BAN NHÂN DÂN\n{commune.upper()}"


def _lines(text: str) -> list[Paragraph]:
    return [Paragraph(line.strip()) for line in (text or "…").splitlines() if line.strip()] or [Paragraph("…")]


def decision_paper(data: StepInput) -> Paper:
    """Quyết định giải quyết khiếu nại (lần đầu), sent within 3 working days (LKN Điều 32)."""
    blocks = [
        Paragraph(
            f"Xét đơn khiếu nại (mã tra cứu {data.code}) nhận ngày {nd30.short_date(data.received_on)} "
            f"về việc: {data.subject}."
        ),
        Paragraph("QUYẾT ĐỊNH:", bold=True, indent=False),
        *_lines(data.summary),
        Paragraph(
            "Quyết định này được gửi trong thời hạn 03 ngày làm việc cho người khiếu nại, thủ trưởng cấp trên "
            "trực tiếp, người có quyền, nghĩa vụ liên quan và Thanh tra tỉnh (Điều 32 Luật Khiếu nại)."
        ),
    ]
    return Paper(
        issuing_body=_header(data.commune_name),
        symbol=nd30.symbol_for("QUYẾT ĐỊNH", "UBND"),
        place=data.place,
        issued_on=data.issued_on,
        doc_type="QUYẾT ĐỊNH",
        summary="Về việc giải quyết khiếu nại (lần đầu)",
        legal_bases=(
            "Căn cứ Luật Tổ chức chính quyền địa phương",
            "Căn cứ Luật Khiếu nại ngày 11 tháng 11 năm 2011",
        ),
        blocks=tuple(blocks),
        signature=Signature(authority="TM. ỦY BAN NHÂN DÂN", position="CHỦ TỊCH"),
        recipients=(
            data.recipient,
            "Thủ trưởng cấp trên trực tiếp",
            "Người có quyền, nghĩa vụ liên quan",
            "Thanh tra tỉnh",
        ),
        archive="VT, hồ sơ",
    )


def accused_notice_paper(data: StepInput) -> Paper:
    """Notice to the accused (người bị tố cáo): the content accepted, never who denounced."""
    due = f" Thời hạn giải quyết đến hết ngày {nd30.short_date(data.due_date)}." if data.due_date else ""
    accepted = nd30.short_date(data.accepted_on) if data.accepted_on else "…"
    blocks = [
        Paragraph(
            f"Ngày {accepted}, Ủy ban nhân dân {data.commune_name} đã thụ lý giải quyết tố cáo "
            f"(số hồ sơ {data.code}) với nội dung: {data.subject}.{due}"
        ),
        Paragraph(
            "Người bị tố cáo có quyền được thông báo về nội dung tố cáo, đưa ra chứng cứ để chứng minh "
            "nội dung tố cáo là không đúng sự thật và có nghĩa vụ giải trình bằng văn bản về hành vi bị "
            "tố cáo, cung cấp thông tin, tài liệu liên quan khi cơ quan có thẩm quyền yêu cầu "
            "(Điều 10 Luật Tố cáo)."
        ),
        Paragraph(f"Ủy ban nhân dân {data.commune_name} thông báo để người bị tố cáo được biết./."),
    ]
    return Paper(
        issuing_body=_header(data.commune_name),
        symbol=nd30.symbol_for("THÔNG BÁO", "UBND"),
        place=data.place,
        issued_on=data.issued_on,
        doc_type="THÔNG BÁO",
        summary="Về việc thụ lý tố cáo và nội dung tố cáo",
        blocks=tuple(blocks),
        signature=Signature(authority="TM. ỦY BAN NHÂN DÂN", position="CHỦ TỊCH"),
        recipients=("Người bị tố cáo",),
        archive="VT",
    )


def extension_notice_paper(data: StepInput, *, to_accused: bool) -> Paper:
    """Extension of the time to resolve a denunciation (LTC Điều 30). The copy for the accused
    names no denouncer."""
    recipient = "người bị tố cáo" if to_accused else data.recipient
    until = f" đến hết ngày {nd30.short_date(data.due_date)}" if data.due_date else ""
    blocks = [
        Paragraph(
            f"Ủy ban nhân dân {data.commune_name} gia hạn thời hạn giải quyết tố cáo (số hồ sơ {data.code}) "
            f"về việc: {data.subject}{until}."
        ),
        Paragraph(f"Lý do gia hạn: {data.summary or '…'}"),
        Paragraph(f"Ủy ban nhân dân {data.commune_name} thông báo để {recipient} được biết./."),
    ]
    return Paper(
        issuing_body=_header(data.commune_name),
        symbol=nd30.symbol_for("THÔNG BÁO", "UBND"),
        place=data.place,
        issued_on=data.issued_on,
        doc_type="THÔNG BÁO",
        summary="Về việc gia hạn giải quyết tố cáo",
        blocks=tuple(blocks),
        signature=Signature(authority="TM. ỦY BAN NHÂN DÂN", position="CHỦ TỊCH"),
        recipients=("Người bị tố cáo",) if to_accused else (data.recipient,),
        archive="VT",
    )


@dataclass(frozen=True)
class DialogueInput:
    commune_name: str
    place: str
    code: str
    subject: str
    complainant: str
    held_at: dt.datetime
    venue: str
    content: str
    notified_on: dt.date
    participants: str = ""
    discussion: str = ""
    results: str = ""


def dialogue_notice_paper(data: DialogueInput) -> Paper:
    """Written notice of the time, place and content of the dialogue (LKN Điều 30.2)."""
    return Paper(
        issuing_body=_header(data.commune_name),
        symbol=nd30.symbol_for("THÔNG BÁO", "UBND"),
        place=data.place,
        issued_on=data.notified_on,
        doc_type="THÔNG BÁO",
        summary="Về việc tổ chức đối thoại giải quyết khiếu nại",
        blocks=(
            Paragraph(
                f"Để giải quyết đơn khiếu nại (mã tra cứu {data.code}) về việc: {data.subject}, "
                f"Ủy ban nhân dân {data.commune_name} tổ chức đối thoại như sau:"
            ),
            FieldLines(
                (
                    (Field("Thời gian", f"{data.held_at:%H giờ %M}, {nd30.date_text(data.held_at.date())}"),),
                    (Field("Địa điểm", data.venue),),
                    (Field("Nội dung", data.content),),
                )
            ),
            Paragraph(f"Đề nghị {data.complainant} có mặt đúng thời gian, địa điểm nêu trên./."),
        ),
        signature=Signature(authority="TM. ỦY BAN NHÂN DÂN", position="CHỦ TỊCH"),
        recipients=(data.complainant, "Người có quyền, nghĩa vụ liên quan"),
        archive="VT",
    )


def dialogue_minutes_paper(data: DialogueInput) -> Paper:
    """Biên bản đối thoại: participants, content, results; signed or fingerprinted (LKN Điều 30.3)."""
    return Paper(
        issuing_body=_header(data.commune_name),
        symbol=nd30.symbol_for("BIÊN BẢN", "UBND"),
        place=data.place,
        issued_on=data.held_at.date(),
        doc_type="BIÊN BẢN",
        summary="Đối thoại giải quyết khiếu nại",
        blocks=(
            Paragraph(
                f"Vào hồi {data.held_at:%H giờ %M}, {nd30.date_text(data.held_at.date())}, tại {data.venue}, "
                f"Ủy ban nhân dân {data.commune_name} tổ chức đối thoại giải quyết đơn khiếu nại "
                f"(mã tra cứu {data.code}) về việc: {data.subject}."
            ),
            Paragraph("I. THÀNH PHẦN THAM DỰ", bold=True, indent=False),
            *_lines(data.participants),
            Paragraph("II. NỘI DUNG ĐỐI THOẠI", bold=True, indent=False),
            *_lines(data.discussion),
            Paragraph("III. KẾT QUẢ ĐỐI THOẠI", bold=True, indent=False),
            *_lines(data.results),
            Paragraph(
                "Biên bản đã được đọc lại cho những người tham gia đối thoại nghe, cùng thống nhất và ký "
                "(hoặc điểm chỉ) xác nhận; mỗi bên giữ một bản."
            ),
            SignatureRow(
                (
                    Signature(position="NGƯỜI KHIẾU NẠI", note="(Ký hoặc điểm chỉ)"),
                    Signature(position="NGƯỜI GHI BIÊN BẢN", note="(Ký, ghi rõ họ tên)"),
                    Signature(position="NGƯỜI CHỦ TRÌ ĐỐI THOẠI", note="(Ký, ghi rõ họ tên)"),
                )
            ),
        ),
    )
