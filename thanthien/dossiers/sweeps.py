"""The dossiers' sweep: flag predicted-late dossiers and draft their apology slips (idempotent)."""

from __future__ import annotations

import datetime as dt

from thanthien.clocks.sweep import register_sweep

from .services import dossiers_flag_predicted_late


def sweep_predicted_late(*, now: dt.datetime) -> dict[str, int]:
    return dossiers_flag_predicted_late(now=now)


register_sweep("dossiers.predicted_late", sweep_predicted_late)
