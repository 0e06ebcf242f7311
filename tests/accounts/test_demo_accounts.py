"""``kozkincs load_demo_accounts``: three accounts with confirmed e-mail addresses, their
random passwords only in var/demo-accounts.txt (0600)."""

import re
import stat
from pathlib import Path

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import RequestFactory

from kozkincs.accounts import permissions as p
from kozkincs.catalog.services import record_create
from tests.gazetteer.factories import SettlementFactory

pytestmark = pytest.mark.django_db


def test_demo_accounts_are_written_to_a_private_file(settings, tmp_path, capsys):
    settings.VAR_DIR = tmp_path
    bagod = SettlementFactory(ksh_code="30368", name="Bagod", slug="bagod")
    other = SettlementFactory(ksh_code="13514", name="Bak", slug="bak")
    in_bagod = record_create(
        catalog="civil-organisations",
        data={
            "name": "Bagodi egylet",
            "settlement": "30368",
            "values": {"legal_form": "association"},
        },
    )
    elsewhere = record_create(
        catalog="civil-organisations",
        data={
            "name": "Baki egylet",
            "settlement": "13514",
            "values": {"legal_form": "association"},
        },
    )
    call_command("load_demo_accounts")
    path = Path(tmp_path) / "demo-accounts.txt"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    text = path.read_text(encoding="utf-8")
    logins = dict(re.findall(r"e-mail:\s+(\S+)\n\s+password: (\S+)", text))
    assert len(logins) == 3
    assert not any(password in capsys.readouterr().out for password in logins.values())
    users = {}
    for email, password in logins.items():
        request = RequestFactory().post("/hu/fiok/login/")
        user = authenticate(request, email=email, password=password)
        assert user is not None and user.emailaddress_set.get().verified
        users[email.split("@")[0]] = user
    assert p.is_moderator(users["moderator"]) and p.requires_mfa(users["moderator"])
    librarian = users["konyvtaros.bagod"]
    assert p.can_edit_record(librarian, in_bagod) and not p.can_edit_record(librarian, elsewhere)
    assert not p.requires_mfa(librarian) and not p.requires_mfa(users["tag"])
    assert p.can_edit_record(users["tag"], elsewhere)  # the organisation outside Bagod
    assert other.pk and bagod.pk
    call_command("load_demo_accounts")  # a second run creates nothing
    assert path.read_text(encoding="utf-8") == text
