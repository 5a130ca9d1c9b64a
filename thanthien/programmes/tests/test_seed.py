"""The programmes seeded by the migrations (R0.1–R0.2)."""

import datetime as dt

import pytest

from thanthien.programmes.models import Programme
from thanthien.programmes.selectors import programme_members, programme_successor_units

pytestmark = pytest.mark.django_db

PILOT_OLD_CODES = {
    "05443",
    "05695",
    "05500",
    "05518",
    "05506",
    "05527",
    "05860",
    "05866",
    "05569",
    "05581",
    "05584",
    "05602",
}
SUCCESSOR_CODES = {"05443", "05710", "05500", "05518", "05528", "05860", "05857", "05569", "05581", "05587", "05602"}


def test_pilot_programme_of_plan_138_with_its_twelve_old_communes():
    pilot = Programme.objects.get(code="ke-hoach-138-2024")
    assert (pilot.start_date, pilot.end_date, pilot.report_due) == (
        dt.date(2024, 7, 1),
        dt.date(2024, 12, 31),
        dt.date(2024, 12, 31),
    )
    assert "138/KH-UBND" in pilot.legal_basis and "24/7/2024" in pilot.legal_basis
    members = pilot.members.select_related("unit")
    assert {m.unit.code for m in members} == PILOT_OLD_CODES
    assert all(m.unit.valid_to == dt.date(2025, 6, 30) and m.kind == "pilot" for m in members)
    assert pilot.province.valid_to == dt.date(2025, 6, 30)


def test_targets_come_from_the_plan():
    pilot = Programme.objects.get(code="ke-hoach-138-2024")
    targets = {t.code: (t.requirement, t.target_value) for t in pilot.targets.all()}
    assert targets["dossiers-on-time"] == ("R1.2", 100)
    assert targets["hamlets-with-propaganda-conference"] == ("R2.1", 100)
    assert targets["households-informed"] == ("R2.2", 100)
    assert targets["investment-projects-supervised"] == ("R2.3", 100)
    assert targets["officials-disciplined"] == ("R1.4", 0)


def test_continuation_runs_in_the_successor_units():
    pilot = Programme.objects.get(code="ke-hoach-138-2024")
    continuation = Programme.objects.get(previous=pilot)
    assert continuation.start_date == dt.date(2025, 7, 1)
    assert {m.unit.code for m in continuation.members.select_related("unit")} == SUCCESSOR_CODES
    assert all(m.unit.valid_to is None for m in continuation.members.select_related("unit"))
    assert continuation.targets.count() == pilot.targets.count()
    bach_quang = continuation.members.get(unit__code="05528")
    assert "Lương Sơn" in bach_quang.note and "Tân Quang" in bach_quang.note


def test_successor_units_of_the_pilot_are_found_from_data():
    assert {u.code for u in programme_successor_units("ke-hoach-138-2024")} == SUCCESSOR_CODES


def test_member_rows_show_old_and_new_names():
    rows = {r.member.unit.name: r for r in programme_members(Programme.objects.get(code="ke-hoach-138-2024"))}
    assert [s.successor.name for s in rows["Trưng Vương"].successors] == ["Phan Đình Phùng"]
    assert rows["Trưng Vương"].district.name == "Thái Nguyên"
