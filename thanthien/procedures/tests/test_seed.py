"""The seed migration: at least 30 real commune procedures, each consistent."""

import datetime as dt
import importlib
from decimal import Decimal

import pytest
from django.apps import apps

from thanthien.procedures.domain.timelimits import check_step_hours
from thanthien.procedures.models import Procedure

pytestmark = pytest.mark.django_db

SEED = importlib.import_module("thanthien.procedures.migrations.0002_seed_commune_procedures")


def seeded():
    codes = [row["code"] for row in SEED._load()["procedures"]]
    return Procedure.objects.filter(code__in=codes).prefetch_related("components", "steps")


def test_seed_has_at_least_30_procedures_with_components_and_consistent_steps():
    procedures = list(seeded())
    assert len(procedures) >= 30
    for p in procedures:
        assert p.components.count() >= 1, p.code
        hours = [s.hours for s in p.steps.all()]
        assert hours, p.code
        assert check_step_hours(p.time_amount, p.time_measure, hours).ok, p.code
        assert p.search_text, p.code
        assert p.source_note, p.code


def test_seed_covers_civil_status_and_certification():
    names = set(seeded().values_list("name", flat=True))
    for expected in (
        "Đăng ký khai sinh",
        "Đăng ký kết hôn",
        "Đăng ký khai tử",
        "Cấp Giấy xác nhận tình trạng hôn nhân",
    ):
        assert expected in names
    assert seeded().filter(field__code="chung-thuc").count() >= 5


def test_seed_carries_the_legal_time_limits_and_fees():
    birth = Procedure.objects.get(code="1.001193")
    assert birth.is_immediate and birth.time_amount == 1 and birth.time_measure == "working_days"
    assert "Miễn lệ phí" in birth.fee_note
    assert Procedure.objects.get(code="1.004873").time_amount == 3  # xác nhận tình trạng hôn nhân
    copy = Procedure.objects.get(code="2.000815")
    assert (copy.fee_amount, copy.fee_unit) == (Decimal(2000), "trang")
    assert Procedure.objects.get(code="2.001035").fee_amount == 50000  # chứng thực giao dịch
    marriage = Procedure.objects.get(code="1.000894")
    assert marriage.fee_amount == 0
    assert not marriage.postal_eligible and marriage.postal_ineligible_reason


def test_every_seeded_procedure_is_published_and_in_force_in_2026():
    day = dt.date(2026, 6, 1)
    assert all(p.is_published and p.is_valid_on(day) for p in seeded())


def test_seed_migration_is_reversible():
    count = seeded().count()
    SEED.unseed(apps, None)
    assert seeded().count() == 0
    SEED.seed(apps, None)
    assert seeded().count() == count
