"""Bring an installation to a servable state: what ``make run`` does before serving.

Migrates, collects static files, loads the gazetteer and the demo data on the first start
only (a later start leaves editors' changes alone), checks that the search index holds exactly
the public records (repairing it when not), and creates an administrator when there is none.
With the demo data come demo accounts (``load_demo_accounts``: a moderator, the librarian of
Bagod, an organisation member; their logins in ``var/demo-accounts.txt``, mode 0600).
The administrator is named by ``KOZKINCS_ADMIN_USERNAME`` or gets a generated, non-obvious
name; its generated password is written to a file readable only by the portal's user
(``var/first-administrator.txt``, mode 0600). Only the file's path is printed: the password
never reaches the terminal, a service log or a CI log.
"""

import os
import secrets
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

CREDENTIALS_FILE = "first-administrator.txt"


class Command(BaseCommand):
    help = "Migrate, collect static files, load the gazetteer and demo data on first start."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-demo", action="store_true", help="Do not load the demo data on first start."
        )

    def handle(self, *args, no_demo: bool = False, **options):
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("Database is up to date.")
        call_command("collectstatic", interactive=False, verbosity=0)
        settlement_model = apps.get_model("gazetteer", "Settlement")
        record_model = apps.get_model("catalog", "Record")
        if not settlement_model.objects.exists():
            self.stdout.write("First start: loading the gazetteer…")
            call_command("import_gazetteer", stdout=self.stdout)
        if not no_demo and not record_model.objects.exists():
            self.stdout.write("First start: loading the demo data…")
            call_command("load_demo", stdout=self.stdout)
            call_command("load_demo_accounts", stdout=self.stdout)
        # Records changed behind the services' back (a restore, loaddata) leave the search
        # index behind: compare which records are indexed and repair before serving.
        call_command("check_index", quick=True, repair=True, stdout=self.stdout)
        self._ensure_administrator()

    def _ensure_administrator(self) -> None:
        user_model = get_user_model()
        if user_model.objects.filter(is_superuser=True).exists():
            self.stdout.write(
                "Administrator exists. Forgot the password? "
                "Run: .venv/bin/kozkincs changepassword USERNAME"
            )
            return
        username = administrator_username()
        password = secrets.token_urlsafe(18)
        login_url = f"http://127.0.0.1:{os.environ.get('PORT', '8000')}/admin/"
        with transaction.atomic():
            user_model.objects.create_superuser(username, "", password)
            path = write_credentials(Path(settings.VAR_DIR), username, password, login_url)
        self.stdout.write(
            self.style.SUCCESS(
                "\nAn administrator was created. Its user name and password are in\n"
                f"  {path}\n"
                "(readable only by this user). Log in at "
                f"{login_url}, set a password of your own,\n"
                "then delete that file.\n"
            )
        )


def administrator_username() -> str:
    """``KOZKINCS_ADMIN_USERNAME`` when set and valid, else ``kozkincs-`` and 8 random hex."""
    username = settings.KOZKINCS_ADMIN_USERNAME.strip()
    if not username:
        return f"kozkincs-{secrets.token_hex(4)}"
    field = get_user_model()._meta.get_field(get_user_model().USERNAME_FIELD)
    try:
        field.run_validators(username)
    except ValidationError as error:
        raise CommandError(
            f"KOZKINCS_ADMIN_USERNAME={username!r} is not a valid user name: "
            + " ".join(error.messages)
        ) from None
    return username


def write_credentials(var_dir: Path, username: str, password: str, login_url: str) -> Path:
    """Write the first login to ``var_dir`` in a new file only its owner can read (0600)."""
    path = var_dir / CREDENTIALS_FILE
    path.unlink(missing_ok=True)  # a leftover of an earlier database: never reuse its mode
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(
            "Közkincs: the first administrator\n"
            f"user:     {username}\npassword: {password}\nlog in:   {login_url}\n\n"
            "Set a password of your own after logging in, then delete this file.\n"
        )
    return path
