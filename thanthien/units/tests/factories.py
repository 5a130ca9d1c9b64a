"""Factories for units, hamlets, households, people, users and staff roles."""

import datetime as dt
import functools

import factory
from django.conf import settings
from django.contrib.auth.hashers import make_password
from factory.django import DjangoModelFactory

from thanthien.accounts.models import User
from thanthien.core.search import fold, fold_join
from thanthien.units.models import AdminUnit, Hamlet, Household, Person, StaffRole


class ProvinceFactory(DjangoModelFactory):
    class Meta:
        model = AdminUnit
        django_get_or_create = ("slug",)

    code = "19"
    name = "Thái Nguyên"
    unit_type = AdminUnit.Type.PROVINCE
    level = AdminUnit.Level.PROVINCE
    valid_from = dt.date(2025, 7, 1)
    slug = "tinh-thai-nguyen"
    search_text = factory.LazyAttribute(lambda o: fold(f"Tỉnh {o.name}"))


class CommuneFactory(DjangoModelFactory):
    """A commune. The migrations load the real Thái Nguyên units, so asking for the slug of a
    real unit ("phan-dinh-phung", "dinh-hoa") returns that unit instead of a clash."""

    class Meta:
        model = AdminUnit
        django_get_or_create = ("slug",)

    code = factory.Sequence(lambda n: f"{90000 + n:05d}")
    name = factory.Sequence(lambda n: f"Hòa Bình {n}")
    unit_type = AdminUnit.Type.COMMUNE
    level = AdminUnit.Level.COMMUNE
    parent = factory.SubFactory(ProvinceFactory)
    valid_from = dt.date(2025, 7, 1)
    slug = factory.Sequence(lambda n: f"xa-hoa-binh-{n}")
    search_text = factory.LazyAttribute(lambda o: fold(f"Xã {o.name}"))


class HamletFactory(DjangoModelFactory):
    class Meta:
        model = Hamlet

    unit = factory.SubFactory(CommuneFactory)
    name = factory.Sequence(lambda n: f"Đồng Tâm {n}")
    search_text = factory.LazyAttribute(lambda o: fold(f"Thôn {o.name}"))


class HouseholdFactory(DjangoModelFactory):
    class Meta:
        model = Household

    hamlet = factory.SubFactory(HamletFactory)
    unit = factory.LazyAttribute(lambda o: o.hamlet.unit)
    code = factory.Sequence(lambda n: f"HGD-{n:05d}")
    address = factory.LazyAttribute(lambda o: f"Thôn {o.hamlet.name}")
    phone = factory.Sequence(lambda n: f"09{n:08d}")
    search_text = factory.LazyAttribute(lambda o: fold_join(o.code, o.address))


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    household = factory.SubFactory(HouseholdFactory)
    unit = factory.LazyAttribute(lambda o: o.household.unit)
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Đức {n}")
    birth_date = dt.date(1980, 5, 17)
    gender = Person.Gender.MALE
    search_text = factory.LazyAttribute(lambda o: fold(o.full_name))


TEST_PASSWORD = "mat-khau-an-toan-2024"


@functools.cache
def _hash_for(hashers: tuple[str, ...]) -> str:
    return make_password(TEST_PASSWORD)


def _test_password_hash() -> str:
    """The shared hash, per hasher setting (some test folders switch to a fast hasher)."""
    return _hash_for(tuple(settings.PASSWORD_HASHERS))


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"Trần Thị Hương {n}")
    # Hashing the same password for every user takes ~0.3 s each with the production hasher:
    # hash it once per test run and share the encoded value.
    password = factory.LazyFunction(lambda: _test_password_hash())

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class StaffRoleFactory(DjangoModelFactory):
    class Meta:
        model = StaffRole

    user = factory.SubFactory(UserFactory)
    role = StaffRole.Role.ONE_STOP_OFFICER
    unit = factory.SubFactory(CommuneFactory)


def make_staff(role: str, unit: AdminUnit, **user_kwargs) -> User:
    """A user holding ``role`` in ``unit``."""
    user = UserFactory(**user_kwargs)
    StaffRoleFactory(user=user, role=role, unit=unit)
    return user


def real_unit(code: str, *, current: bool = True) -> AdminUnit:
    """A unit loaded by the migrations: the current one with ``code`` or the one before 1/7/2025."""
    qs = AdminUnit.objects.filter(code=code)
    return qs.get(valid_to__isnull=True) if current else qs.get(valid_to__isnull=False)
