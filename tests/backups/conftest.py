"""Installations of their own for the backup tests: a var directory and a real database.

On the SQLite run each installation is a database file under its own ``KOZKINCS_VAR_DIR``; on
the PostgreSQL run (``DATABASE_URL=postgres://…``) it is a database created on that server for
the test and dropped afterwards. Every step runs in its own process (``kozkincs …`` or
``python -m tests.backups.installation …``), as an administrator would run it.
"""

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, closing
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.processes import separate_installation

ROOT = Path(__file__).resolve().parents[2]
DEFINITIONS = Path(__file__).resolve().parent / "definitions"
DATABASE_URL = os.environ.get("DATABASE_URL", "")
ON_POSTGRESQL = DATABASE_URL.startswith("postgres")
TIMEOUT = 300


@dataclass
class Installation:
    var_dir: Path
    environment: dict[str, str]
    database: str
    """The SQLite file or the PostgreSQL database name."""

    @property
    def media_root(self) -> Path:
        return self.var_dir / "media"

    def kozkincs(
        self, *arguments: str, prefix: tuple[str, ...] = (), **environment: str
    ) -> subprocess.CompletedProcess:
        """Run ``kozkincs ARGUMENTS`` (not checked: the tests look at the outcome)."""
        return subprocess.run(
            [*prefix, sys.executable, "-m", "kozkincs", *map(str, arguments)],
            env={**self.environment, **environment},
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )

    def step(self, *arguments: str) -> str:
        """Run ``python -m tests.backups.installation ARGUMENTS``; its output."""
        result = subprocess.run(
            [sys.executable, "-m", "tests.backups.installation", *map(str, arguments)],
            env=self.environment,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    def writer(self, stop: Path, progress: Path) -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, "-m", "tests.backups.installation", "write", stop, progress],
            env=self.environment,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )

    def state(self) -> dict:
        return json.loads(self.step("state"))

    def tables(self) -> list[str]:
        """The database's tables, read directly (faster than a process with Django)."""
        if not ON_POSTGRESQL:
            if not Path(self.database).exists():
                return []
            with closing(sqlite3.connect(self.database)) as connection:
                rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
                return sorted(name for (name,) in rows)
        import psycopg

        with psycopg.connect(self.environment["DATABASE_URL"]) as connection:
            rows = connection.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
            )
            return sorted(name for (name,) in rows)


@pytest.fixture(scope="module")
def installations(tmp_path_factory) -> Iterator[Callable[[], Installation]]:
    """``installations()`` makes a new installation with an empty database."""
    with ExitStack() as stack:

        def make() -> Installation:
            var_dir = tmp_path_factory.mktemp("installation")
            environment = stack.enter_context(
                separate_installation(var_dir, prefix="kozkincs_backups")
            )
            environment["KOZKINCS_CATALOG_DIRS"] = str(DEFINITIONS)
            if ON_POSTGRESQL:
                database = urlsplit(environment["DATABASE_URL"]).path.lstrip("/")
            else:
                database = str(var_dir / "kozkincs.sqlite3")
            return Installation(var_dir, environment, database)

        yield make


@pytest.fixture(scope="module")
def seeded(installations) -> Installation:
    """An installation with settlements, records, relations, a draft and uploaded files."""
    installation = installations()
    installation.step("seed")
    return installation


@pytest.fixture(scope="module")
def pristine_backup(seeded, tmp_path_factory) -> Path:
    """A backup of ``seeded``; tests change copies of it, never the backup itself."""
    destination = tmp_path_factory.mktemp("backups") / "pristine"
    result = seeded.kozkincs("backup", destination)
    assert result.returncode == 0, result.stderr
    return destination


@pytest.fixture
def backup_copy(pristine_backup, tmp_path) -> Path:
    copy = tmp_path / "copy"
    shutil.copytree(pristine_backup, copy)
    return copy


def assert_refused(result: subprocess.CompletedProcess, *fragments: str) -> None:
    """The command failed with a message (no traceback) that contains every fragment."""
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.stderr.startswith("CommandError: "), result.stderr
    for fragment in fragments:
        assert fragment in result.stderr, (fragment, result.stderr)
