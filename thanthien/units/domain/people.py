"""Pure rules about people: age on a day, voters (cử tri).

A voter is a citizen aged 18 or more (Hiến pháp 2013, Điều 27: "Công dân đủ mười tám tuổi trở
lên có quyền bầu cử"); community decisions under Luật Thực hiện dân chủ ở cơ sở 2022 count
voters and household representatives of the hamlet. No clock reads: ``on`` is passed in.
"""

from __future__ import annotations

import datetime as dt

VOTING_AGE = 18


def years_before(day: dt.date, years: int) -> dt.date:
    """The same calendar day ``years`` earlier; 29 February falls back to the 28th."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def voter_cutoff(on: dt.date) -> dt.date:
    """People born on or before this date are voters on ``on``."""
    return years_before(on, VOTING_AGE)


def age_on(birth_date: dt.date | None, on: dt.date) -> int | None:
    """Completed years of age on ``on`` (None if the birth date is unknown)."""
    if birth_date is None:
        return None
    had_birthday = (on.month, on.day) >= (birth_date.month, birth_date.day)
    return on.year - birth_date.year - (0 if had_birthday else 1)


def is_voter(birth_date: dt.date | None, on: dt.date) -> bool:
    """True if a person born on ``birth_date`` is a voter on ``on``; unknown birth date: False."""
    return birth_date is not None and birth_date <= voter_cutoff(on)
