"""Seed the 2024 pilot programme of Kế hoạch 138/KH-UBND and its 2025–2026 continuation.

R0.1–R0.2: the pilot ran 1/7–31/12/2024 in 12 communes of 4 districts (plan annex), summary
report in December 2024. After the 1/7/2025 reform the 12 communes live on in 10 new units
(legal-rules §10); the continuation programme lists those successors, so next year's work is
data, not code. The data are written out here (not imported from app code) so that this
migration stays the same when the code changes.
"""

import datetime as dt
from decimal import Decimal

from django.db import migrations

PILOT_CODE = "ke-hoach-138-2024"
CONTINUATION_CODE = "chinh-quyen-than-thien-2025-2026"
LAST_OLD_DAY = dt.date(2025, 6, 30)
REFORM_DATE = dt.date(2025, 7, 1)

# Plan annex: (old district GSO code, old commune GSO code), in the plan's order.
PILOT_COMMUNES = [
    ("164", "05443"),  # Phường Trưng Vương
    ("164", "05695"),  # Xã Cao Ngạn
    ("164", "05500"),  # Phường Tích Lương
    ("165", "05518"),  # Phường Thắng Lợi
    ("165", "05506"),  # Phường Lương Sơn
    ("165", "05527"),  # Xã Tân Quang
    ("172", "05860"),  # Phường Ba Hàng
    ("172", "05866"),  # Xã Phúc Thuận
    ("167", "05569"),  # Thị trấn Chợ Chu
    ("167", "05581"),  # Xã Trung Hội
    ("167", "05584"),  # Xã Trung Lương
    ("167", "05602"),  # Xã Phú Đình
]

# (code, requirement, label, target value, unit of measure) — plan sections III.1 and III.2.
TARGETS = [
    ("dossiers-on-time", "R1.2", "Hồ sơ thủ tục hành chính trả kết quả đúng hạn", "100", "%"),
    (
        "late-dossiers-with-apology",
        "R1.2",
        "Hồ sơ trễ hạn có phiếu xin lỗi và hẹn lại ngày trả kết quả",
        "100",
        "%",
    ),
    ("officials-wearing-badges", "R1.4", "Cán bộ, công chức đeo thẻ khi thi hành công vụ", "100", "%"),
    ("officials-disciplined", "R1.4", "Cán bộ, công chức bị xử lý kỷ luật trong năm", "0", "người"),
    (
        "hamlets-with-propaganda-conference",
        "R2.1",
        "Xóm/tổ dân phố được tổ chức hội nghị tuyên truyền Luật Thực hiện dân chủ ở cơ sở",
        "100",
        "%",
    ),
    (
        "households-informed",
        "R2.2",
        "Người dân, hộ gia đình trong xóm/tổ dân phố nhận được thông tin về thời gian, địa điểm, "
        "nội dung Nhân dân bàn và quyết định",
        "100",
        "%",
    ),
    (
        "representatives-attending",
        "R2.2",
        "Đại diện hộ gia đình tham gia các cuộc họp bàn và quyết định trực tiếp",
        "100",
        "%",
    ),
    (
        "voters-giving-opinion",
        "R2.2",
        "Cử tri tham gia ý kiến qua phiếu lấy ý kiến hoặc biểu quyết trực tuyến",
        "100",
        "%",
    ),
    (
        "investment-projects-supervised",
        "R2.3",
        "Chương trình, dự án đầu tư trên địa bàn được Ban Giám sát đầu tư của cộng đồng giám sát",
        "100",
        "%",
    ),
]


def seed(apps, schema_editor):
    AdminUnit = apps.get_model("units", "AdminUnit")
    UnitSuccession = apps.get_model("units", "UnitSuccession")
    Programme = apps.get_model("programmes", "Programme")
    ProgrammeMember = apps.get_model("programmes", "ProgrammeMember")
    ProgrammeTarget = apps.get_model("programmes", "ProgrammeTarget")

    old_province = AdminUnit.objects.filter(code="19", level="province", valid_to=LAST_OLD_DAY).first()
    new_province = AdminUnit.objects.filter(code="19", level="province", valid_from=REFORM_DATE).first()
    if old_province is None or new_province is None:  # units not loaded: nothing to attach to
        return

    pilot, _ = Programme.objects.get_or_create(
        code=PILOT_CODE,
        defaults={
            "name": "Mô hình điểm “Chính quyền thân thiện, Nhân dân phát huy quyền làm chủ” năm 2024",
            "province": old_province,
            "legal_basis": "Kế hoạch số 138/KH-UBND ngày 24/7/2024 của UBND tỉnh Thái Nguyên",
            "start_date": dt.date(2024, 7, 1),
            "end_date": dt.date(2024, 12, 31),
            "report_due": dt.date(2024, 12, 31),
            "description": (
                "Triển khai từ tháng 7/2024 đến tháng 12/2024 tại 12 đơn vị cấp xã thuộc thành phố "
                "Thái Nguyên, thành phố Sông Công, thành phố Phổ Yên và huyện Định Hóa; tổng kết, "
                "báo cáo kết quả vào tháng 12/2024. Các huyện Phú Bình, Đại Từ, Võ Nhai, Đồng Hỷ, "
                "Phú Lương lựa chọn từ 1 đến 3 đơn vị cấp xã để triển khai (bổ sung khi có danh sách)."
            ),
        },
    )
    continuation, _ = Programme.objects.get_or_create(
        code=CONTINUATION_CODE,
        defaults={
            "name": "Tiếp tục mô hình “Chính quyền thân thiện, Nhân dân phát huy quyền làm chủ” "
            "tại các đơn vị hành chính mới (2025–2026)",
            "province": new_province,
            "legal_basis": "",
            "start_date": REFORM_DATE,
            "end_date": dt.date(2026, 12, 31),
            "report_due": dt.date(2026, 12, 31),
            "previous": pilot,
            "description": (
                "Tiếp tục mô hình của Kế hoạch 138/KH-UBND tại các đơn vị cấp xã kế thừa 12 đơn vị "
                "thí điểm sau sắp xếp đơn vị hành chính từ ngày 01/7/2025 (Nghị quyết "
                "1683/NQ-UBTVQH15). Thời gian, chỉ tiêu và căn cứ pháp lý của giai đoạn này là dữ "
                "liệu cấu hình, được cập nhật khi UBND tỉnh ban hành kế hoạch."
            ),
        },
    )
    for programme in (pilot, continuation):
        for code, requirement, label, value, uom in TARGETS:
            ProgrammeTarget.objects.get_or_create(
                programme=programme,
                code=code,
                defaults={
                    "requirement": requirement,
                    "label": label,
                    "target_value": Decimal(value),
                    "unit_of_measure": uom,
                },
            )

    successors: dict[int, list[str]] = {}
    order: list[int] = []
    for district_code, commune_code in PILOT_COMMUNES:
        old = AdminUnit.objects.get(
            code=commune_code, level="commune", valid_to=LAST_OLD_DAY, parent__code=district_code
        )
        ProgrammeMember.objects.get_or_create(
            programme=pilot, unit=old, defaults={"kind": "pilot", "joined_on": pilot.start_date}
        )
        for link in UnitSuccession.objects.filter(predecessor=old).select_related("successor"):
            if link.successor_id not in successors:
                successors[link.successor_id] = []
                order.append(link.successor_id)
            successors[link.successor_id].append(f"{TYPE_PREFIX[old.unit_type]} {old.name}")
    for successor_id in order:
        ProgrammeMember.objects.get_or_create(
            programme=continuation,
            unit_id=successor_id,
            defaults={
                "kind": "pilot",
                "joined_on": REFORM_DATE,
                "note": "Kế thừa: " + ", ".join(successors[successor_id]),
            },
        )


TYPE_PREFIX = {"xa": "Xã", "phuong": "Phường", "thi_tran": "Thị trấn"}


def unseed(apps, schema_editor):
    Programme = apps.get_model("programmes", "Programme")
    Programme.objects.filter(code=CONTINUATION_CODE).delete()
    Programme.objects.filter(code=PILOT_CODE).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0002_programme_previous"),
        ("units", "0002_load_thai_nguyen_units"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
