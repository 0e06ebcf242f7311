"""Two requests endorse the same idea for the same actor at the same moment, in separate
processes on a file database (or a throw-away PostgreSQL database): one endorsement is saved,
the other request gets the clear message, never an error page; the database holds one."""

import json
import subprocess
import sys
import textwrap
import time

import pytest

from tests.processes import run_django, run_kozkincs, separate_installation

pytestmark = pytest.mark.django_db  # only for the PostgreSQL server's connection settings

SETUP = """
from kozkincs.network.models import Actor
from kozkincs.projects.services import idea_create
lead = Actor.objects.create(kind="company", name="Vezető Kft.")
Actor.objects.create(kind="company", name="Támogató Kft.")
idea_create(lead=lead, title="Közös tábor")
"""

ENDORSE = """
import django, json, os, sys, time
django.setup()
from django.core.exceptions import ValidationError
from django.utils import translation
from kozkincs.network.models import Actor
from kozkincs.projects.models import ProjectIdea
from kozkincs.projects.services import endorsement_add

idea = ProjectIdea.objects.get(title="Közös tábor")
actor = Actor.objects.get(name="Támogató Kft.")
while not os.path.exists(sys.argv[1]):
    time.sleep(0.002)
try:
    with translation.override("hu"):
        endorsement_add(idea=idea, actor=actor, note=sys.argv[2])
    print(json.dumps("saved"))
except ValidationError as refused:
    with translation.override("hu"):
        print(json.dumps(["refused", refused.message_dict["actor"]]))
"""

OBSERVE = """
import json
from kozkincs.projects.models import Endorsement
print(json.dumps(list(Endorsement.objects.values_list("note", flat=True))))
"""


def test_two_parallel_endorsements_of_one_actor_save_one_and_explain_the_other(tmp_path):
    with separate_installation(
        tmp_path / "var", prefix="kozkincs_endorse", settings="kozkincs.config.settings_test"
    ) as environment:
        assert run_kozkincs(environment, "migrate", "--verbosity", "0").returncode == 0
        setup = run_django(environment, SETUP)
        assert setup.returncode == 0, setup.stderr
        go = tmp_path / "go"
        requests = [
            subprocess.Popen(
                [sys.executable, "-c", textwrap.dedent(ENDORSE), str(go), note],
                env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            )
            for note in ("első", "második")
        ]  # fmt: skip
        time.sleep(2)  # both have set Django up and read the idea
        go.touch()
        outcomes = []
        for request in requests:
            out, err = request.communicate(timeout=120)
            assert request.returncode == 0, err
            outcomes.append(json.loads(out))
        observed = run_django(environment, OBSERVE)
        assert observed.returncode == 0, observed.stderr
        notes = json.loads(observed.stdout)

    assert sorted(map(str, outcomes)) == [
        "['refused', ['Ez a szereplő már támogatja az ötletet.']]",
        "saved",
    ]
    winner = ("első", "második")[outcomes.index("saved")]
    assert notes == [winner]
