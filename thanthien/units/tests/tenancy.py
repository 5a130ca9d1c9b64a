"""Tenancy cases for the unit-owned models of this app (walked by core's cross-unit test)."""

import datetime as dt

from thanthien.core.tests.tenancy_cases import TenancyCase
from thanthien.units.models import Hamlet, Household, Person, StaffRole
from thanthien.units.services import hamlet_update, household_update, person_update, staff_role_end
from thanthien.units.tests.factories import HamletFactory, HouseholdFactory, PersonFactory, StaffRoleFactory

CASES = [
    TenancyCase(
        model=Hamlet,
        make=lambda unit: HamletFactory(unit=unit),
        change=lambda actor, hamlet: hamlet_update(actor=actor, hamlet=hamlet, name="Tân Tiến"),
        role="specialist_officer",
    ),
    TenancyCase(
        model=Household,
        make=lambda unit: HouseholdFactory(hamlet__unit=unit),
        change=lambda actor, household: household_update(actor=actor, household=household, address="Số 2, ngõ 5"),
        role="one_stop_officer",
    ),
    TenancyCase(
        model=Person,
        make=lambda unit: PersonFactory(household__hamlet__unit=unit),
        change=lambda actor, person: person_update(actor=actor, person=person, full_name="Đặng Thị Thu Hà"),
        role="one_stop_officer",
    ),
    TenancyCase(
        model=StaffRole,
        make=lambda unit: StaffRoleFactory(unit=unit),
        change=lambda actor, role: staff_role_end(actor=actor, staff_role=role, on=dt.date(2030, 12, 31)),
        role="administrator",
    ),
]
