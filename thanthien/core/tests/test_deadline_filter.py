import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from thanthien.core.templatetags.ui import deadline

VN = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.mark.parametrize(
    ("value", "with_time", "expected"),
    [
        # A period ending at 24:00 on 02/12 is stored as 00:00 on 03/12: show the legal day.
        (dt.datetime(2026, 12, 3, 0, 0, tzinfo=VN), True, "24:00 02/12/2026"),
        (dt.datetime(2026, 12, 3, 0, 0, tzinfo=VN), False, "02/12/2026"),
        (dt.datetime(2026, 12, 2, 16, 30, tzinfo=VN), True, "16:30 02/12/2026"),
        # Stored in UTC: 17:00 UTC is midnight in Vietnam.
        (dt.datetime(2026, 12, 2, 17, 0, tzinfo=dt.UTC), False, "02/12/2026"),
        (None, True, ""),
    ],
)
def test_deadline_shows_the_last_legal_day(value, with_time, expected):
    assert deadline(value, with_time) == expected
