"""The cross-unit harness itself must fail on a leak; otherwise a green run proves nothing."""

import pytest
from django.core.exceptions import PermissionDenied

from thanthien.core.tenancy import UnitScopedQuerySet
from thanthien.core.tests.tenancy_cases import (
    TenancyCase,
    check_change_allowed,
    check_change_refused,
    check_read_isolation,
    collect_cases,
    row_state,
)
from thanthien.units.models import Household
from thanthien.units.tests.factories import HouseholdFactory

pytestmark = pytest.mark.django_db


def _update_without_scope_check(actor, household):
    Household.objects.unscoped().filter(pk=household.pk).update(address="đã bị sửa")


def _update_with_scope_check(actor, household):
    from thanthien.core.tenancy import ensure_in_scope

    ensure_in_scope(actor, household)
    _update_without_scope_check(actor, household)


def _case(change):
    return TenancyCase(model=Household, make=lambda unit: HouseholdFactory(hamlet__unit=unit), change=change)


def test_a_change_that_ignores_the_scope_is_caught(officer_a, commune_b):
    with pytest.raises(pytest.fail.Exception):
        check_change_refused(_case(_update_without_scope_check), outsiders=[officer_a], unit=commune_b)


def test_a_change_that_refuses_after_writing_is_caught(officer_a, commune_b):
    def write_then_refuse(actor, household):
        _update_without_scope_check(actor, household)
        raise PermissionDenied

    with pytest.raises(AssertionError, match="changed a record of another commune"):
        check_change_refused(_case(write_then_refuse), outsiders=[officer_a], unit=commune_b)


def test_a_change_that_always_refuses_is_caught_by_the_positive_control(officer_b, commune_b):
    def always_refuse(actor, household):
        raise PermissionDenied

    with pytest.raises(PermissionDenied):
        check_change_allowed(_case(always_refuse), insider=officer_b, unit=commune_b)

    def does_nothing(actor, household):
        return household

    with pytest.raises(AssertionError, match="did not change the row"):
        check_change_allowed(_case(does_nothing), insider=officer_b, unit=commune_b)


def test_a_scoped_change_passes_both_checks(officer_a, officer_b, commune_b):
    case = _case(_update_with_scope_check)
    check_change_refused(case, outsiders=[officer_a], unit=commune_b)
    check_change_allowed(case, insider=officer_b, unit=commune_b)


def test_a_leaking_for_actor_is_caught(monkeypatch, officer_a, officer_b, commune_b):
    monkeypatch.setattr(UnitScopedQuerySet, "for_actor", lambda self, actor: self.all())
    with pytest.raises(AssertionError, match="another commune can read it"):
        check_read_isolation(_case(_update_with_scope_check), outsider=officer_a, insider=officer_b, unit=commune_b)


def test_make_in_the_wrong_unit_is_caught(officer_a, officer_b, commune_a, commune_b):
    case = TenancyCase(model=Household, make=lambda unit: HouseholdFactory(hamlet__unit=commune_a), change=print)
    with pytest.raises(AssertionError, match="must create the record in that unit"):
        check_read_isolation(case, outsider=officer_a, insider=officer_b, unit=commune_b)


def test_row_state_sees_every_column(commune_a):
    household = HouseholdFactory(hamlet__unit=commune_a)
    before = row_state(household)
    Household.objects.unscoped().filter(pk=household.pk).update(is_active=False)
    assert row_state(household) != before


def test_collector_tolerates_apps_without_tenancy_module_and_finds_the_audit_case():
    from thanthien.audit.models import AuditEvent

    cases = collect_cases()
    assert AuditEvent in cases
    assert cases[AuditEvent].role is None and cases[AuditEvent].note


def test_collector_refuses_malformed_cases(monkeypatch):
    import types

    from thanthien.core.tests import tenancy_cases

    module = types.SimpleNamespace(CASES=[{"model": Household, "make": print}])
    monkeypatch.setattr(tenancy_cases, "_tenancy_modules", lambda: [("fake.tests.tenancy", module)])
    with pytest.raises(TypeError, match=r"fake\.tests\.tenancy"):
        tenancy_cases.collect_cases()
    twice = {"model": Household, "make": print, "change": print}
    module.CASES = [twice, twice]
    with pytest.raises(ValueError, match="two tenancy cases"):
        tenancy_cases.collect_cases()
