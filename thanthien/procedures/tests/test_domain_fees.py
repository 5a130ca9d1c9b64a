from decimal import Decimal as D

import pytest

from thanthien.procedures.domain.fees import certified_copy_fee, charge_allowed


@pytest.mark.parametrize(
    ("fee", "charged", "allowed"),
    [
        (D(0), D(0), True),
        (D(0), D(1000), False),
        (D(8000), D(8000), True),
        (D(8000), D(0), True),  # exemption
        (D(8000), D(8001), False),
        (D(50000), D(60000), False),
        (D(10000), D(-1), False),
    ],
)
def test_a_charge_above_the_legal_fee_is_refused(fee, charged, allowed):
    assert charge_allowed(fee, charged) is allowed


@pytest.mark.parametrize(
    ("pages", "copies", "fee"),
    [
        (1, 1, D(2000)),
        (2, 1, D(4000)),
        (3, 1, D(5000)),
        (10, 1, D(12000)),
        (10, 3, D(36000)),
        (198, 1, D(200000)),
        (500, 1, D(200000)),  # at most 200.000 đ per copy
        (500, 2, D(400000)),
    ],
)
def test_certified_copy_fee_follows_tt_226_2016(pages, copies, fee):
    assert certified_copy_fee(pages, copies) == fee


def test_certified_copy_fee_needs_pages():
    with pytest.raises(ValueError):
        certified_copy_fee(0)


@pytest.mark.parametrize(
    ("fee", "quantity", "pages", "ceiling"),
    [
        (D(8000), 1, None, D(8000)),
        (D(8000), 3, None, D(24000)),  # three copies of a trích lục
        (D(50000), 0, None, D(0)),
        (D(2000), 2, 5, D(14000)),  # two certified copies of a 5-page original: 2 × (4.000 + 3.000)
        (D(2000), 0, 5, D(0)),
    ],
)
def test_fee_ceiling_per_unit_and_per_page(fee, quantity, pages, ceiling):
    from thanthien.procedures.domain.fees import fee_ceiling

    assert fee_ceiling(fee, quantity, pages=pages) == ceiling
    assert charge_allowed(ceiling, ceiling) and not charge_allowed(ceiling, ceiling + 1)
