"""A process killed in the middle of a record change, or right after it commits, leaves the
search index in agreement with the records: withdrawn consent is not findable, an unpublished
record is nowhere public. Separate processes on a file database (or a throw-away PostgreSQL
database), because a test inside one wrapping transaction cannot die half-way."""

import json

import pytest

from tests.processes import run_django, run_kozkincs, separate_installation

pytestmark = pytest.mark.django_db  # only for the PostgreSQL server's connection settings

SETUP = """
from django.core.management import call_command
from kozkincs.catalog.services import record_create
call_command("import_gazetteer", verbosity=0)
record_create(
    catalog="civil-organisations",
    status="published",
    data={
        "name": "Bagodi Dalárda Egyesület",
        "settlement": "33093",
        "values": {
            "legal_form": "association",
            "contact_person": {"name": "Vadrózsa Ilona", "role": "titkár"},
        },
        "privacy": {"contact_person": {"consent": True, "visibility": "public"}},
    },
)
record_create(
    catalog="built-values",
    status="published",
    data={
        "name": "Bagodi vízimalom",
        "settlement": "33093",
        "summary": "Őrlőmalom.",
        "lat": 46.89,
        "lon": 16.75,
        "values": {"kind": "mill"},
    },
)
"""

CHANGE = """
import os, signal
from django.db import transaction
from kozkincs.catalog.models import Record
from kozkincs.catalog.services import record_unpublish, record_update

choir = Record.objects.get(name="Bagodi Dalárda Egyesület")
mill = Record.objects.get(name="Bagodi vízimalom")
{prepare}
with transaction.atomic():
    # The first thing to run after the commit, before any other after-commit work.
    transaction.on_commit(lambda: os.kill(os.getpid(), signal.SIGKILL))
    record_update(
        record=choir,
        data={{"privacy": {{"contact_person": {{"consent": False, "visibility": "staff"}}}}}},
    )
    record_unpublish(record=mill)
"""

KILL_WHILE_INDEXING = """
import kozkincs.search.index as index
def die(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)
index.fulltext_write = die
"""

OBSERVE = """
import json
from django.test import Client
from kozkincs.catalog.models import Record
from kozkincs.search.consistency import index_check

client = Client()
def ids(response):
    return sorted(item["id"] for item in response.json()["items"])
mill = Record.objects.get(name="Bagodi vízimalom")
print(json.dumps({
    "mill_status": mill.status,
    "choir_consent": Record.objects.get(name="Bagodi Dalárda Egyesület")
        .privacy["contact_person"]["consent"],
    "person_found": ids(client.get("/api/v1/records", {"q": "Vadrózsa"})),
    "mill_found": ids(client.get("/api/v1/records", {"q": "vízimalom"})),
    "mill_on_map": [f["id"] for f in client.get("/api/v1/records.geojson").json()["features"]
                    if f["id"] == mill.id],
    "mill_in_list": "Bagodi vízimalom" in client.get("/hu/built-values/").content.decode(),
    "mill_suggested": "vízimalom" in client.get(
        "/hu/kereses/javaslatok/", {"q": "vizimal"}).content.decode(),
    "person_in_search_page": "Bagodi Dalárda" in client.get(
        "/hu/kereses/", {"q": "Vadrózsa"}).content.decode(),
    "index_agrees": index_check().agrees,
}))
"""


@pytest.fixture
def installation(tmp_path):
    with separate_installation(
        tmp_path / "var", prefix="kozkincs_crash", settings="kozkincs.config.settings_test"
    ) as environment:
        environment["KOZKINCS_ALLOWED_HOSTS"] = "testserver"
        migrated = run_kozkincs(environment, "migrate", "--verbosity", "0")
        assert migrated.returncode == 0, migrated.stderr
        prepared = run_django(environment, SETUP)
        assert prepared.returncode == 0, prepared.stderr
        yield environment


def observe(environment) -> dict:
    observed = run_django(environment, OBSERVE)
    assert observed.returncode == 0, observed.stderr
    return json.loads(observed.stdout.strip().splitlines()[-1])


def test_before_the_change_the_person_and_the_mill_are_public(installation):
    state = observe(installation)
    assert state["person_found"] and state["mill_found"] and state["mill_on_map"]
    assert state["mill_in_list"] and state["mill_suggested"] and state["person_in_search_page"]
    assert state["index_agrees"]


def test_a_process_killed_right_after_the_commit_leaves_the_index_agreeing(installation):
    killed = run_django(installation, CHANGE.format(prepare=""))
    assert killed.returncode == -9  # died right after the commit

    state = observe(installation)

    assert (state["mill_status"], state["choir_consent"]) == ("draft", False)
    assert state["person_found"] == [] and not state["person_in_search_page"]
    assert state["mill_found"] == [] and state["mill_on_map"] == []
    assert not state["mill_in_list"] and not state["mill_suggested"]
    assert state["index_agrees"]


def test_a_process_killed_while_indexing_leaves_nothing_changed(installation):
    killed = run_django(installation, CHANGE.format(prepare=KILL_WHILE_INDEXING))
    assert killed.returncode == -9  # died inside the transaction

    state = observe(installation)

    assert (state["mill_status"], state["choir_consent"]) == ("published", True)
    assert state["person_found"] and state["mill_found"] and state["mill_on_map"]
    assert state["index_agrees"]
