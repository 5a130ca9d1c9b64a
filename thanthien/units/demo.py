"""Demo data for the pilot communes: hamlets, households with realistic Vietnamese people, staff.

Built only on services (as a real administrator would do it), with dates relative to today and
a fixed random seed, so two runs on the same day give the same people. Used by
``manage.py demo_seed``; ``manage.py demo_logins`` prints the logins.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from thanthien.core.search import fold

from .models import AdminUnit, Hamlet, StaffRole
from .services import hamlet_create, household_import_rows, staff_role_bootstrap_administrator, staff_role_grant

DEMO_PASSWORD = "thanthien2024"  # noqa: S105 — the documented demo password (docs/units.md)
ADMIN_USERNAME = "quantri.thainguyen"
PILOT_PROGRAMME = "ke-hoach-138-2024"
PROVINCE_CODE = "19"
DEMO_DISTRICT_CODE = "164"  # Thành phố Thái Nguyên (before 1/7/2025)

# --- names -----------------------------------------------------------------------------------
# Family names with rough national weights; Tày / Nùng / Dao / Sán Dìu names are common in
# Thái Nguyên's uplands (Định Hóa, Phú Lương, Võ Nhai, Đại Từ).
SURNAMES = [
    ("Nguyễn", 30),
    ("Trần", 10),
    ("Lê", 8),
    ("Phạm", 6),
    ("Hoàng", 5),
    ("Vũ", 4),
    ("Phan", 3),
    ("Đặng", 3),
    ("Bùi", 3),
    ("Đỗ", 3),
    ("Ngô", 2),
    ("Dương", 3),
    ("Đinh", 2),
    ("Trịnh", 1),
    ("Lương", 2),
    ("Hà", 2),
    ("Đào", 1),
    ("Tạ", 1),
    ("Lưu", 1),
    ("Mai", 1),
    ("Triệu", 1),
    ("Lý", 1),
]
UPLAND_SURNAMES = [
    ("Ma", 8),
    ("Hà", 6),
    ("Nông", 5),
    ("Lục", 3),
    ("Hoàng", 6),
    ("Lương", 4),
    ("Triệu", 3),
    ("Đàm", 2),
    ("Mông", 2),
    ("La", 2),
    ("Lăng", 1),
    ("Hứa", 1),
    ("Nguyễn", 10),
    ("Trần", 3),
]
MIDDLE_MALE_OLD = [("Văn", 12), ("Đức", 2), ("Xuân", 1), ("Hữu", 1), ("Công", 1), ("Đình", 1)]
MIDDLE_MALE_YOUNG = [
    ("Văn", 4),
    ("Đức", 3),
    ("Minh", 4),
    ("Quang", 2),
    ("Hữu", 1),
    ("Thanh", 1),
    ("Xuân", 1),
    ("Ngọc", 1),
    ("Mạnh", 1),
    ("Tiến", 1),
    ("Duy", 2),
    ("Gia", 2),
    ("Bảo", 1),
    ("Trung", 1),
]
MIDDLE_FEMALE_OLD = [("Thị", 14), ("Thu", 1), ("Kim", 1), ("Thanh", 1)]
MIDDLE_FEMALE_YOUNG = [
    ("Thị", 5),
    ("Thu", 2),
    ("Thanh", 1),
    ("Ngọc", 2),
    ("Minh", 2),
    ("Phương", 1),
    ("Hồng", 1),
    ("Thùy", 1),
    ("Bảo", 1),
    ("Khánh", 1),
    ("Hải", 1),
    ("Mai", 1),
]
GIVEN_MALE = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Đức",
    "Hải",
    "Hùng",
    "Huy",
    "Khánh",
    "Long",
    "Minh",
    "Nam",
    "Phong",
    "Quân",
    "Sơn",
    "Thắng",
    "Thành",
    "Tuấn",
    "Tùng",
    "Việt",
    "Hiếu",
    "Kiên",
    "Lâm",
    "Nghĩa",
    "Toàn",
    "Trung",
    "Vinh",
    "Hoàng",
    "Đạt",
    "Phúc",
    "Khoa",
    "Bảo",
    "Chiến",
    "Hưng",
    "Thịnh",
    "Tú",
    "Quyết",
    "Lợi",
    "Tâm",
    "Hòa",
]
GIVEN_FEMALE = [
    "Anh",
    "Chi",
    "Dung",
    "Giang",
    "Hà",
    "Hạnh",
    "Hằng",
    "Hoa",
    "Hương",
    "Huyền",
    "Lan",
    "Linh",
    "Loan",
    "Mai",
    "Nga",
    "Ngọc",
    "Nhung",
    "Oanh",
    "Phương",
    "Quỳnh",
    "Thảo",
    "Thủy",
    "Trang",
    "Tuyết",
    "Vân",
    "Yến",
    "Hiền",
    "Hồng",
    "Liên",
    "Thu",
    "Lụa",
    "Xuân",
    "Ngân",
    "Thơm",
    "Nhàn",
]
VILLAGE_NAMES = [
    "Đồng Tâm",
    "Tân Lập",
    "Làng Mới",
    "Nà Lang",
    "Khuôn Tát",
    "Đồng Chùa",
    "Na Mao",
    "Thẩm Rộc",
    "Bảo Biên",
    "Đồng Hoàng",
    "Nạ Tủm",
    "Pác Cáp",
    "Nà Mòn",
    "Đồng Kem",
    "Bờ Đậu",
    "Gốc Gạo",
    "Đồng Bẩm",
    "Làng Gầy",
    "Phú Thọ",
    "Tiến Bộ",
    "Hợp Thành",
    "Đồng Kiệm",
    "Khuôn Ngàn",
    "Nà Làng",
]
STREETS = [
    "Hoàng Văn Thụ",
    "Lương Ngọc Quyến",
    "Phan Đình Phùng",
    "Bến Tượng",
    "Quang Trung",
    "Minh Cầu",
    "Túc Duyên",
    "Cách Mạng Tháng Tám",
    "Đội Cấn",
    "Bắc Kạn",
    "Thống Nhất",
    "Việt Bắc",
    "Hùng Vương",
    "Thắng Lợi",
    "Cách Mạng Tháng Mười",
    "Nguyễn Thái Học",
    "Lý Nam Đế",
    "Nguyễn Du",
    "Đắc Sơn",
]
MOBILE_PREFIXES = [
    "032",
    "033",
    "034",
    "035",
    "036",
    "037",
    "038",
    "039",
    "086",
    "096",
    "097",
    "098",
    "081",
    "082",
    "083",
    "084",
    "085",
    "088",
    "091",
    "094",
    "070",
    "076",
    "077",
    "078",
    "079",
    "089",
    "090",
    "093",
    "056",
    "058",
]
UPLAND_DISTRICTS = {"167", "168", "170", "171"}  # Định Hóa, Phú Lương, Võ Nhai, Đại Từ


@dataclass
class Member:
    full_name: str
    birth_date: dt.date
    gender: str
    relation: str
    phone: str = ""


class PeopleMaker:
    """Makes Vietnamese people, households and phone numbers from one seeded random source."""

    def __init__(self, rng: random.Random, today: dt.date, upland: bool = False):
        self.rng = rng
        self.today = today
        self.upland = upland
        self._phones: set[str] = set()
        self._id_serial = rng.randrange(100_000, 400_000)

    def pick(self, weighted: list[tuple[str, int]]) -> str:
        names, weights = zip(*weighted, strict=True)
        return self.rng.choices(names, weights=weights)[0]

    def surname(self) -> str:
        return self.pick(UPLAND_SURNAMES if self.upland and self.rng.random() < 0.7 else SURNAMES)

    def name(self, surname: str, gender: str, birth_year: int) -> str:
        young = birth_year >= 1985
        if gender == "m":
            middle = self.pick(MIDDLE_MALE_YOUNG if young else MIDDLE_MALE_OLD)
            given = self.rng.choice(GIVEN_MALE)
        else:
            middle = self.pick(MIDDLE_FEMALE_YOUNG if young else MIDDLE_FEMALE_OLD)
            given = self.rng.choice(GIVEN_FEMALE)
        if given == middle:
            given = self.rng.choice(GIVEN_MALE if gender == "m" else GIVEN_FEMALE)
        return f"{surname} {middle} {given}"

    def birth_date(self, age: int) -> dt.date:
        return self.today - dt.timedelta(days=age * 365 + self.rng.randrange(0, 365))

    def phone(self) -> str:
        while True:
            number = self.rng.choice(MOBILE_PREFIXES) + f"{self.rng.randrange(0, 10_000_000):07d}"
            if number not in self._phones:
                self._phones.add(number)
                return number

    def national_id(self, member: Member) -> str:
        """12-digit personal identification number: province of registration (019 Thái
        Nguyên), century-and-gender digit, two-digit birth year, six serial digits."""
        century = 0 if member.birth_date.year < 2000 else 2
        self._id_serial += 1
        gender_digit = century + (1 if member.gender == "f" else 0)
        return f"019{gender_digit}{member.birth_date.year % 100:02d}{self._id_serial % 1_000_000:06d}"

    def person(self, surname: str, gender: str, age: int, relation: str) -> Member:
        born = self.birth_date(max(age, 0))
        return Member(self.name(surname, gender, born.year), born, gender, relation)

    def household(self) -> list[Member]:
        """A plausible household: nuclear family, three generations, elderly couple or alone."""
        rng = self.rng
        shape = rng.choices(["nuclear", "three", "elderly", "alone", "young"], weights=[45, 25, 12, 8, 10])[0]
        family = self.surname()
        members: list[Member] = []
        if shape in ("nuclear", "young", "three"):
            head_age = {"nuclear": rng.randint(32, 58), "young": rng.randint(22, 32), "three": rng.randint(30, 50)}[
                shape
            ]
            head_gender = "m" if rng.random() < 0.85 else "f"
            members.append(self.person(family, head_gender, head_age, "Chủ hộ"))
            if rng.random() < 0.9:
                spouse_gender = "f" if head_gender == "m" else "m"
                spouse_family = self.surname() if spouse_gender == "f" else family
                spouse_age = max(18, head_age + rng.randint(-5, 3))
                members.append(
                    self.person(spouse_family, spouse_gender, spouse_age, "Vợ" if spouse_gender == "f" else "Chồng")
                )
            children = {"nuclear": rng.randint(1, 3), "young": rng.randint(0, 2), "three": rng.randint(1, 3)}[shape]
            for _ in range(children):
                age = rng.randint(0, max(0, min(head_age - 20, 30)))
                members.append(self.person(family, rng.choice("mf"), age, "Con"))
            if shape == "three":
                grand_age = head_age + rng.randint(22, 32)
                members.append(self.person(family, "m", grand_age, "Bố"))
                if rng.random() < 0.7:
                    members.append(self.person(self.surname(), "f", grand_age - rng.randint(0, 5), "Mẹ"))
        elif shape == "elderly":
            age = rng.randint(62, 85)
            members.append(self.person(family, "m", age, "Chủ hộ"))
            members.append(self.person(self.surname(), "f", age - rng.randint(0, 6), "Vợ"))
        else:
            members.append(self.person(family, rng.choice("mf"), rng.randint(60, 90), "Chủ hộ"))
        for member in members:
            age = (self.today - member.birth_date).days // 365
            if member.relation == "Chủ hộ" or (18 <= age <= 65 and rng.random() < 0.6):
                member.phone = self.phone()
        return members


# --- seeding ---------------------------------------------------------------------------------
ROLE_USERNAMES = [
    (StaffRole.Role.ONE_STOP_OFFICER, "motcua", ""),
    (StaffRole.Role.SPECIALIST_OFFICER, "chuyenmon", ""),
    (StaffRole.Role.CHAIRMAN, "chutich", ""),
    (StaffRole.Role.VICE_CHAIRMAN, "phochutich", ""),
    (StaffRole.Role.BOARD_MEMBER, "thanhtra", StaffRole.Board.INSPECTION),
    (StaffRole.Role.BOARD_MEMBER, "giamsat", StaffRole.Board.INVESTMENT),
]


@dataclass
class SeedOptions:
    hamlets_per_unit: tuple[int, int] = (4, 6)
    households_per_hamlet: tuple[int, int] = (40, 80)
    max_units: int | None = None
    seed: int = 138


def unit_handle(unit: AdminUnit) -> str:
    """ "Phan Đình Phùng" → "phandinhphung" (for usernames)."""
    return "".join(ch for ch in fold(unit.name) if ch.isalnum())


def pilot_successor_units() -> list[AdminUnit]:
    """Current units that succeeded the pilot communes of the 2024 programme (data, not code)."""
    from thanthien.programmes.selectors import programme_successor_units

    return programme_successor_units(PILOT_PROGRAMME)


def is_seeded() -> bool:
    return get_user_model().objects.filter(username=ADMIN_USERNAME).exists()


def seed_demo(options: SeedOptions | None = None, *, log: Callable[[str], Any] = lambda _m: None) -> bool:
    """Seed the demo. Returns False (and does nothing) if it was already seeded."""
    options = options or SeedOptions()
    if is_seeded():
        return False
    today = timezone.localdate()
    rng = random.Random(options.seed)  # noqa: S311 — demo data, not secrets
    password_hash = make_password(DEMO_PASSWORD)  # hash once: one shared demo password
    User = get_user_model()
    province = AdminUnit.objects.get(code=PROVINCE_CODE, level=AdminUnit.Level.PROVINCE, valid_to__isnull=True)
    units = pilot_successor_units()[: options.max_units]
    names = PeopleMaker(rng, today)

    def make_user(username: str, gender: str | None = None, position: str = "") -> Any:
        gender = gender or rng.choice("mf")
        born = today.year - rng.randint(28, 55)
        user = User(
            username=username,
            full_name=names.name(names.surname(), gender, born),
            phone=names.phone(),
            position=position,
            password=password_hash,
            is_active=True,
        )
        user.save()
        return user

    with transaction.atomic():
        admin = make_user(ADMIN_USERNAME, position="Quản trị hệ thống")
        staff_role_bootstrap_administrator(user=admin, unit=province)
        viewer = make_user("sonoivu.thainguyen", position="Chuyên viên Sở Nội vụ")
        staff_role_grant(actor=admin, user=viewer, role=StaffRole.Role.PROVINCE_VIEWER, unit=province)
        district = AdminUnit.objects.get(code=DEMO_DISTRICT_CODE, level=AdminUnit.Level.DISTRICT)
        district_viewer = make_user("xem.tpthainguyen", position="Chuyên viên (lưu trữ) TP Thái Nguyên")
        staff_role_grant(actor=admin, user=district_viewer, role=StaffRole.Role.DISTRICT_VIEWER, unit=district)

        for unit in units:
            handle = unit_handle(unit)
            upland = any(p.parent and p.parent.code in UPLAND_DISTRICTS for p in _predecessors(unit))
            people = PeopleMaker(rng, today, upland=upland)
            hamlets = _seed_hamlets(admin, unit, rng, options)
            for role, prefix, board in ROLE_USERNAMES:
                user = make_user(f"{prefix}.{handle}", position=str(StaffRole.Role(role).label))
                staff_role_grant(actor=admin, user=user, role=role, unit=unit, board=board)
            head_prefix = "totruong" if unit.unit_type == AdminUnit.Type.WARD else "truongthon"
            for number, hamlet in enumerate(hamlets, start=1):
                user = make_user(f"{head_prefix}{number}.{handle}", position=str(hamlet))
                staff_role_grant(actor=admin, user=user, role=StaffRole.Role.HAMLET_HEAD, unit=unit, hamlet=hamlet)
            rows = _household_rows(unit, hamlets, people, rng, options)
            result = household_import_rows(actor=admin, unit=unit, rows=rows, source="demo_seed")
            log(f"{unit.full_name}: {len(hamlets)} hamlets, {result.households} households, {result.people} people")
    return True


def _predecessors(unit: AdminUnit) -> list[AdminUnit]:
    return [link.predecessor for link in unit.predecessions.select_related("predecessor__parent")]


def _seed_hamlets(admin: Any, unit: AdminUnit, rng: random.Random, options: SeedOptions) -> list[Hamlet]:
    count = rng.randint(*options.hamlets_per_unit)
    if unit.unit_type == AdminUnit.Type.WARD:
        names = [f"số {n}" for n in range(1, count + 1)]
        kind = Hamlet.Type.RESIDENTIAL_GROUP
    else:
        names = rng.sample(VILLAGE_NAMES, count)
        kind = Hamlet.Type.VILLAGE
    return [
        hamlet_create(actor=admin, unit=unit, name=name, hamlet_type=kind, code=f"{unit.code}-{n:02d}")
        for n, name in enumerate(names, start=1)
    ]


def _household_rows(
    unit: AdminUnit, hamlets: list[Hamlet], people: PeopleMaker, rng: random.Random, options: SeedOptions
) -> list[tuple[int, dict[str, Any]]]:
    """Person rows in the import format (as if typed into the registry template)."""
    rows: list[tuple[int, dict[str, Any]]] = []
    row_number = 1
    serial = 0
    prefix = "Phường" if unit.unit_type == AdminUnit.Type.WARD else "Xã"
    for hamlet in hamlets:
        for _ in range(rng.randint(*options.households_per_hamlet)):
            serial += 1
            code = f"{unit.code}-{serial:05d}"
            if hamlet.hamlet_type == Hamlet.Type.RESIDENTIAL_GROUP:
                address = f"Số {rng.randint(1, 250)}, đường {rng.choice(STREETS)}, {hamlet}, {prefix} {unit.name}, tỉnh Thái Nguyên"
            else:
                address = f"{hamlet}, {prefix} {unit.name}, tỉnh Thái Nguyên"
            for index, member in enumerate(people.household()):
                row_number += 1
                adult = (people.today - member.birth_date).days >= 14 * 365
                rows.append(
                    (
                        row_number,
                        {
                            "household_code": code,
                            "hamlet": hamlet.name,
                            "full_name": member.full_name,
                            "birth_date": member.birth_date.strftime("%d/%m/%Y"),
                            "gender": "Nam" if member.gender == "m" else "Nữ",
                            "relation": member.relation,
                            "is_representative": "x" if index == 0 else "",
                            "phone": member.phone,
                            "address": address if index == 0 else "",
                            "national_id": people.national_id(member) if adult else "",
                        },
                    )
                )
    return rows
