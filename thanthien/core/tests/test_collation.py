"""Vietnamese alphabetical order: no database."""

import pytest

from thanthien.core.domain.collation import vi_sort_key, vi_sorted


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("An", "Ân"),  # a < â
        ("Ăn", "Ân"),  # ă < â
        ("Dương", "Định"),  # d < đ
        ("Định", "Eo"),  # đ < e
        ("Định", "Yên"),  # đ is not after y (code-point order would put it last)
        ("Ho", "Hò"),  # tone breaks the tie: ngang < huyền
        ("Hò", "Hó"),  # huyền < sắc
        ("Hỏ", "Họ"),  # hỏi < nặng
        ("Ô Lâm", "Ơ"),  # ô < ơ
        ("Hòa", "Hòa Bình"),  # a prefix sorts first
        ("Phú Bình", "Phúc Thuận"),  # the space sorts before letters
    ],
)
def test_vietnamese_alphabetical_order(before, after):
    assert vi_sort_key(before) < vi_sort_key(after)


def test_vi_sorted_sorts_by_key_and_ignores_case():
    names = ["yên bình", "Định Hóa", "Dương Tự Minh", "ân thi", "An Khánh"]
    assert vi_sorted(names) == ["An Khánh", "ân thi", "Dương Tự Minh", "Định Hóa", "yên bình"]


def test_decomposed_input_sorts_like_precomposed():
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "Định Hóa")
    assert vi_sort_key(decomposed)[:2] == vi_sort_key("Định Hóa")[:2]
