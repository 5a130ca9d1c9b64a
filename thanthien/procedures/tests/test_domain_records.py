import datetime as dt
from dataclasses import replace
from decimal import Decimal as D

import pytest

from thanthien.procedures.domain.records import ComponentRecord, ProcedureRecord, StepRecord, record_problems

GOOD = ProcedureRecord(
    code="1.004873",
    name="Cấp Giấy xác nhận tình trạng hôn nhân",
    field_code="ho-tich",
    time_amount=D(3),
    time_measure="working_days",
    result_type="Giấy xác nhận tình trạng hôn nhân",
    fee_amount=D(15000),
    components=(ComponentRecord(1, "Tờ khai theo mẫu"),),
    steps=(StepRecord(1, "Tiếp nhận", "Bộ phận Một cửa", D(2)), StepRecord(2, "Thẩm định", "Công chức", D(22))),
)


def codes(record):
    return sorted((p.where, p.code) for p in record_problems(record))


def test_a_good_record_has_no_problem():
    assert record_problems(GOOD) == []


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"code": "1 004873"}, [("code", "code_invalid")]),
        ({"name": " "}, [("name", "required")]),
        ({"time_measure": "weeks"}, [("time_measure", "choice")]),
        ({"fee_amount": D(-1)}, [("fee_amount", "negative")]),
        ({"fee_amount": D("10.5")}, [("fee_amount", "whole_dong")]),
        ({"postal_eligible": False}, [("postal_ineligible_reason", "postal_reason_required")]),
        ({"valid_from": dt.date(2026, 1, 2), "valid_to": dt.date(2026, 1, 1)}, [("valid_to", "validity_order")]),
        ({"time_amount": D(5)}, [("steps", "steps_budget")]),
        ({"time_measure": "calendar_days", "time_amount": D(2)}, [("steps", "steps_ceiling")]),
        ({"steps": ()}, [("steps", "steps_missing")]),
        (
            {"components": (ComponentRecord(1, "A"), ComponentRecord(1, "B"))},
            [("components[1].order", "order_duplicate")],
        ),
    ],
)
def test_each_rule_reports_its_problem(changes, expected):
    assert codes(replace(GOOD, **changes)) == expected
