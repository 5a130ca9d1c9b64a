"""ScopedAdmin: the Django admin stays inside the actor's scope."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory

from thanthien.core.admin import ScopedAdmin
from thanthien.core.tenancy import forget_scope, scope_for
from thanthien.units.models import AdminUnit, Household
from thanthien.units.tests.factories import HamletFactory, HouseholdFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def model_admin():
    return ScopedAdmin(Household, admin.AdminSite(name="test"))


def request_for(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return request


@pytest.fixture
def staff_officer(officer_a):
    officer_a.is_staff = True
    officer_a.save(update_fields=["is_staff"])
    officer_a.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_household", "change_household", "delete_household"])
    )
    officer_a = type(officer_a).objects.get(pk=officer_a.pk)  # drop the permission cache
    forget_scope(officer_a)
    return officer_a


def test_queryset_is_scoped(model_admin, staff_officer, commune_a, commune_b):
    mine = HouseholdFactory(hamlet__unit=commune_a)
    HouseholdFactory(hamlet__unit=commune_b)
    assert list(model_admin.get_queryset(request_for(staff_officer))) == [mine]


def test_superuser_sees_everything(model_admin, commune_a, commune_b):
    HouseholdFactory(hamlet__unit=commune_a)
    HouseholdFactory(hamlet__unit=commune_b)
    assert model_admin.get_queryset(request_for(UserFactory(is_superuser=True))).count() == 2


def test_object_permissions_follow_the_scope(model_admin, staff_officer, commune_a, commune_b):
    request = request_for(staff_officer)
    mine = HouseholdFactory(hamlet__unit=commune_a)
    theirs = HouseholdFactory(hamlet__unit=commune_b)
    assert model_admin.has_change_permission(request, mine)
    assert model_admin.has_view_permission(request, mine)
    assert not model_admin.has_change_permission(request, theirs)
    assert not model_admin.has_view_permission(request, theirs)
    assert not model_admin.has_delete_permission(request, theirs)


def test_foreign_key_choices_are_limited_to_the_scope(model_admin, staff_officer, commune_a, commune_b):
    request = request_for(staff_officer)
    HamletFactory(unit=commune_a)
    HamletFactory(unit=commune_b)
    unit_field = model_admin.formfield_for_foreignkey(Household._meta.get_field("unit"), request)
    offered = set(unit_field.queryset.values_list("pk", flat=True))
    assert commune_a.pk in offered and commune_b.pk not in offered
    assert offered == set(scope_for(staff_officer).unit_ids)
    hamlet_field = model_admin.formfield_for_foreignkey(Household._meta.get_field("hamlet"), request)
    assert {h.unit_id for h in hamlet_field.queryset} == {commune_a.pk}


def test_saving_into_another_commune_is_refused(model_admin, staff_officer, commune_b):
    household = HouseholdFactory.build(hamlet=HamletFactory(unit=commune_b), unit=commune_b)
    with pytest.raises(PermissionDenied):
        model_admin.save_model(request_for(staff_officer), household, form=None, change=False)
    assert not Household.objects.unscoped().filter(unit=commune_b).exists()
    assert AdminUnit.objects.filter(pk=commune_b.pk).exists()
