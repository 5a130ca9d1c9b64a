"""Word output: opens with python-docx, carries the same wording, NĐ 30 page setup."""

import datetime as dt
import io
from dataclasses import replace

import docx
from docx.oxml.ns import qn

from thanthien.papers import samples
from thanthien.papers.domain.paper import Cell, Field, FieldLines, Paper, PaperSize, Paragraph, Signature, Table
from thanthien.papers.render import render_docx

from .helpers import vietnamese_letters


def _open(body: bytes):
    return docx.Document(io.BytesIO(body))


def _all_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def test_notice_docx_opens_and_contains_the_paper():
    document = _open(render_docx(samples.pilot_notice(dt.date(2026, 1, 5))))
    text = _all_text(document)
    for expected in (
        "ỦY BAN NHÂN DÂN\nTỈNH THÁI NGUYÊN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Thái Nguyên, ngày 05 tháng 01 năm 2026",
        "THÔNG BÁO",
        "Phường Phan Đình Phùng",
        "Nơi nhận:",
        "- Lưu: VT, HCC.",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
    ):
        assert expected in text, expected
    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert round(section.left_margin.mm) == 30 and round(section.right_margin.mm) == 15
    assert round(section.top_margin.mm) == 20 and round(section.bottom_margin.mm) == 20
    assert section.different_first_page_header_footer  # no page number on page 1
    assert section.header._element.xpath(".//w:fldSimple[@w:instr='PAGE']")
    assert document.styles["Normal"].font.name == "Times New Roman"
    assert len(document.inline_shapes) == 1  # the QR code


def test_header_table_has_no_borders_and_motto_is_underlined():
    document = _open(render_docx(samples.pilot_notice(dt.date(2026, 1, 5))))
    header = document.tables[0]
    borders = header._tbl.tblPr.find(qn("w:tblBorders"))
    assert {edge.get(qn("w:val")) for edge in borders} == {"nil"}
    motto_runs = [r for p in header.cell(0, 1).paragraphs for r in p.runs if r.text == "Độc lập - Tự do - Hạnh phúc"]
    assert motto_runs and motto_runs[0].underline and motto_runs[0].bold
    pilot_table = document.tables[1]
    repeated = pilot_table.rows[0]._tr.xpath("./w:trPr/w:tblHeader")
    assert repeated  # header rows repeat on every page


def test_docx_keeps_letters_and_strips_control_characters():
    letters = " ".join(vietnamese_letters())
    paper = Paper(
        issuing_body="UBND xã Định Hóa",
        symbol="TB-UBND",
        place="Định Hóa",
        doc_type="THÔNG BÁO",
        summary="Kiểm tra",
        blocks=(Paragraph(letters + "\x00\x0b"), Paragraph("#set page(width: 1cm) *x*")),
        signature=Signature(position="Chủ tịch", name="Nguyễn Văn Đức"),
    )
    text = _all_text(_open(render_docx(paper)))
    assert letters in text
    assert "#set page(width: 1cm) *x*" in text
    assert "\x00" not in text


def test_a5_slip_docx_with_merged_cells_and_dotted_blanks():
    slip = samples.receipt_slip()
    table = Table(
        header_rows=((Cell("STT", rowspan=2), Cell("Nhận hồ sơ", colspan=2)), ("Ngày", "Giờ")),
        rows=(("1", "05/01/2026", "08:30"),),
    )
    paper = replace(slip, blocks=(*slip.blocks, table, FieldLines.of(Field("Ghi chú"))))
    document = _open(render_docx(paper))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (148, 210)
    text = _all_text(document)
    assert "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ" in text
    assert "NGƯỜI TIẾP NHẬN HỒ SƠ" in text
    grid = next(t for t in document.tables if t.cell(0, 0).text == "STT")
    assert grid.cell(0, 1).text == "Nhận hồ sơ" and grid.cell(0, 2).text == "Nhận hồ sơ"  # merged
    assert grid.cell(1, 0).text == "STT"  # row span
    dotted = [p for p in document.paragraphs if p.text.startswith("Ghi chú:")]
    assert dotted and dotted[0]._p.xpath(".//w:tab[@w:leader='dot']")


def test_a5_is_the_paper_size_enum_value():
    assert PaperSize.A5 == "a5"
