"""Periodic checks (sweeps): a registry and a runner, used by ``manage.py sweep``.

Django's tasks framework has no scheduler; a timer (systemd, cron) runs ``manage.py sweep``
every few minutes. Each app registers its sweeps in ``<app>/sweeps.py``, which the command
imports (``autodiscover_modules("sweeps")``)::

    from thanthien.clocks.sweep import register_sweep

    def publish_due_disclosures(*, now):   # returns a count or a small dict for the log
        ...

    register_sweep("disclosures.publish_due", publish_due_disclosures)

A sweep must be idempotent: running it twice at the same ``now`` changes nothing the second time.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

logger = logging.getLogger(__name__)

Sweep = Callable[..., Any]

_sweeps: dict[str, Sweep] = {}


def register_sweep(name: str, func: Sweep) -> None:
    """Register ``func(*, now)`` under a unique dotted ``name`` (re-registering replaces it)."""
    _sweeps[name] = func


def unregister_sweep(name: str) -> None:
    _sweeps.pop(name, None)


def registered_sweeps() -> dict[str, Sweep]:
    return dict(sorted(_sweeps.items()))


def discover_sweeps() -> None:
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("sweeps")


def run_sweeps(*, now: dt.datetime, only: list[str] | None = None) -> dict[str, Any]:
    """Run the registered sweeps (or the ``only`` ones) in name order; one failure does not stop
    the others. Returns ``{name: result or "error: …"}``."""
    results: dict[str, Any] = {}
    for name, func in registered_sweeps().items():
        if only and name not in only:
            continue
        try:
            results[name] = func(now=now)
        except Exception as exc:
            logger.exception("Sweep %s failed", name)
            results[name] = f"error: {exc}"
    return results
