import datetime as dt
from decimal import Decimal

import pytest

from thanthien.clocks.domain.calendar import VIETNAM_TZ

MONDAY_9 = dt.datetime(2026, 3, 9, 9, 0, tzinfo=VIETNAM_TZ)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "private"
    settings.PUBLIC_BASE_URL = "https://thanthien.example.vn"


@pytest.fixture
def procedure(db):
    from thanthien.procedures.tests.factories import ProcedureFactory

    return ProcedureFactory(fee_amount=Decimal(8000), name="Đăng ký khai sinh", code="TEST.KS.01")


@pytest.fixture
def received(officer_a, commune_a, procedure):
    """A dossier received at the counter through the real service (code, tracking code, due date)."""
    from thanthien.dossiers import services

    data = services.IntakeData(
        procedure=procedure,
        applicant=services.ApplicantData(
            name="Nguyễn Văn An", id_number="019186001234", address="Tổ dân phố Đồng Quang 3", phone="0912345678"
        ),
        components=["Tờ khai đăng ký khai sinh (bản chính)", "Giấy chứng sinh (bản chính)"],
    )
    return services.dossier_create(actor=officer_a, unit=commune_a, data=data, at=MONDAY_9)
