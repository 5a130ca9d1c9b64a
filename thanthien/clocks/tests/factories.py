"""Factories of the clocks app (built through the service, so the due fields are computed)."""

import datetime as dt

from thanthien.clocks.domain.calendar import VIETNAM_TZ
from thanthien.clocks.models import Clock
from thanthien.clocks.services import clock_start


def at(y, m, d, hh=0, mm=0, ss=0) -> dt.datetime:
    """A Vietnam-time aware datetime."""
    return dt.datetime(y, m, d, hh, mm, ss, tzinfo=VIETNAM_TZ)


def make_clock(
    unit,
    *,
    started_at=None,
    amount=5,
    measure=Clock.Measure.WORKING_DAYS,
    kind="test.processing",
    receipt_cutoff=False,
    subject_label="Hồ sơ thử",
) -> Clock:
    return clock_start(
        actor=None,
        unit=unit,
        kind=kind,
        started_at=started_at or dt.datetime(2024, 6, 3, 9, tzinfo=VIETNAM_TZ),
        amount=amount,
        measure=measure,
        subject_label=subject_label,
        receipt_cutoff=receipt_cutoff,
    )
