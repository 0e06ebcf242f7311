"""``kozkincs remove_orphaned_media``: delete stored files that no photo or document names.

The safety net of the media app: an upload interrupted after its files were written, or a
deletion whose files could not be removed, leaves such files. Only the app's own folders are
looked at, and only files older than ``--min-age-hours`` (at least one hour, so an upload in
progress is never touched).
"""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from kozkincs.media.storage import MINIMUM_ORPHAN_AGE, orphaned_files, orphaned_files_remove


class Command(BaseCommand):
    help = "Delete stored photo and document files that no row names (older than a day)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List the files, delete nothing."
        )
        parser.add_argument(
            "--min-age-hours",
            type=float,
            default=24.0,
            help="Leave files younger than this alone (default 24, at least 1).",
        )

    def handle(self, *args, dry_run: bool, min_age_hours: float, **options):
        min_age = timedelta(hours=min_age_hours)
        if min_age < MINIMUM_ORPHAN_AGE:
            raise CommandError(
                _("--min-age-hours must be at least 1, so that uploads in progress are kept.")
            )
        report = (orphaned_files if dry_run else orphaned_files_remove)(min_age=min_age)
        line = _("Would delete: %(name)s") if dry_run else _("Deleted: %(name)s")
        for name in report.found:
            self.stdout.write(line % {"name": name})
        summary = (
            _("%(found)d orphaned files found; %(young)d newer files left alone.")
            if dry_run
            else _("%(found)d orphaned files deleted; %(young)d newer files left alone.")
        )
        self.stdout.write(summary % {"found": len(report.found), "young": report.young})
