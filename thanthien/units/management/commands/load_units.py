"""Load (or refresh) the administrative units data file: ``manage.py load_units``."""

from django.core.management.base import BaseCommand
from django.db import transaction

from thanthien.units.loading import DATA_FILE, load_units, read_data


class Command(BaseCommand):
    help = "Load or refresh administrative units and succession links from our data file (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--file", default=str(DATA_FILE), help="path of the units JSON file")

    def handle(self, *args, **options):
        from pathlib import Path

        with transaction.atomic():
            result = load_units(data=read_data(Path(options["file"])))
        self.stdout.write(
            f"units created: {result.created}, updated: {result.updated}, "
            f"successions created: {result.successions_created}"
        )
