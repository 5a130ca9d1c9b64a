"""Benchmark: the handler's filtered petition list (50 rows) over 100,000 items in PostgreSQL.

Budget: p95 ≤ 50 ms with a fixed number of queries (the same count for every filter).

Setup (once; a separate database so the dev data stay untouched):

    createdb -h 127.0.0.1 -U postgres thanthien_bench_reception
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/thanthien_bench_reception
    .venv/bin/python manage.py migrate
    .venv/bin/python bench/reception_list_bench.py --generate 100000

Usage: DATABASE_URL=... .venv/bin/python bench/reception_list_bench.py [--unit phan-dinh-phung] [--runs 40]
Skips itself (exit 0) without a PostgreSQL DATABASE_URL or without generated items.
The generator writes rows directly with bulk_create (bench data only, no clocks or audit).
"""

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thanthien.config.settings")

BUDGET_MS = 50.0
WORDS = ["đèn", "đường", "rác", "nước", "điện", "đất", "ổ gà", "cống", "tiếng ồn", "cây đổ", "chợ", "trường"]


def generate(unit, count: int) -> None:
    from django.utils import timezone

    from thanthien.core.search import fold_join
    from thanthien.reception.domain.codes import tracking_code
    from thanthien.reception.models import Petition

    rng = random.Random(7)
    kinds = list(Petition.Kind.values)
    statuses = Petition.Status.values
    channels = Petition.Channel.values
    topics = Petition.Topic.values
    now = timezone.now()
    batch = []
    for i in range(count):
        received = now - dt.timedelta(minutes=rng.randint(0, 60 * 24 * 730))
        kind = rng.choice(kinds)
        subject = f"{rng.choice(WORDS).capitalize()} {rng.choice(WORDS)} thôn {rng.randint(1, 30)}"
        name = f"Nguyễn Văn {rng.choice(['An', 'Bình', 'Cường', 'Dũng', 'Hà', 'Hùng'])} {i}"
        p = Petition(
            unit=unit,
            code=tracking_code("PA", timezone.localdate(received), rng),
            channel=rng.choice(channels),
            kind=kind,
            status=rng.choice(statuses),
            topic=rng.choice(topics),
            subject=subject,
            content=subject,
            submitter_name=name,
            received_at=received,
            due_date=timezone.localdate(received) + dt.timedelta(days=14),
        )
        p.search_text = fold_join(p.code, p.subject, "" if kind in ("denunciation", "mixed") else name)[:500]
        batch.append(p)
        if len(batch) == 5000:
            Petition.objects.bulk_create(batch)
            batch = []
    if batch:
        Petition.objects.bulk_create(batch)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--unit", default="phan-dinh-phung")
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--generate", type=int, default=0, help="create this many items first")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        print("skipped: set DATABASE_URL to the PostgreSQL bench database (see the docstring)")
        return 0

    import django

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from thanthien.accounts.models import User
    from thanthien.reception.models import Petition
    from thanthien.reception.selectors import PetitionFilters, petition_page
    from thanthien.units.models import AdminUnit, StaffRole

    unit = AdminUnit.objects.filter(slug=args.unit, valid_to__isnull=True).first() or AdminUnit.objects.get(
        slug=args.unit
    )
    if args.generate:
        generate(unit, args.generate)
    total = Petition.objects.unscoped().filter(unit=unit).count()
    if total < 1000:
        print(f"skipped: only {total} items in {unit}; run with --generate 100000 first")
        return 0
    user, _ = User.objects.get_or_create(username="bench_reception", defaults={"full_name": "Bench Officer"})
    StaffRole.objects.unscoped().get_or_create(user=user, role=StaffRole.Role.ONE_STOP_OFFICER, unit=unit)
    some = Petition.objects.unscoped().filter(unit=unit).order_by("-id").first()
    Petition.objects.unscoped().filter(unit=unit, id__gt=some.id - 3000).update(assigned_to=user)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE reception_petition")
    cases = {
        "all, newest": (PetitionFilters(), 0),
        "status received": (PetitionFilters(status="received"), 0),
        "kind complaint": (PetitionFilters(kind="complaint"), 0),
        "channel hotline": (PetitionFilters(channel="hotline"), 0),
        "assigned to me": (PetitionFilters(mine=True), 0),
        "open only": (PetitionFilters(open_only=True), 0),
        "overdue": (PetitionFilters(overdue=True), 0),
        "code": (PetitionFilters(q=some.code), 0),
        "search word": (PetitionFilters(q="cong"), 0),
        "all, page 5": (PetitionFilters(), 200),
    }
    print(f"{total:,} items in {unit}; runs per case: {args.runs}")
    worst = 0.0
    query_counts = set()
    for label, (filters, offset) in cases.items():
        petition_page(actor=user, filters=filters, offset=offset)  # warm caches (scope, roles)
        times = []
        for _ in range(args.runs):
            with CaptureQueriesContext(connection) as ctx:
                t0 = time.perf_counter()
                rows = petition_page(actor=user, filters=filters, offset=offset)
                [(p.code, p.submitter_name, p.assigned_to_id and p.assigned_to.full_name) for p in rows]
                times.append((time.perf_counter() - t0) * 1000)
            query_counts.add(len(ctx.captured_queries))
        p95 = statistics.quantiles(times, n=20)[18]
        worst = max(worst, p95)
        print(
            f"  {label:<18} rows={len(rows):>2}  p50={statistics.median(times):6.1f} ms  p95={p95:6.1f} ms  queries={len(ctx.captured_queries)}"
        )
    ok = worst <= BUDGET_MS and len(query_counts) == 1
    print(
        f"worst p95 = {worst:.1f} ms (budget {BUDGET_MS:.0f} ms); queries per list: {sorted(query_counts)} -> {'OK' if ok else 'OVER BUDGET'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
