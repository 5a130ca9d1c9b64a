"""Periodic checks of reception: warnings and escalation come from the clocks sweep through the
clock listener; answered items past their reopen window are closed here."""

from thanthien.clocks.events import register_clock_listener
from thanthien.clocks.sweep import register_sweep

from .services import petition_clock_event, petition_close_expired

register_clock_listener("reception.", petition_clock_event)
register_sweep("reception.close_expired", petition_close_expired)
