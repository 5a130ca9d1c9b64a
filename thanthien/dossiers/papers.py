"""The one-stop papers of a dossier (biểu mẫu, TT 01/2018/TT-VPCP Mẫu 01–06) as :class:`Paper` data.

Field lists follow the 2025 template set (QĐ 3621/QĐ-BYT BM.01–BM.06, legal-rules §2.8): the A5
slips carry the one-stop header (ĐƠN VỊ CHỦ QUẢN / BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ); the
tracking book (Sổ theo dõi hồ sơ, Mẫu 06) is A4 landscape, one book per unit and year.

The wording on the papers is the legal form of a Vietnamese administrative document and is
Vietnamese whatever the interface language (NĐ 30/2020 Điều 8), so it is data here, not a
translation. Every slip carries a QR code to the public status page
(``settings.PUBLIC_BASE_URL`` + ``/tra-cuu/<tracking code>/``); the QR never carries personal data.

Builders read the dossier and its prefetched relations (``selectors.dossier_get``) and never
write. The dossier's line in the tracking book is the one stored at reception
(``Dossier.book_number``, :func:`book_entry_number`), so Mẫu 01 and Mẫu 06 cannot disagree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings

from thanthien.core.templatetags.ui import end_of_day_local
from thanthien.dossiers.domain.codes import format_tracking_code
from thanthien.papers.domain.nd30 import short_date
from thanthien.papers.domain.paper import (
    Align,
    Cell,
    Field,
    FieldLines,
    ItemList,
    Orientation,
    Paper,
    PaperSize,
    Paragraph,
    Run,
    Signature,
    SignatureRow,
    SlipHeader,
    Spacer,
    Table,
)

from .domain.common import VIETNAM_TZ
from .domain.status import Action as A
from .domain.status import DossierStatus
from .permissions import RECEPTION_ACTIONS

ONE_STOP_OFFICE = "Bộ phận tiếp nhận và trả kết quả"
#: Symbols of the slips ("Số: …/TNHS" in TT 01/2018 Mẫu 01; "…/<symbol>-<office>" in QĐ 3621/QĐ-BYT).
SYMBOLS = {
    "01": "TNHS",
    "02": "PBS",
    "03": "PTC",
    "04": "PXL",
    "05": "PKS",
}
SIGN_NOTE = "(Ký và ghi rõ họ tên)"
QR_CAPTION = "Quét mã để tra cứu tình trạng hồ sơ và đánh giá sự phục vụ"

CHANNEL_WORDS = {
    "direct": "Trực tiếp tại Bộ phận Một cửa",
    "postal": "Dịch vụ bưu chính công ích",
    "online": "Trực tuyến",
}
TIMELINESS_WORDS = {"early": "Trước hạn", "on_time": "Đúng hạn", "late": "Quá hạn"}


# --- small helpers ------------------------------------------------------------------------------


def status_url(dossier: Any) -> str:
    """The public status page of ``dossier`` (what the QR code opens)."""
    return f"{settings.PUBLIC_BASE_URL}/tra-cuu/{dossier.tracking_code or ''}/"


def _local(moment: dt.datetime | None) -> dt.datetime | None:
    return moment.astimezone(VIETNAM_TZ) if moment else None


def time_text(moment: dt.datetime | None) -> str:
    """``"08 giờ 30 phút, ngày 05/01/2026"`` (the slips' "giờ, phút, ngày" field)."""
    local = _local(moment)
    if local is None:
        return ""
    return f"{local:%H} giờ {local:%M} phút, ngày {short_date(local.date())}"


def due_text(dossier: Any, *, extended: bool = False) -> str:
    """The appointment of ``dossier`` as printed (the original one unless ``extended``)."""
    return moment_text(dossier.extended_due_at if extended else (dossier.original_due_at or dossier.due_at))


def appointment_text(dossier: Any) -> str:
    """The original appointment and, after an apology slip (Mẫu 04), the new one on the next line."""
    original = due_text(dossier)
    if not dossier.extended_due_at:
        return original
    return f"{original}\nHẹn lại: {due_text(dossier, extended=True)}"


def returned_text(dossier: Any) -> str:
    """When the result was returned and how it classifies (Mẫu 06 "Trả kết quả")."""
    when = time_text(dossier.returned_at)
    verdict = timeliness_text(dossier) if when else ""
    return f"{when}\n{verdict}" if verdict else when


def moment_text(moment: dt.datetime | None) -> str:
    """An appointment: a due at 24:00 (stored as midnight) reads as that whole day."""
    if moment is None:
        return ""
    day, clock = end_of_day_local(moment)  # the pages' rule too: one place decides what 00:00 means
    return f"ngày {short_date(day)}" if clock == "24:00" else time_text(moment)


def _date(moment: dt.datetime | None) -> dt.date | None:
    local = _local(moment)
    return local.date() if local else None


def place_of(unit: Any) -> str:
    return getattr(unit, "name", "") or ""


def unit_phrase(unit: Any) -> str:
    """The unit in running text: "phường Phan Đình Phùng" (type word lower-case, name as is)."""
    from thanthien.units.models import UNIT_TYPE_PREFIX

    prefix = UNIT_TYPE_PREFIX.get(getattr(unit, "unit_type", ""), "")
    return f"{prefix.lower()} {getattr(unit, 'name', '')}".strip()


def owner_of(unit: Any) -> str:
    """ĐƠN VỊ CHỦ QUẢN: "UBND phường Phan Đình Phùng"."""
    return f"UBND {unit_phrase(unit)}"


#: The issuing office's abbreviation after the slip's symbol: the one-stop section of a commune
#: (or district) UBND is its "Bộ phận Tiếp nhận và Trả kết quả" (NĐ 61/2018 Điều 7; the header
#: printed on every slip); "TTPVHCC" is the provincial public-administration service centre.
OFFICE_SYMBOLS = {"province": "TTPVHCC"}
DEFAULT_OFFICE_SYMBOL = "BPTNTKQ"


def unit_symbol(unit: Any) -> str:
    """``"BPTNTKQ"`` for a commune's one-stop section, ``"TTPVHCC"`` for a provincial centre."""
    return OFFICE_SYMBOLS.get(getattr(unit, "level", ""), DEFAULT_OFFICE_SYMBOL)


def time_limit_text(procedure: Any) -> str:
    if getattr(procedure, "is_immediate", False):
        return "Trả ngay trong ngày"
    amount = Decimal(procedure.time_amount or 0).normalize()
    words = {
        "working_days": "ngày làm việc",
        "working_hours": "giờ làm việc",
        "calendar_days": "ngày",
    }.get(getattr(procedure, "time_measure", ""), "ngày làm việc")
    number = f"{amount:f}".replace(".", ",")
    return f"{number.rjust(2, '0') if amount < 10 and amount == amount.to_integral() else number} {words}"


def book_entry_number(dossier: Any) -> int | None:
    """The dossier's line in its unit's tracking book (Sổ theo dõi hồ sơ, Mẫu 06) of ``book_year``.

    TT 01/2018 Điều 10: one book per year, numbered continuously from 01 to the year's end. The
    line is given once at reception and stored (``services.allocate_book_line``; dossiers received
    before the field existed were numbered by migration 0005 in reception order), so a dossier
    entered late takes the next line instead of moving the others. ``None`` before reception.
    """
    return getattr(dossier, "book_number", None) or None


def book_line_text(number: int | None) -> str:
    """The book's "STT" and Mẫu 01's "Số thứ tự": ``"07"`` (two digits at least, from 01)."""
    return f"{number:02d}" if number else ""


def _components(dossier: Any) -> tuple[str, ...]:
    names = [c.name for c in dossier.components.all()]
    if not names:
        names = [c.name for c in dossier.procedure.components.all()]
    return tuple(names) or ("(Theo danh mục thủ tục hành chính đã công bố)",)


def _applicant_lines(dossier: Any, *, label: str = "Ông/Bà") -> list[tuple[Field, ...]]:
    rows: list[tuple[Field, ...]] = [
        (Field(label, dossier.applicant_name, bold_value=True),),
        (Field("Số định danh cá nhân/tổ chức", dossier.applicant_id_number),),
        (Field("Địa chỉ", dossier.applicant_address),),
        (Field("Số điện thoại", dossier.applicant_phone), Field("Email", dossier.applicant_email)),
    ]
    if dossier.on_behalf_of and dossier.on_behalf_of != dossier.applicant_name:
        rows.append((Field("Nộp thay cho (người ủy quyền)", dossier.on_behalf_of),))
    return rows


def _slip(
    dossier: Any,
    form: str,
    title: str,
    blocks: Sequence[Any],
    issued_on: dt.date | None,
    *,
    number: int | None = None,
) -> Paper:
    """An A5 slip; ``number`` None leaves "Số: …/<symbol>" for hand numbering."""
    unit = dossier.unit
    return Paper(
        size=PaperSize.A5,
        slip_header=SlipHeader(owner=owner_of(unit), office=ONE_STOP_OFFICE),
        issuing_body="",
        number=number,
        symbol=f"{SYMBOLS[form]}-{unit_symbol(unit)}",
        place=place_of(unit),
        issued_on=issued_on,
        doc_type=title,
        blocks=tuple(blocks),
        qr_url=status_url(dossier) if dossier.tracking_code else "",
        qr_caption=(
            f"{QR_CAPTION}. Mã tra cứu: {format_tracking_code(dossier.tracking_code)}" if dossier.tracking_code else ""
        ),
        title=f"Mẫu {form} — {dossier.code or dossier.applicant_name}",
    )


def _officer(user: Any) -> str:
    if user is None:
        return ""
    return getattr(user, "display_name", "") or getattr(user, "full_name", "") or user.get_username()


# --- Mẫu 01–05 -------------------------------------------------------------------------------------


def receipt_slip(dossier: Any) -> Paper:
    """Mẫu 01 — Giấy tiếp nhận hồ sơ và hẹn trả kết quả (NĐ 61/2018 Điều 17.1c, 17.3)."""
    unit = dossier.unit
    return_place = CHANNEL_WORDS.get(dossier.channel_out, "")
    if dossier.channel_out == "postal":
        return_place += f": {dossier.postal_return_address or dossier.applicant_address}"
    elif dossier.channel_out == "direct":
        return_place = f"Bộ phận Một cửa {unit_phrase(unit)}"
    received = dossier.received_at or dossier.submitted_at
    entry = book_entry_number(dossier)
    blocks = [
        Paragraph(f"{ONE_STOP_OFFICE} {unit_phrase(unit)} tiếp nhận hồ sơ của:", indent=False),
        FieldLines(((Field("Mã hồ sơ", dossier.code or "", bold_value=True),), *_applicant_lines(dossier))),
        FieldLines.of(Field("Nội dung yêu cầu giải quyết", dossier.procedure.name)),
        Paragraph("Thành phần hồ sơ gồm:", indent=False),
        ItemList(_components(dossier), hanging=True),
        FieldLines(
            (
                (Field("Số lượng hồ sơ", "01 bộ"), Field("Thời gian giải quyết", time_limit_text(dossier.procedure))),
                (Field("Thời gian nhận hồ sơ", time_text(received)),),
                (Field("Thời gian trả kết quả", due_text(dossier), bold_value=True),),
                (Field("Đăng ký nhận kết quả tại", return_place),),
                (
                    Field("Vào Sổ theo dõi hồ sơ, Quyển số", f"{_book_year(dossier) or ''}"),
                    Field("Số thứ tự", book_line_text(entry)),
                ),
            )
        ),
        SignatureRow(
            (
                Signature(position="Người nộp hồ sơ", note=SIGN_NOTE, name=dossier.applicant_name),
                Signature(position="Người tiếp nhận hồ sơ", note=SIGN_NOTE, name=_officer(dossier.received_by)),
            )
        ),
    ]
    # "Số: …/TNHS" (TT 01/2018 Mẫu 01) is the line in the tracking book: one number a year from 01,
    # the same as "Vào Sổ theo dõi hồ sơ … Số thứ tự" below (the dossier code is printed above).
    return _slip(dossier, "01", "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", blocks, _date(received), number=entry)


def _book_year(dossier: Any) -> int | None:
    """The book (one a year) the dossier's line is in: the reception year."""
    year = getattr(dossier, "book_year", None)
    if year:
        return int(year)
    received = _date(dossier.received_at)
    return received.year if received else None


def _reason_items(text: str) -> tuple[str, ...]:
    items = tuple(line.strip(" -•\t") for line in (text or "").splitlines() if line.strip(" -•\t"))
    return items or ("",)


def supplement_slip(dossier: Any, *, reason: str | None = None, at: dt.datetime | None = None) -> Paper:
    """Mẫu 02 — Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (NĐ 61 Điều 15.3, 19.4): guidance given once."""
    event = _last_event(dossier, {"request_supplement_at_reception", "request_supplement"})
    reason = reason if reason is not None else (event.note if event else dossier.reason)
    at = at or (event.at if event else None)
    guide = event.giver if event else None
    unit = dossier.unit
    blocks = [
        FieldLines(
            (
                (Field("Hồ sơ của", dossier.applicant_name, bold_value=True),),
                (Field("Mã hồ sơ (nếu có)", dossier.code or ""),),
                (Field("Nội dung yêu cầu giải quyết", dossier.procedure.name),),
                (Field("Địa chỉ", dossier.applicant_address),),
                (Field("Số điện thoại", dossier.applicant_phone), Field("Email", dossier.applicant_email)),
            )
        ),
        Paragraph("Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:", indent=False),
        ItemList(_reason_items(reason or ""), hanging=True),
        FieldLines.of(Field("Lý do", "Hồ sơ chưa đầy đủ, chưa hợp lệ theo quy định")),
        Paragraph(
            "Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, ông/bà liên hệ "
            f"{_officer(guide) or '…'} — số điện thoại {getattr(unit, 'phone', '') or '…'} để được hướng dẫn.",
            indent=False,
        ),
        SignatureRow((Signature(position="Người hướng dẫn", note=SIGN_NOTE, name=_officer(guide)),)),
    ]
    return _slip(dossier, "02", "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", blocks, _date(at or dossier.submitted_at))


def refusal_slip(dossier: Any, *, reason: str | None = None, at: dt.datetime | None = None) -> Paper:
    """Mẫu 03 — Phiếu từ chối tiếp nhận giải quyết hồ sơ (NĐ 61 Điều 17.1b), with the reasons."""
    event = _last_event(dossier, {"refuse_at_reception", "refuse"})
    reason = reason if reason is not None else (event.note if event else dossier.reason)
    at = at or (event.at if event else dossier.finished_at)
    blocks = [
        Paragraph(f"{ONE_STOP_OFFICE} {unit_phrase(dossier.unit)} tiếp nhận hồ sơ của:", indent=False),
        FieldLines(
            (
                *_applicant_lines(dossier),
                (Field("Mã hồ sơ (nếu có)", dossier.code or ""),),
                (Field("Nội dung yêu cầu", dossier.procedure.name),),
            )
        ),
        Paragraph(
            "Qua nghiên cứu, đối chiếu với quy định, hồ sơ không đủ điều kiện tiếp nhận, giải quyết "
            "vì các lý do cụ thể sau:",
            indent=False,
        ),
        ItemList(_reason_items(reason or ""), hanging=True),
        Paragraph("Xin thông báo để ông/bà biết và thực hiện.", indent=False),
        SignatureRow(
            (
                Signature(position="Người nộp hồ sơ", note=SIGN_NOTE, name=dossier.applicant_name),
                Signature(
                    position="Người tiếp nhận hồ sơ", note=SIGN_NOTE, name=_officer(event.giver if event else None)
                ),
            )
        ),
    ]
    return _slip(dossier, "03", "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ", blocks, _date(at))


def apology_slip(dossier: Any, apology: Any = None) -> Paper:
    """Mẫu 04 — Phiếu xin lỗi và hẹn lại ngày trả kết quả (NĐ 61 Điều 19.9), signed by the head."""
    if apology is None:
        apology = next(iter(dossier.apologies.all()), None)
    original = apology.original_due_at if apology else (dossier.original_due_at or dossier.due_at)
    new_date = apology.new_due_date if apology else dossier.extended_due_date
    reason = apology.reason if apology else ""
    unit = dossier.unit
    received = dossier.received_at or dossier.submitted_at
    new_text = f"ngày {short_date(new_date)}" if new_date else "ngày … tháng … năm …"
    original_text = moment_text(original)
    # The deciding body signs the apology (NĐ 61 Điều 19.9): name it instead of the form's blank.
    decider = getattr(dossier, "deciding_unit", None) or unit
    body_name = f"Ủy ban nhân dân {unit_phrase(decider)}"
    blocks = [
        Paragraph(f"Kính gửi: {dossier.applicant_name}", align=Align.CENTER, indent=False),
        Paragraph(
            f"Ngày {short_date(_date(received))}, {ONE_STOP_OFFICE} {unit_phrase(unit)} "
            f"tiếp nhận hồ sơ đề nghị giải quyết thủ tục hành chính “{dossier.procedure.name}” của ông/bà.",
            indent=True,
        )
        if received
        else Spacer(0),
        FieldLines(
            (
                (Field("Số định danh cá nhân/tổ chức", dossier.applicant_id_number),),
                (Field("Mã số hồ sơ", dossier.code or "", bold_value=True),),
                (Field("Thời gian hẹn trả kết quả", original_text),),
            )
        ),
        Paragraph(
            f"Tuy nhiên, đến nay {body_name} chưa trả kết quả giải quyết hồ sơ của ông/bà đúng hẹn.",
            indent=True,
        ),
        FieldLines.of(Field("Lý do", reason)),
        Paragraph(
            "Sự chậm trễ này có thể gây phiền hà, tốn kém về chi phí, công sức của ông/bà. "
            f"{body_name} xin trân trọng gửi lời xin lỗi ông/bà vì sự chậm trễ này.",
            indent=True,
        ),
        Paragraph(
            (
                Run(f"{body_name} sẽ trả kết quả giải quyết hồ sơ cho ông/bà vào "),
                Run(new_text, bold=True),
                Run("."),
            ),
            indent=True,
        ),
        SignatureRow(
            (
                Signature(
                    authority="TM. Ủy ban nhân dân",
                    position="Chủ tịch",
                    note="(Ký, ghi rõ họ tên và đóng dấu)",
                    name=_officer(apology.signer) if apology else "",
                ),
            )
        ),
    ]
    issued = apology.issued_at if apology and apology.issued_at else None
    return _slip(dossier, "04", "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ", blocks, _date(issued))


def _last_event(dossier: Any, actions: set[str]) -> Any:
    found = None
    for event in dossier.events.all():
        if event.action in actions:
            found = event
    return found


#: Who hands the dossier to the one-stop at reception, by channel (NĐ 61/2018 Điều 16; legal-rules §2.2):
#: ``(giver's unit, giver)``; ``{applicant}`` is the applicant's name.
RECEPTION_GIVERS = {
    "direct": ("Tổ chức, cá nhân nộp hồ sơ", "{applicant}"),
    "postal": ("Bưu chính công ích", "Nhân viên bưu chính"),
    "online": ("Cổng Dịch vụ công", "{applicant} (nộp trực tuyến)"),
}
APPLICANT_UNIT = "Tổ chức, cá nhân"
#: The "Ghi chú" of each hand-off on Mẫu 05 (Vietnamese whatever the interface language).
ACTION_WORDS = {
    A.RECEIVE: "Tiếp nhận hồ sơ",
    A.REQUEST_SUPPLEMENT_AT_RECEPTION: "Yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02)",
    A.REFUSE_AT_RECEPTION: "Từ chối tiếp nhận (Mẫu 03)",
    A.TRANSFER: "Chuyển hồ sơ đến cơ quan giải quyết",
    A.ASSIGN: "Phân công xử lý",
    A.REASSIGN: "Phân công lại người xử lý",
    A.REQUEST_SUPPLEMENT: "Yêu cầu bổ sung hồ sơ trong quá trình giải quyết (Mẫu 02)",
    A.COMPLETE_SUPPLEMENT: "Nhận hồ sơ đã bổ sung; tính lại thời gian giải quyết",
    A.REQUEST_CONSULTATION: "Lấy ý kiến cơ quan phối hợp",
    A.CLOSE_CONSULTATION: "Nhận ý kiến của cơ quan phối hợp",
    A.SEND_INTER_AGENCY: "Chuyển cơ quan liên thông",
    A.RECEIVE_INTER_AGENCY: "Nhận lại từ cơ quan liên thông",
    A.REQUEST_FEES: "Thông báo thực hiện nghĩa vụ tài chính",
    A.CONFIRM_FEES_PAID: "Đã thực hiện nghĩa vụ tài chính",
    A.REFUSE: "Từ chối giải quyết",
    A.STOP_AT_REQUEST: "Dừng giải quyết theo đề nghị",
    A.RECORD_RESULT: "Chuyển kết quả về Bộ phận tiếp nhận và trả kết quả",
    A.RECORD_IMMEDIATE_RESULT: "Có kết quả giải quyết ngay",
    A.RETURN_RESULT: "Trả kết quả",
}
#: Not hand-offs of the dossier: the online filing (the reception row records the portal's
#: hand-over), the resubmission (the next reception does) and the apology (printed in the header).
_NOT_HAND_OFFS = {A.SUBMIT_ONLINE, A.RESUBMIT, A.ISSUE_APOLOGY}
_EXTERNAL_OUT = {A.REQUEST_CONSULTATION, A.SEND_INTER_AGENCY}
_EXTERNAL_BACK = {A.CLOSE_CONSULTATION, A.RECEIVE_INTER_AGENCY}
_TO_APPLICANT = {
    A.REQUEST_SUPPLEMENT_AT_RECEPTION,
    A.REFUSE_AT_RECEPTION,
    A.REQUEST_SUPPLEMENT,
    A.REQUEST_FEES,
    A.REFUSE,
    A.STOP_AT_REQUEST,
}
_FROM_APPLICANT = {A.COMPLETE_SUPPLEMENT, A.CONFIRM_FEES_PAID}


@dataclass(frozen=True, slots=True)
class HandOff:
    """One row of Mẫu 05: who gave the dossier to whom (units and people) and when."""

    event: Any
    giver_unit: str
    giver: str
    receiver_unit: str
    receiver: str


def coordinating_bodies(dossier: Any) -> list[str]:
    """The bodies consulted or taking part (lấy ý kiến, liên thông; NĐ 61/2018 Điều 19.5–7), in order."""
    bodies: list[str] = []
    for event in dossier.events.all():
        if event.action in _EXTERNAL_OUT:
            body = (event.receiver_label or event.step or "").strip()
            if body and body not in bodies:
                bodies.append(body)
    return bodies


def hand_offs(dossier: Any) -> list[HandOff]:
    """The hand-off trail of Mẫu 05 from the event log (``DossierEvent``), oldest first.

    At reception the giver is the applicant, the postal worker or the online portal (by
    channel) and the receiver the one-stop officer; the dossier then goes from officer to
    officer (giver = who handed over, receiver = who took it), to and from consulted bodies,
    and back to the applicant with the result. People are named when the log knows them.
    The reception's giver is worded here by channel, in the form's Vietnamese, rather than read
    from ``giver_label`` (recorded in the interface language of the officer who received it).
    """
    one_stop = ONE_STOP_OFFICE
    decider = owner_of(getattr(dossier, "deciding_unit", None) or dossier.unit)
    applicant = dossier.applicant_name
    external = ""
    rows: list[HandOff] = []
    for e in dossier.events.all():
        try:
            action = A(e.action)
        except ValueError:
            continue
        if action in _NOT_HAND_OFFS:
            continue
        officer_in = _officer(e.receiver) if e.receiver_id else ""
        giver_unit = one_stop if action in RECEPTION_ACTIONS else decider
        giver, receiver_unit, receiver = e.giver_label, decider, officer_in
        if action == A.RECEIVE:
            unit_words, person = RECEPTION_GIVERS.get(dossier.channel_in, RECEPTION_GIVERS["direct"])
            giver_unit, giver = unit_words, person.format(applicant=applicant)
            if dossier.channel_in == "postal" and dossier.postal_receipt_no:
                giver = f"{giver} (số hiệu bưu gửi {dossier.postal_receipt_no})"
            receiver_unit, receiver = one_stop, officer_in or e.receiver_label or _officer(dossier.received_by)
        elif action in _TO_APPLICANT:
            receiver_unit, receiver = APPLICANT_UNIT, applicant
        elif action in _FROM_APPLICANT:
            giver_unit, giver = APPLICANT_UNIT, applicant
        elif action in _EXTERNAL_OUT:
            external = (e.receiver_label or e.step or "").strip()
            receiver_unit, receiver = external, ""
        elif action in _EXTERNAL_BACK:
            giver_unit, giver = external or "…", ""
        elif action in {A.RECORD_RESULT, A.RECORD_IMMEDIATE_RESULT}:
            receiver_unit = one_stop
        elif action == A.RETURN_RESULT:
            if dossier.channel_out == "postal":
                receiver_unit, receiver = "Bưu chính công ích", "Nhân viên bưu chính"
            else:
                receiver_unit, receiver = APPLICANT_UNIT, applicant
        rows.append(HandOff(e, giver_unit, giver, receiver_unit, receiver))
    return rows


def timeliness_text(dossier: Any) -> str:
    """The dossier's classification; after an apology, also against the new appointment.

    ``dossier.timeliness`` follows ``DossierRules.kpi_due`` (default: the original appointment,
    legal-rules §2.10); ``timeliness_extended`` is the same return against Mẫu 04's date.
    """
    kpi = TIMELINESS_WORDS.get(dossier.timeliness or "", "")
    extended = TIMELINESS_WORDS.get(getattr(dossier, "timeliness_extended", "") or "", "")
    if kpi and extended and extended != kpi:
        return f"{kpi} (theo ngày hẹn lại: {extended.lower()})"
    return kpi


def control_slip(dossier: Any) -> Paper:
    """Mẫu 05 — Phiếu kiểm soát quá trình giải quyết hồ sơ, from the hand-off trail (DossierEvent)."""
    rows: list[tuple[Cell | str, ...]] = []
    for n, h in enumerate(hand_offs(dossier), start=1):
        e = h.event
        result = TIMELINESS_WORDS.get(e.step_timeliness, "")
        if e.to_status in {DossierStatus.RETURNED, DossierStatus.REFUSED_IN_PROCESSING} and dossier.timeliness:
            result = timeliness_text(dossier)
        rows.append(
            (
                Cell(f"{n}. Giao: {h.giver_unit or '…'}\nNhận: {h.receiver_unit or '…'}"),
                Cell(f"{time_text(e.at)}\nNgười giao: {h.giver or '…'}\nNgười nhận: {h.receiver or '…'}"),
                Cell(result, align=Align.CENTER),
                Cell(ACTION_WORDS.get(e.action, "") or e.step or e.get_action_display()),
            )
        )
    if not rows:
        rows.append(("", "", "", ""))
    deciding = dossier.deciding_unit or dossier.unit
    dates: list[tuple[Field, ...]] = [
        (Field("Ngày nhận", time_text(dossier.received_at)),),
        (Field("Hẹn trả kết quả", due_text(dossier)),),
    ]
    if dossier.extended_due_at:
        dates.append((Field("Hẹn lại ngày trả kết quả (Mẫu 04)", due_text(dossier, extended=True), bold_value=True),))
    blocks = [
        FieldLines(
            (
                (Field("Mã số hồ sơ", dossier.code or "", bold_value=True),),
                (Field("Cơ quan giải quyết hồ sơ", owner_of(deciding)),),
                (Field("Cơ quan phối hợp giải quyết", "; ".join(coordinating_bodies(dossier))),),
                *dates,
            )
        ),
        Table(
            header_rows=(
                (
                    "Tên đơn vị",
                    "Thời gian giao nhận hồ sơ",
                    "Kết quả giải quyết hồ sơ (trước hạn / đúng hạn / quá hạn)",
                    "Ghi chú",
                ),
            ),
            rows=tuple(rows),
            widths=(2.6, 3.2, 1.6, 1.6),
            size=9,
        ),
    ]
    # Numbered like Mẫu 01, by the dossier's line in the tracking book: slip, control slip and
    # book can be matched at a glance.
    return _slip(
        dossier,
        "05",
        "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
        blocks,
        _date(dossier.received_at),
        number=book_entry_number(dossier),
    )


# --- Mẫu 06 ----------------------------------------------------------------------------------------


def tracking_book(unit: Any, year: int, dossiers: Iterable[Any], *, printed_on: dt.date | None = None) -> Paper:
    """Mẫu 06 — Sổ theo dõi hồ sơ of ``unit`` for ``year`` (A4 landscape, numbered from 01).

    ``dossiers`` in the book's order (``selectors.tracking_book``: by line); ``select_related``
    procedure. The STT is the line stored at reception, the number printed on Mẫu 01.
    """
    rows: list[tuple[Cell | str, ...]] = []
    for d in dossiers:
        contact = ", ".join(p for p in (d.applicant_address, d.applicant_phone) if p)
        deciding = d.deciding_unit.full_name if getattr(d, "deciding_unit", None) else getattr(unit, "full_name", "")
        rows.append(
            (
                Cell(book_line_text(d.book_number), align=Align.CENTER),
                d.code or "",
                d.procedure.name,
                d.applicant_name,
                contact,
                deciding,
                time_text(d.received_at),
                appointment_text(d),
                returned_text(d),
                CHANNEL_WORDS.get(d.channel_out, ""),
                "",
            )
        )
    if not rows:
        rows.append(tuple("" for _ in range(11)))
    return Paper(
        size=PaperSize.A4,
        orientation=Orientation.LANDSCAPE,
        slip_header=SlipHeader(owner=owner_of(unit), office=ONE_STOP_OFFICE),
        issuing_body="",
        symbol="",
        place=place_of(unit),
        issued_on=printed_on,
        doc_type=f"SỔ THEO DÕI HỒ SƠ NĂM {year}",
        blocks=(
            Table(
                header_rows=(
                    (
                        "STT",
                        "Mã hồ sơ",
                        "Tên TTHC",
                        "Tên tổ chức, cá nhân",
                        "Địa chỉ, số điện thoại",
                        "Cơ quan chủ trì giải quyết",
                        "Nhận hồ sơ",
                        "Hẹn trả kết quả",
                        "Trả kết quả",
                        "Phương thức nhận kết quả",
                        "Ký nhận",
                    ),
                ),
                rows=tuple(rows),
                widths=(0.5, 2.3, 2.0, 1.4, 1.6, 1.2, 1.2, 1.1, 1.2, 1.1, 0.8),
                size=8,
            ),
        ),
        title=f"Mẫu 06 — Sổ theo dõi hồ sơ {year}",
    )


#: Forms printable for a dossier, by code; each builder takes the dossier (selectors.dossier_get).
FORMS = {
    "01": receipt_slip,
    "02": supplement_slip,
    "03": refusal_slip,
    "04": apology_slip,
    "05": control_slip,
}
FORM_NAMES = {
    "01": "Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
    "02": "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
    "03": "Phiếu từ chối tiếp nhận giải quyết hồ sơ",
    "04": "Phiếu xin lỗi và hẹn lại ngày trả kết quả",
    "05": "Phiếu kiểm soát quá trình giải quyết hồ sơ",
    "06": "Sổ theo dõi hồ sơ",
}


def available_forms(dossier: Any) -> list[str]:
    """The forms that make sense for the dossier's history (Mẫu 01 needs a code, Mẫu 04 an apology)."""
    actions = {e.action for e in dossier.events.all()}
    forms = []
    if dossier.code:
        forms += ["01", "05"]
    if actions & {"request_supplement_at_reception", "request_supplement"}:
        forms.append("02")
    if actions & {"refuse_at_reception", "refuse"}:
        forms.append("03")
    if any(True for _ in dossier.apologies.all()):
        forms.append("04")
    return sorted(forms)
