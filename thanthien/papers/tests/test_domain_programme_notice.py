"""The pilot-units notice built from plain rows (no database)."""

import datetime as dt

from thanthien.papers.domain.paper import Cell, Paragraph, Table
from thanthien.papers.domain.programme_notice import PilotRow, ProgrammeNotice, build_programme_notice
from thanthien.papers.samples import PILOT_NOTICE_2024


def _table(paper):
    return next(b for b in paper.blocks if isinstance(b, Table))


def _text(paper):
    return " ".join(b.text for b in paper.blocks if isinstance(b, Paragraph))


def test_pilot_notice_lists_12_units_of_4_districts_now_in_11_units():
    paper = build_programme_notice(PILOT_NOTICE_2024, issued_on=dt.date(2026, 1, 5))
    table = _table(paper)
    assert len(table.rows) == 12
    assert paper.doc_type == "THÔNG BÁO"
    assert paper.symbol == "TB-UBND"
    assert paper.number is None  # numbered by the records office at issue
    assert paper.place == "Thái Nguyên"
    assert paper.summary.startswith("Danh sách đơn vị thực hiện thí điểm mô hình “Chính quyền thân thiện")
    text = _text(paper)
    assert "12 đơn vị cấp xã thuộc 04 huyện, thành phố" in text
    # Lương Sơn and Tân Quang both went to Bách Quang: 12 pilot units → 11 new units.
    assert "nay thuộc 11 đơn vị hành chính cấp xã" in text
    assert "Từ ngày 01/7/2025" in text
    assert "Kế hoạch số 138/KH-UBND" in text


def test_district_cells_span_their_units():
    table = _table(build_programme_notice(PILOT_NOTICE_2024, issued_on=None))
    district_cells = [c for row in table.rows for c in row if isinstance(c, Cell) and c.rowspan > 1]
    assert [(c.text, c.rowspan) for c in district_cells] == [
        ("Thành phố Thái Nguyên", 3),
        ("Thành phố Sông Công", 3),
        ("Thành phố Phổ Yên", 2),
        ("Huyện Định Hóa", 4),
    ]
    assert table.rows[0][-1] == "Phường Phan Đình Phùng"
    assert len(table.rows[1]) == 3  # the district cell of row 1 is merged into row 0


def test_continuation_rows_show_notes_and_mixed_successors():
    rows = (
        PilotRow("Huyện Định Hóa", "Xã Phú Đình", "Xã Phú Đình"),
        PilotRow("Huyện Định Hóa", "Xã Kim Phượng", ""),
        PilotRow("", "Phường Phan Đình Phùng", "", note="Kế thừa: Phường Trưng Vương"),
    )
    notice = ProgrammeNotice(province="Thái Nguyên", programme_name="Mô hình", legal_basis="", rows=rows)
    paper = build_programme_notice(notice, issued_on=None)
    table = _table(paper)
    assert [c.text for c in table.header_rows[0]] == [
        "TT",
        "Huyện, thành phố (đến 30/6/2025)",
        "Đơn vị thực hiện",
        "Đơn vị hành chính cấp xã (từ 01/7/2025)",
        "Ghi chú",
    ]
    assert table.rows[1][-2:] == ("Không thay đổi", "")
    assert table.rows[2][1].text == "—" and table.rows[2][-1] == "Kế thừa: Phường Trưng Vương"
    assert "tại cột (4)" in _text(paper)


def test_units_without_successor_and_without_basis():
    notice = ProgrammeNotice(
        province="Thái Nguyên",
        programme_name="Nhân rộng mô hình",
        legal_basis="",
        rows=(PilotRow("", "Xã Sảng Mộc"),),
    )
    paper = build_programme_notice(notice, issued_on=dt.date(2026, 1, 5), number=3)
    table = _table(paper)
    # No district and no successor anywhere: those columns are left out.
    assert [c.text for c in table.header_rows[0]] == ["TT", "Đơn vị thực hiện"]
    assert table.rows[0][1] == "Xã Sảng Mộc"
    text = _text(paper)
    assert text.startswith("Ủy ban nhân dân tỉnh Thái Nguyên thông báo danh sách 01 đơn vị cấp xã thực hiện nhân rộng")
    assert "Từ ngày" not in text
