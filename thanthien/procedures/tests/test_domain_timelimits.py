from decimal import Decimal as D

import pytest

from thanthien.procedures.domain.timelimits import TimeLimit, TimeMeasure, budget_hours, check_step_hours


@pytest.mark.parametrize(
    ("amount", "measure", "hours", "ok"),
    [
        (D(1), "working_days", [D(1), D(4), D(2), D(1)], True),
        (D(3), "working_days", [D(2), D(16), D(4), D(2)], True),
        (D(3), "working_days", [D(2), D(16), D(4)], False),  # 22 ≠ 24
        (D(3), "working_days", [D(2), D(16), D(4), D(3)], False),  # 25 ≠ 24
        (D("0.5"), "working_days", [D(1), D(3)], True),
        (D(4), "working_hours", [D(1), D(3)], True),
        (D(4), "working_hours", [D(1), D(2)], False),
        (D(15), "calendar_days", [D(4), D(56), D(12), D(8)], True),  # 80 ≤ 120
        (D(15), "calendar_days", [D(120)], True),
        (D(15), "calendar_days", [D(121)], False),
        (D(1), "working_days", [], False),
        (D(1), "working_days", [D(8), D(0)], False),
        (D(1), "working_days", [D(9), D(-1)], False),
    ],
)
def test_step_hours_must_fit_the_time_limit(amount, measure, hours, ok):
    assert check_step_hours(amount, measure, hours).ok is ok


@pytest.mark.parametrize(
    ("amount", "measure", "budget"),
    [
        (D(1), "working_days", D(8)),
        (D(5), "working_days", D(40)),
        (D(6), "working_hours", D(6)),
        (D(15), "calendar_days", None),
    ],
)
def test_budget_is_eight_hours_per_working_day(amount, measure, budget):
    assert budget_hours(amount, measure) == budget
    assert TimeLimit(amount, TimeMeasure(measure)).working_hours == budget


def test_check_reports_expected_and_total():
    check = check_step_hours(D(3), "working_days", [D(10), D(10)])
    assert (check.total, check.expected, check.ceiling) == (D(20), D(24), None)
    check = check_step_hours(D(10), "calendar_days", [D(100)])
    assert (check.total, check.expected, check.ceiling) == (D(100), None, D(80))
