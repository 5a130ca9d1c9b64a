"""Background tasks (Django's tasks framework)."""

from __future__ import annotations

from django.tasks import task


@task
def recompute_clocks() -> int:
    """Recompute every open clock after the working calendar changed. Returns how many moved."""
    from .services import clocks_recompute_open

    return clocks_recompute_open()
