"""Dossier codes (TT 01/2018/TT-VPCP Điều 19) and public tracking codes. No database."""

import datetime as dt
import itertools

import pytest
from django.utils import translation

from thanthien.dossiers.domain.codes import (
    DEFAULT_CODE_FORMAT,
    DossierCode,
    DossierCodeFormat,
    _luhn_check,
    format_tracking_code,
    normalise_tracking_code,
    tracking_code,
)
from thanthien.dossiers.domain.common import DossierRuleError

AGENCY = "000.17.15.H55"
SECRET = b"0123456789abcdef-test-secret"


@pytest.mark.parametrize(
    ("agency", "received_on", "sequence", "code"),
    [
        (AGENCY, dt.date(2025, 3, 3), 12, "000.17.15.H55-250303-0012"),
        (AGENCY, dt.date(2025, 12, 31), 9999, "000.17.15.H55-251231-9999"),
        ("000.00.00.G01", dt.date(2024, 1, 1), 1, "000.00.00.G01-240101-0001"),
    ],
)
def test_format_and_parse_round_trip(agency, received_on, sequence, code):
    assert DEFAULT_CODE_FORMAT.format(agency, received_on, sequence) == code
    assert DEFAULT_CODE_FORMAT.parse(code) == DossierCode(agency, received_on, sequence)
    assert DEFAULT_CODE_FORMAT.is_valid(code)


def test_parse_ignores_case_and_surrounding_spaces():
    assert DEFAULT_CODE_FORMAT.parse("  000.17.15.h55-250303-0012 ").sequence == 12


@pytest.mark.parametrize(
    ("code", "error"),
    [
        ("000.17.15.H55-250230-0001", "code.invalid_date"),  # 30 February
        ("000.17.15.H55-251301-0001", "code.invalid_date"),  # month 13
        ("000.17.15.H55-250303-0000", "code.invalid"),  # sequences start at 1
        ("000.17.15.H55-250303-00012", "code.invalid"),  # 5 digits
        ("000.17.15.H55-250303-012", "code.invalid"),  # 3 digits
        ("000.17.15.H55-20250303-0012", "code.invalid"),  # YYYYMMDD
        ("00.17.15.H55-250303-0012", "code.invalid"),  # V1V2V3 has 3 characters
        ("000.17.15.555-250303-0012", "code.invalid"),  # M is a letter
        ("000.17.15.H55_250303_0012", "code.invalid"),
        ("000.17.15.H55-250303-0012-X", "code.invalid"),
        ("", "code.invalid"),
    ],
)
def test_invalid_codes_are_rejected(code, error):
    assert not DEFAULT_CODE_FORMAT.is_valid(code)
    with pytest.raises(DossierRuleError) as info:
        DEFAULT_CODE_FORMAT.parse(code)
    assert info.value.code == error


@pytest.mark.parametrize(("sequence"), [0, -1, 10_000])
def test_sequence_out_of_range_is_refused(sequence):
    with pytest.raises(DossierRuleError) as info:
        DEFAULT_CODE_FORMAT.format(AGENCY, dt.date(2025, 3, 3), sequence)
    assert info.value.code == "code.sequence_exhausted"


@pytest.mark.parametrize("agency", ["H55", "000.17.15.H5", "000.17.15.h55", "000-17-15-H55"])
def test_invalid_agency_is_refused(agency):
    with pytest.raises(DossierRuleError) as info:
        DEFAULT_CODE_FORMAT.format(agency, dt.date(2025, 3, 3), 1)
    assert info.value.code == "code.invalid_agency"


def test_error_messages_are_vietnamese():
    with pytest.raises(DossierRuleError) as info:
        DEFAULT_CODE_FORMAT.parse("nope")
    with translation.override("vi"):
        assert str(info.value.message) == "“nope” không phải là mã hồ sơ hợp lệ."


def test_the_format_is_configurable():
    fmt = DossierCodeFormat(template="{yymmdd}/{seq}/{agency}", agency_pattern=r"[A-Z]{2}\d{3}", sequence_digits=5)
    code = fmt.format("TN123", dt.date(2026, 7, 1), 42)
    assert code == "260701/00042/TN123"
    assert fmt.parse(code) == DossierCode("TN123", dt.date(2026, 7, 1), 42)
    assert fmt.max_sequence == 99_999
    assert not fmt.is_valid("000.17.15.H55-250303-0012")
    assert not DEFAULT_CODE_FORMAT.is_valid(code)


def test_literal_text_in_the_template_is_not_a_pattern():
    fmt = DossierCodeFormat(template="{agency}.{yymmdd}.{seq}")
    assert fmt.is_valid("000.17.15.H55.250303.0001")
    assert not fmt.is_valid("000.17.15.H55x250303x0001")


@pytest.mark.parametrize(
    "template", ["{agency}-{yymmdd}", "{agency}-{yymmdd}-{seq}-{seq}", "{agency}-{date}-{seq}", "{agency}{yymmdd}"]
)
def test_template_must_have_each_field_once(template):
    with pytest.raises(ValueError):
        DossierCodeFormat(template=template)


# ---- tracking codes ---------------------------------------------------------------------------


def test_tracking_code_is_deterministic_short_and_secret_dependent():
    code = tracking_code("000.17.15.H55-250303-0012", secret=SECRET)
    assert len(code) == 11
    assert code == tracking_code("000.17.15.h55-250303-0012", secret=SECRET)
    assert code != tracking_code("000.17.15.H55-250303-0013", secret=SECRET)
    assert code != tracking_code("000.17.15.H55-250303-0012", secret=SECRET + b"x")
    assert code != tracking_code("000.17.15.H55-250303-0012", secret=SECRET, attempt=1)
    assert set(code) <= set("0123456789ABCDEFGHJKMNPQRSTVWXYZ")


def test_tracking_codes_of_a_day_are_distinct():
    codes = {tracking_code(f"{AGENCY}-250303-{n:04d}", secret=SECRET) for n in range(1, 2001)}
    assert len(codes) == 2000


def test_tracking_code_is_read_back_from_typed_text():
    code = tracking_code("000.17.15.H55-250303-0012", secret=SECRET)
    printed = format_tracking_code(code)
    assert printed.count("-") == 2
    assert normalise_tracking_code(printed) == code
    assert normalise_tracking_code(" " + printed.lower() + " ") == code


def test_o_i_and_l_read_as_digits():
    body = "0011ABCDEF"
    full = body + _luhn_check(body)
    assert normalise_tracking_code("OoIlABCDEF" + full[-1]) == full


def test_every_single_character_typo_is_caught():
    code = tracking_code("000.17.15.H55-250303-0012", secret=SECRET)
    alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
    for position, char in itertools.product(range(len(code)), alphabet):
        if code[position] == char:
            continue
        typo = code[:position] + char + code[position + 1 :]
        assert normalise_tracking_code(typo) is None, typo


@pytest.mark.parametrize("text", ["", "ABC", "ABCDEFGHJKMN", "ABCDEFGHJK!", "UUUUUUUUUUU"])
def test_malformed_tracking_codes_are_rejected(text):
    assert normalise_tracking_code(text) is None


def test_short_secret_is_refused():
    with pytest.raises(ValueError):
        tracking_code("x", secret=b"short")
