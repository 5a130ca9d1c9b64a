"""The clocks' sweep: mark clocks entering their last working day and clocks past their end."""

from __future__ import annotations

import datetime as dt

from .services import clocks_mark_due
from .sweep import register_sweep


def sweep_clocks(*, now: dt.datetime) -> dict[str, int]:
    return clocks_mark_due(now=now)


register_sweep("clocks.due", sweep_clocks)
