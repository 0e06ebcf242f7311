"""The roundtable benchmark at a tiny size: one command generates the dataset once and prints
every measurement of each run, then the medians of the runs, with the load average. On
PostgreSQL it runs in a throw-away database of its own on the test server."""

import os
import subprocess
import sys
from contextlib import nullcontext

import pytest
from benchmarks.roundtable import medians, parse
from django.db import connection

from tests.processes import postgres_database

ROWS = (
    "recompute every year's figures (full)",
    "network page, first view (table)",
    "a tie confirmed (the task enqueued)",
    "the task: recompute the changed years",
    "partner finder, anonymous",
    "partner finder, a member",
    "dashboard, all priorities",
    "meetings, list",
    "meetings, open decisions",
    "ideas, list",
    "ideas, an idea's page",
    "settlement profile with its ideas",
)


def test_the_medians_are_taken_row_by_row_over_the_runs():
    runs = [
        {"network": [("page", 10.0, 4.0)], "finder": [("finder", 1.0, 2.0, 9.0)], "pages": []},
        {"network": [("page", 30.0, 6.0)], "finder": [("finder", 3.0, 4.0, 5.0)], "pages": []},
        {"network": [("page", 20.0, 8.0)], "finder": [("finder", 2.0, 3.0, 7.0)], "pages": []},
    ]
    assert medians(runs) == {
        "network": [("page", 20.0, 6.0)], "finder": [("finder", 2.0, 3.0, 7.0)], "pages": [],
    }  # fmt: skip


def test_the_issues_scale_is_the_default():
    arguments = parse(["--database-url", "sqlite:////tmp/bench/bench.sqlite3"])
    assert (arguments.actors, arguments.ties, arguments.ideas, arguments.meetings) == (
        10000, 50000, 2000, 500,
    )  # fmt: skip


def test_one_command_measures_the_whole_roundtable_at_a_tiny_size(tmp_path):
    environment = {
        key: value for key, value in os.environ.items()
        if not key.startswith(("KOZKINCS_", "DJANGO_", "DATABASE_URL", "BENCH_"))
    }  # fmt: skip
    environment["KOZKINCS_VAR_DIR"] = str(tmp_path / "var")
    database_url = os.environ.get("DATABASE_URL", "")
    on_postgres = connection.vendor == "postgresql"
    with postgres_database(database_url, "kozkincs_bench") if on_postgres else nullcontext(
        f"sqlite:///{tmp_path / 'bench' / 'bench.sqlite3'}"
    ) as url:  # fmt: skip
        done = subprocess.run(
            [sys.executable, "-m", "benchmarks.roundtable", "--database-url", url,
             "--actors", "40", "--ties", "80", "--ideas", "15", "--meetings", "12",
             "--records", "20", "--runs", "2", "--repeat", "1", "--finder-requests", "3",
             "--requests", "2"],
            env=environment, capture_output=True, text=True, timeout=600,
        )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    out = done.stdout
    assert "15 ideas, 12 meetings" in out
    assert out.count("load average") == 2
    assert "medians of 2 runs" in out
    labels = [line[:45].rstrip() for line in out.splitlines()]
    medians_part = labels[labels.index("medians of 2 runs") :]
    for row in ROWS:
        assert labels.count(row) == 3, row  # in each run and in the medians
        assert row in medians_part


def test_the_portals_database_is_refused(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.roundtable", "--runs", "1",
         "--database-url", f"sqlite:///{tmp_path / 'portal.sqlite3'}"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode != 0
    assert "bench" in done.stderr
    assert not (tmp_path / "portal.sqlite3").exists()


@pytest.mark.parametrize("argument", [["--runs", "0"], ["--actors", "5"]])
def test_too_few_runs_or_actors_are_refused(argument):
    with pytest.raises(SystemExit):
        parse([*argument, "--database-url", "sqlite:////tmp/bench/bench.sqlite3"])
