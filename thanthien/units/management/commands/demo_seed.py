"""Seed demo data for the pilot communes' successor units: ``manage.py demo_seed``.

Idempotent: does nothing if the demo administrator already exists. Built on services; dates
relative to today. Logins: ``manage.py demo_logins`` (password in docs/units.md).
"""

import time

from django.core.management.base import BaseCommand

from thanthien.units.demo import DEMO_PASSWORD, SeedOptions, seed_demo


def _range(text: str) -> tuple[int, int]:
    low, _, high = text.partition("-")
    return int(low), int(high or low)


class Command(BaseCommand):
    help = "Create demo hamlets, households and staff for the pilot communes (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--hamlets", default="4-6", help="hamlets per unit, e.g. 4-6 or 1")
        parser.add_argument("--households", default="40-80", help="households per hamlet, e.g. 40-80 or 3")
        parser.add_argument("--units", type=int, default=None, help="seed only the first N units (tests)")
        parser.add_argument("--seed", type=int, default=138, help="random seed")

    def handle(self, *args, **options):
        started = time.monotonic()
        seed_options = SeedOptions(
            hamlets_per_unit=_range(options["hamlets"]),
            households_per_hamlet=_range(options["households"]),
            max_units=options["units"],
            seed=options["seed"],
        )
        done = seed_demo(seed_options, log=lambda line: self.stdout.write(f"  {line}"))
        if not done:
            self.stdout.write("Demo data already present: nothing to do.")
            return
        self.stdout.write(
            self.style.SUCCESS(f"Demo data created in {time.monotonic() - started:.1f} s. Password: {DEMO_PASSWORD}")
        )
