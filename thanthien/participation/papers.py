"""Official papers of community decisions, built as ``thanthien.papers`` Paper data.

* Biên bản kiểm phiếu — the vote-count minutes (NĐ 59/2023 Mẫu 02 at a meeting, Mẫu 04 for a
  household ballot; the online-vote minutes of Điều 5 list the households that voted).
* Văn bản quyết định của cộng đồng dân cư (Mẫu 03) with every field of Luật 10/2022 Điều 20.2.
* Household ballots (phiếu lấy ý kiến hộ gia đình), one A5 page each with code and QR, many in one PDF.

The wording is Vietnamese legal text (the forms are printed in Vietnamese whatever the UI language).
"""

from __future__ import annotations

import io
import json
import threading
import unicodedata
import zlib
from pathlib import Path

import segno
import typst
from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    StreamObject,
)

from thanthien.papers.domain import nd30
from thanthien.papers.domain.paper import (
    Align,
    Cell,
    FieldLines,
    Heading,
    Paper,
    PaperSize,
    Paragraph,
    Run,
    Signature,
    SignatureRow,
    Table,
)

from .domain.matters import DecisionForm, get_matter
from .domain.tally import Channel
from .models import Ballot, CommunityMeeting, Decision
from .selectors import ballots_for_print, decision_voters

FORM_VI = {f.value: f.label_vi for f in DecisionForm}
CHANNEL_VI = {
    Channel.MEETING_SHOW_OF_HANDS.value: "Biểu quyết giơ tay tại cuộc họp",
    Channel.MEETING_SECRET_BALLOT.value: "Bỏ phiếu kín tại cuộc họp",
    Channel.PAPER_BALLOT.value: "Phiếu lấy ý kiến hộ gia đình",
    Channel.ONLINE.value: "Biểu quyết trực tuyến",
}


def _public_url(name: str, *args: object) -> str:
    try:
        path = reverse(name, args=args)
    except NoReverseMatch:
        path = "/tham-gia/"
    return f"{getattr(settings, 'PUBLIC_BASE_URL', '')}{path}"


def _header(decision: Decision) -> dict[str, str]:
    return {
        "governing_body": f"UBND {decision.unit.full_name}",
        "issuing_body": str(decision.hamlet),
        "place": decision.unit.name,
    }


def _when(value) -> str:
    if value is None:
        return "…"
    local = timezone.localtime(value)
    return f"{local:%H} giờ {local:%M} phút, ngày {local:%d/%m/%Y}"


def _pct(n: int, total: int) -> str:
    return f"{100 * n / total:.2f}%".replace(".", ",") if total else "0%"


def _results_table(decision: Decision) -> Table:
    total = decision.total_households
    voted = decision.agree + decision.disagree + decision.other
    rows = (
        ("Tổng số hộ gia đình trong thôn, tổ dân phố", str(total), "100%"),
        ("Số hộ tham gia biểu quyết", str(voted), _pct(voted, total)),
        ("Đồng ý", str(decision.agree), _pct(decision.agree, total)),
        ("Không đồng ý", str(decision.disagree), _pct(decision.disagree, total)),
        ("Ý kiến khác", str(decision.other), _pct(decision.other, total)),
    )
    return Table(
        header_rows=(("Nội dung", "Số hộ", "Tỷ lệ trên tổng số hộ"),),
        rows=rows,
        widths=(5, 1.4, 2),
        aligns=(Align.LEFT, Align.CENTER, Align.CENTER),
    )


def vote_count_minutes(decision: Decision) -> Paper:
    """Biên bản kiểm phiếu (Mẫu 02 / Mẫu 04) or the online-vote minutes (NĐ 59 Điều 5.4)."""
    meeting: CommunityMeeting | None = decision.meeting
    online = decision.form == Decision.Form.ONLINE_VOTE
    team = list(decision.team or (meeting.vote_counters if meeting else []))
    witnesses = list(decision.witnesses or (meeting.witnesses if meeting else []))
    blocks: list = [
        Paragraph(
            f"Thời gian: từ {_when(decision.opens_at)} đến {_when(decision.closed_at)}.",
            indent=False,
        ),
        Paragraph(f"Nội dung biểu quyết: {decision.question}", indent=False),
        Paragraph(f"Hình thức: {FORM_VI.get(decision.form, decision.form)}.", indent=False),
        Heading("I. THÀNH PHẦN", level=2),
        FieldLines.of(
            ("Tổ kiểm phiếu / Tổ lấy ý kiến", ", ".join(team) or ""),
            ("Hộ gia đình chứng kiến", ", ".join(witnesses) or ""),
        ),
        Heading("II. KẾT QUẢ KIỂM PHIẾU", level=2),
        _results_table(decision),
        Paragraph(decision.result_explanation, indent=False, italic=True),
    ]
    candidates = list(decision.candidates.all())
    if candidates:
        blocks.append(
            Table(
                header_rows=(("Người ứng cử", "Số hộ bầu", "Kết quả"),),
                rows=tuple(
                    (c.full_name, str(c.votes), "Trúng cử" if c.elected else "Không trúng cử") for c in candidates
                ),
                widths=(4, 1.5, 2),
            )
        )
    if online:
        voters = decision_voters(decision)
        blocks.append(Heading("III. DANH SÁCH HỘ GIA ĐÌNH ĐÃ BIỂU QUYẾT", level=2))
        blocks.append(
            Table(
                header_rows=(("TT", "Mã hộ", "Thời điểm"),),
                rows=tuple(
                    (Cell(str(i)), v["household__code"], _when(v["recorded_at"])) for i, v in enumerate(voters, 1)
                ),
                widths=(0.6, 3, 3),
                aligns=(Align.CENTER, Align.LEFT, Align.LEFT),
            )
        )
    blocks.append(
        Paragraph("Biên bản được lập thành 03 bản: gửi UBND cấp xã, Ủy ban MTTQ cấp xã và lưu tại thôn, tổ dân phố.")
    )
    parties = [Signature(position="Tổ trưởng tổ kiểm phiếu", name=team[0] if team else "", note="(Ký, ghi rõ họ tên)")]
    parties += [Signature(position="Hộ gia đình chứng kiến", name=w, note="(Ký, ghi rõ họ tên)") for w in witnesses[:2]]
    blocks.append(SignatureRow(tuple(parties)))
    return Paper(
        **_header(decision),
        symbol="",
        issued_on=timezone.localtime(decision.closed_at).date() if decision.closed_at else None,
        doc_type="BIÊN BẢN" if not online else "BIÊN BẢN BIỂU QUYẾT TRỰC TUYẾN",
        summary="Kiểm phiếu biểu quyết của cộng đồng dân cư",
        blocks=tuple(blocks),
        title="Biên bản kiểm phiếu",
    )


def community_decision_document(decision: Decision) -> Paper:
    """Văn bản quyết định của cộng đồng dân cư (Mẫu 03) with Luật 10/2022 Điều 20.2 (a)–(g)."""
    meeting = decision.meeting
    total = decision.total_households
    # (b) at a meeting: representatives present; by ballot or online: households that took part.
    present = decision.present_households
    if decision.form != Decision.Form.MEETING or present is None:
        present = decision.agree + decision.disagree + decision.other
    matter = get_matter(decision.matter)
    at_time = meeting.scheduled_at if meeting and decision.form == Decision.Form.MEETING else decision.closed_at
    verdict = "ĐƯỢC THÔNG QUA" if decision.adopted else "KHÔNG ĐƯỢC THÔNG QUA"
    blocks = (
        Paragraph(f"a) Thời gian: {_when(at_time)}.", indent=False),
        Paragraph(
            f"b) Tổng số hộ gia đình: {total}; số đại diện hộ gia đình tham dự/tham gia: {present}; "
            f"số hộ gia đình không có đại diện tham gia: {max(0, total - present)}.",
            indent=False,
        ),
        Paragraph(f"c) Nội dung đã thảo luận: {decision.question}. {decision.details}".strip(), indent=False),
        Paragraph(f"   (Nội dung thuộc {matter.source}: {matter.label_vi}.)", indent=False, italic=True),
        Paragraph(f"d) Hình thức quyết định: {FORM_VI.get(decision.form, decision.form)}.", indent=False),
        Paragraph(
            f"đ) Kết quả biểu quyết: đồng ý {decision.agree}/{total} hộ ({_pct(decision.agree, total)}); "
            f"không đồng ý {decision.disagree} hộ; ý kiến khác {decision.other} hộ. {decision.result_explanation}",
            indent=False,
        ),
        Paragraph(
            (
                Run("e) Nội dung quyết định: "),
                Run(f"{decision.decision_text or decision.question} — {verdict}.", bold=True),
            ),
            indent=False,
        ),
        Paragraph("g) Chữ ký:", indent=False),
        SignatureRow(
            (
                Signature(position="Trưởng ban công tác Mặt trận", note="(Ký, ghi rõ họ tên)"),
                Signature(position="Trưởng thôn, Tổ trưởng tổ dân phố", note="(Ký, ghi rõ họ tên)"),
            )
        ),
        SignatureRow(
            (
                Signature(position="Đại diện hộ gia đình", note="(Ký, ghi rõ họ tên)"),
                Signature(position="Đại diện hộ gia đình", note="(Ký, ghi rõ họ tên)"),
            )
        ),
    )
    return Paper(
        **_header(decision),
        symbol="",
        issued_on=timezone.localtime(decision.closed_at).date() if decision.closed_at else None,
        doc_type="VĂN BẢN",
        summary="Quyết định của cộng đồng dân cư",
        kinh_gui=(
            "Ủy ban nhân dân " + decision.unit.full_name,
            "Ủy ban Mặt trận Tổ quốc Việt Nam " + decision.unit.full_name,
        ),
        blocks=blocks,
        recipients=("UBND cấp xã", "Ủy ban MTTQ cấp xã"),
        archive="Thôn",
        qr_url=_public_url("participation_public:decision", decision.pk) if decision.is_public else "",
        qr_caption="Quét mã để theo dõi việc thực hiện quyết định",
        title="Văn bản quyết định của cộng đồng dân cư",
    )


_OPTIONS = (("1", "Đồng ý"), ("2", "Không đồng ý"), ("3", "Ý kiến khác: ……………………………………"))


def ballot_paper(decision: Decision, ballot: Ballot, *, household_code: str, vote_url: str, online: bool) -> Paper:
    """One household's ballot: A5, household code, ballot code and a QR to vote online / check."""
    blocks = (
        Paragraph((Run("Hộ gia đình: "), Run(household_code, bold=True)), indent=False),
        Paragraph((Run("Mã phiếu: "), Run(ballot.code, bold=True)), indent=False),
        Paragraph(f"Nội dung lấy ý kiến: {decision.question}", indent=False),
        Paragraph("Đánh dấu X vào một ô phương án hộ gia đình lựa chọn:", indent=False),
        Table(
            header_rows=(("TT", "Phương án", "Lựa chọn"),),
            rows=tuple((Cell(n), text, "") for n, text in _OPTIONS),
            widths=(0.6, 5, 1.4),
            aligns=(Align.CENTER, Align.LEFT, Align.CENTER),
        ),
        Paragraph(f"Hạn nộp phiếu: {_when(decision.closes_at)}.", indent=False, italic=True),
        SignatureRow((Signature(position="Đại diện hộ gia đình", note="(Ký và ghi rõ họ tên)"),)),
    )
    return Paper(
        size=PaperSize.A5,
        governing_body=f"UBND {decision.unit.full_name}",
        issuing_body=str(decision.hamlet),
        symbol="",
        place=decision.unit.name,
        doc_type="PHIẾU BIỂU QUYẾT TRỰC TUYẾN" if online else "PHIẾU LẤY Ý KIẾN HỘ GIA ĐÌNH",
        summary=decision.question[:200],
        blocks=blocks,
        qr_url=vote_url,
        qr_caption="Quét mã để biểu quyết trực tuyến hoặc kiểm tra phiếu" if online else "Quét mã để kiểm tra phiếu",
    )


SHEET_TEMPLATE = Path(__file__).resolve().parent / "typst" / "ballot_sheet.typ"
_local = threading.local()
MM = 72 / 25.4
# Where ballot_sheet.typ leaves room for the stamped values (millimetres from the top-left corner).
A5_W, A5_H = 148.0, 210.0
# Label tops are placed at 40 / 46 mm; Typst's default top edge is the cap height (~0.68 em at 11 pt).
CODE_X, HOUSEHOLD_Y, BALLOT_Y = 14 + 25.5, 12 + 40 + 2.65, 12 + 46 + 2.65
QR_X, QR_Y, QR_SIZE = A5_W - 10 - 24, 12 + 40, 24.0


def _qr_runs(text: str) -> tuple[int, list[tuple[int, int, int]]]:
    """The QR matrix of ``text`` as horizontal runs (x, y, length) of dark modules.

    The mask is fixed instead of searched: any of the eight masks is valid (ISO/IEC 18004 §7.8);
    the search only picks the one with the fewest look-alike patterns and is what makes QR
    encoding slow in bulk. Readers decode every mask.
    """
    qr = segno.make(text, error="m", micro=False, mask=2, boost_error=False)
    rows = qr.matrix
    size = len(rows)
    runs = []
    for y, row in enumerate(rows):
        x = 0
        while x < size:
            if row[x]:
                start = x
                while x < size and row[x]:
                    x += 1
                runs.append((start, y, x - start))
            else:
                x += 1
    return size, runs


def qr_svg_fast(text: str) -> str:
    """A QR code as a one-path SVG (horizontal runs of dark modules, fixed mask)."""
    size, runs = _qr_runs(text)
    path = "".join(f"M{x} {y}h{w}v1h{-w}z" for x, y, w in runs)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="-2 -2 {size + 4} {size + 4}">'
        f'<rect x="-2" y="-2" width="{size + 4}" height="{size + 4}" fill="#fff"/><path d="{path}"/></svg>'
    )


def _ascii(text: str) -> str:
    """Codes are stamped in a standard PDF font (Latin-1): fold anything else."""
    folded = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in folded if 32 <= ord(ch) < 127 and ch not in "()\\")


def _stamp(household: str, code: str, url: str) -> bytes:
    """The per-household part of a ballot page as PDF content operators."""
    h = A5_H * MM
    size, runs = _qr_runs(url)
    module = QR_SIZE * MM / (size + 4)
    qx, qy = QR_X * MM + 2 * module, h - QR_Y * MM - 2 * module
    rects = " ".join(
        f"{qx + x * module:.2f} {qy - (y + 1) * module:.2f} {w * module:.2f} {module:.2f} re" for x, y, w in runs
    )
    return (
        f"q 1 0 0 1 0 0 cm /Sheet Do Q BT /Code 11 Tf {CODE_X * MM:.2f} {h - HOUSEHOLD_Y * MM:.2f} Td "
        f"({_ascii(household)}) Tj 0 {-(BALLOT_Y - HOUSEHOLD_Y) * MM:.2f} Td ({_ascii(code)}) Tj ET "
        f"0 g {rects} f"
    ).encode("latin-1")


def _stamp_chunk(items: list[tuple[str, str, str]]) -> list[bytes]:
    return [zlib.compress(_stamp(*item), 6) for item in items]


def _stamps(items: list[tuple[str, str, str]]) -> list[bytes]:
    """Compressed page stamps, in order. (Spreading them over worker processes was measured slower
    on the shared 2-core machine, so it stays in this process.)"""
    return _stamp_chunk(items)


def _sheet_compiler() -> tuple[typst.Compiler, tuple[str, ...]]:
    from thanthien.papers.render import _font_dirs, _fonts  # the papers app's font discovery

    cached = getattr(_local, "compiler", None)
    if cached is None:
        fonts, chain = _fonts(_font_dirs())
        compiler = typst.Compiler(
            str(SHEET_TEMPLATE), root=str(SHEET_TEMPLATE.parent), font_paths=fonts, ignore_system_fonts=True
        )
        cached = _local.compiler = (compiler, chain)
    return cached


def _ballot_sheet(decision: Decision) -> bytes:
    """The printed part shared by all ballots of ``decision``: one page, rendered once by Typst."""
    online = decision.form == Decision.Form.ONLINE_VOTE
    compiler, fonts = _sheet_compiler()
    data = {
        "title": f"Phiếu — {decision.question[:80]}",
        "fonts": list(fonts),
        "governing_body": f"UBND {decision.unit.full_name}".upper(),
        "issuing_body": str(decision.hamlet).upper(),
        "national_title": nd30.NATIONAL_TITLE,
        "motto": nd30.MOTTO,
        "doc_type": "PHIẾU BIỂU QUYẾT TRỰC TUYẾN" if online else "PHIẾU LẤY Ý KIẾN HỘ GIA ĐÌNH",
        "summary": "Về việc: " + decision.question[:200],
        "question": "Nội dung lấy ý kiến: " + (decision.details or decision.question)[:400],
        "options": ["Đồng ý", "Không đồng ý", "Ý kiến khác: ……………………………"],
        "deadline": f"Hạn nộp phiếu: {_when(decision.closes_at)}.",
        "qr_caption": "Quét mã để biểu quyết trực tuyến hoặc kiểm tra phiếu",
    }
    pdf = compiler.compile(sys_inputs={"data": json.dumps(data, ensure_ascii=False)}, format="pdf")
    if not isinstance(pdf, bytes):
        raise RuntimeError("Typst returned no PDF.")
    return pdf


def ballots_pdf(decision: Decision, *, ballots: list[tuple[str, str]] | None = None) -> bytes:
    """Every household's ballot of ``decision`` as one printable PDF, one A5 page per household.

    The shared part is typeset once by Typst and reused by every page as a form XObject; each page
    adds only its household code, ballot code and QR code (vector). 10,000 ballots stay small and
    fast this way. ``ballots`` (household code, ballot code) defaults to the issued ballots.
    """
    if ballots is None:
        ballots = [(b.household.code, b.code) for b in ballots_for_print(decision)]
    base = _public_url("participation_public:vote_code")
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(_ballot_sheet(decision))))
    sheet = writer.pages[0]
    width, height = float(sheet.mediabox.width), float(sheet.mediabox.height)
    form = DecodedStreamObject()
    form.set_data(sheet.get_contents().get_data())
    form.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): ArrayObject([FloatObject(0), FloatObject(0), FloatObject(width), FloatObject(height)]),
            NameObject("/Resources"): sheet["/Resources"],
        }
    )
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica-Bold"),
            NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
        }
    )
    resources = writer._add_object(
        DictionaryObject(
            {
                NameObject("/XObject"): DictionaryObject(
                    {NameObject("/Sheet"): writer._add_object(form.flate_encode())}
                ),
                NameObject("/Font"): DictionaryObject({NameObject("/Code"): writer._add_object(font)}),
            }
        )
    )
    items = [(household, code, f"{base}?code={code}") for household, code in ballots]
    for data in _stamps(items):
        page = writer.add_blank_page(width, height)
        page[NameObject("/Resources")] = resources
        content = StreamObject()
        content.set_data(data)
        content[NameObject("/Filter")] = NameObject("/FlateDecode")
        page[NameObject("/Contents")] = writer._add_object(content)
    writer.remove_page(0)
    writer.add_metadata({"/Title": f"Phiếu — {decision.question[:80]}"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def decision_papers_check(decision: Decision) -> list[str]:
    """Article 20.2 fields missing from the decision document (empty when complete)."""
    missing = []
    if decision.closed_at is None:
        missing.append("time")
    if not decision.total_households:
        missing.append("total_households")
    if decision.adopted is None:
        missing.append("result")
    return missing


__all__ = [
    "ballot_paper",
    "ballots_pdf",
    "community_decision_document",
    "decision_papers_check",
    "vote_count_minutes",
]
