import pytest


@pytest.fixture
def procedure(db):
    """A 1-working-day procedure with a legal fee of 10.000 đ, steps 2 h + 6 h."""
    from decimal import Decimal

    from thanthien.procedures.tests.factories import ProcedureFactory

    return ProcedureFactory(fee_amount=Decimal(10000), name="Chứng thực chữ ký")


@pytest.fixture
def specialist_a(commune_a):
    from thanthien.units.tests.factories import make_staff

    return make_staff("specialist_officer", commune_a, username="specialist_a", full_name="Ngô Văn Bình")
