"""A database locked beyond the timeout gives "busy, try again" (503), never a 500, and saves
nothing: tried with a real lock held by another process on a database of its own (a SQLite
file, or a throw-away PostgreSQL database when the suite runs on PostgreSQL), the portal in a
third process with ``KOZKINCS_DATABASE_TIMEOUT=1``."""

import json
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import OperationalError, connection

from kozkincs.core.database_busy import is_database_busy
from tests.processes import separate_installation

ROOT = Path(__file__).resolve().parents[2]
TEST_CATALOGS = ROOT / "tests" / "catalog" / "definitions"

SETUP = """
import json, django
django.setup()
from django.core.management import call_command
from django.contrib.auth import get_user_model
from django.test import Client
from kozkincs.catalog.services import record_create, record_publish

call_command("migrate", verbosity=0)
call_command("collectstatic", interactive=False, verbosity=0)
user = get_user_model().objects.create_superuser("kozkincs-busy", "", "x")
record = record_create(catalog="test-heritage", data={"name": "Kút", "values": {"kind": "spring"}})
record = record_publish(record=record)
client = Client()
client.force_login(user)
print(json.dumps({"record": record.pk, "session": client.cookies["sessionid"].value}))
"""

REQUESTS = """
import json, sys, django
django.setup()
from django.test import Client
from kozkincs.catalog.models import Record

given = json.loads(sys.argv[1])
client = Client(raise_request_exception=False)
client.cookies["sessionid"] = given["session"]
answers = {}
def keep(name, response):
    answers[name] = {
        "status": response.status_code,
        "retry_after": response.get("Retry-After"),
        "content_type": response.get("Content-Type"),
        "body": response.content.decode(),
    }
for name, path in given["get"].items():
    keep(name, client.get(path, HTTP_ACCEPT_LANGUAGE="en"))
if given["save"]:
    change = f"/admin/catalog/record/{given['record']}/change/"
    form = {"name": "Kút (átírva)", "version": "2", "value__kind": "spring",
            "sources-rows": "0", "privacy__contact__visibility": "staff"}
    keep("admin_save", client.post(change, form, HTTP_ACCEPT_LANGUAGE="hu"))
    answers["name_after"] = Record.objects.get(pk=given["record"]).name
print(json.dumps(answers))
"""

SQLITE_LOCKER = """
import sqlite3, sys
database, exclusive = sys.argv[1], sys.argv[2] == "exclusive"
con = sqlite3.connect(database, isolation_level=None, timeout=5)
if exclusive:  # nobody may even read: WAL without shared memory
    con.execute("PRAGMA locking_mode=EXCLUSIVE")
con.execute("BEGIN EXCLUSIVE" if exclusive else "BEGIN IMMEDIATE")
con.execute("UPDATE catalog_record SET name = name")
print("locked", flush=True)
sys.stdin.read()
con.rollback()
"""

POSTGRESQL_LOCKER = """
import psycopg, sys
url, exclusive = sys.argv[1], sys.argv[2] == "exclusive"
with psycopg.connect(url) as con:
    if exclusive:  # nobody may even read
        con.execute(
            "LOCK TABLE catalog_record, search_searchstate, api_recordrepresentation"
            " IN ACCESS EXCLUSIVE MODE"
        )
    else:  # reads go on, writes wait
        con.execute("LOCK TABLE catalog_record IN EXCLUSIVE MODE")
    print("locked", flush=True)
    sys.stdin.read()
    con.rollback()
"""


@pytest.fixture(scope="module")
def portal(tmp_path_factory) -> Iterator[dict]:
    """A migrated database with an administrator, a record and a session; its environment."""
    var_dir = tmp_path_factory.mktemp("busy") / "var"
    with separate_installation(var_dir, prefix="kozkincs_busy") as environment:
        environment.update(
            KOZKINCS_ALLOWED_HOSTS="testserver",
            KOZKINCS_CATALOG_DIRS=str(TEST_CATALOGS),
            KOZKINCS_DATABASE_TIMEOUT="1",
        )
        target = environment.get("DATABASE_URL") or str(var_dir / "kozkincs.sqlite3")
        setup = run_python(SETUP, environment)
        yield {"environment": environment, "target": target, **json.loads(setup)}


def run_python(code: str, environment: dict, *arguments: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), *arguments],
        env=environment, cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout.strip().splitlines()[-1]


def requests_while_locked(portal: dict, mode: str, *, get: dict, save: bool) -> dict:
    locker_code = POSTGRESQL_LOCKER if connection.vendor == "postgresql" else SQLITE_LOCKER
    locker = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(locker_code), portal["target"], mode],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert locker.stdout.readline().strip() == "locked"
        given = {"record": portal["record"], "session": portal["session"], "get": get}
        output = run_python(REQUESTS, portal["environment"], json.dumps({**given, "save": save}))
    finally:
        locker.stdin.close()
        locker.wait(timeout=30)
    return json.loads(output)


def test_a_save_while_another_process_writes_is_busy_and_saves_nothing(portal):
    answers = requests_while_locked(
        portal, "write", get={"page": "/en/", "api": "/api/v1/records"}, save=True
    )
    save = answers["admin_save"]
    assert save["status"] == 503 and save["retry_after"] == "10"
    assert "Foglalt, kérjük, próbálja újra" in save["body"]  # the admin's language: Hungarian
    assert "Semmi sem mentődött el" in save["body"]
    assert answers["name_after"] == "Kút"  # nothing was saved
    assert answers["page"]["status"] == 200 and answers["api"]["status"] == 200  # reads go on


def test_reads_of_a_database_locked_for_everyone_are_busy_not_errors(portal):
    answers = requests_while_locked(
        portal,
        "exclusive",
        get={
            "api_list": "/api/v1/records?lang=en",
            "api_record": f"/api/v1/records/{portal['record']}?lang=de",
            "page": "/en/",
        },
        save=False,
    )
    api_list, api_record, page = answers["api_list"], answers["api_record"], answers["page"]
    for answer in (api_list, api_record, page):
        assert answer["status"] == 503 and answer["retry_after"] == "10"
        assert "Traceback" not in answer["body"]
    assert api_list["content_type"].startswith("application/json")
    assert json.loads(api_list["body"]) == {
        "detail": "The database is busy with a long task. Please try again in a few seconds."
    }
    assert "Datenbank" in json.loads(api_record["body"])["detail"]
    assert page["content_type"].startswith("text/html")
    assert "Busy, please try again" in page["body"] and 'lang="en"' in page["body"]


def test_only_a_lock_counts_as_busy():
    assert is_database_busy(OperationalError("database is locked"))
    assert not is_database_busy(OperationalError("no such table: catalog_record"))
    assert not is_database_busy(ValueError("database is locked"))
