import datetime as dt

import pytest

from thanthien.procedures.selectors import procedure_detail, procedure_list, procedure_public_list, public_field_list

from .factories import ProcedureFactory

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 3, 2)


def test_search_without_accents_finds_birth_registration():
    names = [p.name for p in procedure_public_list("dang ky khai sinh", on=DAY)]
    assert "Đăng ký khai sinh" in names
    assert "Đăng ký kết hôn" not in names


def test_search_by_code_and_by_field():
    assert [p.code for p in procedure_public_list("1.004873", on=DAY)] == ["1.004873"]
    civil = procedure_public_list(field="chung-thuc", on=DAY)
    assert civil.exists() and {p.field.code for p in civil} == {"chung-thuc"}


def test_public_list_hides_unpublished_and_out_of_force_procedures():
    draft = ProcedureFactory(is_published=False)
    old = ProcedureFactory(valid_from=dt.date(2020, 1, 1), valid_to=dt.date(2025, 6, 30))
    future = ProcedureFactory(valid_from=dt.date(2027, 1, 1))
    current = ProcedureFactory(valid_from=dt.date(2025, 7, 1))
    codes = set(procedure_public_list(on=DAY).values_list("code", flat=True))
    assert current.code in codes
    assert not codes & {draft.code, old.code, future.code}
    assert procedure_detail(draft.code, on=DAY) is None
    assert procedure_detail(future.code, on=dt.date(2027, 1, 1)).code == future.code


def test_procedure_detail_brings_components_and_steps_in_order(django_assert_num_queries):
    with django_assert_num_queries(3):
        p = procedure_detail("1.001193", on=DAY)
        components = [c.order for c in p.components.all()]
        steps = [s.order for s in p.steps.all()]
    assert components == sorted(components) and steps == sorted(steps)
    assert p.name == "Đăng ký khai sinh"


def test_poverty_procedure_ends_with_2026():
    assert procedure_detail("1.011607", on=dt.date(2026, 12, 31)) is not None
    assert procedure_detail("1.011607", on=dt.date(2027, 1, 1)) is None


def test_public_fields_only_list_fields_with_procedures():
    assert "ho-tich" in set(public_field_list(on=DAY).values_list("code", flat=True))


def test_staff_list_needs_a_staff_role(officer_a, citizen_phone):
    from django.contrib.auth.models import AnonymousUser
    from django.core.exceptions import PermissionDenied

    assert procedure_list(actor=officer_a, query="khai tu").filter(code="1.000656").exists()
    with pytest.raises(PermissionDenied):
        procedure_list(actor=AnonymousUser())
