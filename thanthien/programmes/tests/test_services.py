import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from thanthien.audit.models import AuditEvent
from thanthien.programmes.models import Programme
from thanthien.programmes.services import TargetData, programme_add_member, programme_create
from thanthien.units.tests.factories import make_staff, real_unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def province():
    return real_unit("19")


@pytest.fixture
def admin(province):
    return make_staff("administrator", province)


def test_next_years_programme_is_data_not_code(admin, province):
    previous = Programme.objects.get(code="chinh-quyen-than-thien-2025-2026")
    programme = programme_create(
        actor=admin,
        code="chinh-quyen-than-thien-2027",
        name="Mô hình năm 2027",
        province=province,
        start_date=dt.date(2027, 1, 1),
        end_date=dt.date(2027, 12, 31),
        previous=previous,
        targets=[TargetData("dossiers-on-time", "Hồ sơ đúng hạn", Decimal(100), requirement="R1.2")],
    )
    assert programme.targets.get().target_value == 100
    member = programme_add_member(
        actor=admin, programme=programme, unit=real_unit("05710"), joined_on=dt.date(2027, 3, 1)
    )
    assert member.kind == "scale_up"
    assert list(
        AuditEvent.objects.unscoped()
        .filter(action__startswith="programme.")
        .order_by("seq")
        .values_list("action", flat=True)
    ) == [
        "programme.created",
        "programme.member_added",
    ]


def test_a_unit_joins_later_within_the_period_only(admin):
    programme = Programme.objects.get(code="chinh-quyen-than-thien-2025-2026")
    unit = real_unit("05467")  # a current unit that was not in the pilot
    with pytest.raises(ValidationError):
        programme_add_member(actor=admin, programme=programme, unit=unit, joined_on=dt.date(2027, 2, 1))
    programme_add_member(actor=admin, programme=programme, unit=unit, joined_on=dt.date(2026, 1, 5))
    with pytest.raises(ValidationError):  # twice
        programme_add_member(actor=admin, programme=programme, unit=unit, joined_on=dt.date(2026, 1, 6))


def test_an_old_unit_cannot_join_after_it_ceased(admin):
    programme = Programme.objects.get(code="chinh-quyen-than-thien-2025-2026")
    with pytest.raises(ValidationError):
        programme_add_member(
            actor=admin, programme=programme, unit=real_unit("05467", current=False), joined_on=dt.date(2025, 8, 1)
        )


def test_only_administrators_create_programmes(chairman_a, province):
    with pytest.raises(PermissionDenied):
        programme_create(
            actor=chairman_a,
            code="x",
            name="x",
            province=province,
            start_date=dt.date(2027, 1, 1),
            end_date=dt.date(2027, 2, 1),
        )


def test_period_must_be_in_order(admin, province):
    with pytest.raises(ValidationError):
        programme_create(
            actor=admin,
            code="x",
            name="x",
            province=province,
            start_date=dt.date(2027, 2, 1),
            end_date=dt.date(2027, 1, 1),
        )


def test_programme_pages(client, officer_a):
    client.force_login(officer_a)
    response = client.get(reverse("programmes:list"))
    assert response.status_code == 200 and "138/KH-UBND" in response.text
    detail = client.get(reverse("programmes:detail", args=["ke-hoach-138-2024"]))
    assert detail.status_code == 200
    assert "Phường Trưng Vương" in detail.text and "Phường Phan Đình Phùng" in detail.text
    assert "Phường Lương Sơn" in detail.text and "Phường Bách Quang" in detail.text
    assert detail.context["form"] is None  # officers read; administrators add units
    assert client.post(reverse("programmes:detail", args=["ke-hoach-138-2024"]), {}).status_code == 404


def test_administrator_adds_a_unit_from_the_page(client, admin):
    client.force_login(admin)
    url = reverse("programmes:detail", args=["chinh-quyen-than-thien-2025-2026"])
    unit = real_unit("05467")
    response = client.post(url, {"unit": unit.pk, "joined_on": "2026-02-01", "kind": "scale_up"})
    assert response.status_code == 302
    assert Programme.objects.get(code="chinh-quyen-than-thien-2025-2026").members.filter(unit=unit).exists()
