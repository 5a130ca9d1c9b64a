"""Sample papers for visual checks and benchmarks (``manage.py papers_samples``), not for issue.

The pilot rows are the 12 units of Kế hoạch 138/KH-UBND (24/7/2024) and their successors under
NQ 1683/NQ-UBTVQH15 (legal-rules §10); the slip follows TT 01/2018/TT-VPCP Mẫu 01 with the
fields of QĐ 3621/QĐ-BYT BM.01 (legal-rules §2.8). People and numbers are invented.
"""

from __future__ import annotations

import datetime as dt

from .domain.paper import (
    Align,
    Cell,
    Field,
    FieldLines,
    ItemList,
    Paper,
    PaperSize,
    Paragraph,
    Run,
    Signature,
    SignatureRow,
    SlipHeader,
    Table,
)
from .domain.programme_notice import PilotRow, ProgrammeNotice, build_programme_notice

PILOT_ROWS_2024 = (
    PilotRow("Thành phố Thái Nguyên", "Phường Trưng Vương", "Phường Phan Đình Phùng"),
    PilotRow("Thành phố Thái Nguyên", "Xã Cao Ngạn", "Phường Linh Sơn"),
    PilotRow("Thành phố Thái Nguyên", "Phường Tích Lương", "Phường Tích Lương"),
    PilotRow("Thành phố Sông Công", "Phường Thắng Lợi", "Phường Sông Công"),
    PilotRow("Thành phố Sông Công", "Phường Lương Sơn", "Phường Bách Quang"),
    PilotRow("Thành phố Sông Công", "Xã Tân Quang", "Phường Bách Quang"),
    PilotRow("Thành phố Phổ Yên", "Phường Ba Hàng", "Phường Phổ Yên"),
    PilotRow("Thành phố Phổ Yên", "Xã Phúc Thuận", "Phường Phúc Thuận"),
    PilotRow("Huyện Định Hóa", "Thị trấn Chợ Chu", "Xã Định Hóa"),
    PilotRow("Huyện Định Hóa", "Xã Trung Hội", "Xã Trung Hội"),
    PilotRow("Huyện Định Hóa", "Xã Trung Lương", "Xã Bình Yên"),
    PilotRow("Huyện Định Hóa", "Xã Phú Đình", "Xã Phú Đình"),
)

PILOT_NOTICE_2024 = ProgrammeNotice(
    province="Thái Nguyên",
    programme_name="Thí điểm mô hình “Chính quyền thân thiện, Nhân dân phát huy quyền làm chủ”",
    legal_basis="Kế hoạch số 138/KH-UBND ngày 24/7/2024 của Ủy ban nhân dân tỉnh Thái Nguyên",
    rows=PILOT_ROWS_2024,
    succession_basis="Nghị quyết số 1683/NQ-UBTVQH15 của Ủy ban Thường vụ Quốc hội",
    succession_date=dt.date(2025, 7, 1),
)


def pilot_notice(issued_on: dt.date | None = None) -> Paper:
    return build_programme_notice(
        PILOT_NOTICE_2024,
        issued_on=issued_on,
        qr_url="https://thanthien.thainguyen.gov.vn/mo-hinh/",
    )


def receipt_slip(received_on: dt.date = dt.date(2026, 1, 5)) -> Paper:
    """Mẫu 01 — Giấy tiếp nhận hồ sơ và hẹn trả kết quả (A5)."""
    return Paper(
        size=PaperSize.A5,
        slip_header=SlipHeader(owner="UBND phường Phan Đình Phùng", office="Bộ phận tiếp nhận và trả kết quả"),
        issuing_body="",
        number=7,
        symbol="TNHS-BPTNTKQ",
        place="Phan Đình Phùng",
        issued_on=received_on,
        doc_type="GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        blocks=(
            Paragraph(
                "Bộ phận tiếp nhận và trả kết quả phường Phan Đình Phùng tiếp nhận hồ sơ của:",
                indent=False,
            ),
            FieldLines(
                (
                    (Field("Mã hồ sơ", "000.00.19.H55-260105-0007", bold_value=True),),
                    (Field("Ông/Bà", "Nguyễn Thị Ngọc Ánh", bold_value=True),),
                    (Field("Số định danh cá nhân", "019186001234"),),
                    (Field("Địa chỉ", "Tổ dân phố Đồng Quang 3, phường Phan Đình Phùng"),),
                    (Field("Số điện thoại", "0912 345 678"), Field("Email", "")),
                    (Field("Nội dung yêu cầu giải quyết", "Đăng ký khai sinh"),),
                )
            ),
            Paragraph("Thành phần hồ sơ gồm:", indent=False),
            ItemList(
                (
                    "Tờ khai đăng ký khai sinh (bản chính);",
                    "Giấy chứng sinh (bản chính);",
                    "Giấy tờ tùy thân của người đi đăng ký (xuất trình).",
                ),
                hanging=True,
            ),
            FieldLines(
                (
                    (Field("Số lượng hồ sơ", "01 bộ"), Field("Thời gian giải quyết", "01 ngày làm việc")),
                    (Field("Thời gian nhận hồ sơ", "08 giờ 30 phút, ngày 05/01/2026"),),
                    (Field("Thời gian trả kết quả", "08 giờ 30 phút, ngày 06/01/2026", bold_value=True),),
                    (Field("Đăng ký nhận kết quả tại", "Bộ phận Một cửa phường"),),
                    (Field("Vào Sổ theo dõi hồ sơ, Quyển số", "01"), Field("Số thứ tự", "0007")),
                )
            ),
            SignatureRow(
                (
                    Signature(position="Người nộp hồ sơ", note="(Ký và ghi rõ họ tên)", name="Nguyễn Thị Ngọc Ánh"),
                    Signature(position="Người tiếp nhận hồ sơ", note="(Ký và ghi rõ họ tên)", name="Lê Thị Mai"),
                )
            ),
        ),
        qr_url="https://thanthien.thainguyen.gov.vn/tra-cuu/000.00.19.H55-260105-0007",
        qr_caption="Quét mã để tra cứu tình trạng hồ sơ và đánh giá sự phục vụ",
    )


def ballot(index: int, *, qr: bool = False) -> Paper:
    """A one-page A5 opinion form (phiếu lấy ý kiến) of a household — the bulk-printing benchmark.

    ``qr`` adds a per-form code (the worst case for bulk speed: one distinct QR per page).
    """
    return Paper(
        size=PaperSize.A5,
        governing_body="UBND phường Phan Đình Phùng",
        issuing_body="Tổ dân phố Đồng Quang 3",
        symbol="",
        place="Phan Đình Phùng",
        issued_on=dt.date(2026, 3, 15),
        doc_type="PHIẾU LẤY Ý KIẾN HỘ GIA ĐÌNH",
        summary="Về việc đóng góp xây dựng nhà văn hóa tổ dân phố",
        blocks=(
            Paragraph((Run("Hộ gia đình: "), Run(f"HGD-{index:05d}", bold=True)), indent=False),
            Paragraph("Đánh dấu X vào một ô phương án hộ gia đình lựa chọn:", indent=False),
            Table(
                header_rows=(("TT", "Phương án", "Lựa chọn"),),
                rows=(
                    (Cell("1"), "Đồng ý đóng góp 500.000 đồng/hộ", ""),
                    (Cell("2"), "Không đồng ý", ""),
                ),
                widths=(0.6, 5, 1.4),
                aligns=(Align.CENTER, Align.LEFT, Align.CENTER),
            ),
            SignatureRow((Signature(position="Đại diện hộ gia đình", note="(Ký và ghi rõ họ tên)"),)),
        ),
        qr_url=f"https://thanthien.thainguyen.gov.vn/phieu/{index:06d}" if qr else "",
        qr_caption="Mã phiếu" if qr else "",
    )
