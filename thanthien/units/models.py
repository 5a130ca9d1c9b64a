"""Administrative units (đơn vị hành chính), hamlets, households, people and staff roles.

Units are versioned data, not code: the three-level tree before 1/7/2025 (province → district
→ commune) and the two-level tree after it (province → commune) live side by side, each unit
with its GSO code, type, validity dates and succession links (legal-rules §10).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thanthien.core.tenancy import UnitOwned


class AdminUnit(models.Model):
    """An administrative unit: tỉnh, huyện/thành phố thuộc tỉnh, xã/phường/thị trấn/đặc khu."""

    class Level(models.TextChoices):
        PROVINCE = "province", _("Province")
        DISTRICT = "district", _("District")
        COMMUNE = "commune", _("Commune")

    class Type(models.TextChoices):
        PROVINCE = "tinh", _("Province (tỉnh)")
        CENTRAL_CITY = "thanh_pho_tw", _("Centrally-run city")
        DISTRICT = "huyen", _("District (huyện)")
        PROVINCIAL_CITY = "thanh_pho", _("Provincial city")
        TOWN = "thi_xa", _("Town (thị xã)")
        URBAN_DISTRICT = "quan", _("Urban district (quận)")
        COMMUNE = "xa", _("Commune (xã)")
        WARD = "phuong", _("Ward (phường)")
        TOWNSHIP = "thi_tran", _("Township (thị trấn)")
        SPECIAL_ZONE = "dac_khu", _("Special zone (đặc khu)")

    code = models.CharField(_("GSO code"), max_length=10, db_index=True)
    name = models.CharField(_("name"), max_length=120)
    unit_type = models.CharField(_("type"), max_length=20, choices=Type.choices)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    slug = models.SlugField(_("address"), max_length=140, unique=True)
    search_text = models.CharField(max_length=300, blank=True, db_index=True)
    # Commune facts that change legal clocks: complaint resolution is 45/60 days instead of
    # 30/45 in remote or hard-to-reach areas (Luật Khiếu nại 2011 Điều 28).
    is_remote = models.BooleanField(_("remote or hard-to-reach area"), default=False)
    address = models.CharField(_("office address"), max_length=255, blank=True)
    phone = models.CharField(_("office phone"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative units")
        ordering = ["code", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["code", "level", "valid_from"], name="unit_code_level_from_uniq"),
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_from__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="unit_validity_order",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        prefix = UNIT_TYPE_PREFIX.get(self.unit_type, "")
        return f"{prefix} {self.name}".strip()

    def is_valid_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)


# The Vietnamese type word before a unit's name, as it appears in official documents.
UNIT_TYPE_PREFIX = {
    "tinh": "Tỉnh",
    "thanh_pho_tw": "Thành phố",
    "huyen": "Huyện",
    "thanh_pho": "Thành phố",
    "thi_xa": "Thị xã",
    "quan": "Quận",
    "xa": "Xã",
    "phuong": "Phường",
    "thi_tran": "Thị trấn",
    "dac_khu": "Đặc khu",
}


class UnitSuccession(models.Model):
    """A link from a unit that ceased to exist to the unit that took it over (whole or part)."""

    class Kind(models.TextChoices):
        WHOLE = "whole", _("Whole")
        PARTIAL = "partial", _("Part")

    predecessor = models.ForeignKey(AdminUnit, on_delete=models.CASCADE, related_name="successions")
    successor = models.ForeignKey(AdminUnit, on_delete=models.CASCADE, related_name="predecessions")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.WHOLE)
    effective_date = models.DateField(_("effective date"))
    legal_basis = models.CharField(_("legal basis"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("unit succession")
        verbose_name_plural = _("unit successions")
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="succession_uniq"),
        ]


class Hamlet(UnitOwned):
    """A hamlet or residential group (thôn, xóm, bản / tổ dân phố) of a commune."""

    class Type(models.TextChoices):
        VILLAGE = "thon", _("Hamlet (thôn/xóm)")
        RESIDENTIAL_GROUP = "to_dan_pho", _("Residential group (tổ dân phố)")

    unit = models.ForeignKey(AdminUnit, verbose_name=_("commune"), on_delete=models.PROTECT, related_name="hamlets")
    name = models.CharField(_("name"), max_length=120)
    hamlet_type = models.CharField(_("type"), max_length=20, choices=Type.choices, default=Type.VILLAGE)
    code = models.CharField(_("code"), max_length=20, blank=True)
    search_text = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("hamlet")
        verbose_name_plural = _("hamlets")
        ordering = ["unit", "name"]
        constraints = [models.UniqueConstraint(fields=["unit", "name"], name="hamlet_name_per_unit")]

    def __str__(self) -> str:
        prefix = "Tổ dân phố" if self.hamlet_type == self.Type.RESIDENTIAL_GROUP else "Thôn"
        return f"{prefix} {self.name}"


class Household(UnitOwned):
    """A household (hộ gia đình): the unit of decision in grassroots democracy."""

    unit = models.ForeignKey(AdminUnit, verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+")
    hamlet = models.ForeignKey(Hamlet, verbose_name=_("hamlet"), on_delete=models.PROTECT, related_name="households")
    code = models.CharField(_("household code"), max_length=40)
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    search_text = models.CharField(max_length=400, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")
        ordering = ["hamlet", "code"]
        constraints = [models.UniqueConstraint(fields=["unit", "code"], name="household_code_per_unit")]
        indexes = [models.Index(fields=["hamlet", "is_active"])]

    def __str__(self) -> str:
        return self.code


class Person(UnitOwned):
    """A member of a household (nhân khẩu)."""

    class Gender(models.TextChoices):
        MALE = "m", _("Male")
        FEMALE = "f", _("Female")

    unit = models.ForeignKey(AdminUnit, verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+")
    household = models.ForeignKey(
        Household, verbose_name=_("household"), on_delete=models.CASCADE, related_name="members"
    )
    full_name = models.CharField(_("full name"), max_length=150)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices, blank=True)
    relation = models.CharField(_("relation to the household head"), max_length=60, blank=True)
    is_representative = models.BooleanField(_("household representative"), default=False)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    national_id = models.CharField(_("personal identification number"), max_length=12, blank=True)
    search_text = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["household", "-is_representative", "birth_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["household"],
                condition=models.Q(is_representative=True),
                name="one_representative_per_household",
            )
        ]

    def __str__(self) -> str:
        return self.full_name


class StaffRole(UnitOwned):
    """A role a staff user holds in a unit (vai trò). One user may hold several."""

    class Role(models.TextChoices):
        ONE_STOP_OFFICER = "one_stop_officer", _("One-stop officer")
        SPECIALIST_OFFICER = "specialist_officer", _("Specialist officer")
        CHAIRMAN = "chairman", _("Commune chairman")
        VICE_CHAIRMAN = "vice_chairman", _("Commune vice-chairman")
        HAMLET_HEAD = "hamlet_head", _("Hamlet head")
        BOARD_MEMBER = "board_member", _("Oversight board member")
        DISTRICT_VIEWER = "district_viewer", _("District viewer")
        PROVINCE_VIEWER = "province_viewer", _("Province viewer")
        ADMINISTRATOR = "administrator", _("Administrator")

    class Board(models.TextChoices):
        INSPECTION = "inspection", _("People's Inspection Board")
        INVESTMENT = "investment", _("Community Investment Supervision Board")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    unit = models.ForeignKey(AdminUnit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="staff_roles")
    hamlet = models.ForeignKey(Hamlet, verbose_name=_("hamlet"), null=True, blank=True, on_delete=models.PROTECT)
    board = models.CharField(_("board"), max_length=20, choices=Board.choices, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    class Meta:
        verbose_name = _("staff role")
        verbose_name_plural = _("staff roles")
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "unit", "hamlet"], name="staff_role_uniq"),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} — {self.unit}"


COMMUNE_ROLES = {
    StaffRole.Role.ONE_STOP_OFFICER,
    StaffRole.Role.SPECIALIST_OFFICER,
    StaffRole.Role.CHAIRMAN,
    StaffRole.Role.VICE_CHAIRMAN,
    StaffRole.Role.HAMLET_HEAD,
    StaffRole.Role.BOARD_MEMBER,
}
LEADER_ROLES = {StaffRole.Role.CHAIRMAN, StaffRole.Role.VICE_CHAIRMAN}
