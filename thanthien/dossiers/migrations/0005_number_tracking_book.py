"""Number the dossiers already received: their tracking-book lines (Sổ theo dõi hồ sơ, Mẫu 06).

Per receiving unit and reception year, in reception order (``received_at``, then id) — the order
the tracking book (Mẫu 06) has listed them in, so a book printed before stays right. Mẫu 01
slips printed before this change carry the day's code sequence as "Số thứ tự" and no "Số"; a
reprint shows the book line (docs/onestop.md). The counters then continue from each book's last
line. One ``UPDATE … FROM`` with
``ROW_NUMBER()`` on PostgreSQL and SQLite (≥ 3.33), so a million dossiers take seconds; other
databases go row by row. Reverse: clear the lines and the counters.
"""

from django.db import migrations

_YEAR = {
    "postgresql": "CAST(EXTRACT(YEAR FROM received_on) AS integer)",
    "sqlite": "CAST(strftime('%%Y', received_on) AS integer)",
}


def number_books(apps, schema_editor):
    Dossier = apps.get_model("dossiers", "Dossier")
    Counter = apps.get_model("dossiers", "DossierBookCounter")
    connection = schema_editor.connection
    vendor = connection.vendor
    if vendor in _YEAR and (vendor != "sqlite" or connection.Database.sqlite_version_info >= (3, 33)):
        qn = schema_editor.quote_name
        table, year = qn(Dossier._meta.db_table), _YEAR[vendor]
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET book_year = s.y, book_number = s.n FROM ("  # noqa: S608 — identifiers only
                f"SELECT id, {year} AS y, ROW_NUMBER() OVER "
                f"(PARTITION BY unit_id, {year} ORDER BY received_at, id) AS n "
                f"FROM {table} WHERE received_at IS NOT NULL AND received_on IS NOT NULL"
                f") AS s WHERE {table}.id = s.id",
                [],
            )
    else:
        last: dict[tuple[int, int], int] = {}
        batch = []
        rows = (
            Dossier.objects.filter(received_at__isnull=False, received_on__isnull=False)
            .order_by("received_at", "id")
            .only("id", "unit_id", "received_on")
        )
        for dossier in rows.iterator(chunk_size=2000):
            key = (dossier.unit_id, dossier.received_on.year)
            last[key] = last.get(key, 0) + 1
            dossier.book_year, dossier.book_number = key[1], last[key]
            batch.append(dossier)
            if len(batch) >= 2000:
                Dossier.objects.bulk_update(batch, ["book_year", "book_number"])
                batch.clear()
        Dossier.objects.bulk_update(batch, ["book_year", "book_number"])
    from django.db.models import Max

    tops = (
        Dossier.objects.filter(book_number__isnull=False)
        .values("unit_id", "book_year")
        .annotate(top=Max("book_number"))
        .order_by()
    )
    Counter.objects.bulk_create(
        [Counter(unit_id=t["unit_id"], year=t["book_year"], last=t["top"]) for t in tops], batch_size=1000
    )


def clear_books(apps, schema_editor):
    apps.get_model("dossiers", "DossierBookCounter").objects.all().delete()
    apps.get_model("dossiers", "Dossier").objects.filter(book_number__isnull=False).update(
        book_year=None, book_number=None
    )


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0004_tracking_book_line")]

    operations = [migrations.RunPython(number_books, clear_books)]
