import pytest

from thanthien.procedures.domain.codes import is_national_code, is_valid_code
from thanthien.procedures.domain.components import component_key, extra_components

LISTED = ["Tờ khai đăng ký khai sinh theo mẫu", "Giấy chứng sinh", "Văn bản ủy quyền (khi ủy quyền thực hiện)"]


@pytest.mark.parametrize(
    ("requested", "extra"),
    [
        ([], []),
        (["Giấy chứng sinh"], []),
        (["giay chung sinh", "TỜ KHAI ĐĂNG KÝ KHAI SINH THEO MẪU."], []),
        (["Giấy chứng sinh", "Sổ hộ khẩu"], ["Sổ hộ khẩu"]),
        (["Sổ hộ khẩu", "so ho khau", "Bản sao CCCD"], ["Sổ hộ khẩu", "Bản sao CCCD"]),
        (["  "], []),
    ],
)
def test_components_beyond_the_published_list_are_flagged(requested, extra):
    assert extra_components(requested, LISTED) == extra


def test_component_key_folds_accents_case_and_punctuation():
    assert component_key("Giấy đăng ký (bản sao)") == "giay dang ky ban sao"


@pytest.mark.parametrize(
    ("code", "valid", "national"),
    [
        ("1.001193", True, True),
        ("1.001193.02", True, True),
        ("2.000815", True, True),
        ("TN-01", True, False),
        ("", False, False),
        ("1 001193", False, False),
        ("x" * 31, False, False),
    ],
)
def test_codes(code, valid, national):
    assert is_valid_code(code) is valid
    assert is_national_code(code) is national
