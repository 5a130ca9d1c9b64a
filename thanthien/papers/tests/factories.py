"""The 2024 pilot programme as database rows (old districts and communes, successors)."""

from __future__ import annotations

import datetime as dt

from django.utils.text import slugify

from thanthien.programmes.models import Programme, ProgrammeMember
from thanthien.units.models import AdminUnit, UnitSuccession
from thanthien.units.tests.factories import CommuneFactory, ProvinceFactory

from ..samples import PILOT_ROWS_2024

REFORM = dt.date(2025, 7, 1)
TYPES = {"Thành phố": "thanh_pho", "Huyện": "huyen", "Phường": "phuong", "Xã": "xa", "Thị trấn": "thi_tran"}


def _split(full_name: str) -> tuple[str, str]:
    for prefix, unit_type in sorted(TYPES.items(), key=lambda item: -len(item[0])):
        if full_name.startswith(prefix + " "):
            return unit_type, full_name[len(prefix) + 1 :]
    raise ValueError(full_name)


def _slug(full_name: str, suffix: str) -> str:
    return slugify(full_name.replace("đ", "d").replace("Đ", "D")) + suffix


def make_pilot_programme() -> Programme:
    province = ProvinceFactory()
    districts: dict[str, AdminUnit] = {}
    new_units: dict[str, AdminUnit] = {}
    programme = Programme.objects.create(
        code="thi-diem-2024",
        name="Thí điểm mô hình “Chính quyền thân thiện, Nhân dân phát huy quyền làm chủ”",
        province=province,
        legal_basis="Kế hoạch số 138/KH-UBND ngày 24/7/2024 của Ủy ban nhân dân tỉnh Thái Nguyên",
        start_date=dt.date(2024, 7, 24),
        end_date=dt.date(2024, 12, 31),
    )
    for row in PILOT_ROWS_2024:
        if row.district not in districts:
            unit_type, name = _split(row.district)
            districts[row.district] = AdminUnit.objects.create(
                code=f"D{len(districts)}",
                name=name,
                unit_type=unit_type,
                level=AdminUnit.Level.DISTRICT,
                parent=province,
                valid_to=REFORM - dt.timedelta(days=1),
                slug=_slug(row.district, "-2024-test"),
            )
            ProgrammeMember.objects.create(
                programme=programme,
                unit=districts[row.district],
                kind=ProgrammeMember.Kind.DIRECTING,
                joined_on=programme.start_date,
            )
        unit_type, name = _split(row.unit)
        old = CommuneFactory(
            name=name,
            unit_type=unit_type,
            parent=districts[row.district],
            valid_from=None,
            valid_to=REFORM - dt.timedelta(days=1),
            slug=_slug(row.unit, "-2024-test"),
        )
        if row.successor not in new_units:
            unit_type, name = _split(row.successor)
            new_units[row.successor] = CommuneFactory(
                name=name, unit_type=unit_type, parent=province, slug=_slug(row.successor, "-test")
            )
        UnitSuccession.objects.create(
            predecessor=old,
            successor=new_units[row.successor],
            effective_date=REFORM,
            legal_basis="Nghị quyết số 1683/NQ-UBTVQH15 của Ủy ban Thường vụ Quốc hội",
        )
        ProgrammeMember.objects.create(programme=programme, unit=old, joined_on=programme.start_date)
    return programme
