"""``kozkincs verify_backup SRC``: check a backup without restoring it."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kozkincs.backups.services import BackupError, backup_verify


class Command(BaseCommand):
    help = (
        "Check the backup in SRC without restoring it: the manifest, the size and SHA-256 of "
        "every file, and the database file itself."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", type=Path, metavar="SRC")

    def handle(self, *args, source: Path, **options):
        try:
            report = backup_verify(source=source)
        except BackupError as error:
            raise CommandError(str(error)) from error
        for line in report.lines():
            self.stdout.write(line)
