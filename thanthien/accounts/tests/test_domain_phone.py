import pytest

from thanthien.accounts.domain.phone import InvalidPhone, mask_phone, normalize_phone


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("0912345678", "0912345678"),
        ("+84 912 345 678", "0912345678"),
        ("+84912345678", "0912345678"),
        ("84912345678", "0912345678"),
        ("0084 912 345 678", "0912345678"),
        ("+84 (0) 912-345-678", "0912345678"),
        ("+84 0912 345 678", "0912345678"),
        ("091.234.5678", "0912345678"),
        (" 0386 123 456 ", "0386123456"),
        ("０９１２３４５６７８", "0912345678"),  # full-width digits from some keyboards
        ("0523456789", "0523456789"),
        ("0701234567", "0701234567"),
        ("0812345678", "0812345678"),
    ],
)
def test_normalize_accepts_common_ways_of_writing_a_mobile_number(raw, expected):
    assert normalize_phone(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "abc",
        "091234567",  # 9 digits
        "09123456789",  # 11 digits
        "02083851234",  # landline (Thái Nguyên): cannot receive a code
        "0112345678",
        "+1 202 555 0100",
        "0912345678x",
        "01689123456",  # pre-2018 11-digit mobile
    ],
)
def test_normalize_refuses_what_is_not_a_vietnamese_mobile_number(raw):
    with pytest.raises(InvalidPhone):
        normalize_phone(raw)


def test_mask_keeps_only_the_ends():
    assert mask_phone("0912345678") == "0912***678"
    assert mask_phone("123") == "***"
