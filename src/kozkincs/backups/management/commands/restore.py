"""``kozkincs restore SRC``: restore a backup into the configured, empty database."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kozkincs.backups.services import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Restore the backup in SRC into the configured database, which must be empty (no "
        "records, no settlements): check every checksum first, then restore, migrate, bring "
        "the search index into agreement and put the uploaded files back."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", type=Path, metavar="SRC")

    def handle(self, *args, source: Path, **options):
        try:
            report = backup_restore(source=source)
        except BackupError as error:
            raise CommandError(str(error)) from error
        for line in report.lines():
            self.stdout.write(line)
