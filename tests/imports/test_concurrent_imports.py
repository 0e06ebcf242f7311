"""An import started twice at once (a double click, two terminals), in separate processes on a
file database (or a throw-away PostgreSQL database): one imports, the other is refused with a
message, and the records exist once."""

import json
import subprocess
import sys
import textwrap
import time

import pytest

from tests.processes import run_django, run_kozkincs, separate_installation

pytestmark = pytest.mark.django_db  # only for the PostgreSQL server's connection settings

SETUP = """
from pathlib import Path
from kozkincs.imports.services import import_batch_create, import_batch_preview
path = Path(PATH)
path.write_text("Név;Típus\\n" + "".join(f"Kápolna {n};Kápolna\\n" for n in range(300)),
                encoding="utf-8")
batch = import_batch_create(catalog="built-values", source=path, file_name=path.name)
import_batch_preview(batch=batch)
print(batch.pk)
"""

APPLY = """
import django, json, os, sys, time
django.setup()
from kozkincs.imports.models import ImportBatch
from kozkincs.imports.services import ImportRefused, import_batch_apply

batch = ImportBatch.objects.get(pk=int(sys.argv[2]))
while not os.path.exists(sys.argv[1]):
    time.sleep(0.005)
try:
    import_batch_apply(batch=batch)
    print(json.dumps("imported"))
except ImportRefused as refused:
    print(json.dumps(["refused", refused.messages[0]]))
"""

OBSERVE = """
import json
from kozkincs.catalog.models import Record
from kozkincs.imports.models import ImportBatch
print(json.dumps([Record.objects.filter(catalog="built-values").count(),
                  list(ImportBatch.objects.values_list("status", flat=True))]))
"""


def test_an_import_started_twice_at_once_imports_once(tmp_path):
    with separate_installation(
        tmp_path / "var", prefix="kozkincs_imports", settings="kozkincs.config.settings_test"
    ) as environment:
        assert run_kozkincs(environment, "migrate", "--verbosity", "0").returncode == 0
        setup = run_django(environment, SETUP.replace("PATH", repr(str(tmp_path / "a.csv"))))
        assert setup.returncode == 0, setup.stderr
        batch_id = setup.stdout.strip().splitlines()[-1]
        go = tmp_path / "go"
        workers = [
            subprocess.Popen(
                [sys.executable, "-c", textwrap.dedent(APPLY), str(go), batch_id],
                env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            )
            for _ in range(2)
        ]  # fmt: skip
        time.sleep(1.5)
        go.touch()
        outcomes = []
        for worker in workers:
            out, err = worker.communicate(timeout=240)
            assert worker.returncode == 0, err
            outcomes.append(json.loads(out.strip().splitlines()[-1]))
        observed = run_django(environment, OBSERVE)
        assert observed.returncode == 0, observed.stderr
        count, statuses = json.loads(observed.stdout)

    assert sorted(map(str, outcomes))[1] == "imported"
    refused = next(outcome for outcome in outcomes if outcome != "imported")
    assert refused[0] == "refused" and refused[1] == "Ez az import már fut vagy befejeződött."
    assert count == 300 and statuses == ["applied"]


KILLED = """
import django, os, sys, time
django.setup()
from pathlib import Path
from kozkincs.imports import services
from kozkincs.imports.models import ImportBatch

real_bulk_create = services.record_bulk_create_cleaned

def bulk_create_then_hang(**arguments):
    created = real_bulk_create(**arguments)  # written inside the import's transaction
    Path(sys.argv[1]).touch()
    time.sleep(120)  # killed here
    return created

services.record_bulk_create_cleaned = bulk_create_then_hang
services.import_batch_apply(batch=ImportBatch.objects.get(pk=int(sys.argv[2])))
"""

AFTER_THE_KILL = """
import json
from kozkincs.catalog.models import Record
from kozkincs.imports.models import ImportBatch
from kozkincs.imports.selectors import import_batch_interrupted
from kozkincs.imports.services import import_batch_apply, import_batch_recover

batch = ImportBatch.objects.get(pk=BATCH)
seen = [batch.status, import_batch_interrupted(batch),
        Record.objects.filter(catalog="built-values").count()]
released = import_batch_recover(batch=batch)
seen += [released, batch.status, batch.message]
import_batch_apply(batch=batch)
batch.refresh_from_db()
seen += [batch.status, Record.objects.filter(catalog="built-values").count()]
print(json.dumps(seen))
"""


def test_an_import_whose_process_was_killed_wrote_nothing_and_can_start_again(tmp_path):
    with separate_installation(
        tmp_path / "var", prefix="kozkincs_imports", settings="kozkincs.config.settings_test"
    ) as environment:
        assert run_kozkincs(environment, "migrate", "--verbosity", "0").returncode == 0
        setup = run_django(environment, SETUP.replace("PATH", repr(str(tmp_path / "a.csv"))))
        assert setup.returncode == 0, setup.stderr
        batch_id = setup.stdout.strip().splitlines()[-1]
        written = tmp_path / "written"
        importer = subprocess.Popen(
            [sys.executable, "-c", textwrap.dedent(KILLED), str(written), batch_id],
            env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        deadline = time.monotonic() + 120
        while not written.exists():
            assert importer.poll() is None, importer.communicate()[1]
            assert time.monotonic() < deadline, "the import never reached its writing"
            time.sleep(0.05)
        importer.kill()  # SIGKILL: no clean-up of any kind runs
        importer.wait(timeout=30)
        after = run_django(environment, AFTER_THE_KILL.replace("BATCH", batch_id))
        assert after.returncode == 0, after.stderr

    status, interrupted, count, released, status_after, message, final, final_count = json.loads(
        after.stdout.strip().splitlines()[-1]
    )
    assert (status, interrupted, count) == ("applying", True, 0)
    assert released and status_after == "previewed"
    assert message.startswith("Az importálás megszakadt")
    assert (final, final_count) == ("applied", 300)
