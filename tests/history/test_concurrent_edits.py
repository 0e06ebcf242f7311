"""Two editors save the same version of a record at the same moment, in separate processes on
a file database (or a throw-away PostgreSQL database): one wins, the other gets a conflict,
and the history holds exactly the winner's version. Nothing is lost, nothing is written twice."""

import json
import subprocess
import sys
import textwrap
import time

import pytest

from tests.processes import run_django, run_kozkincs, separate_installation

pytestmark = pytest.mark.django_db  # only for the PostgreSQL server's connection settings

SETUP = """
from kozkincs.catalog.services import record_create
record_create(
    catalog="civil-organisations",
    data={"name": "Bagodi Dalárda Egyesület", "values": {"legal_form": "association"}},
)
"""

EDIT = """
import django, json, os, sys, time
django.setup()
from kozkincs.catalog.models import Record
from kozkincs.catalog.services import RecordConflict, record_update

record = Record.objects.get(name="Bagodi Dalárda Egyesület")
while not os.path.exists(sys.argv[1]):  # both processes have loaded version 1
    time.sleep(0.005)
try:
    record_update(record=record, data={"summary": sys.argv[2]}, expected_version=1)
    print(json.dumps("saved"))
except RecordConflict as conflict:
    print(json.dumps(["conflict", conflict.current_version]))
"""

OBSERVE = """
import json
from kozkincs.catalog.models import Record
record = Record.objects.get(name="Bagodi Dalárda Egyesület")
versions = Record.history.filter(id=record.pk).order_by("history_date", "history_id")
print(json.dumps({"record": [record.version, record.summary],
                  "versions": [[v.version, v.summary] for v in versions]}))
"""


def test_two_editors_saving_at_once_lose_nothing_and_write_one_version(tmp_path):
    with separate_installation(
        tmp_path / "var", prefix="kozkincs_edits", settings="kozkincs.config.settings_test"
    ) as environment:
        assert run_kozkincs(environment, "migrate", "--verbosity", "0").returncode == 0
        assert run_django(environment, SETUP).returncode == 0
        go = tmp_path / "go"
        editors = [
            subprocess.Popen(
                [sys.executable, "-c", textwrap.dedent(EDIT), str(go), summary],
                env=environment,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for summary in ("Anna írta.", "Béla írta.")
        ]
        time.sleep(1.5)  # both have set Django up and loaded the record
        go.touch()
        outcomes = [json.loads(editor.communicate(timeout=120)[0]) for editor in editors]
        observed = run_django(environment, OBSERVE)
        assert observed.returncode == 0, observed.stderr
        state = json.loads(observed.stdout)

    assert sorted(map(str, outcomes)) == ["['conflict', 2]", "saved"]
    winner = ("Anna írta.", "Béla írta.")[outcomes.index("saved")]
    assert state["record"] == [2, winner]
    assert state["versions"] == [[1, ""], [2, winner]]
