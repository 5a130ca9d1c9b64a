"""A pg_trgm GIN index on dossier search text (PostgreSQL only; SQLite scans the column).

The officer list searches the folded ``search_text`` with ``LIKE '%word%'``; on a million
dossiers only a trigram index keeps that fast. Reversible; a no-op on SQLite.
"""

from django.db import migrations


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS dossier_search_trgm ON dossiers_dossier USING gin (search_text gin_trgm_ops)"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS dossier_search_trgm")


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0001_dossier_models")]

    operations = [migrations.RunPython(create_index, drop_index)]
