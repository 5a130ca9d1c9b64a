"""Generate many dossiers for one commune with ``bulk_create`` (benchmarks, load tests).

    manage.py generate_dossiers --count 1000000 --unit phan-dinh-phung [--per-day 1000] [--seed 1]

Rows are written directly (no services, no audit): this is test data, not a record of real
work. Dates run back from today, ``--per-day`` dossiers a day, so codes stay within the
4-digit daily sequence; the code counters are advanced so later real receptions do not clash.
Each dossier takes the next line of its unit's tracking book for the year (Mẫu 06), in
reception order within the run, and the book counters are advanced too, as the reception
service does. Statuses follow a plausible mix (most returned, some open, a few late); each
dossier gets the events of its reception, transfer and return (``add_events``).
"""

from __future__ import annotations

import datetime as dt
import random
import time
from decimal import Decimal

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from thanthien.core.search import fold, fold_join
from thanthien.dossiers.domain.codes import DEFAULT_CODE_FORMAT, tracking_code
from thanthien.dossiers.domain.common import VIETNAM_TZ
from thanthien.dossiers.models import Dossier, DossierBookCounter, DossierCodeCounter, DossierEvent
from thanthien.dossiers.services import agency_code, calendar_around
from thanthien.procedures.models import Procedure
from thanthien.units.models import AdminUnit, StaffRole

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Ma", "Nông"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thu", "Ngọc", "Hữu", "Quang", "Thanh"]
GIVEN = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Hà",
    "Hạnh",
    "Hoa",
    "Hùng",
    "Lan",
    "Linh",
    "Mai",
    "Nam",
    "Phương",
    "Sơn",
    "Tâm",
    "Tuấn",
    "Vân",
    "Yến",
]
OPEN = ["received", "transferred", "in_processing", "consultation", "awaiting_fees", "result_ready"]


class Command(BaseCommand):
    help = "Generate N dossiers for a commune with bulk_create (for the 1,000,000-dossier benchmark)."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, required=True)
        parser.add_argument("--unit", required=True, help="slug of the receiving commune")
        parser.add_argument("--per-day", type=int, default=1000)
        parser.add_argument("--batch", type=int, default=5000)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, count: int, unit: str, per_day: int, batch: int, seed: int, **options):
        try:
            commune = AdminUnit.objects.select_related("parent").get(slug=unit)
        except AdminUnit.DoesNotExist:
            raise CommandError(f"No unit with slug {unit!r}.") from None
        if not 1 <= per_day <= DEFAULT_CODE_FORMAT.max_sequence:
            raise CommandError("--per-day must be between 1 and 9999.")
        procedures = list(Procedure.objects.filter(is_published=True).order_by("id")[:200])
        if not procedures:
            raise CommandError("The procedure catalogue is empty.")
        handlers = list(
            StaffRole.objects.unscoped().filter(unit=commune).values_list("user_id", flat=True).distinct()
        ) or [None]
        rng = random.Random(seed)  # noqa: S311 — test data, not secrets
        agency = agency_code(commune)
        secret = getattr(settings, "DOSSIER_TRACKING_SECRET", settings.SECRET_KEY.encode())
        today = timezone.localdate()
        days = -(-count // per_day)
        first_day = today - dt.timedelta(days=days)
        cal = calendar_around(first_day, today, extra_days=120)
        counters = dict(DossierCodeCounter.objects.filter(unit=commune, day__gte=first_day).values_list("day", "last"))
        book_last = dict(
            DossierBookCounter.objects.filter(unit=commune, year__gte=first_day.year).values_list("year", "last")
        )
        day_span = 9 * 3600  # office hours 07:30–16:30
        now = timezone.now()
        started = time.perf_counter()
        first_new_id = (Dossier.objects.unscoped().order_by("-id").values_list("id", flat=True).first() or 0) + 1
        made = 0
        rows: list[dict] = []
        folds = {w: fold(w) for w in FAMILY + MIDDLE + GIVEN}
        proc_folds = {p.pk: fold_join(p.code, p.name) for p in procedures}
        due_cache: dict[tuple[dt.date, int], dt.date] = {}
        day_last: dict[dt.date, int] = {}
        for i in range(count):
            day = first_day + dt.timedelta(days=i // per_day)
            seq = day_last.get(day, counters.get(day, 0)) + 1
            if seq > DEFAULT_CODE_FORMAT.max_sequence:
                continue
            day_last[day] = seq
            proc = procedures[rng.randrange(len(procedures))]
            # Increasing within the day, so the book lines given in loop order follow reception order.
            slot = i % per_day
            received = dt.datetime.combine(day, dt.time(7, 30), tzinfo=VIETNAM_TZ) + dt.timedelta(
                seconds=slot * day_span // per_day + rng.randrange(max(1, day_span // per_day))
            )
            book_last[day.year] = book_last.get(day.year, 0) + 1
            amount = max(1, int(Decimal(proc.time_amount or 1)))
            key = (day, min(amount, 60))
            due_day = due_cache.get(key)
            if due_day is None:
                start_day = day if cal.is_working_day(day) else cal.next_working_day(day)
                due_day = due_cache[key] = cal.add_working_days(start_day, key[1])
            due_at = cal.end_of_day(due_day)
            age = (today - day).days
            status = "returned" if age > 30 or rng.random() < 0.6 else OPEN[rng.randrange(len(OPEN))]
            returned_at = None
            timeliness = ""
            if status == "returned":
                returned_at = due_at + dt.timedelta(hours=rng.choice([-48, -20, -5, 2, 30]))
                returned_at = min(max(returned_at, received + dt.timedelta(hours=1)), now)  # never before receipt
                timeliness = (
                    "late"
                    if returned_at > due_at
                    else ("on_time" if returned_at.astimezone(VIETNAM_TZ).date() == due_day else "early")
                )
            parts = (rng.choice(FAMILY), rng.choice(MIDDLE), rng.choice(GIVEN))
            name = " ".join(parts)
            phone = f"09{rng.randrange(10**8):08d}"
            code = DEFAULT_CODE_FORMAT.format(agency, day, seq)
            folded_name = " ".join(folds[p] for p in parts)
            returned_on = returned_at.astimezone(VIETNAM_TZ).date() if returned_at else None
            rows.append(
                {
                    "unit_id": commune.pk,
                    "procedure_id": proc.pk,
                    "code": code,
                    "tracking_code": tracking_code(code, secret=secret),
                    "status": status,
                    "applicant_name": name,
                    "applicant_phone": phone,
                    "channel_in": rng.choice(["direct", "direct", "online"]),
                    "channel_out": "direct",
                    "handler_id": rng.choice(handlers) if status != "received" else None,
                    "submitted_at": received,
                    "submitted_on": day,
                    "received_at": received,
                    "received_on": day,
                    "book_year": day.year,
                    "book_number": book_last[day.year],
                    "clock_started_at": received,
                    "due_at": due_at,
                    "due_date": due_day,
                    "original_due_at": due_at,
                    "original_due_date": due_day,
                    "returned_at": returned_at,
                    "returned_on": returned_on,
                    "finished_at": returned_at,
                    "timeliness": timeliness,
                    "predicted_late": status != "returned" and due_at < now,
                    "search_text": f"{code.lower()} {folded_name} {phone} {proc_folds[proc.pk]}"[:500],
                }
            )
            if len(rows) >= batch:
                made += self._flush(rows)
                self.stdout.write(f"{made:>9} dossiers ({time.perf_counter() - started:.0f} s)")
        made += self._flush(rows)
        events = add_events(commune.pk, first_new_id)
        self.stdout.write(f"{events:>9} events ({time.perf_counter() - started:.0f} s)")
        with transaction.atomic():
            existing = set(
                DossierCodeCounter.objects.filter(unit=commune, day__in=list(day_last)).values_list("day", flat=True)
            )
            DossierCodeCounter.objects.bulk_create(
                [DossierCodeCounter(unit=commune, day=d, last=n) for d, n in day_last.items() if d not in existing]
            )
            for d in existing:
                DossierCodeCounter.objects.filter(unit=commune, day=d).update(last=day_last[d])
            for year, last in book_last.items():
                DossierBookCounter.objects.update_or_create(unit=commune, year=year, defaults={"last": last})
        self.stdout.write(
            self.style.SUCCESS(f"{made} dossiers generated for {commune} in {time.perf_counter() - started:.0f} s.")
        )

    def _flush(self, rows: list[dict]) -> int:
        """Insert a batch: PostgreSQL COPY when available (20x faster), else ``bulk_create``."""
        if not rows:
            return 0
        stamp = timezone.now()
        for row in rows:
            row["created_at"] = row["updated_at"] = stamp
            for name in DEFAULTS:
                row.setdefault(name, DEFAULTS[name])
        with transaction.atomic():
            if connection.vendor == "postgresql":
                columns = list(rows[0])
                sql = f"COPY dossiers_dossier ({', '.join(columns)}) FROM STDIN"
                with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
                    for row in rows:
                        copy.write_row([row[c] for c in columns])
            else:
                Dossier.objects.bulk_create([Dossier(**row) for row in rows], batch_size=len(rows))
        n = len(rows)
        rows.clear()
        return n


def add_events(unit_id: int, first_id: int) -> int:
    """The hand-offs every real dossier has, for generated dossiers from ``first_id`` on.

    Reception; the transfer to the handler for everything past reception; the return for the
    returned. One INSERT … SELECT each (both databases), so a million dossiers take seconds.
    Why: pages that show a dossier's history (the public status page) must be measured on
    dossiers that have one.
    """
    table, events = Dossier._meta.db_table, DossierEvent._meta.db_table
    columns = "unit_id, dossier_id, action, from_status, to_status, at, giver_label, receiver_label, step, step_timeliness, note, data"
    steps = (
        ("receive", "", "received", "d.received_at", "d.received_at IS NOT NULL"),
        ("transfer", "received", "transferred", "d.received_at", "d.status <> 'received'"),
        ("return_result", "result_ready", "returned", "d.returned_at", "d.returned_at IS NOT NULL"),
    )
    made = 0
    with transaction.atomic(), connection.cursor() as cursor:
        for action, before, after, at, condition in steps:
            cursor.execute(
                f"INSERT INTO {events} ({columns}) "  # noqa: S608 — identifiers from the models
                f"SELECT d.unit_id, d.id, %s, %s, %s, {at}, '', '', '', '', '', '{{}}' "
                f"FROM {table} d WHERE d.unit_id = %s AND d.id >= %s AND {condition}",
                [action, before, after, unit_id, first_id],
            )
            made += cursor.rowcount
    return made


#: Columns without a database default that COPY must fill.
DEFAULTS = {
    "applicant_id_number": "",
    "applicant_address": "",
    "applicant_email": "",
    "postal_receipt_no": "",
    "postal_return_address": "",
    "on_behalf_of": "",
    "timeliness_extended": "",
    "supplement_requests": 0,
    "reason": "",
    "result_note": "",
}
