"""Bring an installation to a servable state: what ``make run`` does before serving.

Migrates, collects static files, loads the gazetteer and the demo data on the first start
only (a later start leaves editors' changes alone), checks that the search index holds exactly
the public records (repairing it when not), and creates an administrator with a
generated password shown once when there is none.
"""

import os
import secrets

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

ADMIN_USERNAME = "admin"


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
        # Records changed behind the services' back (a restore, loaddata) leave the search
        # index behind: compare which records are indexed and repair before serving.
        call_command("check_index", quick=True, repair=True, stdout=self.stdout)
        self._ensure_administrator()

    def _ensure_administrator(self) -> None:
        user_model = get_user_model()
        if user_model.objects.filter(is_superuser=True).exists():
            self.stdout.write(
                "Administrator exists. Forgot the password? "
                f"Run: .venv/bin/kozkincs changepassword {ADMIN_USERNAME}"
            )
            return
        password = secrets.token_urlsafe(12)
        with transaction.atomic():
            user_model.objects.create_superuser(ADMIN_USERNAME, "", password)
        self.stdout.write(
            self.style.SUCCESS(
                "\nAn administrator was created; this password is shown only now:\n"
                f"  user:     {ADMIN_USERNAME}\n  password: {password}\n"
                f"  log in at http://127.0.0.1:{os.environ.get('PORT', '8000')}/admin/\n"
            )
        )
