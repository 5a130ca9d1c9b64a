"""Factories for units, hamlets, households, people, users and staff roles."""

import datetime as dt

import factory
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
    class Meta:
        model = AdminUnit

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
    search_text = factory.LazyAttribute(lambda o: fold(o.name))


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


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"Trần Thị Hương {n}")
    password = factory.PostGenerationMethodCall("set_password", "mat-khau-an-toan-2024")

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
