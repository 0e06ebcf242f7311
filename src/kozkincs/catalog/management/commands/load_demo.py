"""``kozkincs load_demo``: load the sourced heritage items and the demo entries (idempotent)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from kozkincs.catalog.demo import DemoDataError, load_demo


class Command(BaseCommand):
    help = (
        "Create the 33 sourced heritage items and the demo entries of every built-in catalog "
        "through the catalog services. Needs the gazetteer (import_gazetteer). A second run "
        "creates nothing."
    )

    def handle(self, *args, **options):
        try:
            report = load_demo()
        except DemoDataError as error:
            raise CommandError(str(error)) from error
        for line in report.lines():
            self.stdout.write(line)
        if report.changed:
            self.stdout.write(self.style.SUCCESS(_("Demo data loaded.")))
