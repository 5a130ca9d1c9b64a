import datetime as dt

import pytest

from thanthien.units.domain.people import age_on, is_voter, voter_cutoff

D = dt.date


@pytest.mark.parametrize(
    ("born", "on", "age"),
    [
        (D(2000, 5, 17), D(2018, 5, 16), 17),
        (D(2000, 5, 17), D(2018, 5, 17), 18),
        (D(2008, 2, 29), D(2026, 2, 28), 17),
        (D(2008, 2, 29), D(2026, 3, 1), 18),
        (None, D(2026, 1, 1), None),
    ],
)
def test_age_in_completed_years(born, on, age):
    assert age_on(born, on) == age


@pytest.mark.parametrize(
    ("born", "on", "voter"),
    [
        (D(2007, 7, 1), D(2025, 6, 30), False),  # one day short of 18
        (D(2007, 7, 1), D(2025, 7, 1), True),  # eighteenth birthday
        (D(1950, 1, 1), D(2025, 7, 1), True),
        (D(2020, 1, 1), D(2025, 7, 1), False),
        (None, D(2025, 7, 1), False),  # unknown birth date: not counted
    ],
)
def test_voter_is_eighteen_or_more_on_the_day(born, on, voter):
    assert is_voter(born, on) is voter


def test_voter_cutoff_on_29_february_falls_back_to_the_28th():
    assert voter_cutoff(D(2024, 2, 29)) == D(2006, 2, 28)
