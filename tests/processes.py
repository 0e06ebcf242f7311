"""Run Közkincs in separate processes against a database of their own, for tests of crashes,
locks and everything else that a test inside one wrapping transaction cannot show.

``separate_installation`` gives the environment of a fresh installation: its own ``var/``
directory with a SQLite file, or, when the tests run on PostgreSQL, a throw-away database on
the same server. ``run_django`` runs a piece of Python with Django set up in that environment.
"""

import os
import subprocess
import sys
import textwrap
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BIN = Path(sys.executable).parent


@contextmanager
def postgres_database(url: str, prefix: str = "kozkincs_test") -> Iterator[str]:
    """Create a throw-away database beside the one ``url`` names; yield its URL; drop it."""
    import psycopg

    parts = urlsplit(url)
    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def separate_installation(
    var_dir: Path,
    prefix: str = "kozkincs_test",
    settings: str = "kozkincs.config.settings",
    tasks: str = "immediate",
) -> Iterator[dict]:
    """Environment variables of an installation with its own var/ and database.

    ``settings="kozkincs.config.settings_test"`` serves static files without collecting them,
    for processes that render pages through Django's test client. ``tasks="immediate"`` runs
    background tasks inside the process that enqueues them; ``tasks="database"`` queues them
    for a ``kozkincs db_worker`` process, as ``make run`` does."""
    var_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("KOZKINCS_", "DJANGO_", "DATABASE_URL"))
    }
    environment.update(
        KOZKINCS_VAR_DIR=str(var_dir),
        KOZKINCS_SECRET_KEY="separate-installation-" + uuid.uuid4().hex,
        # As in the test settings: staff are logged in with sessions made in the database,
        # without a second factor (the requirement itself: tests/accounts).
        KOZKINCS_MFA_REQUIRED=os.environ.get("KOZKINCS_MFA_REQUIRED", "false"),
        DJANGO_SETTINGS_MODULE=settings,
        KOZKINCS_TASKS_BACKEND={
            "immediate": "django.tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.DatabaseBackend",
        }[tasks],
    )
    database_url = os.environ.get("DATABASE_URL", "")
    if database_url.startswith("postgres"):
        with postgres_database(database_url, prefix) as url:
            environment["DATABASE_URL"] = url
            yield environment
    else:
        yield environment


def run_kozkincs(environment: dict, *arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(BIN / "kozkincs"), *arguments],
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )


def run_django(environment: dict, code: str) -> subprocess.CompletedProcess:
    """Run ``code`` (dedented) in a new Python process with Django set up."""
    script = "import django\ndjango.setup()\n" + textwrap.dedent(code)
    return subprocess.run(
        [sys.executable, "-c", script],
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
