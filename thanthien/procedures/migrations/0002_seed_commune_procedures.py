"""Seed the catalogue with real commune-level procedures from data/commune_procedures.json.

Reversible: the reverse removes the seeded procedures (by code) and the seeded fields that no
procedure uses any more. Later changes to the catalogue go through the import page or a new
migration, not through edits of the data file.
"""

import json
from decimal import Decimal
from pathlib import Path

from django.db import migrations

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "commune_procedures.json"


def _load():
    with DATA_FILE.open(encoding="utf-8") as fh:
        return json.load(fh)


def seed(apps, schema_editor):
    from thanthien.procedures.domain.text import procedure_search_text
    from thanthien.procedures.domain.timelimits import check_step_hours

    Field = apps.get_model("procedures", "Field")
    Procedure = apps.get_model("procedures", "Procedure")
    Component = apps.get_model("procedures", "ProcedureComponent")
    Step = apps.get_model("procedures", "ProcedureStep")
    data = _load()
    fields = {}
    for row in data["fields"]:
        fields[row["code"]], _ = Field.objects.get_or_create(
            code=row["code"], defaults={"name": row["name"], "order": row["order"]}
        )
    for row in data["procedures"]:
        check = check_step_hours(
            Decimal(row["time_amount"]), row["time_measure"], [Decimal(s["hours"]) for s in row["steps"]]
        )
        if not check.ok:
            raise ValueError(f"Seed procedure {row['code']}: steps do not fit the time limit")
        field = fields[row["field"]]
        source = row["source"]
        if row.get("confidence_note"):
            source = f"{source}\n{row['confidence_note']}"
        procedure = Procedure.objects.create(
            code=row["code"],
            name=row["name"],
            field=field,
            competent_level=row["competent_level"],
            time_amount=Decimal(row["time_amount"]),
            time_measure=row["time_measure"],
            is_immediate=row["is_immediate"],
            time_note=row["time_note"],
            fee_amount=Decimal(row["fee_amount"]),
            fee_unit=row["fee_unit"],
            fee_note=row["fee_note"],
            online_level=row["online_level"],
            postal_eligible=row["postal_eligible"],
            postal_ineligible_reason=row["postal_ineligible_reason"],
            result_type=row["result_type"],
            legal_basis=row["legal_basis"],
            valid_from=row["valid_from"],
            valid_to=row["valid_to"],
            is_published=row["is_published"],
            source_note=source,
            confidence=row["confidence"],
            search_text=procedure_search_text(row["code"], row["name"], field.name),
        )
        Component.objects.bulk_create(
            Component(
                procedure=procedure,
                order=c["order"],
                name=c["name"],
                original_count=c["original_count"],
                copy_count=c["copy_count"],
                is_required=c["is_required"],
                note=c["note"],
            )
            for c in row["components"]
        )
        Step.objects.bulk_create(
            Step(
                procedure=procedure,
                order=s["order"],
                name=s["name"],
                actor_role=s["actor_role"],
                hours=Decimal(s["hours"]),
            )
            for s in row["steps"]
        )


def unseed(apps, schema_editor):
    Field = apps.get_model("procedures", "Field")
    Procedure = apps.get_model("procedures", "Procedure")
    data = _load()
    Procedure.objects.filter(code__in=[row["code"] for row in data["procedures"]]).delete()
    Field.objects.filter(code__in=[row["code"] for row in data["fields"]], procedures__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("procedures", "0001_catalogue")]

    operations = [migrations.RunPython(seed, unseed)]
