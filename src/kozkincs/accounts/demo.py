"""Demo accounts for trying the roles out: a moderator, the librarian of Bagod (an editor of
the settlement Bagod) and a member of a demo civil organisation.

Their e-mail addresses are confirmed and their passwords random, written only to
``var/demo-accounts.txt`` (mode 0600, like the first administrator's file). The moderator
sets up two-factor authentication at the first login (the role requires it); the editor and
the member need none.
"""

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction

from kozkincs.accounts.models import Role
from kozkincs.accounts.services import role_grant_create
from kozkincs.catalog.models import Record
from kozkincs.gazetteer.models import Settlement

CREDENTIALS_FILE = "demo-accounts.txt"
BAGOD = "30368"
ORGANISATIONS = "civil-organisations"


@dataclass(frozen=True)
class DemoAccount:
    email: str
    description: str
    password: str


class DemoAccountsError(Exception):
    pass


def _account(email: str, first_name: str, last_name: str) -> tuple:
    password = secrets.token_urlsafe(15)
    user = get_user_model().objects.create_user(
        username=email.split("@")[0],
        email=email,
        password=password,
        first_name=first_name,
        last_name=last_name,
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user, password


@transaction.atomic
def demo_accounts_create(*, var_dir: Path) -> Path | None:
    """Create the three accounts (None when they exist already) and write their file."""
    if EmailAddress.objects.filter(email__endswith="@demo.kozkincs.example").exists():
        return None
    bagod = Settlement.objects.filter(ksh_code=BAGOD).first()
    organisation = (
        Record.objects.filter(catalog=ORGANISATIONS)
        .exclude(settlement=bagod)
        .order_by("id")
        .first()
        or Record.objects.filter(catalog=ORGANISATIONS).order_by("id").first()
    )
    if bagod is None or organisation is None:
        raise DemoAccountsError("Load the gazetteer and the demo data first (load_demo).")
    moderator, moderator_password = _account("moderator@demo.kozkincs.example", "Demó", "Moderátor")
    role_grant_create(user=moderator, role=Role.MODERATOR, granted_by=None)
    librarian, librarian_password = _account(
        "konyvtaros.bagod@demo.kozkincs.example", "Demó", "Könyvtáros"
    )
    role_grant_create(user=librarian, role=Role.EDITOR, settlements=[bagod], granted_by=None)
    member, member_password = _account("tag@demo.kozkincs.example", "Demó", "Egyesületi tag")
    role_grant_create(user=member, role=Role.MEMBER, record=organisation, granted_by=None)
    accounts = [
        DemoAccount(
            moderator.email,
            "moderator (sets up two-factor authentication first)",
            moderator_password,
        ),
        DemoAccount(
            librarian.email, "editor of the settlement Bagod (the librarian)", librarian_password
        ),
        DemoAccount(
            member.email, f"member of the organisation “{organisation.name}”", member_password
        ),
    ]
    return _write_credentials(var_dir / CREDENTIALS_FILE, accounts)


def _write_credentials(path: Path, accounts: list[DemoAccount]) -> Path:
    path.unlink(missing_ok=True)  # a leftover of an earlier database: never reuse its mode
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write("Közkincs: demo accounts (log in with the e-mail address)\n\n")
        for account in accounts:
            file.write(
                f"{account.description}\n  e-mail:   {account.email}\n"
                f"  password: {account.password}\n\n"
            )
        file.write("For trying the roles out only: delete these accounts before going live.\n")
    return path
