"""``kozkincs erase_person --email … --name … [--dry-run | --yes]``: erase a person's data."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from kozkincs.privacy.selectors import Person, personal_data_find
from kozkincs.privacy.services import person_erase


class Command(BaseCommand):
    help = (
        "Remove a person from the records (through the usual services: search index and "
        "history follow), anonymise their value nominations and accounts. Lists what it "
        "found; erases only with --yes."
    )

    def add_arguments(self, parser):
        parser.add_argument("--email", default="")
        parser.add_argument("--name", default="")
        parser.add_argument("--yes", action="store_true", help="erase what was found")

    def handle(self, *args, email: str, name: str, yes: bool, **options):
        try:
            person = Person(email=email, name=name)
        except ValueError as error:
            raise CommandError("Give --email or --name (or both).") from error
        findings = personal_data_find(person=person)
        if findings.empty:
            self.stdout.write("Nothing found for this person; nothing changed.")
            return
        for finding in findings.records:
            self.stdout.write(
                f"record {finding.record.pk} “{finding.record.name}”, field {finding.field_key}"
            )
        for nomination in findings.nominations:
            self.stdout.write(f"nomination {nomination.reference} “{nomination.value_name}”")
        for user in findings.users:
            self.stdout.write(f"account {user.pk} {user.get_username()}")
        if not yes:
            self.stdout.write("Nothing changed. Check the list, then run again with --yes.")
            return
        try:
            counts = person_erase(findings=findings)
        except ValidationError as error:
            raise CommandError(
                "Nothing was erased: a record refused the change ("
                + "; ".join(error.messages)
                + "). Edit that record by hand."
            ) from error
        self.stdout.write(
            "Erased: " + ", ".join(f"{count} {what}" for what, count in counts.items()) + "."
        )
