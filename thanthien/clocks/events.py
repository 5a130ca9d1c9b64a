"""Explicit listeners for clock events (no signals): the owner of a clock kind reacts to them.

An app that owns clocks of a kind registers a listener at import of its ``sweeps.py`` (found by
the ``sweep`` command) or its ``AppConfig.ready()``::

    from thanthien.clocks.events import register_clock_listener

    def on_dossier_clock(clock, event):   # event: "warned" | "overdue" | "moved"
        ...                               # e.g. send the D−1 alert (legal-rules §2.6)

    register_clock_listener("dossier.", on_dossier_clock)

Listeners run after the transaction that changed the clock commits.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.db import transaction

if TYPE_CHECKING:
    from .models import Clock

Listener = Callable[["Clock", str], None]

_listeners: list[tuple[str, Listener]] = []


def register_clock_listener(kind_prefix: str, func: Listener) -> None:
    """Call ``func(clock, event)`` for every event of a clock whose kind starts with the prefix."""
    if (kind_prefix, func) not in _listeners:
        _listeners.append((kind_prefix, func))


def unregister_clock_listener(kind_prefix: str, func: Listener) -> None:
    if (kind_prefix, func) in _listeners:
        _listeners.remove((kind_prefix, func))


def emit_on_commit(clock: Clock, event: str) -> None:
    for prefix, func in list(_listeners):
        if clock.kind.startswith(prefix):
            transaction.on_commit(lambda func=func: func(clock, event))


# --- Calendar changes -------------------------------------------------------------------------
# Apps that keep their own due dates (not a ``Clock`` row) register a recompute function; the
# recompute task calls each one after a calendar override or office-hour rule changes.

CalendarListener = Callable[[], int]

_calendar_listeners: dict[str, CalendarListener] = {}


def register_calendar_listener(name: str, func: CalendarListener) -> None:
    """Call ``func()`` (returning how many deadlines moved) after every calendar change."""
    _calendar_listeners[name] = func


def calendar_listeners() -> dict[str, CalendarListener]:
    return dict(_calendar_listeners)
