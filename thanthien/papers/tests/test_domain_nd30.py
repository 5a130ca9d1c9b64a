"""NĐ 30/2020 Phụ lục I text rules: number, dates, legal bases, "Nơi nhận", symbols."""

import datetime as dt

import pytest

from thanthien.papers.domain import nd30
from thanthien.papers.domain.paper import ItemList, Paper
from thanthien.papers.domain.text import clean_text

NBSP6 = "\u00a0" * 6


@pytest.mark.parametrize(
    ("number", "symbol", "expected"),
    [
        (5, "QĐ-UBND", "Số: 05/QĐ-UBND"),
        (1, "TB-UBND", "Số: 01/TB-UBND"),
        (9, "KH-UBND", "Số: 09/KH-UBND"),
        (10, "QĐ-UBND", "Số: 10/QĐ-UBND"),
        (138, "KH-UBND", "Số: 138/KH-UBND"),
        (12, "UBND-VP", "Số: 12/UBND-VP"),
        (None, "TB-UBND", f"Số: {NBSP6}/TB-UBND"),
    ],
)
def test_number_line_pads_numbers_below_ten(number, symbol, expected):
    assert nd30.number_line(number, symbol) == expected


def test_number_zero_is_refused():
    with pytest.raises(ValueError):
        nd30.format_number(0, "QĐ-UBND")


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2026, 1, 5), "Phan Đình Phùng, ngày 05 tháng 01 năm 2026"),
        (dt.date(2026, 2, 9), "Phan Đình Phùng, ngày 09 tháng 02 năm 2026"),
        (dt.date(2026, 3, 1), "Phan Đình Phùng, ngày 01 tháng 3 năm 2026"),
        (dt.date(2024, 7, 24), "Phan Đình Phùng, ngày 24 tháng 7 năm 2024"),
        (dt.date(2025, 10, 10), "Phan Đình Phùng, ngày 10 tháng 10 năm 2025"),
        (dt.date(2025, 12, 31), "Phan Đình Phùng, ngày 31 tháng 12 năm 2025"),
        (dt.date(2025, 11, 9), "Phan Đình Phùng, ngày 09 tháng 11 năm 2025"),
    ],
)
def test_place_date_line_leading_zeros_for_days_below_ten_and_january_february(day, expected):
    assert nd30.place_date_line("Phan Đình Phùng", day) == expected


def test_place_date_line_blank_forms():
    assert nd30.place_date_line("", None) == "…, ngày … tháng … năm …"
    assert nd30.place_date_line("Thái Nguyên", None, blank_year=2026) == (
        f"Thái Nguyên, ngày{NBSP6}tháng{NBSP6}năm 2026"
    )


@pytest.mark.parametrize(
    ("day", "expected"),
    [(dt.date(2025, 7, 1), "01/7/2025"), (dt.date(2026, 1, 5), "05/01/2026"), (dt.date(2024, 12, 27), "27/12/2024")],
)
def test_short_date_in_running_text(day, expected):
    assert nd30.short_date(day) == expected


def test_month_out_of_range():
    with pytest.raises(ValueError):
        nd30.month_text(13)


def test_legal_bases_end_with_semicolons_and_a_full_stop():
    lines = nd30.legal_basis_lines(["Căn cứ Luật A.", "  ", "Căn cứ Luật B;", "Căn cứ Nghị định C"])
    assert lines == ["Căn cứ Luật A;", "Căn cứ Luật B;", "Căn cứ Nghị định C."]


def test_recipients_end_with_archive_line():
    lines = nd30.recipient_lines(["Như trên", "- UBND tỉnh (b/c);", ""], "HCC")
    assert lines == ["- Như trên;", "- UBND tỉnh (b/c);", "- Lưu: VT, HCC."]
    assert nd30.recipient_lines(["Như trên"], "VT, VP.") == ["- Như trên;", "- Lưu: VT, VP."]
    assert nd30.recipient_lines(["Như trên"]) == ["- Như trên;", "- Lưu: VT."]
    assert nd30.recipient_lines([], "") == []


@pytest.mark.parametrize(
    ("doc_type", "issuer", "unit", "expected"),
    [
        ("QUYẾT ĐỊNH", "UBND", "", "QĐ-UBND"),
        ("Thông báo", "UBND", "", "TB-UBND"),
        ("KẾ HOẠCH", "UBND", "", "KH-UBND"),
        ("BIÊN BẢN", "UBND", "", "BB-UBND"),
        ("QUY ĐỊNH", "UBND", "", "QyĐ-UBND"),
        ("", "UBND", "VP", "UBND-VP"),  # công văn
        ("THƯ CÔNG", "UBND", "VP", "UBND-VP"),  # no abbreviation (NĐ 30 Phụ lục III)
    ],
)
def test_symbol_for(doc_type, issuer, unit, expected):
    assert nd30.symbol_for(doc_type, issuer, unit) == expected


def test_27_document_types_have_abbreviations():
    assert len(nd30.DOC_TYPE_ABBREVIATIONS) == 27


def test_motto_uses_spaced_hyphens():
    assert nd30.MOTTO == "Độc lập - Tự do - Hạnh phúc"


@pytest.mark.parametrize(
    ("style", "start", "expected"),
    [
        ("1.", 1, ["1.", "2.", "3."]),
        ("a)", 1, ["a)", "b)", "c)"]),
        ("I.", 3, ["III.", "IV.", "V."]),
        ("-", 1, ["-"] * 3),
    ],
)
def test_list_markers(style, start, expected):
    items = ItemList(("x", "y", "z"), style=style, start=start)
    assert [items.marker(i) for i in range(3)] == expected


def test_clean_text_composes_and_drops_control_characters():
    decomposed = "Nguye\u0302\u0303n"  # NFD "Nguyễn"
    assert clean_text(decomposed) == "Nguyễn"
    assert clean_text("a\x00b\x07c\r\nd\te") == "abc\nd e"
    assert clean_text(None) == ""


def test_document_title_and_letter_flag():
    paper = Paper(issuing_body="UBND", symbol="TB-UBND", place="X", doc_type="THÔNG BÁO", summary="Về việc A")
    assert paper.document_title == "Thông báo – Về việc A"
    assert not paper.is_letter
    assert Paper(issuing_body="UBND", symbol="UBND-VP", place="X", summary="V/v B").is_letter
