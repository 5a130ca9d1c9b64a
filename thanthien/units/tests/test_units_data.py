"""The administrative units loaded by the migrations (legal-rules §10, engineering notes)."""

import datetime as dt

import pytest

from thanthien.core.search import fold
from thanthien.units.loading import load_units, read_data
from thanthien.units.models import AdminUnit, UnitSuccession
from thanthien.units.selectors import covered_unit_ids, unit_search_results, unit_tree

pytestmark = pytest.mark.django_db

LAST_OLD_DAY = dt.date(2025, 6, 30)
REFORM = dt.date(2025, 7, 1)

# (old district, old code, old name) → (new code, new name): engineering notes, NQ 1683.
PILOT_MAPPING = [
    ("164", "05443", "Trưng Vương", "05443", "Phan Đình Phùng"),
    ("164", "05695", "Cao Ngạn", "05710", "Linh Sơn"),
    ("164", "05500", "Tích Lương", "05500", "Tích Lương"),
    ("165", "05518", "Thắng Lợi", "05518", "Sông Công"),
    ("165", "05506", "Lương Sơn", "05528", "Bách Quang"),
    ("165", "05527", "Tân Quang", "05528", "Bách Quang"),
    ("172", "05860", "Ba Hàng", "05860", "Phổ Yên"),
    ("172", "05866", "Phúc Thuận", "05857", "Phúc Thuận"),
    ("167", "05569", "Chợ Chu", "05569", "Định Hóa"),
    ("167", "05581", "Trung Hội", "05581", "Trung Hội"),
    ("167", "05584", "Trung Lương", "05587", "Bình Yên"),
    ("167", "05602", "Phú Đình", "05602", "Phú Đình"),
]


@pytest.mark.parametrize(("district", "old_code", "old_name", "new_code", "new_name"), PILOT_MAPPING)
def test_pilot_commune_and_its_successor_exist_with_their_codes(district, old_code, old_name, new_code, new_name):
    old = AdminUnit.objects.get(code=old_code, level="commune", valid_to=LAST_OLD_DAY)
    assert (old.name, old.parent.code, old.parent.level) == (old_name, district, "district")
    successors = [(s.successor.code, s.successor.name, s.kind) for s in old.successions.select_related("successor")]
    assert successors == [(new_code, new_name, "whole")]
    new = AdminUnit.objects.get(code=new_code, level="commune", valid_from=REFORM)
    assert new.valid_to is None
    assert new.parent.code == "19" and new.parent.valid_from == REFORM


def test_twelve_pilot_communes_become_eleven_units():
    old_codes = [row[1] for row in PILOT_MAPPING]
    links = UnitSuccession.objects.filter(predecessor__code__in=old_codes, predecessor__valid_to=LAST_OLD_DAY)
    # Only Lương Sơn and Tân Quang share a successor (Bách Quang).
    assert links.values("successor").distinct().count() == 11


def test_the_new_province_has_92_communes_77_xa_and_15_phuong():
    province = AdminUnit.objects.get(code="19", level="province", valid_from=REFORM)
    communes = province.children.all()
    assert communes.count() == 92
    assert communes.filter(unit_type="xa").count() == 77
    assert communes.filter(unit_type="phuong").count() == 15


def test_old_thai_nguyen_had_nine_districts_and_bac_kan_merged_into_the_new_province():
    old_tn = AdminUnit.objects.get(code="19", level="province", valid_to=LAST_OLD_DAY)
    assert sorted(old_tn.children.values_list("code", flat=True)) == [
        "164", "165", "167", "168", "169", "170", "171", "172", "173",
    ]  # fmt: skip
    bac_kan = AdminUnit.objects.get(code="06", level="province")
    new = AdminUnit.objects.get(code="19", level="province", valid_from=REFORM)
    assert {s.predecessor for s in new.predecessions.all()} == {old_tn, bac_kan}
    assert AdminUnit.objects.filter(level="commune", valid_to=LAST_OLD_DAY).count() == 280
    assert AdminUnit.objects.filter(level="commune", unit_type="thi_tran", valid_to__isnull=True).count() == 0


def test_a_split_commune_has_partial_links_to_each_successor():
    gia_sang = AdminUnit.objects.get(code="05461", valid_to=LAST_OLD_DAY)
    kinds = {s.successor.name: s.kind for s in gia_sang.successions.select_related("successor")}
    assert kinds["Phan Đình Phùng"] == "partial" and len(kinds) == 2


def test_slugs_are_readable_and_old_namesakes_are_marked_before_2025():
    assert AdminUnit.objects.get(slug="phan-dinh-phung").valid_from == REFORM
    assert AdminUnit.objects.get(slug="phan-dinh-phung-truoc-2025").valid_to == LAST_OLD_DAY
    assert AdminUnit.objects.get(slug="tich-luong-truoc-2025").code == "05500"
    assert AdminUnit.objects.get(slug="trung-vuong").code == "05443"
    assert AdminUnit.objects.get(slug="tinh-thai-nguyen").valid_to is None


def test_search_text_is_folded_for_accent_insensitive_search():
    unit = AdminUnit.objects.get(slug="dinh-hoa")
    assert unit.search_text == fold("Xã Định Hóa 05569")
    names = {u.full_name for u in unit_search_results("dinh hoa")}
    assert {"Xã Định Hóa", "Huyện Định Hóa"} <= names


def test_loading_again_changes_nothing():
    before = (AdminUnit.objects.count(), UnitSuccession.objects.count())
    result = load_units()
    assert (result.created, result.updated, result.successions_created) == (0, 0, 0)
    assert (AdminUnit.objects.count(), UnitSuccession.objects.count()) == before


def test_loader_repairs_a_changed_name():
    unit = AdminUnit.objects.get(slug="phan-dinh-phung")
    AdminUnit.objects.filter(pk=unit.pk).update(name="Sai tên")
    assert load_units().updated == 1
    unit.refresh_from_db()
    assert unit.name == "Phan Đình Phùng"


def test_data_file_slugs_are_unique_and_every_link_points_at_a_unit():
    data = read_data()
    slugs = [u["slug"] for u in data["units"]]
    assert len(slugs) == len(set(slugs))
    for link in data["successions"]:
        assert link["predecessor"] in slugs and link["successor"] in slugs


def test_trees_before_and_after_the_reform():
    before = unit_tree(on=LAST_OLD_DAY)
    thai_nguyen = next(n for n in before if n.unit.code == "19")
    assert {n.unit.level for n in thai_nguyen.children} == {"district"}
    after = unit_tree(on=REFORM)
    assert [n.unit.code for n in after] == ["19"]
    assert len(after[0].children) == 92


def test_a_province_role_covers_its_old_units_too():
    new = AdminUnit.objects.get(code="19", level="province", valid_from=REFORM)
    trung_vuong = AdminUnit.objects.get(slug="trung-vuong")
    covered = covered_unit_ids({new.pk})
    assert trung_vuong.pk in covered
    assert len(covered) == AdminUnit.objects.count()
