"""Mẫu 01–06 built from a real dossier, rendered to PDF and DOCX."""

import os

import pytest

from thanthien.dossiers import papers, selectors
from thanthien.papers.render import render_docx, render_many_pdf, render_pdf


def _full(dossier, actor):
    return selectors.dossier_get(actor=actor, pk=dossier.pk)


def test_receipt_slip_has_the_legal_fields_and_a_qr_to_the_status_page(received, officer_a):
    paper = papers.receipt_slip(_full(received, officer_a))
    assert paper.size == "a5"
    assert paper.slip_header.office.upper() == "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ"
    assert paper.qr_url == f"https://thanthien.example.vn/tra-cuu/{received.tracking_code}/"
    labels = {
        f.label: f.value
        for block in paper.blocks
        if hasattr(block, "rows") and not hasattr(block, "header_rows")
        for row in block.rows
        for f in row
    }
    assert labels["Mã hồ sơ"] == received.code
    assert labels["Ông/Bà"] == "Nguyễn Văn An"
    assert labels["Số định danh cá nhân/tổ chức"] == "019186001234"
    assert labels["Thời gian nhận hồ sơ"] == "09 giờ 00 phút, ngày 09/3/2026"
    assert labels["Thời gian trả kết quả"]
    assert labels["Số thứ tự"] == "01"  # the line in the unit's tracking book (Mẫu 06)


@pytest.mark.parametrize("form", ["01", "02", "03", "04", "05"])
def test_every_slip_renders_to_pdf_and_docx(received, officer_a, form):
    dossier = _full(received, officer_a)
    paper = papers.FORMS[form](dossier)
    pdf = render_pdf(paper)
    assert pdf.startswith(b"%PDF")
    assert render_docx(paper)[:2] == b"PK"
    out = os.environ.get("ONESTOP_PAPER_DIR")
    if out:
        with open(f"{out}/mau-{form}.pdf", "wb") as fh:
            fh.write(pdf)


def test_tracking_book_is_a4_landscape_numbered_from_01(received, officer_a, commune_a):
    rows = list(selectors.tracking_book(actor=officer_a, unit_id=commune_a.pk, year=2026))
    paper = papers.tracking_book(commune_a, 2026, rows)
    assert (paper.size, paper.orientation) == ("a4", "landscape")
    table = paper.blocks[0]
    assert table.rows[0][0].text == "01"
    assert table.rows[0][1] == received.code
    pdf = render_many_pdf([paper])
    out = os.environ.get("ONESTOP_PAPER_DIR")
    if out:
        with open(f"{out}/mau-06.pdf", "wb") as fh:
            fh.write(pdf)


def test_letter_is_an_a4_thu_cong_without_number(received):
    from thanthien.onestop import letters_paper, services

    letter = services.letter_draft(dossier=received, kind="birth")
    paper = letters_paper.letter_paper(letter)
    assert (paper.size, paper.number, paper.symbol, paper.doc_type) == ("a4", None, "", "THƯ CHÚC MỪNG")
    assert paper.signature.authority == "TM. ỦY BAN NHÂN DÂN"
    pdf = render_pdf(paper)
    out = os.environ.get("ONESTOP_PAPER_DIR")
    if out:
        with open(f"{out}/thu.pdf", "wb") as fh:
            fh.write(pdf)


def test_apology_slip_prints_the_reason_the_old_and_the_new_date(received, chairman_a, officer_a):
    import datetime as dt

    from thanthien.dossiers import services as dossier_services

    from .conftest import MONDAY_9

    dossier_services.dossier_apology_issue(
        actor=chairman_a,
        dossier=received,
        new_due_date=dt.date(2026, 3, 12),
        reason="Chờ xác minh thông tin",
        at=MONDAY_9 + dt.timedelta(hours=1),
    )
    paper = papers.apology_slip(_full(received, officer_a))
    text = repr(paper.blocks)
    assert "Chờ xác minh thông tin" in text
    assert "ngày 12/3/2026" in text and "ngày 10/3/2026" in text
    assert paper.blocks[-1].parties[0].name == "Hoàng Văn Dũng"
    assert "04" in papers.available_forms(_full(received, officer_a))
