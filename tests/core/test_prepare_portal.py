"""``prepare_portal`` creates the first administrator with a non-obvious or chosen name, and
hands over its password in a private file, never on the terminal or in a log."""

import io
import logging
import re
import stat
from pathlib import Path

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import RequestFactory

from tests.gazetteer.factories import SettlementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def var_dir(settings, tmp_path) -> Path:
    settings.VAR_DIR = tmp_path
    settings.STATIC_ROOT = tmp_path / "static"
    SettlementFactory()  # not a first start for the gazetteer: nothing to import
    return tmp_path


def prepare(caplog) -> str:
    output = io.StringIO()
    with caplog.at_level(logging.DEBUG):
        call_command("prepare_portal", "--no-demo", stdout=output, stderr=output)
    return output.getvalue()


def credentials(path: Path) -> dict[str, str]:
    text = path.read_text(encoding="utf-8")
    return dict(re.findall(r"^(user|password):\s+(\S+)$", text, re.M))


def test_the_first_administrator_gets_a_generated_name_and_a_private_password_file(var_dir, caplog):
    output = prepare(caplog)
    user = get_user_model().objects.get(is_superuser=True)
    assert re.fullmatch(r"kozkincs-[0-9a-f]{8}", user.username)
    path = var_dir / "first-administrator.txt"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    given = credentials(path)
    assert given["user"] == user.username
    request = RequestFactory().post("/admin/login/")
    assert authenticate(request, username=user.username, password=given["password"]) == user
    assert str(path) in output and "delete that file" in output
    assert given["password"] not in output + caplog.text
    assert user.username not in output  # the name is in the file only


def test_the_administrator_name_can_be_chosen(var_dir, settings, caplog):
    settings.KOZKINCS_ADMIN_USERNAME = "szerkeszto.anna"
    prepare(caplog)
    assert get_user_model().objects.get(is_superuser=True).username == "szerkeszto.anna"
    assert credentials(var_dir / "first-administrator.txt")["user"] == "szerkeszto.anna"


def test_an_invalid_chosen_name_is_refused_and_nothing_is_created(var_dir, settings, caplog):
    settings.KOZKINCS_ADMIN_USERNAME = "anna kovács!"
    with pytest.raises(CommandError, match="KOZKINCS_ADMIN_USERNAME"):
        prepare(caplog)
    assert not get_user_model().objects.exists()
    assert not (var_dir / "first-administrator.txt").exists()


def test_a_later_start_creates_nobody_and_shows_no_password(var_dir, caplog):
    prepare(caplog)
    first = (var_dir / "first-administrator.txt").read_text(encoding="utf-8")
    output = prepare(caplog)
    assert "Administrator exists" in output
    assert get_user_model().objects.count() == 1
    assert (var_dir / "first-administrator.txt").read_text(encoding="utf-8") == first
