"""Notices (thông báo) on petitions as official papers in the NĐ 30/2020 layout: acceptance
(thụ lý, Mẫu 01-KN / LTC Điều 29), refusal (không thụ lý / không thuộc thẩm quyền, Mẫu 02-KN),
forwarding (chuyển đơn, LTC Điều 24.2; NĐ 20/2008 Điều 9) and the result (trả lời).
Pure: takes plain values, returns a ``Paper``. The denouncer's name appears only on the
paper addressed to the denouncer, never on the copy for the accused."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from thanthien.papers.domain import nd30
from thanthien.papers.domain.paper import Field, FieldLines, Paper, Paragraph, Signature


class NoticeKind(StrEnum):
    ACCEPTANCE = "acceptance"
    REFUSAL = "refusal"
    FORWARDING = "forwarding"
    RESULT = "result"


KIND_LABEL = {
    "complaint": "đơn khiếu nại",
    "denunciation": "đơn tố cáo",
    "recommendation": "đơn kiến nghị",
    "report": "phản ánh",
    "mixed": "đơn",
    "not_eligible": "đơn",
    "unclassified": "đơn",
}


@dataclass(frozen=True)
class NoticeInput:
    commune_name: str  # "phường Phan Đình Phùng"
    place: str  # "Phan Đình Phùng"
    code: str
    kind: str
    subject: str
    received_on: dt.date
    recipient: str  # the citizen (or "Người gửi đơn" when unknown)
    issued_on: dt.date | None = None
    due_date: dt.date | None = None
    reason: str = ""  # refusal reason
    forwarded_to: str = ""
    answer: str = ""
    track_url: str = ""


TITLES = {
    NoticeKind.ACCEPTANCE: "Về việc thụ lý giải quyết {label}",
    NoticeKind.REFUSAL: "Về việc không thụ lý {label}",
    NoticeKind.FORWARDING: "Về việc chuyển {label} đến cơ quan có thẩm quyền",
    NoticeKind.RESULT: "Về kết quả xử lý {label}",
}


def build_notice(kind: NoticeKind | str, data: NoticeInput) -> Paper:
    kind = NoticeKind(kind)
    label = KIND_LABEL.get(data.kind, "đơn")
    commune = data.commune_name
    received = nd30.short_date(data.received_on)
    intro = Paragraph(
        f"Ngày {received}, Ủy ban nhân dân {commune} nhận được {label} của {data.recipient} "
        f"(mã tra cứu {data.code}) với nội dung: {data.subject}."
    )
    blocks: list = [intro]
    if kind == NoticeKind.ACCEPTANCE:
        due = f" Thời hạn giải quyết đến hết ngày {nd30.short_date(data.due_date)}." if data.due_date else ""
        blocks.append(
            Paragraph(
                f"Xét thấy {label} đủ điều kiện thụ lý theo quy định, Ủy ban nhân dân {commune} "
                f"thông báo đã thụ lý giải quyết.{due}"
            )
        )
    elif kind == NoticeKind.REFUSAL:
        blocks.append(Paragraph(f"Ủy ban nhân dân {commune} không thụ lý giải quyết vì lý do: {data.reason or '…'}"))
    elif kind == NoticeKind.FORWARDING:
        blocks.append(
            Paragraph(
                f"Nội dung trên không thuộc thẩm quyền giải quyết của Ủy ban nhân dân {commune}. "
                f"Ủy ban nhân dân {commune} đã chuyển {label} đến {data.forwarded_to or '…'} để xem xét, giải quyết theo thẩm quyền."
            )
        )
    else:
        blocks.append(Paragraph(f"Ủy ban nhân dân {commune} trả lời như sau:"))
        for line in (data.answer or "…").splitlines():
            if line.strip():
                blocks.append(Paragraph(line.strip()))
    blocks.append(FieldLines(((Field("Mã tra cứu", data.code, bold_value=True),),)))
    blocks.append(Paragraph(f"Ủy ban nhân dân {commune} thông báo để {data.recipient} được biết./."))
    return Paper(
        issuing_body=f"ỦY BAN NHÂN DÂN\n{commune.upper()}",
        symbol=nd30.symbol_for("THÔNG BÁO", "UBND"),
        place=data.place,
        issued_on=data.issued_on,
        doc_type="THÔNG BÁO",
        summary=TITLES[kind].format(label=label),
        blocks=tuple(blocks),
        signature=Signature(authority="TM. ỦY BAN NHÂN DÂN", position="CHỦ TỊCH"),
        recipients=(data.recipient, "Thanh tra tỉnh (để biết)") if data.kind == "complaint" else (data.recipient,),
        archive="VT",
        qr_url=data.track_url,
        qr_caption="Quét mã để tra cứu và đánh giá" if data.track_url else "",
    )
