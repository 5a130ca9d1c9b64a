"""Pure parsing and validation of household registry input (CSV / XLSX rows, form values).

No ORM here: the import service passes in the commune's hamlets and existing household codes,
and gets back either households ready to save or a row-by-row error report (Vietnamese).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thanthien.core.search import fold, nfc

MAX_ROWS = 20_000

PHONE_RE = re.compile(r"^0\d{9,10}$")
NATIONAL_ID_RE = re.compile(r"^\d{12}$")


@dataclass(frozen=True)
class Column:
    key: str
    label: Any  # lazy translated header shown in reports
    header: str  # the header we write in templates (Vietnamese, as commune staff type it)
    aliases: tuple[str, ...]
    required: bool = False


# One row per person. Rows with the same household code form one household.
COLUMNS: tuple[Column, ...] = (
    Column("household_code", gettext_lazy("Household code"), "Mã hộ", ("ma ho", "ma ho gia dinh", "so ho"), True),
    Column(
        "hamlet",
        gettext_lazy("Hamlet"),
        "Thôn/Tổ dân phố",
        ("thon/to dan pho", "thon", "xom", "to dan pho", "thon/xom", "xom/to dan pho", "ban"),
        True,
    ),
    Column("full_name", gettext_lazy("Full name"), "Họ và tên", ("ho va ten", "ho ten", "ten"), True),
    Column("birth_date", gettext_lazy("Date of birth"), "Ngày sinh", ("ngay sinh", "ngay thang nam sinh")),
    Column("gender", gettext_lazy("Gender"), "Giới tính", ("gioi tinh",)),
    Column(
        "relation",
        gettext_lazy("Relation to the household head"),
        "Quan hệ với chủ hộ",
        ("quan he voi chu ho", "quan he"),
    ),
    Column(
        "is_representative",
        gettext_lazy("Household representative"),
        "Đại diện hộ",
        ("dai dien ho", "dai dien", "dai dien ho gia dinh"),
    ),
    Column("phone", gettext_lazy("Phone"), "Số điện thoại", ("so dien thoai", "dien thoai", "sdt")),
    Column("address", gettext_lazy("Address"), "Địa chỉ", ("dia chi",)),
    Column(
        "national_id",
        gettext_lazy("Personal identification number"),
        "Số định danh cá nhân",
        ("so dinh danh ca nhan", "so dinh danh", "so cccd", "cccd", "so can cuoc"),
    ),
)
COLUMN_BY_KEY = {c.key: c for c in COLUMNS}
MAX_LENGTHS = {"household_code": 40, "full_name": 150, "relation": 60, "address": 255, "hamlet": 120}

TRUE_WORDS = {"x", "co", "1", "true", "yes", "dai dien", "v"}
FALSE_WORDS = {"", "0", "khong", "false", "no"}
MALE_WORDS = {"nam", "m", "male", "trai"}
FEMALE_WORDS = {"nu", "f", "female", "gai"}
HAMLET_PREFIXES = ("to dan pho ", "thon ", "xom ", "ban ", "to ", "lang ", "ap ")


@dataclass(frozen=True)
class RowError:
    row: int  # spreadsheet row number (the header is row 1)
    field: str  # column label, already translated
    message: str


@dataclass
class PersonData:
    full_name: str
    birth_date: dt.date | None = None
    gender: str = ""
    relation: str = ""
    is_representative: bool = False
    phone: str = ""
    national_id: str = ""


@dataclass
class HouseholdData:
    code: str
    hamlet_key: Any
    address: str = ""
    phone: str = ""
    first_row: int = 0
    members: list[PersonData] = field(default_factory=list)


class RegistryInputError(Exception):
    """The input has errors; ``errors`` is the row-by-row report. Nothing was saved."""

    def __init__(self, errors: list[RowError]):
        super().__init__(f"{len(errors)} error(s)")
        self.errors = errors


# --- single values ------------------------------------------------------------------------
def clean_text(value: Any) -> str:
    """NFC-normalised, trimmed text; numbers from spreadsheets lose a trailing ".0"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return re.sub(r"\s+", " ", nfc(str(value))).strip()


def parse_phone(value: Any) -> str:
    """A Vietnamese phone number as 0xxxxxxxxx; raises ValueError if invalid; "" stays ""."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        digits = str(int(value))
        if len(digits) in (9, 10) and not digits.startswith("0"):
            digits = "0" + digits  # spreadsheets drop the leading zero
    else:
        digits = re.sub(r"[\s.\-()]", "", clean_text(value))
    if not digits:
        return ""
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    if not PHONE_RE.match(digits):
        raise ValueError(_("Invalid phone number “%(value)s”; use 10 digits starting with 0.") % {"value": value})
    return digits


def parse_date(value: Any, *, today: dt.date) -> dt.date | None:
    """dd/mm/yyyy, d/m/yyyy, dd-mm-yyyy, yyyy-mm-dd or a spreadsheet date; None if empty."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    else:
        text = clean_text(value)
        if not text:
            return None
        day = None
        for pattern in ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"):
            try:
                day = dt.datetime.strptime(text, pattern).date()  # noqa: DTZ007 — a calendar date
                break
            except ValueError:
                continue
        if day is None:
            raise ValueError(_("Invalid date “%(value)s”; use dd/mm/yyyy.") % {"value": text})
    if day > today:
        raise ValueError(_("The date of birth is in the future."))
    if day.year < 1900:
        raise ValueError(_("The date of birth is before 1900."))
    return day


def parse_gender(value: Any) -> str:
    word = fold(clean_text(value))
    if not word:
        return ""
    if word in MALE_WORDS:
        return "m"
    if word in FEMALE_WORDS:
        return "f"
    raise ValueError(_("Unknown gender “%(value)s”; use Nam or Nữ.") % {"value": clean_text(value)})


def parse_flag(value: Any) -> bool:
    word = fold(clean_text(value))
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueError(_("Write “x” for the household representative, or leave it empty."))


def parse_national_id(value: Any) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        text = f"{int(value):012d}"
    else:
        text = re.sub(r"\s", "", clean_text(value))
    if text and not NATIONAL_ID_RE.match(text):
        raise ValueError(_("The personal identification number must have 12 digits."))
    return text


def hamlet_lookup_keys(name: str) -> set[str]:
    """Folded spellings under which a hamlet may be written ("Xóm Đồng Tâm", "đồng tâm")."""
    folded = fold(name)
    keys = {folded}
    for prefix in HAMLET_PREFIXES:
        if folded.startswith(prefix):
            keys.add(folded[len(prefix) :].strip())
    return keys


# --- headers and rows -----------------------------------------------------------------------
def map_headers(headers: list[Any]) -> tuple[dict[int, str], list[RowError]]:
    """Column index → field key; errors for missing required columns (reported on row 1)."""
    alias_to_key: dict[str, str] = {}
    for column in COLUMNS:
        alias_to_key[fold(column.header)] = column.key
        for alias in column.aliases:
            alias_to_key[alias] = column.key
    mapping: dict[int, str] = {}
    for index, header in enumerate(headers):
        key = alias_to_key.get(fold(clean_text(header)).rstrip(" *:"))
        if key and key not in mapping.values():
            mapping[index] = key
    errors = [
        RowError(1, str(column.label), _("Missing column “%(header)s”.") % {"header": column.header})
        for column in COLUMNS
        if column.required and column.key not in mapping.values()
    ]
    return mapping, errors


def build_households(
    rows: list[tuple[int, dict[str, Any]]],
    *,
    hamlets: dict[str, Any],
    existing_codes: set[str],
    today: dt.date,
) -> list[HouseholdData]:
    """Validate person rows and group them into households; raise RegistryInputError if any error.

    ``rows``: (row number, {field key: raw value}); ``hamlets``: folded name → hamlet key.
    """
    errors: list[RowError] = []
    households: dict[str, HouseholdData] = {}
    seen_ids: dict[str, int] = {}
    reported_existing: set[str] = set()

    def err(row: int, key: str, message: str) -> None:
        errors.append(RowError(row, str(COLUMN_BY_KEY[key].label), message))

    if not rows:
        raise RegistryInputError([RowError(2, "", _("The file has no data rows."))])
    if len(rows) > MAX_ROWS:
        raise RegistryInputError(
            [RowError(MAX_ROWS + 2, "", _("Too many rows: at most %(max)d per file.") % {"max": MAX_ROWS})]
        )

    for number, raw in rows:
        values = {key: clean_text(raw.get(key)) for key in COLUMN_BY_KEY}
        row_ok = True
        for column in COLUMNS:
            if column.required and not values[column.key]:
                err(number, column.key, _("This field is required."))
                row_ok = False
        for key, limit in MAX_LENGTHS.items():
            if len(values[key]) > limit:
                err(number, key, _("Too long: at most %(max)d characters.") % {"max": limit})
                row_ok = False

        hamlet_key = None
        if values["hamlet"]:
            hamlet_key = next((hamlets[k] for k in hamlet_lookup_keys(values["hamlet"]) if k in hamlets), None)
            if hamlet_key is None:
                err(
                    number,
                    "hamlet",
                    _("Unknown hamlet “%(name)s” in this commune; create it first.") % {"name": values["hamlet"]},
                )
                row_ok = False

        person = PersonData(full_name=values["full_name"], relation=values["relation"])
        parsers = (
            ("birth_date", lambda v: parse_date(v, today=today)),
            ("gender", parse_gender),
            ("is_representative", parse_flag),
            ("phone", parse_phone),
            ("national_id", parse_national_id),
        )
        for key, parser in parsers:
            try:
                setattr(person, key, parser(raw.get(key)))
            except ValueError as exc:
                err(number, key, str(exc))
                row_ok = False
        if person.national_id:
            if person.national_id in seen_ids:
                err(
                    number,
                    "national_id",
                    _("The same personal identification number is on row %(row)d.")
                    % {"row": seen_ids[person.national_id]},
                )
                row_ok = False
            else:
                seen_ids[person.national_id] = number

        code = values["household_code"]
        if not code:
            continue
        if code in existing_codes:
            if code not in reported_existing:  # once, on its first row
                reported_existing.add(code)
                err(
                    number,
                    "household_code",
                    _("Household %(code)s already exists in this commune.") % {"code": code},
                )
            continue
        household = households.get(code)
        if household is None:
            household = households[code] = HouseholdData(code=code, hamlet_key=hamlet_key, first_row=number)
        elif hamlet_key is not None and household.hamlet_key is not None and household.hamlet_key != hamlet_key:
            err(
                number,
                "hamlet",
                _("Household %(code)s is in another hamlet on row %(row)d.")
                % {"code": code, "row": household.first_row},
            )
            row_ok = False
        if not household.address and values["address"]:
            household.address = values["address"]
        if row_ok:
            household.members.append(person)

    for household in households.values():
        representatives = [m for m in household.members if m.is_representative]
        if len(representatives) > 1:
            err(
                household.first_row,
                "is_representative",
                _("Household %(code)s has more than one representative.") % {"code": household.code},
            )
        elif not representatives and household.members:
            household.members[0].is_representative = True  # the first row: usually the head
        rep = next((m for m in household.members if m.is_representative), None)
        household.phone = rep.phone if rep and rep.phone else next((m.phone for m in household.members if m.phone), "")

    if errors:
        errors.sort(key=lambda e: e.row)
        raise RegistryInputError(errors)
    return list(households.values())
