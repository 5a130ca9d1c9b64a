"""Seed the override table with the swaps announced for 2024–2026 and the default office hours.

A frozen copy of ``thanthien.clocks.domain.sources.ANNOUNCED_SWAPS`` (a test checks they agree).
Reversible: the reverse removes exactly these rows.
"""

import datetime as dt

from django.db import migrations

BASIS_2024 = (
    "Thông báo lịch nghỉ lễ 30/4–1/5/2024 của Bộ Lao động – Thương binh và Xã hội "
    "(hoán đổi ngày làm việc thứ Hai 29/4/2024 với thứ Bảy 04/5/2024)"
)
BASIS_2025 = (
    "Thông báo lịch nghỉ lễ 30/4–1/5/2025 của Bộ Nội vụ "
    "(hoán đổi ngày làm việc thứ Sáu 02/5/2025 với thứ Bảy 26/4/2025)"
)
BASIS_2026 = (
    "Thông báo lịch nghỉ lễ Quốc khánh 2/9/2026 của Bộ Nội vụ "
    "(hoán đổi ngày làm việc thứ Hai 31/8/2026 với thứ Bảy 22/8/2026)"
)

OVERRIDES = [
    (dt.date(2024, 4, 29), "day_off", "Nghỉ hoán đổi (làm bù thứ Bảy 04/5/2024)", BASIS_2024),
    (dt.date(2024, 5, 4), "working_day", "Làm việc bù cho ngày nghỉ 29/4/2024", BASIS_2024),
    (dt.date(2025, 4, 26), "working_day", "Làm việc bù cho ngày nghỉ 02/5/2025", BASIS_2025),
    (dt.date(2025, 5, 2), "day_off", "Nghỉ hoán đổi (làm bù thứ Bảy 26/4/2025)", BASIS_2025),
    (dt.date(2026, 8, 22), "working_day", "Làm việc bù cho ngày nghỉ 31/8/2026", BASIS_2026),
    (dt.date(2026, 8, 31), "day_off", "Nghỉ hoán đổi (làm bù thứ Bảy 22/8/2026)", BASIS_2026),
]

RULE_FROM = dt.date(2000, 1, 1)
RULE_BASIS = (
    "Giờ làm việc hành chính 8 giờ/ngày, thứ Hai – thứ Sáu (Quyết định 188/1999/QĐ-TTg; quy định giờ "
    "làm việc của UBND tỉnh); mốc 15 giờ chuyển hồ sơ: Nghị định 61/2018/NĐ-CP, Điều 18"
)


def seed(apps, schema_editor):
    CalendarOverride = apps.get_model("clocks", "CalendarOverride")
    WorkingTimeRule = apps.get_model("clocks", "WorkingTimeRule")
    for day, kind, name, basis in OVERRIDES:
        CalendarOverride.objects.update_or_create(
            date=day, defaults={"kind": kind, "name": name, "legal_basis": basis}
        )
    WorkingTimeRule.objects.get_or_create(
        effective_from=RULE_FROM,
        defaults={
            "morning_start": dt.time(7, 30),
            "morning_end": dt.time(11, 30),
            "afternoon_start": dt.time(13, 30),
            "afternoon_end": dt.time(17, 30),
            "hours_per_day": 8,
            "receipt_cutoff": dt.time(15, 0),
            "legal_basis": RULE_BASIS,
        },
    )


def unseed(apps, schema_editor):
    CalendarOverride = apps.get_model("clocks", "CalendarOverride")
    WorkingTimeRule = apps.get_model("clocks", "WorkingTimeRule")
    CalendarOverride.objects.filter(date__in=[row[0] for row in OVERRIDES]).delete()
    WorkingTimeRule.objects.filter(effective_from=RULE_FROM).delete()


class Migration(migrations.Migration):
    dependencies = [("clocks", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
