"""Sweeps of the citizen side (``manage.py sweep``), each idempotent."""

from __future__ import annotations

from thanthien.clocks.sweep import register_sweep

from .services import bookings_remind, dossiers_notify, letters_for_returned

register_sweep("onestop.notify_dossiers", dossiers_notify)
register_sweep("onestop.remind_bookings", bookings_remind)
register_sweep("onestop.life_event_letters", letters_for_returned)
