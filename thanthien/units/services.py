"""Writes for hamlets, households, people and staff roles.

Every service: keyword-only, actor first; checks scope and role; writes in one transaction;
records one audit event. The HTML views, the import page and the demo generator all call
these functions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thanthien.audit.services import audit_record
from thanthien.core.search import fold_join, nfc

from .domain.registry import (
    HouseholdData,
    PersonData,
    RegistryInputError,
    RowError,
    build_households,
    clean_text,
    hamlet_lookup_keys,
    map_headers,
    parse_national_id,
    parse_phone,
)
from .domain.spreadsheets import read_table
from .models import AdminUnit, Hamlet, Household, Person, StaffRole
from .permissions import (
    ADMINISTRATORS,
    HAMLET_EDITORS,
    HAMLET_SCOPED_EDITORS,
    REGISTRY_EDITORS,
    ensure_role,
    forget_roles,
)

HOUSEHOLD_EDITORS = REGISTRY_EDITORS | HAMLET_SCOPED_EDITORS
SEARCH_TEXT_MAX = {"household": 400, "person": 300, "hamlet": 300}


def _snapshot(obj: Any, fields: Sequence[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in fields:
        value = getattr(obj, name)
        out[name] = value.isoformat() if isinstance(value, dt.date) else value
    return out


def _field_error(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})


# --- hamlets ---------------------------------------------------------------------------------
def _default_hamlet_type(unit: AdminUnit) -> str:
    return Hamlet.Type.RESIDENTIAL_GROUP if unit.unit_type == AdminUnit.Type.WARD else Hamlet.Type.VILLAGE


def _hamlet_search_text(hamlet: Hamlet) -> str:
    return fold_join(str(hamlet), hamlet.code)[: SEARCH_TEXT_MAX["hamlet"]]


def _hamlet_name_taken(unit_id: int, name: str, exclude_pk: int | None = None) -> bool:
    """Case-insensitive clash ("Đồng Tâm" vs "đồng tâm"; "Tân Lập" and "Tấn Lập" differ).
    SQLite's iexact folds ASCII only, so compare in Python (a commune has a few dozen hamlets)."""
    wanted = nfc(name).casefold()
    names = Hamlet.objects.unscoped().filter(unit_id=unit_id).exclude(pk=exclude_pk).values_list("name", flat=True)
    return any(nfc(other).casefold() == wanted for other in names)


def hamlet_create(*, actor: Any, unit: AdminUnit, name: str, hamlet_type: str = "", code: str = "") -> Hamlet:
    """Create a hamlet (thôn / xóm / tổ dân phố) in a commune."""
    ensure_role(actor, unit.pk, HAMLET_EDITORS)
    if unit.level != AdminUnit.Level.COMMUNE:
        raise _field_error("unit", _("Hamlets belong to a commune, ward or township."))
    name = clean_text(name)
    if not name:
        raise _field_error("name", _("This field is required."))
    hamlet = Hamlet(unit=unit, name=name, hamlet_type=hamlet_type or _default_hamlet_type(unit), code=clean_text(code))
    hamlet.search_text = _hamlet_search_text(hamlet)
    with transaction.atomic():
        if _hamlet_name_taken(unit.pk, name):
            raise _field_error("name", _("This commune already has a hamlet with this name."))
        hamlet.save()
        audit_record(
            actor=actor,
            action="hamlet.created",
            obj=hamlet,
            unit=unit,
            new=_snapshot(hamlet, ("name", "hamlet_type", "code")),
        )
    return hamlet


def hamlet_update(
    *, actor: Any, hamlet: Hamlet, name: str | None = None, hamlet_type: str | None = None, code: str | None = None
) -> Hamlet:
    ensure_role(actor, hamlet.unit_id, HAMLET_EDITORS)
    fields = ("name", "hamlet_type", "code")
    old = _snapshot(hamlet, fields)
    if name is not None:
        hamlet.name = clean_text(name)
        if not hamlet.name:
            raise _field_error("name", _("This field is required."))
    if hamlet_type is not None:
        hamlet.hamlet_type = hamlet_type
    if code is not None:
        hamlet.code = clean_text(code)
    hamlet.search_text = _hamlet_search_text(hamlet)
    with transaction.atomic():
        if _hamlet_name_taken(hamlet.unit_id, hamlet.name, exclude_pk=hamlet.pk):
            raise _field_error("name", _("This commune already has a hamlet with this name."))
        hamlet.save(update_fields=[*fields, "search_text"])
        audit_record(
            actor=actor,
            action="hamlet.updated",
            obj=hamlet,
            unit=hamlet.unit,
            old=old,
            new=_snapshot(hamlet, fields),
        )
    return hamlet


# --- households and people -------------------------------------------------------------------
def _clean_phone(value: str, field: str = "phone") -> str:
    try:
        return parse_phone(value)
    except ValueError as exc:
        raise _field_error(field, str(exc)) from None


def _person_search_text(person: Person) -> str:
    return fold_join(person.full_name, person.phone, person.national_id)[: SEARCH_TEXT_MAX["person"]]


def _household_search_text(household: Household, names: Sequence[str]) -> str:
    return fold_join(household.code, household.address, household.phone, *names)[: SEARCH_TEXT_MAX["household"]]


def _refresh_household_search(household: Household) -> None:
    names = list(household.members.order_by("-is_representative", "pk").values_list("full_name", flat=True))
    household.search_text = _household_search_text(household, names)
    household.save(update_fields=["search_text"])


def next_household_code(unit: AdminUnit) -> str:
    """The next free automatic code "<commune code>-00001" in ``unit``."""
    prefix = f"{unit.code}-"
    numbers = [
        int(code[len(prefix) :])
        for code in Household.objects.unscoped()
        .filter(unit=unit, code__startswith=prefix)
        .values_list("code", flat=True)
        if code[len(prefix) :].isdigit()
    ]
    return f"{prefix}{max(numbers, default=0) + 1:05d}"


def _new_person(household: Household, data: PersonData) -> Person:
    full_name = clean_text(data.full_name)
    if not full_name:
        raise _field_error("full_name", _("This field is required."))
    try:
        national_id = parse_national_id(data.national_id)
    except ValueError as exc:
        raise _field_error("national_id", str(exc)) from None
    person = Person(
        unit_id=household.unit_id,
        household=household,
        full_name=full_name,
        birth_date=data.birth_date,
        gender=data.gender,
        relation=clean_text(data.relation),
        is_representative=data.is_representative,
        phone=_clean_phone(data.phone),
        national_id=national_id,
    )
    if person.birth_date and person.birth_date > timezone.localdate():
        raise _field_error("birth_date", _("The date of birth is in the future."))
    person.search_text = _person_search_text(person)
    return person


def household_create(
    *,
    actor: Any,
    hamlet: Hamlet,
    code: str = "",
    address: str = "",
    phone: str = "",
    members: Sequence[PersonData] = (),
) -> Household:
    """Register a household (hộ gia đình) in a hamlet, optionally with its members."""
    ensure_role(actor, hamlet.unit_id, HOUSEHOLD_EDITORS, hamlet_id=hamlet.pk)
    if sum(1 for m in members if m.is_representative) > 1:
        raise _field_error("members", _("A household has exactly one representative."))
    with transaction.atomic():
        household = Household(
            unit_id=hamlet.unit_id,
            hamlet=hamlet,
            code=clean_text(code) or next_household_code(hamlet.unit),
            address=clean_text(address),
            phone=_clean_phone(phone),
        )
        if Household.objects.unscoped().filter(unit_id=hamlet.unit_id, code=household.code).exists():
            raise _field_error(
                "code", _("Household %(code)s already exists in this commune.") % {"code": household.code}
            )
        household.search_text = _household_search_text(household, [m.full_name for m in members])
        household.save()
        people = [_new_person(household, m) for m in members]
        if people and not any(p.is_representative for p in people):
            people[0].is_representative = True
        Person.objects.bulk_create(people)
        audit_record(
            actor=actor,
            action="household.created",
            obj=household,
            unit=hamlet.unit,
            new={**_snapshot(household, ("code", "address", "phone")), "hamlet": str(hamlet), "members": len(people)},
        )
    return household


def household_update(
    *,
    actor: Any,
    household: Household,
    address: str | None = None,
    phone: str | None = None,
    is_active: bool | None = None,
    hamlet: Hamlet | None = None,
) -> Household:
    """Change a household's address, phone, hamlet (within the commune) or active flag."""
    ensure_role(actor, household.unit_id, HOUSEHOLD_EDITORS, hamlet_id=household.hamlet_id)
    fields = ("address", "phone", "is_active", "hamlet_id")
    old = _snapshot(household, fields)
    if address is not None:
        household.address = clean_text(address)
    if phone is not None:
        household.phone = _clean_phone(phone)
    if is_active is not None:
        household.is_active = is_active
    if hamlet is not None and hamlet.pk != household.hamlet_id:
        if hamlet.unit_id != household.unit_id:
            raise _field_error("hamlet", _("The hamlet must be in the same commune."))
        ensure_role(actor, household.unit_id, HOUSEHOLD_EDITORS, hamlet_id=hamlet.pk)
        household.hamlet = hamlet
    with transaction.atomic():
        household.save(update_fields=["address", "phone", "is_active", "hamlet"])
        _refresh_household_search(household)
        audit_record(
            actor=actor,
            action="household.updated",
            obj=household,
            unit=household.unit,
            old=old,
            new=_snapshot(household, fields),
        )
    return household


def person_add(
    *,
    actor: Any,
    household: Household,
    full_name: str,
    birth_date: dt.date | None = None,
    gender: str = "",
    relation: str = "",
    is_representative: bool = False,
    phone: str = "",
    national_id: str = "",
) -> Person:
    """Add a member (nhân khẩu) to a household; a new representative replaces the old one."""
    ensure_role(actor, household.unit_id, HOUSEHOLD_EDITORS, hamlet_id=household.hamlet_id)
    data = PersonData(full_name, birth_date, gender, relation, is_representative, phone, national_id)
    with transaction.atomic():
        person = _new_person(household, data)
        if not household.members.exists():
            person.is_representative = True
        if person.is_representative:
            household.members.filter(is_representative=True).update(is_representative=False)
        person.save()
        _refresh_household_search(household)
        audit_record(
            actor=actor,
            action="household.person_added",
            obj=person,
            unit=household.unit,
            new={
                **_snapshot(person, ("full_name", "birth_date", "relation", "is_representative")),
                "household": household.code,
            },
        )
    return person


def person_update(
    *,
    actor: Any,
    person: Person,
    full_name: str | None = None,
    birth_date: dt.date | None = None,
    gender: str | None = None,
    relation: str | None = None,
    is_representative: bool | None = None,
    phone: str | None = None,
    national_id: str | None = None,
) -> Person:
    """Correct a member's details; making them representative unsets the previous one."""
    household = person.household
    ensure_role(actor, person.unit_id, HOUSEHOLD_EDITORS, hamlet_id=household.hamlet_id)
    fields = ("full_name", "birth_date", "gender", "relation", "is_representative", "phone", "national_id")
    old = _snapshot(person, fields)
    if full_name is not None:
        person.full_name = clean_text(full_name)
        if not person.full_name:
            raise _field_error("full_name", _("This field is required."))
    if birth_date is not None:
        if birth_date > timezone.localdate():
            raise _field_error("birth_date", _("The date of birth is in the future."))
        person.birth_date = birth_date
    if gender is not None:
        person.gender = gender
    if relation is not None:
        person.relation = clean_text(relation)
    if phone is not None:
        person.phone = _clean_phone(phone)
    if national_id is not None:
        try:
            person.national_id = parse_national_id(national_id)
        except ValueError as exc:
            raise _field_error("national_id", str(exc)) from None
    person.search_text = _person_search_text(person)
    with transaction.atomic():
        if is_representative and not person.is_representative:
            household.members.filter(is_representative=True).update(is_representative=False)
            person.is_representative = True
        person.save(update_fields=[*fields, "search_text"])
        _refresh_household_search(household)
        audit_record(
            actor=actor,
            action="person.updated",
            obj=person,
            unit=household.unit,
            old=old,
            new=_snapshot(person, fields),
        )
    return person


# --- import ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class ImportResult:
    households: int
    people: int


def household_import(*, actor: Any, unit: AdminUnit, data: bytes, filename: str) -> ImportResult:
    """Import households and their members from a CSV or XLSX file (one row per person).

    All or nothing: any error in any row raises :class:`RegistryInputError` with the
    row-by-row report, and nothing is saved. Columns: see ``domain.registry.COLUMNS``
    and docs/units.md.
    """
    ensure_role(actor, unit.pk, REGISTRY_EDITORS)
    headers, body = read_table(data, filename)
    mapping, header_errors = map_headers(headers)
    if header_errors:
        raise RegistryInputError(header_errors)
    rows = [
        (number, {key: values[i] if i < len(values) else None for i, key in mapping.items()}) for number, values in body
    ]
    return household_import_rows(actor=actor, unit=unit, rows=rows, source=filename)


def household_import_rows(
    *, actor: Any, unit: AdminUnit, rows: list[tuple[int, dict[str, Any]]], source: str = ""
) -> ImportResult:
    """Validate and save person rows already read from a file (see :func:`household_import`)."""
    ensure_role(actor, unit.pk, REGISTRY_EDITORS)
    hamlets = list(Hamlet.objects.unscoped().filter(unit=unit))
    by_key: dict[str, Hamlet] = {}
    for hamlet in hamlets:
        for key in hamlet_lookup_keys(hamlet.name) | hamlet_lookup_keys(str(hamlet)):
            by_key.setdefault(key, hamlet)
    existing = set(Household.objects.unscoped().filter(unit=unit).values_list("code", flat=True))
    households: list[HouseholdData] = build_households(
        rows, hamlets=by_key, existing_codes=existing, today=timezone.localdate()
    )
    try:
        with transaction.atomic():
            objects = []
            for item in households:
                household = Household(
                    unit=unit, hamlet=item.hamlet_key, code=item.code, address=item.address, phone=item.phone
                )
                household.search_text = _household_search_text(household, [m.full_name for m in item.members])
                objects.append(household)
            Household.objects.bulk_create(objects)
            people = []
            for household, item in zip(objects, households, strict=True):
                for member in item.members:
                    person = Person(
                        unit=unit,
                        household=household,
                        full_name=member.full_name,
                        birth_date=member.birth_date,
                        gender=member.gender,
                        relation=member.relation,
                        is_representative=member.is_representative,
                        phone=member.phone,
                        national_id=member.national_id,
                    )
                    person.search_text = _person_search_text(person)
                    people.append(person)
            Person.objects.bulk_create(people, batch_size=500)
            result = ImportResult(households=len(objects), people=len(people))
            audit_record(
                actor=actor,
                action="household.imported",
                obj=None,
                unit=unit,
                new={"source": source, "households": result.households, "people": result.people},
            )
    except IntegrityError:
        # A concurrent import took a code between our check and our insert.
        raise RegistryInputError(
            [RowError(0, "", _("Another import changed this commune's registry at the same time; try again."))]
        ) from None
    return result


# --- staff roles -----------------------------------------------------------------------------
LEVEL_OF_ROLE = {
    StaffRole.Role.DISTRICT_VIEWER: AdminUnit.Level.DISTRICT,
    StaffRole.Role.PROVINCE_VIEWER: AdminUnit.Level.PROVINCE,
}


def staff_role_grant(
    *,
    actor: Any,
    user: Any,
    role: str,
    unit: AdminUnit,
    hamlet: Hamlet | None = None,
    board: str = "",
    valid_from: dt.date | None = None,
) -> StaffRole:
    """Give ``user`` a role (vai trò) in ``unit``. Administrators of a covering unit only."""
    ensure_role(actor, unit.pk, ADMINISTRATORS)
    expected_level = LEVEL_OF_ROLE.get(role, AdminUnit.Level.COMMUNE if role != StaffRole.Role.ADMINISTRATOR else None)
    if expected_level and unit.level != expected_level:
        raise _field_error(
            "unit", _("This role needs a unit of level %(level)s.") % {"level": AdminUnit.Level(expected_level).label}
        )
    if role == StaffRole.Role.HAMLET_HEAD and (hamlet is None or hamlet.unit_id != unit.pk):
        raise _field_error("hamlet", _("A hamlet head needs a hamlet of the same commune."))
    if role == StaffRole.Role.BOARD_MEMBER and board not in StaffRole.Board.values:
        raise _field_error("board", _("Choose the board of this member."))
    with transaction.atomic():
        staff_role, created = StaffRole.objects.unscoped().get_or_create(
            user=user, role=role, unit=unit, hamlet=hamlet, defaults={"board": board, "valid_from": valid_from}
        )
        if created:
            audit_record(
                actor=actor,
                action="staff_role.granted",
                obj=staff_role,
                unit=unit,
                new={"user": user.get_username(), "role": role, "hamlet": str(hamlet or ""), "board": board},
            )
    forget_roles(user)
    return staff_role


def staff_role_end(*, actor: Any, staff_role: StaffRole, on: dt.date) -> StaffRole:
    """End a role on ``on`` (last day it applies). The row stays for history."""
    ensure_role(actor, staff_role.unit_id, ADMINISTRATORS)
    if staff_role.valid_from and on < staff_role.valid_from:
        raise _field_error("valid_to", _("The end date is before the start date."))
    old = _snapshot(staff_role, ("valid_to",))
    staff_role.valid_to = on
    with transaction.atomic():
        staff_role.save(update_fields=["valid_to"])
        audit_record(
            actor=actor,
            action="staff_role.ended",
            obj=staff_role,
            unit=staff_role.unit,
            old=old,
            new=_snapshot(staff_role, ("valid_to",)),
        )
    forget_roles(staff_role.user)
    return staff_role


def staff_role_bootstrap_administrator(*, user: Any, unit: AdminUnit) -> StaffRole:
    """Make the first administrator of a province (no actor can grant it). Commands only,
    like ``createsuperuser``; recorded in the audit trail with no actor."""
    if unit.level != AdminUnit.Level.PROVINCE:
        raise _field_error("unit", _("The first administrator belongs to a province."))
    with transaction.atomic():
        staff_role, created = StaffRole.objects.unscoped().get_or_create(
            user=user, role=StaffRole.Role.ADMINISTRATOR, unit=unit, hamlet=None
        )
        if created:
            audit_record(
                actor=None,
                action="staff_role.bootstrapped",
                obj=staff_role,
                unit=unit,
                new={"user": user.get_username(), "role": staff_role.role},
            )
    forget_roles(user)
    return staff_role
