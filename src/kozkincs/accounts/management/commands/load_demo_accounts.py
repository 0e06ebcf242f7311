"""``kozkincs load_demo_accounts``: a moderator, the librarian of Bagod and an organisation
member, for trying the roles out (idempotent; passwords in var/demo-accounts.txt)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kozkincs.accounts.demo import DemoAccountsError, demo_accounts_create


class Command(BaseCommand):
    help = (
        "Create the demo accounts (a moderator, an editor of Bagod, an organisation member) "
        "with confirmed e-mail addresses and random passwords written to "
        "var/demo-accounts.txt (mode 0600). A second run creates nothing."
    )

    def handle(self, *args, **options):
        try:
            path = demo_accounts_create(var_dir=Path(settings.VAR_DIR))
        except DemoAccountsError as error:
            raise CommandError(str(error)) from error
        if path is None:
            self.stdout.write("Demo accounts exist already.")
        else:
            self.stdout.write(f"Demo accounts created; their logins are in {path} (mode 0600).")
