"""Background tasks (Django's tasks framework)."""

from __future__ import annotations

from django.tasks import task


@task
def recompute_clocks() -> int:
    """Recompute every open clock after the working calendar changed. Returns how many moved."""
    from .events import calendar_listeners
    from .services import clocks_recompute_open

    moved = clocks_recompute_open()
    # Deadlines kept outside Clock rows (e.g. dossiers' due dates) are recomputed by their owners.
    for func in calendar_listeners().values():
        moved += func()
    return moved
