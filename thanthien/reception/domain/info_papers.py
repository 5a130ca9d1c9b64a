"""Papers of an information request (Nghị định 13/2018/NĐ-CP Điều 5, Luật Tiếp cận thông tin),
in the NĐ 30/2020 layout; pure: plain values in, ``Paper`` out.

- Mẫu 02 Phiếu tiếp nhận yêu cầu cung cấp thông tin (receipt);
- Mẫu 03 Phiếu giải quyết yêu cầu cung cấp thông tin (resolution slip: when, how, the cost);
- Mẫu 04 Thông báo về việc gia hạn giải quyết yêu cầu cung cấp thông tin (extension);
- Mẫu 05 Thông báo về việc từ chối yêu cầu cung cấp thông tin (refusal, with reasons, Điều 28).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from thanthien.papers.domain import nd30
from thanthien.papers.domain.paper import Field, FieldLines, Paper, Paragraph, Signature, SignatureRow


class InfoPaper(StrEnum):
    RECEIPT = "mau-02"
    RESOLUTION = "mau-03"
    EXTENSION = "mau-04"
    REFUSAL = "mau-05"


@dataclass(frozen=True)
class InfoInput:
    commune_name: str
    place: str
    code: str
    requester_name: str
    address: str
    id_number: str
    phone: str
    email: str
    information: str
    delivery: str  # label of the form of delivery
    purpose: str
    received_on: dt.date
    due_date: dt.date | None = None
    issued_on: dt.date | None = None
    extension_reason: str = ""
    refusal_reason: str = ""
    copying_cost: int = 0


def _header(commune: str) -> str:
    return f"ỦY BAN NHÂN DÂN\n{commune.upper()}"


def _requester(data: InfoInput) -> FieldLines:
    return FieldLines(
        (
            (Field("Họ và tên người yêu cầu", data.requester_name, bold_value=True),),
            (Field("Số CMND/CCCD/Hộ chiếu", data.id_number),),
            (Field("Địa chỉ", data.address),),
            (Field("Số điện thoại", data.phone or "…"), Field("Thư điện tử", data.email or "…")),
        )
    )


def _due(on: dt.date | None) -> str:
    return nd30.short_date(on) if on else "…"


def build_info_paper(kind: InfoPaper | str, data: InfoInput) -> Paper:
    kind = InfoPaper(kind)
    base = {
        "issuing_body": _header(data.commune_name),
        "place": data.place,
        "issued_on": data.issued_on,
    }
    commune = data.commune_name
    if kind == InfoPaper.RECEIPT:
        return Paper(
            **base,
            symbol=nd30.symbol_for("PHIẾU", "UBND"),
            doc_type="PHIẾU TIẾP NHẬN",
            summary="Yêu cầu cung cấp thông tin",
            blocks=(
                Paragraph(f"Ủy ban nhân dân {commune} đã nhận Phiếu yêu cầu cung cấp thông tin của:"),
                _requester(data),
                FieldLines(
                    (
                        (Field("Mã tra cứu", data.code, bold_value=True),),
                        (Field("Ngày nhận", nd30.short_date(data.received_on)),),
                        (Field("Thông tin yêu cầu", data.information),),
                        (Field("Hình thức nhận thông tin", data.delivery),),
                        (Field("Mục đích yêu cầu", data.purpose),),
                        (Field("Thời hạn giải quyết", _due(data.due_date)),),
                    )
                ),
                SignatureRow(
                    (
                        Signature(position="NGƯỜI YÊU CẦU", note="(Ký, ghi rõ họ tên)"),
                        Signature(position="NGƯỜI TIẾP NHẬN", note="(Ký, ghi rõ họ tên)"),
                    )
                ),
            ),
        )
    if kind == InfoPaper.RESOLUTION:
        cost = f"{data.copying_cost:,}".replace(",", ".") + " đồng" if data.copying_cost else "Không"
        return Paper(
            **base,
            symbol=nd30.symbol_for("PHIẾU", "UBND"),
            doc_type="PHIẾU GIẢI QUYẾT",
            summary="Yêu cầu cung cấp thông tin",
            blocks=(
                Paragraph(
                    f"Ủy ban nhân dân {commune} giải quyết yêu cầu cung cấp thông tin (mã tra cứu {data.code}) "
                    f"nhận ngày {nd30.short_date(data.received_on)} của:"
                ),
                _requester(data),
                FieldLines(
                    (
                        (Field("Thông tin được cung cấp", data.information),),
                        (Field("Hình thức cung cấp", data.delivery),),
                        (Field("Thời hạn cung cấp", _due(data.due_date)),),
                        (Field("Chi phí in ấn, sao chụp, gửi thông tin", cost),),
                    )
                ),
                Paragraph(
                    "Người yêu cầu thanh toán chi phí thực tế để in, sao, chụp, gửi thông tin "
                    "(Điều 12 Luật Tiếp cận thông tin)."
                ),
            ),
            signature=Signature(authority="TM. ỦY BAN NHÂN DÂN", position="CHỦ TỊCH"),
            recipients=(data.requester_name,),
            archive="VT",
        )
    if kind == InfoPaper.EXTENSION:
        return Paper(
            **base,
            symbol=nd30.symbol_for("THÔNG BÁO", "UBND"),
            doc_type="THÔNG BÁO",
            summary="Về việc gia hạn giải quyết yêu cầu cung cấp thông tin",
            kinh_gui=(data.requester_name,),
            blocks=(
                Paragraph(
                    f"Ngày {nd30.short_date(data.received_on)}, Ủy ban nhân dân {commune} nhận được yêu cầu cung "
                    f"cấp thông tin (mã tra cứu {data.code}) của {data.requester_name} về: {data.information}."
                ),
                Paragraph(f"Lý do gia hạn: {data.extension_reason or '…'}"),
                Paragraph(
                    f"Ủy ban nhân dân {commune} thông báo gia hạn thời hạn giải quyết yêu cầu đến hết ngày "
                    f"{_due(data.due_date)} (Điều 29, 30, 31 Luật Tiếp cận thông tin)./."
                ),
            ),
            signature=Signature(authority="TM. ỦY BAN NHÂN DÂN", position="CHỦ TỊCH"),
            recipients=(data.requester_name,),
            archive="VT",
        )
    return Paper(
        **base,
        symbol=nd30.symbol_for("THÔNG BÁO", "UBND"),
        doc_type="THÔNG BÁO",
        summary="Về việc từ chối yêu cầu cung cấp thông tin",
        kinh_gui=(data.requester_name,),
        blocks=(
            Paragraph(
                f"Ngày {nd30.short_date(data.received_on)}, Ủy ban nhân dân {commune} nhận được yêu cầu cung "
                f"cấp thông tin (mã tra cứu {data.code}) của {data.requester_name} về: {data.information}."
            ),
            Paragraph(
                f"Ủy ban nhân dân {commune} từ chối cung cấp thông tin vì lý do: {data.refusal_reason or '…'} "
                "(Điều 28 Luật Tiếp cận thông tin)."
            ),
            Paragraph(
                "Người yêu cầu có quyền khiếu nại, khởi kiện theo quy định của pháp luật "
                "(Điều 14 Luật Tiếp cận thông tin)./."
            ),
        ),
        signature=Signature(authority="TM. ỦY BAN NHÂN DÂN", position="CHỦ TỊCH"),
        recipients=(data.requester_name,),
        archive="VT",
    )
