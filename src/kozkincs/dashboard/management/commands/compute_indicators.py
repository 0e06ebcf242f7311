"""``kozkincs compute_indicators``: write this year's values of the computed indicators of
the strategy (run it yearly, e.g. from cron on 31 December; ``--year`` recomputes a past
year from the network's snapshots)."""

from django.core.management.base import BaseCommand, CommandError

from kozkincs.dashboard.services import indicators_compute
from kozkincs.dashboard.tasks import indicators_compute_task
from kozkincs.strategy.models import FIRST_YEAR, LAST_YEAR


class Command(BaseCommand):
    help = "Compute the values of the strategy's computed indicators for a year."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="The year (default: this year).")
        parser.add_argument(
            "--enqueue", action="store_true", help="Leave the work to the background task."
        )

    def handle(self, *args, year=None, enqueue=False, **options):
        if year is not None and not FIRST_YEAR <= year <= LAST_YEAR:
            raise CommandError(f"The year must be between {FIRST_YEAR} and {LAST_YEAR}.")
        if enqueue:
            result = indicators_compute_task.enqueue(year)
            self.stdout.write(f"Enqueued ({result.id}).")
            return
        report = indicators_compute(year=year)
        self.stdout.write(
            f"Indicators for {report.year}: {len(report.written)} written, "
            f"{len(report.skipped)} without a value."
        )
        for name in report.unknown:
            self.stderr.write(f"Unknown computation: {name}")
