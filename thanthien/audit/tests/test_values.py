import datetime as dt
import uuid
from decimal import Decimal

import pytest

from thanthien.audit.values import json_safe, snapshot
from thanthien.units.models import AdminUnit


@pytest.mark.parametrize(
    "value, expected",
    [
        (None, None),
        (True, True),
        (3, 3),
        ("Định Hóa", "Định Hóa"),
        ("a\x00b", "ab"),
        (Decimal("12.50"), "12.50"),
        (0.1, "0.1"),
        (1e20, "1e+20"),
        (dt.date(2025, 7, 1), "2025-07-01"),
        (dt.datetime(2025, 7, 1, 8, 30, tzinfo=dt.UTC), "2025-07-01T08:30:00+00:00"),
        (dt.time(8, 30), "08:30:00"),
        (dt.timedelta(days=2), "2 days, 0:00:00"),
        (uuid.UUID(int=1), "00000000-0000-0000-0000-000000000001"),
        (AdminUnit.Level.COMMUNE, "commune"),
        ((1, 2), [1, 2]),
        ({3, 1, 2}, [1, 2, 3]),
        ({"a": {"b": Decimal("1")}, 5: "x"}, {"a": {"b": "1"}, "5": "x"}),
        (b"\x00\x01", "<2 bytes>"),
    ],
)
def test_json_safe(value, expected):
    assert json_safe(value) == expected


def test_model_instances_become_their_primary_key():
    unit = AdminUnit(pk=42, name="Định Hóa")
    assert json_safe({"unit": unit, "units": [unit]}) == {"unit": 42, "units": [42]}
    assert json_safe(AdminUnit(name="Định Hóa", unit_type="xa")) == "Xã Định Hóa"  # unsaved: its label


def test_snapshot_takes_named_fields_and_foreign_keys_by_id():
    unit = AdminUnit(pk=5, name="Trung Hội", code="05581", parent_id=2, valid_from=dt.date(2025, 7, 1))
    assert snapshot(unit, ["name", "parent", "valid_from"]) == {
        "name": "Trung Hội",
        "parent": 2,
        "valid_from": "2025-07-01",
    }
    assert "code" in snapshot(unit)
    with pytest.raises(ValueError, match="unknown fields"):
        snapshot(unit, ["nope"])
