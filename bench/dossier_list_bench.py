"""Benchmark: the officer's filtered dossier list (50 rows) over 1,000,000 dossiers in PostgreSQL.

Budget: p95 ≤ 50 ms with a fixed number of queries (the same count for every filter and page).
Pages follow each other by cursor (keyset: ``after`` the last row shown); "page 3" is reached by
following the next cursor twice and counts in the budget. The old offset page 3 (``page=3``,
which re-reads pages 1–2) is printed for information only.

Setup (once; a separate database so the dev data stay untouched):

    createdb -h 127.0.0.1 -U postgres thanthien_bench
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/thanthien_bench
    .venv/bin/python manage.py migrate
    .venv/bin/python manage.py generate_dossiers --count 1000000 --unit phan-dinh-phung

Usage: DATABASE_URL=... .venv/bin/python bench/dossier_list_bench.py [--unit phan-dinh-phung] [--runs 40]
Skips itself (exit 0) without a PostgreSQL DATABASE_URL or without generated dossiers.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thanthien.config.settings")

BUDGET_MS = 50.0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--unit", default="phan-dinh-phung")
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        print("skipped: set DATABASE_URL to the PostgreSQL bench database (see the docstring)")
        return 0

    import django

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from thanthien.accounts.models import User
    from thanthien.dossiers.models import Dossier
    from thanthien.dossiers.selectors import DossierFilters, dossier_list
    from thanthien.procedures.models import Procedure
    from thanthien.units.models import AdminUnit, StaffRole

    unit = AdminUnit.objects.get(slug=args.unit)
    total = Dossier.objects.unscoped().filter(unit=unit).count()
    if total < 1000:
        print(f"skipped: only {total} dossiers in {unit}; run generate_dossiers first")
        return 0
    user, _ = User.objects.get_or_create(username="bench_officer", defaults={"full_name": "Bench Officer"})
    StaffRole.objects.unscoped().get_or_create(user=user, role=StaffRole.Role.ONE_STOP_OFFICER, unit=unit)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE dossiers_dossier")
    proc_id = (
        Dossier.objects.unscoped().filter(unit=unit).values_list("procedure_id", flat=True).order_by("-id").first()
    )
    cases = {
        "all, nearest due": DossierFilters(),
        "all, newest": DossierFilters(sort="newest"),
        "open": DossierFilters(state="open"),
        "overdue": DossierFilters(state="overdue"),
        "due soon": DossierFilters(state="due_soon"),
        "predicted late": DossierFilters(state="predicted_late"),
        "status in_processing": DossierFilters(status="in_processing"),
        "procedure": DossierFilters(procedure_id=proc_id),
        "search name": DossierFilters(q="nguyen hung", sort="newest"),
        "search phone": DossierFilters(q="0912", sort="newest"),
        "returned, page 3": DossierFilters(status="returned", sort="newest"),
        "all, page 3": DossierFilters(),
        "returned, offset p3 (info)": DossierFilters(status="returned", sort="newest"),
    }
    print(f"{total:,} dossiers in {unit}; {Procedure.objects.count()} procedures; runs per case: {args.runs}")
    worst = 0.0
    query_counts = set()
    for label, filters in cases.items():
        page, after = 1, None
        if "offset p3" in label:
            page = 3
        elif "page 3" in label:  # follow the "next" link twice, as an officer does
            for _ in range(2):
                after = dossier_list(actor=user, filters=filters, after=after).next_cursor
        dossier_list(actor=user, filters=filters, page=page, after=after)  # warm caches (scope, calendar)
        times = []
        for _ in range(args.runs):
            with CaptureQueriesContext(connection) as ctx:
                t0 = time.perf_counter()
                result = dossier_list(actor=user, filters=filters, page=page, after=after)
                [(d.procedure.name, d.handler_id, d.unit.name) for d in result.rows]
                times.append((time.perf_counter() - t0) * 1000)
            query_counts.add(len(ctx.captured_queries))
        p95 = statistics.quantiles(times, n=20)[18]
        if "(info)" not in label:
            worst = max(worst, p95)
        print(
            f"  {label:<22} rows={len(result.rows):>2}  p50={statistics.median(times):6.1f} ms  p95={p95:6.1f} ms  queries={len(ctx.captured_queries)}"
        )
    ok = worst <= BUDGET_MS and len(query_counts) == 1
    print(
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; "
        f"worst p95 = {worst:.1f} ms (budget {BUDGET_MS:.0f} ms); queries per list: {sorted(query_counts)} -> {'OK' if ok else 'OVER BUDGET'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
