import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from thanthien.audit.models import AuditEvent
from thanthien.units.domain.registry import PersonData
from thanthien.units.models import Hamlet, Household, Person, StaffRole
from thanthien.units.services import (
    hamlet_create,
    household_create,
    household_update,
    person_add,
    person_update,
    staff_role_end,
    staff_role_grant,
)
from thanthien.units.tests.factories import (
    HamletFactory,
    HouseholdFactory,
    PersonFactory,
    UserFactory,
    make_staff,
    real_unit,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def specialist_a(commune_a):
    return make_staff("specialist_officer", commune_a)


def test_specialist_creates_a_hamlet_with_type_from_the_commune(specialist_a, commune_a):
    hamlet = hamlet_create(actor=specialist_a, unit=commune_a, name="  số 7 ")
    assert (hamlet.name, hamlet.hamlet_type) == ("số 7", Hamlet.Type.RESIDENTIAL_GROUP)  # a phường
    assert hamlet.search_text == "to dan pho so 7"
    assert AuditEvent.objects.unscoped().filter(action="hamlet.created", object_id=str(hamlet.pk)).exists()


def test_one_stop_officer_may_not_create_hamlets(officer_a, commune_a):
    with pytest.raises(PermissionDenied):
        hamlet_create(actor=officer_a, unit=commune_a, name="Đồng Tâm")
    assert not Hamlet.objects.unscoped().filter(unit=commune_a).exists()


def test_no_one_creates_hamlets_in_another_commune(specialist_a, commune_b):
    with pytest.raises(PermissionDenied):
        hamlet_create(actor=specialist_a, unit=commune_b, name="Đồng Tâm")


def test_duplicate_hamlet_name_is_refused(specialist_a, commune_a):
    hamlet_create(actor=specialist_a, unit=commune_a, name="Đồng Tâm")
    with pytest.raises(ValidationError):
        hamlet_create(actor=specialist_a, unit=commune_a, name="đồng tâm")


def test_household_with_members_gets_an_automatic_code_and_one_representative(officer_a, commune_a):
    hamlet = HamletFactory(unit=commune_a)
    household = household_create(
        actor=officer_a,
        hamlet=hamlet,
        address="Số 5, đường Hoàng Văn Thụ",
        phone="+84 912 000 111",
        members=[PersonData("Nguyễn Văn An", dt.date(1970, 1, 2)), PersonData("Trần Thị Bình", dt.date(1972, 3, 4))],
    )
    assert household.code == f"{commune_a.code}-00001"
    assert household.phone == "0912000111"
    assert list(household.members.values_list("full_name", "is_representative")) == [
        ("Nguyễn Văn An", True),
        ("Trần Thị Bình", False),
    ]
    assert "nguyen van an" in household.search_text
    second = household_create(actor=officer_a, hamlet=hamlet)
    assert second.code == f"{commune_a.code}-00002"


def test_duplicate_household_code_in_a_commune_is_refused(officer_a, commune_a):
    hamlet = HamletFactory(unit=commune_a)
    household_create(actor=officer_a, hamlet=hamlet, code="HGD-1")
    with pytest.raises(ValidationError):
        household_create(actor=officer_a, hamlet=hamlet, code="HGD-1")


def test_nfc_normalises_decomposed_input(officer_a, commune_a):
    hamlet = HamletFactory(unit=commune_a)
    decomposed = "Nguye\u0302\u0303n Va\u0306n An"  # "Nguyễn Văn An" typed as NFD on a phone
    household = household_create(actor=officer_a, hamlet=hamlet, members=[PersonData(decomposed)])
    assert household.members.get().full_name == "Nguyễn Văn An"


def test_a_new_representative_replaces_the_old_one(officer_a, commune_a):
    household = HouseholdFactory(hamlet__unit=commune_a)
    first = person_add(actor=officer_a, household=household, full_name="Nguyễn Văn An")
    assert first.is_representative  # the first member represents the household
    second = person_add(actor=officer_a, household=household, full_name="Trần Thị Bình", is_representative=True)
    first.refresh_from_db()
    assert (first.is_representative, second.is_representative) == (False, True)
    person_update(actor=officer_a, person=first, is_representative=True)
    second.refresh_from_db()
    assert household.members.filter(is_representative=True).get() == first


def test_birth_date_in_the_future_is_refused(officer_a, commune_a):
    household = HouseholdFactory(hamlet__unit=commune_a)
    with pytest.raises(ValidationError):
        person_add(
            actor=officer_a,
            household=household,
            full_name="Nguyễn An",
            birth_date=timezone.localdate() + dt.timedelta(1),
        )
    assert not household.members.exists()


def test_hamlet_head_edits_only_households_of_own_hamlet(commune_a):
    mine, other = HamletFactory(unit=commune_a), HamletFactory(unit=commune_a)
    head = UserFactory()
    StaffRole.objects.create(user=head, role="hamlet_head", unit=commune_a, hamlet=mine)
    household_create(actor=head, hamlet=mine, code="HGD-9")
    with pytest.raises(PermissionDenied):
        household_create(actor=head, hamlet=other, code="HGD-10")


def test_household_cannot_move_to_a_hamlet_of_another_commune(officer_a, commune_a, commune_b):
    household = HouseholdFactory(hamlet__unit=commune_a)
    with pytest.raises((ValidationError, PermissionDenied)):
        household_update(actor=officer_a, household=household, hamlet=HamletFactory(unit=commune_b))


def test_officer_of_a_new_unit_manages_registry_kept_under_its_predecessor(officer_a):
    # officer_a works in Phan Đình Phùng (new); Trưng Vương (old) is part of its history.
    trung_vuong = real_unit("05443", current=False)
    household = HouseholdFactory(hamlet__unit=trung_vuong)
    household_update(actor=officer_a, household=household, address="Tổ 3")
    assert Household.objects.unscoped().get(pk=household.pk).address == "Tổ 3"


def test_viewers_read_but_do_not_write(commune_a):
    province = real_unit("19")
    viewer = make_staff("province_viewer", province)
    household = HouseholdFactory(hamlet__unit=commune_a)
    assert Household.objects.for_actor(viewer).filter(pk=household.pk).exists()
    with pytest.raises(PermissionDenied):
        household_update(actor=viewer, household=household, address="x")


def test_administrator_grants_and_ends_roles_with_checks(commune_a):
    province = real_unit("19")
    admin = make_staff("administrator", province)
    user = UserFactory()
    hamlet = HamletFactory(unit=commune_a)
    role = staff_role_grant(actor=admin, user=user, role="hamlet_head", unit=commune_a, hamlet=hamlet)
    assert Household.objects.for_actor(user).count() == 0  # scope works for the new role
    with pytest.raises(ValidationError):
        staff_role_grant(actor=admin, user=user, role="hamlet_head", unit=commune_a)  # no hamlet
    with pytest.raises(ValidationError):
        staff_role_grant(actor=admin, user=user, role="board_member", unit=commune_a)  # no board
    with pytest.raises(ValidationError):
        staff_role_grant(actor=admin, user=user, role="district_viewer", unit=commune_a)  # wrong level
    staff_role_end(actor=admin, staff_role=role, on=dt.date(2025, 12, 31))
    role.refresh_from_db()
    assert role.valid_to == dt.date(2025, 12, 31)


def test_chairman_may_not_grant_roles(chairman_a, commune_a):
    with pytest.raises(PermissionDenied):
        staff_role_grant(actor=chairman_a, user=UserFactory(), role="one_stop_officer", unit=commune_a)


def test_every_write_is_audited(officer_a, commune_a):
    household = HouseholdFactory(hamlet__unit=commune_a)
    person = PersonFactory(household=household)
    before = AuditEvent.objects.unscoped().count()
    household_update(actor=officer_a, household=household, phone="0987654321")
    person_update(actor=officer_a, person=person, relation="Chủ hộ")
    person_add(actor=officer_a, household=household, full_name="Lê Văn Cường")
    actions = list(AuditEvent.objects.unscoped().order_by("seq").values_list("action", flat=True)[before:])
    assert actions == ["household.updated", "person.updated", "household.person_added"]
    assert Person.objects.unscoped().filter(household=household).count() == 2
