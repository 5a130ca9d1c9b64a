"""Parsing and validation of registry rows: pure, no database."""

import datetime as dt

import pytest
from django.utils import translation

from thanthien.units.domain.registry import (
    COLUMN_BY_KEY,
    RegistryInputError,
    build_households,
    map_headers,
    parse_date,
    parse_flag,
    parse_gender,
    parse_national_id,
    parse_phone,
)

TODAY = dt.date(2026, 3, 15)


def L(key):  # the column label in the active language (Vietnamese by default)
    return str(COLUMN_BY_KEY[key].label)


HAMLETS = {"dong tam": "H1", "tan lap": "H2"}


@pytest.mark.parametrize(
    ("raw", "phone"),
    [
        ("0912 345 678", "0912345678"),
        ("+84 912.345.678", "0912345678"),
        ("84912345678", "0912345678"),
        (912345678, "0912345678"),  # a spreadsheet number lost its leading zero
        ("", ""),
        (None, ""),
    ],
)
def test_phone_numbers_are_normalised(raw, phone):
    assert parse_phone(raw) == phone


@pytest.mark.parametrize("raw", ["12345", "09123456789012", "abc"])
def test_bad_phone_numbers_are_refused(raw):
    with pytest.raises(ValueError):
        parse_phone(raw)


@pytest.mark.parametrize(
    ("raw", "day"),
    [
        ("17/05/1980", dt.date(1980, 5, 17)),
        ("7/5/1980", dt.date(1980, 5, 7)),
        ("1980-05-17", dt.date(1980, 5, 17)),
        (dt.datetime(1980, 5, 17, 0, 0), dt.date(1980, 5, 17)),
        ("", None),
    ],
)
def test_dates_in_vietnamese_and_iso_formats(raw, day):
    assert parse_date(raw, today=TODAY) == day


@pytest.mark.parametrize("raw", ["31/02/1980", "1980", "17/05/2030", "01/01/1850"])
def test_bad_or_impossible_birth_dates_are_refused(raw):
    with pytest.raises(ValueError):
        parse_date(raw, today=TODAY)


def test_gender_flag_and_id_words():
    assert parse_gender("Nữ") == "f"
    assert parse_gender("nam") == "m"
    assert parse_flag("x") is True
    assert parse_flag("Có") is True
    assert parse_flag("") is False
    assert parse_national_id(19080012345) == "019080012345"
    with pytest.raises(ValueError):
        parse_gender("khác")
    with pytest.raises(ValueError):
        parse_national_id("12345")


def test_headers_match_with_or_without_accents():
    mapping, errors = map_headers(["Mã hộ", "THON/TO DAN PHO", "Họ và tên", "ngay sinh", "Ghi chú"])
    assert errors == []
    assert mapping == {0: "household_code", 1: "hamlet", 2: "full_name", 3: "birth_date"}


def test_missing_required_column_is_reported_on_row_1():
    _, errors = map_headers(["Mã hộ", "Họ và tên"])
    assert [(e.row, e.field) for e in errors] == [(1, L("hamlet"))]


def _row(n, code="HGD-1", hamlet="Đồng Tâm", name="Nguyễn Văn An", **extra):
    return (n, {"household_code": code, "hamlet": hamlet, "full_name": name, **extra})


def test_rows_group_into_households_and_the_first_member_represents_by_default():
    rows = [
        _row(2, birth_date="01/01/1970", phone="0912345678"),
        _row(3, name="Trần Thị Bình"),
        _row(4, code="HGD-2", hamlet="Xóm Tân Lập", name="Lê Văn Cường", is_representative="x"),
    ]
    households = build_households(rows, hamlets=HAMLETS, existing_codes=set(), today=TODAY)
    assert [(h.code, h.hamlet_key, len(h.members)) for h in households] == [("HGD-1", "H1", 2), ("HGD-2", "H2", 1)]
    assert households[0].members[0].is_representative
    assert households[0].phone == "0912345678"


def test_every_bad_row_is_reported_with_its_row_number_and_field():
    rows = [
        _row(2),
        _row(3, name=""),
        _row(4, hamlet="Không Có"),
        _row(5, birth_date="32/13/1990"),
        _row(6, code="HGD-OLD"),
    ]
    with pytest.raises(RegistryInputError) as exc:
        build_households(rows, hamlets=HAMLETS, existing_codes={"HGD-OLD"}, today=TODAY)
    assert [(e.row, e.field) for e in exc.value.errors] == [
        (3, L("full_name")),
        (4, L("hamlet")),
        (5, L("birth_date")),
        (6, L("household_code")),
    ]


def test_two_representatives_and_two_hamlets_for_one_household_are_errors():
    rows = [
        _row(2, is_representative="x"),
        _row(3, name="Trần Thị Bình", is_representative="x"),
        _row(4, hamlet="Tân Lập", name="Nguyễn Văn Dũng"),
    ]
    with pytest.raises(RegistryInputError) as exc:
        build_households(rows, hamlets=HAMLETS, existing_codes=set(), today=TODAY)
    assert {(e.row, e.field) for e in exc.value.errors} == {(2, L("is_representative")), (4, L("hamlet"))}


def test_error_messages_are_in_vietnamese():
    with translation.override("vi"), pytest.raises(RegistryInputError) as exc:
        build_households([_row(2, name="", hamlet="Không Có")], hamlets=HAMLETS, existing_codes=set(), today=TODAY)
    messages = {(e.field, e.message) for e in exc.value.errors}
    assert ("Họ và tên", "Trường này là bắt buộc.") in messages
    assert ("Thôn/Tổ dân phố", "Không có thôn/tổ dân phố “Không Có” trong xã này; hãy tạo trước.") in messages


def test_an_empty_file_is_an_error():
    with pytest.raises(RegistryInputError):
        build_households([], hamlets=HAMLETS, existing_codes=set(), today=TODAY)
