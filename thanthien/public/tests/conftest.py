import datetime as dt

import pytest

from thanthien.units.models import AdminUnit, Hamlet, UnitSuccession
from thanthien.units.tests.factories import CommuneFactory, HamletFactory


@pytest.fixture
def trung_vuong(commune_a):
    """Phường Trưng Vương, merged into Phường Phan Đình Phùng (commune_a) on 1/7/2025.

    The real units are loaded by a data migration; the fixture reuses them when present.
    """
    old = AdminUnit.objects.filter(slug="trung-vuong").first() or CommuneFactory(
        name="Trưng Vương",
        slug="trung-vuong",
        unit_type=AdminUnit.Type.WARD,
        valid_from=None,
        valid_to=dt.date(2025, 6, 30),
        search_text="phuong trung vuong",
    )
    UnitSuccession.objects.get_or_create(
        predecessor=old,
        successor=commune_a,
        defaults={"effective_date": dt.date(2025, 7, 1), "legal_basis": "Nghị quyết 1683/NQ-UBTVQH15"},
    )
    return old


@pytest.fixture
def dinh_hoa(commune_b):
    commune_b.address = "Tổ dân phố Trung Kiên, xã Định Hóa"
    commune_b.phone = "0208 3878 123"
    commune_b.save(update_fields=["address", "phone"])
    HamletFactory.create_batch(3, unit=commune_b)
    commune_b.hamlet_total = Hamlet.objects.unscoped().filter(unit=commune_b).count()
    return commune_b
