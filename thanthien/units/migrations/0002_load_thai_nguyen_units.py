"""Load the administrative units of Thái Nguyên (old and new) and their succession links.

Data: thanthien/units/data/thai_nguyen.json, built by scripts/build_units.py (docs/units.md).
"""

from django.db import migrations


def load(apps, schema_editor):
    from thanthien.units.loading import load_units

    load_units(apps.get_model("units", "AdminUnit"), apps.get_model("units", "UnitSuccession"))


def unload(apps, schema_editor):
    from thanthien.units.loading import unload_units

    unload_units(apps.get_model("units", "AdminUnit"), apps.get_model("units", "UnitSuccession"))


class Migration(migrations.Migration):
    dependencies = [("units", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
