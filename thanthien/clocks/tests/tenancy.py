"""Tenancy case for legal clocks: a clock is changed only inside its commune's scope."""

from thanthien.clocks.models import Clock
from thanthien.clocks.services import clock_pause
from thanthien.core.tests.tenancy_cases import TenancyCase

from .factories import at, make_clock


def pause_clock(actor, clock):
    return clock_pause(actor=actor, clock=clock, at=at(2024, 6, 4, 9))


CASES = [
    TenancyCase(model=Clock, make=make_clock, change=pause_clock, role="one_stop_officer"),
]
