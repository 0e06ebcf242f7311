"""``kozkincs export_personal_data DEST.zip --email … --name …``: a person's data, as a ZIP."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kozkincs.privacy.selectors import Person, personal_data_find
from kozkincs.privacy.services import ExportExists, personal_data_export


class Command(BaseCommand):
    help = (
        "Write everything the portal holds about a person (record fields, value nominations "
        "with their files, accounts) into a new ZIP file, for a request under the GDPR."
    )

    def add_arguments(self, parser):
        parser.add_argument("destination", type=Path, metavar="DEST.zip")
        parser.add_argument("--email", default="")
        parser.add_argument("--name", default="")

    def handle(self, *args, destination: Path, email: str, name: str, **options):
        try:
            person = Person(email=email, name=name)
        except ValueError as error:
            raise CommandError("Give --email or --name (or both).") from error
        findings = personal_data_find(person=person)
        try:
            personal_data_export(findings=findings, destination=destination)
        except (ExportExists, OSError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"{len(findings.records)} record fields, {len(findings.nominations)} nominations, "
            f"{len(findings.users)} accounts written to {destination} (mode 0600)."
        )
