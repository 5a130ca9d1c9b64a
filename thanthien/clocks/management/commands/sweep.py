"""``manage.py sweep``: run every registered periodic check once (idempotent; run it from a timer)."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from thanthien.clocks.sweep import discover_sweeps, registered_sweeps, run_sweeps


class Command(BaseCommand):
    help = "Run the registered periodic sweeps (due-date warnings, overdue marks, …)."

    def add_arguments(self, parser):
        parser.add_argument("--only", action="append", default=[], help="Run only this sweep (repeatable).")
        parser.add_argument("--list", action="store_true", help="List the registered sweeps and exit.")
        parser.add_argument("--now", help="Pretend the time is this ISO datetime (for replays and tests).")

    def handle(self, *args, **options):
        discover_sweeps()
        if options["list"]:
            for name in registered_sweeps():
                self.stdout.write(name)
            return
        now = timezone.now()
        if options["now"]:
            try:
                now = dt.datetime.fromisoformat(options["now"])
            except ValueError as exc:
                raise CommandError(f"--now: {exc}") from exc
            if timezone.is_naive(now):
                now = timezone.make_aware(now)
        unknown = set(options["only"]) - set(registered_sweeps())
        if unknown:
            raise CommandError(f"Unknown sweep(s): {', '.join(sorted(unknown))}")
        results = run_sweeps(now=now, only=options["only"] or None)
        for name, result in results.items():
            self.stdout.write(f"{name}: {result}")
        if any(isinstance(r, str) and r.startswith("error:") for r in results.values()):
            raise CommandError("At least one sweep failed.")
