from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from kozkincs.search.index import BATCH_SIZE, rebuild_index


class Command(BaseCommand):
    help = "Rebuild the full-text search index from the published records."

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch-size", type=int, default=BATCH_SIZE, help="records per transaction"
        )

    def handle(self, *args, batch_size: int, **options):
        if batch_size < 1:
            raise CommandError(_("The batch size must be at least 1."))
        report = rebuild_index(batch_size=batch_size)
        self.stdout.write(
            _("Indexed %(records)d published records in %(seconds).1f s.")
            % {"records": report.records, "seconds": report.seconds}
        )
