"""``kozkincs import_gazetteer``: load the shipped settlements, regions and boundaries."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kozkincs.gazetteer.datafiles import GazetteerDataError
from kozkincs.gazetteer.services import gazetteer_import


class Command(BaseCommand):
    help = "Load counties, settlements, districts, micro-regions and boundaries (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--data-dir",
            type=Path,
            help="Read the data files from this directory instead of the shipped ones.",
        )
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="Reset values that differ from the data files (staff corrections are lost).",
        )

    def handle(self, *args, data_dir=None, overwrite=False, **options):
        started = time.monotonic()
        try:
            report = gazetteer_import(data_dir=data_dir, overwrite=overwrite)
        except GazetteerDataError as error:
            raise CommandError(str(error)) from error
        for line in report.lines():
            self.stdout.write(line)
        elapsed = time.monotonic() - started
        if report.changed:
            self.stdout.write(self.style.SUCCESS(f"Gazetteer imported in {elapsed:.1f} s."))
        else:
            self.stdout.write(self.style.SUCCESS("Gazetteer already up to date: nothing changed."))
