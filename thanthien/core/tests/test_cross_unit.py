"""The tenancy guard, proved for every unit-owned model (foundation issue, item 5).

For each model from ``unit_owned_models()`` a case from ``thanthien/<app>/tests/tenancy.py``
makes a record in commune B; an officer of commune A must neither see it through
``for_actor`` nor change it through the app's own service, while the owner commune can.
Runs on SQLite and on PostgreSQL (DATABASE_URL).
"""

import pytest

from thanthien.core.tenancy import unit_owned_models
from thanthien.core.tests.tenancy_cases import (
    check_change_allowed,
    check_change_refused,
    check_read_isolation,
    collect_cases,
)
from thanthien.units.tests.factories import make_staff

pytestmark = pytest.mark.django_db

CASES = collect_cases()
MODELS = unit_owned_models()


def _label(model) -> str:
    return model._meta.label


def _case(model):
    case = CASES.get(model)
    if case is None:
        pytest.fail(f"no tenancy case for {model._meta.label}: add one in thanthien/<app>/tests/tenancy.py")
    return case


def test_every_unit_owned_model_has_a_tenancy_case():
    missing = sorted(_label(model) for model in MODELS if model not in CASES)
    assert not missing, "unit-owned models without a tenancy case: " + ", ".join(missing)


def test_every_case_names_a_unit_owned_model():
    strays = sorted(case.label for model, case in CASES.items() if model not in MODELS)
    assert not strays, "tenancy cases for models that are not unit-owned: " + ", ".join(strays)


@pytest.mark.parametrize("model", MODELS, ids=_label)
def test_officer_of_commune_a_cannot_read_a_record_of_commune_b(model, officer_a, officer_b, commune_b):
    check_read_isolation(_case(model), outsider=officer_a, insider=officer_b, unit=commune_b)


@pytest.mark.parametrize("model", MODELS, ids=_label)
def test_officer_of_commune_a_cannot_change_a_record_of_commune_b(model, officer_a, commune_a, commune_b):
    case = _case(model)
    outsiders = [officer_a]
    if case.role and case.role != "one_stop_officer":
        # The very role allowed to change it, only in the wrong commune: the refusal must come
        # from the scope, not from the role.
        outsiders.append(make_staff(case.role, commune_a))
    check_change_refused(case, outsiders=outsiders, unit=commune_b)


@pytest.mark.parametrize("model", MODELS, ids=_label)
def test_change_works_inside_the_owning_commune(model, commune_b):
    """The positive control: without it a ``change`` that always refuses would pass above."""
    case = _case(model)
    if case.role is None:
        assert case.note, f"{case.label}: role=None (nobody may change it) needs a note saying why"
        pytest.skip(f"{case.label} is append-only: {case.note}")
    check_change_allowed(case, insider=make_staff(case.role, commune_b), unit=commune_b)
