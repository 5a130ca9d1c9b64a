"""PDF rendering: every Vietnamese letter survives, user text is never markup, sizes, bulk."""

import datetime as dt
from pathlib import Path

import pytest

from thanthien.papers import samples
from thanthien.papers.domain.paper import (
    Align,
    Cell,
    Field,
    FieldLines,
    Heading,
    ItemList,
    Orientation,
    Paper,
    PaperSize,
    Paragraph,
    Run,
    Signature,
    SignatureRow,
    Table,
)
from thanthien.papers.render import TEMPLATE, render_many_pdf, render_pdf

from .helpers import page_sizes_mm, poppler_text, pypdf_text, vietnamese_letters

PANGRAM = (
    "Tiếng Việt: ạảãàáâậầấẩẫăắằặẳẵóòọõỏôộổỗồốơờớợởỡéèẻẹẽêếềệểễúùụủũưựữửừứíìịỉĩýỳỷỵỹđ "
    "ẠẢÃÀÁÂẬẦẤẨẪĂẮẰẶẲẴÓÒỌÕỎÔỘỔỖỒỐƠỜỚỢỞỠÉÈẺẸẼÊẾỀỆỂỄÚÙỤỦŨƯỰỮỬỪỨÍÌỊỈĨÝỲỶỴỸĐ"
)


def _paper(**overrides):
    fields = {
        "governing_body": "UBND tỉnh Thái Nguyên",
        "issuing_body": "Ủy ban nhân dân\nphường Phan Đình Phùng",
        "number": 5,
        "symbol": "QĐ-UBND",
        "place": "Phan Đình Phùng",
        "issued_on": dt.date(2026, 1, 5),
        "doc_type": "QUYẾT ĐỊNH",
        "summary": "Về việc kiểm tra phông chữ",
        "signature": Signature(authority="TM. Ủy ban nhân dân", position="Chủ tịch", name="Hoàng Văn Dũng"),
        "recipients": ("Như Điều 3",),
        "archive": "VP",
    }
    fields.update(overrides)
    return Paper(**fields)


def _every_letter_paper():
    letters = vietnamese_letters()
    return _paper(
        legal_bases=("Căn cứ " + " ".join(letters[:73]),),
        blocks=(
            Paragraph(PANGRAM),
            Paragraph(" ".join(letters)),
            Paragraph((Run(" ".join(letters), bold=True),)),
            Paragraph((Run(" ".join(letters), italic=True),)),
            Table(header_rows=(("Chữ",),), rows=((" ".join(letters[73:]),),)),
        ),
    )


def test_pdf_text_keeps_every_vietnamese_letter_in_every_style():
    pdf = render_pdf(_every_letter_paper())
    assert pdf.startswith(b"%PDF-")
    text = pypdf_text(pdf)
    missing = [letter for letter in vietnamese_letters() if letter not in text]
    assert missing == []
    # The same check through a second, independent extractor (poppler).
    poppler = poppler_text(pdf)
    if poppler:
        assert [letter for letter in vietnamese_letters() if letter not in poppler] == []
        assert "Phan Đình Phùng, ngày 05 tháng 01 năm 2026" in poppler


def test_decomposed_input_comes_out_composed():
    pdf = render_pdf(_paper(blocks=(Paragraph("Nguye\u0302\u0303n Thi\u0323 Ho\u0300a"),)))
    assert "Nguyễn Thị Hòa" in pypdf_text(pdf)


INJECTIONS = [
    "#set page(width: 1cm)",
    '#panic("boom")',
    "*đậm*",
    "_nghiêng_",
    "$x^2$",
    "@ref",
    "<label>",
    "= Tiêu đề",
    "`raw`",
    "// chú thích",
    "\\ gạch",
    '#read("/etc/passwd")',
]


def test_user_text_is_never_markup():
    text = "\n".join(["Dòng một", "- mục danh sách", "+ mục số", *INJECTIONS])
    paper = _paper(
        issuing_body="#set text(size: 2pt)",
        summary="*không đậm* #x",
        kinh_gui=("- Ông #A",),
        blocks=(
            Paragraph(text),
            Heading("#pagebreak()"),
            ItemList(("#emph[x]", "$y$")),
            Table(rows=((Cell("#table()"), "<b>"),)),
            FieldLines.of(Field("#v(10cm)", "@nhãn")),
            SignatureRow((Signature(position="#h(1fr)", name="*Lê*"),)),
        ),
        signature=Signature(position="$chữ ký$", name="#strong[Tên]", note="// note"),
        recipients=("#lorem(500)",),
        footer_note="#place(top)[x]",
    )
    pdf = render_pdf(paper)
    assert page_sizes_mm(pdf) == [(210, 297)]  # "#set page(width: 1cm)" did nothing
    extracted = poppler_text(pdf) or pypdf_text(pdf)
    squashed = "".join(extracted.split())
    for literal in [*INJECTIONS, "- mục danh sách", "+ mục số", "*không đậm* #x", "#set text(size: 2pt)".upper()]:
        assert "".join(literal.split()) in squashed, literal
    for literal in ["#pagebreak()", "#emph[x]", "$y$", "#table()", "<b>", "#v(10cm)", "@nhãn", "*Lê*"]:
        assert literal in squashed, literal
    assert "$CHỮKÝ$" in squashed and "#strong[Tên]" in squashed and "#lorem(500)" in squashed
    assert "root:" not in extracted  # nothing was read from the file system


def test_template_never_evaluates_strings():
    source = Path(TEMPLATE).read_text(encoding="utf-8")
    code = "\n".join(line.split("//")[0] for line in source.splitlines())
    assert "eval(" not in code
    assert "read(" not in code


@pytest.mark.parametrize(
    ("size", "orientation", "expected"),
    [
        (PaperSize.A4, Orientation.PORTRAIT, (210, 297)),
        (PaperSize.A5, Orientation.PORTRAIT, (148, 210)),
        (PaperSize.A4, Orientation.LANDSCAPE, (297, 210)),
    ],
)
def test_page_size(size, orientation, expected):
    assert page_sizes_mm(render_pdf(_paper(size=size, orientation=orientation))) == [expected]


def test_page_numbers_start_on_page_two_and_restart_per_paper():
    long_paper = _paper(blocks=tuple(Paragraph(f"Đoạn thứ {i}. " + "Nội dung dài. " * 30) for i in range(30)))
    pdf = render_many_pdf([long_paper, _paper(summary="Giấy thứ hai")])
    pages = len(page_sizes_mm(pdf))
    assert pages >= 3
    first_lines = [poppler_text(pdf, page=n).strip().splitlines()[0] for n in range(1, pages + 1)]
    assert first_lines[0] == "UBND TỈNH THÁI NGUYÊN"  # no number on page 1
    assert first_lines[1] == "2"
    assert first_lines[-1] == "UBND TỈNH THÁI NGUYÊN"  # the second paper starts again without a number


def test_many_papers_in_one_pdf_keep_their_own_sizes():
    pdf = render_many_pdf([_paper(), samples.receipt_slip(), _paper(orientation=Orientation.LANDSCAPE)])
    assert page_sizes_mm(pdf) == [(210, 297), (148, 210), (297, 210)]


def test_bulk_run_is_chunked_and_joined_in_order():
    pdf = render_many_pdf((samples.ballot(i, qr=i % 2 == 0) for i in range(7)), chunk_size=3, workers=2)
    assert page_sizes_mm(pdf) == [(148, 210)] * 7
    text = pypdf_text(pdf)
    positions = [text.index(f"HGD-{i:05d}") for i in range(7)]
    assert positions == sorted(positions)


def test_empty_bulk_is_refused():
    with pytest.raises(ValueError):
        render_many_pdf([])


def test_letter_puts_summary_under_the_number_and_kinh_gui():
    letter = _paper(doc_type="", symbol="UBND-VP", summary="tổ chức hội nghị đối thoại", kinh_gui=("Ông A", "Bà B"))
    text = poppler_text(render_pdf(letter))
    assert "V/v tổ chức hội nghị đối thoại" in text
    assert "Kính gửi:" in text and "Bà B" in text


def test_pilot_notice_renders_on_one_page_with_all_units():
    pdf = render_pdf(samples.pilot_notice(dt.date(2026, 1, 5)))
    text = poppler_text(pdf) or pypdf_text(pdf)
    assert len(page_sizes_mm(pdf)) == 1
    for row in samples.PILOT_ROWS_2024:
        assert row.unit in text and row.successor in text
    for line in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "/TB-UBND", "Nơi nhận:"):
        assert line in text
    assert "Thái Nguyên, ngày 05 tháng 01 năm 2026" in text
    assert "- Lưu: VT, HCC." in text


def test_receipt_slip_has_one_stop_header_on_one_a5_page():
    pdf = render_pdf(samples.receipt_slip())
    assert page_sizes_mm(pdf) == [(148, 210)]
    text = " ".join((poppler_text(pdf) or pypdf_text(pdf)).split())
    assert "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ" in text
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text
    assert "NGƯỜI NỘP HỒ SƠ" in text and "NGƯỜI TIẾP NHẬN HỒ SƠ" in text


def test_table_alignment_and_spans_render():
    table = Table(
        header_rows=((Cell("STT", rowspan=2), Cell("Nhận hồ sơ", colspan=2)), ("Ngày", "Giờ")),
        rows=(("1", "05/01/2026", "08:30"),),
        widths=(1, 2, 2),
        aligns=(Align.CENTER, Align.LEFT, Align.RIGHT),
    )
    text = poppler_text(render_pdf(_paper(blocks=(table,))))
    assert "Nhận hồ sơ" in text and "08:30" in text
