"""Scope rules: commune, district and province roles, successor units, expired roles."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils.translation import override

from thanthien.audit.models import AuditEvent
from thanthien.audit.services import audit_record
from thanthien.core.tenancy import ensure_in_scope, forget_scope, scope_for, scoped_get
from thanthien.units.models import AdminUnit, Household, StaffRole, UnitSuccession
from thanthien.units.tests.factories import (
    CommuneFactory,
    HouseholdFactory,
    ProvinceFactory,
    StaffRoleFactory,
    UserFactory,
    make_staff,
)

pytestmark = pytest.mark.django_db

REFORM = dt.date(2025, 7, 1)


def _district(province, name, code):
    return AdminUnit.objects.create(
        code=code,
        name=name,
        unit_type=AdminUnit.Type.DISTRICT,
        level=AdminUnit.Level.DISTRICT,
        parent=province,
        valid_to=REFORM - dt.timedelta(days=1),
        slug=f"test-huyen-{code}",
    )


def _old_commune(district, name):
    return CommuneFactory(name=name, parent=district, valid_from=None, valid_to=REFORM - dt.timedelta(days=1))


def _records(unit):
    """One record of two unit-owned models (a direct `unit` FK each) in ``unit``."""
    return [
        HouseholdFactory(hamlet__unit=unit),
        audit_record(actor=None, action="tenancy.probe", unit=unit, new={"probe": True}),
    ]


def _visible(actor, record) -> bool:
    return type(record).objects.for_actor(actor).filter(pk=record.pk).exists()


@pytest.fixture
def old_tree():
    """Thái Nguyên before 1/7/2025: Định Hóa (2 communes) and Phú Lương (1 commune)."""
    province = ProvinceFactory()
    dinh_hoa = _district(province, "Định Hóa", "167")
    phu_luong = _district(province, "Phú Lương", "168")
    return {
        "province": province,
        "dinh_hoa": dinh_hoa,
        "phu_luong": phu_luong,
        "cho_chu": _old_commune(dinh_hoa, "Chợ Chu"),
        "trung_hoi": _old_commune(dinh_hoa, "Trung Hội"),
        "yen_do": _old_commune(phu_luong, "Yên Đổ"),
    }


def test_district_viewer_covers_the_communes_of_its_district_only(old_tree):
    viewer = make_staff(StaffRole.Role.DISTRICT_VIEWER, old_tree["dinh_hoa"])
    for record in _records(old_tree["cho_chu"]) + _records(old_tree["trung_hoi"]):
        assert _visible(viewer, record)
    for record in _records(old_tree["yen_do"]):
        assert not _visible(viewer, record)


def test_province_viewer_covers_every_commune_of_its_province_only(old_tree):
    viewer = make_staff(StaffRole.Role.PROVINCE_VIEWER, old_tree["province"])
    other_province = ProvinceFactory(code="99", name="Tỉnh Thử", slug="test-tinh-thu")
    for record in _records(old_tree["cho_chu"]) + _records(old_tree["yen_do"]) + _records(CommuneFactory()):
        assert _visible(viewer, record)
    for record in _records(CommuneFactory(parent=other_province)):
        assert not _visible(viewer, record)


def test_role_in_a_successor_unit_covers_its_predecessors_records(old_tree):
    new_dinh_hoa = CommuneFactory(name="Định Hóa", valid_from=REFORM)
    UnitSuccession.objects.create(
        predecessor=old_tree["cho_chu"],
        successor=new_dinh_hoa,
        effective_date=REFORM,
        legal_basis="NQ 1683/NQ-UBTVQH15",
    )
    officer = make_staff(StaffRole.Role.ONE_STOP_OFFICER, new_dinh_hoa)
    for record in _records(old_tree["cho_chu"]) + _records(new_dinh_hoa):
        assert _visible(officer, record)
    for record in _records(old_tree["trung_hoi"]):
        assert not _visible(officer, record)
    # Succession does not flow backwards: an old-commune role does not reach the new unit.
    old_officer = make_staff(StaffRole.Role.ONE_STOP_OFFICER, old_tree["cho_chu"])
    for record in _records(new_dinh_hoa):
        assert not _visible(old_officer, record)


def test_expired_role_covers_nothing(commune_a):
    user = UserFactory()
    StaffRoleFactory(user=user, unit=commune_a, valid_to=dt.date(2024, 12, 31))
    for record in _records(commune_a):
        assert not _visible(user, record)


def test_anonymous_and_inactive_users_see_nothing_superuser_everything(commune_a, officer_a):
    records = _records(commune_a)
    officer_a.is_active = False
    forget_scope(officer_a)
    root = UserFactory(is_superuser=True)
    for record in records:
        assert not _visible(None, record)
        assert not _visible(officer_a, record)
        assert _visible(root, record)


def test_ensure_in_scope_accepts_ids_units_and_records(officer_a, commune_a, commune_b):
    household_b = HouseholdFactory(hamlet__unit=commune_b)
    ensure_in_scope(officer_a, commune_a.pk)
    ensure_in_scope(officer_a, commune_a)
    ensure_in_scope(officer_a, HouseholdFactory(hamlet__unit=commune_a))
    for target in (commune_b.pk, commune_b, household_b, None):
        with override("en"), pytest.raises(PermissionDenied) as refused:
            ensure_in_scope(officer_a, target)
        assert "do not have access" in str(refused.value)


def test_scoped_get_raises_does_not_exist_outside_scope(officer_a, commune_b):
    household_b = HouseholdFactory(hamlet__unit=commune_b)
    with pytest.raises(Household.DoesNotExist):
        scoped_get(officer_a, Household, pk=household_b.pk)


def test_scope_cache_is_dropped_by_forget_scope(officer_a, commune_b):
    event = audit_record(actor=None, action="tenancy.probe", unit=commune_b)
    assert not AuditEvent.objects.for_actor(officer_a).filter(pk=event.pk).exists()
    StaffRoleFactory(user=officer_a, unit=commune_b)
    forget_scope(officer_a)
    assert commune_b.pk in scope_for(officer_a).unit_ids
    assert AuditEvent.objects.for_actor(officer_a).filter(pk=event.pk).exists()


def test_forget_scope_reaches_through_the_lazy_request_user(officer_a, commune_b):
    from django.utils.functional import SimpleLazyObject

    lazy = SimpleLazyObject(lambda: officer_a)
    assert commune_b.pk not in scope_for(lazy).unit_ids
    StaffRoleFactory(user=officer_a, unit=commune_b)
    forget_scope(lazy)
    assert commune_b.pk in scope_for(lazy).unit_ids
    forget_scope(SimpleLazyObject(lambda: officer_a))  # never evaluated: nothing to drop
