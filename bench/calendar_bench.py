"""Benchmark: 1,000,000 due dates on the working-day calendar (budget: 2 s on 2 cores).

Builds the calendar purely from the ``holidays`` package and the seeded announced swaps (no
database, no Django), then computes one million "start + N working days" due dates with the
batch path (precomputed sorted working-day ordinals + index look-up), dates in and dates out.

Usage: .venv/bin/python bench/calendar_bench.py
"""

import datetime as dt
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from thanthien.clocks.domain.calendar import WorkingCalendar
from thanthien.clocks.domain.sources import ANNOUNCED_SWAPS, statutory_holidays

N = 1_000_000
BUDGET_S = 2.0


def main() -> int:
    t0 = time.perf_counter()
    calendar = WorkingCalendar(
        first_year=2015, last_year=2040, holidays=statutory_holidays(2015, 2040), overrides=ANNOUNCED_SWAPS
    )
    build_s = time.perf_counter() - t0

    rng = random.Random(20240426)
    first = dt.date(2024, 1, 1).toordinal()
    starts = [dt.date.fromordinal(first + rng.randrange(0, 3 * 366)) for _ in range(N)]
    days = [rng.randint(1, 60) for _ in range(N)]

    t0 = time.perf_counter()
    due = calendar.add_working_days_many(starts, days)
    elapsed = time.perf_counter() - t0

    # Spot-check the batch against the one-at-a-time path, and the two examples.
    for i in rng.sample(range(N), 2000):
        assert due[i] == calendar.add_working_days(starts[i], days[i])
    assert calendar.add_working_days(dt.date(2024, 4, 26), 1) == dt.date(2024, 5, 2)
    assert calendar.add_working_days(dt.date(2024, 5, 3), 1) == dt.date(2024, 5, 4)

    t0 = time.perf_counter()
    for s, n in zip(starts[:100_000], days[:100_000], strict=True):
        calendar.add_working_days(s, n)
    single_s = (time.perf_counter() - t0) * 10

    print(f"calendar 2015–2040 built in {build_s:.2f} s")
    print(f"{N:,} due dates in {elapsed:.2f} s ({elapsed / BUDGET_S:.2f}× the {BUDGET_S:.0f} s budget)")
    print(f"(one at a time: ~{single_s:.2f} s per {N:,}, extrapolated from 100,000)")
    return 0 if elapsed <= BUDGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
