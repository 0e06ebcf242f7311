"""``kozkincs backup DEST``: the database, uploaded files and a manifest into a new directory."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kozkincs.backups.services import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Back up the database (SQLite online backup or pg_dump) and the uploaded files into "
        "DEST, a new or empty directory, with a manifest of checksums. Files are 0600, "
        "directories 0700."
    )
    # A backup runs beside the live portal. The system checks would ask SQLite whether it
    # supports JSON inside a write transaction (BEGIN IMMEDIATE, our transaction mode) and,
    # while the portal keeps writing, could wait past the busy timeout and then report every
    # JSONField as unsupported: a backup must neither wait for writers nor fail because of them.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("destination", type=Path, metavar="DEST")

    def handle(self, *args, destination: Path, **options):
        try:
            report = backup_create(destination=destination)
        except BackupError as error:
            raise CommandError(str(error)) from error
        for line in report.lines():
            self.stdout.write(line)
