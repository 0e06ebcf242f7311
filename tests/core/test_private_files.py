"""``var/`` and what the portal writes there are private to the user that runs it: a real
``kozkincs migrate`` on an empty var dir, in a subprocess started with a permissive umask."""

import os
import stat
import subprocess
import sys
import textwrap
import uuid
from pathlib import Path

import pytest

from kozkincs.core.private_files import private_var_dir

BIN = Path(sys.executable).parent

# Migrate, then write through an open connection so SQLite keeps its -wal and -shm files, and
# report the modes while they exist.
MIGRATE_AND_WRITE = """
import json, os, stat, django
django.setup()
from django.conf import settings
from django.core.management import call_command
from django.db import connection

call_command("migrate", verbosity=0)
with connection.cursor() as cursor:
    cursor.execute("UPDATE django_migrations SET app = app")
database = settings.DATABASES["default"]["NAME"]
paths = {"var": str(settings.VAR_DIR), "database": database, "wal": database + "-wal",
         "shm": database + "-shm", "secret_key": str(settings.VAR_DIR / "secret_key"),
         "written": str(settings.VAR_DIR / "export.csv")}
open(paths["written"], "w").close()  # any file the portal writes there (exports, backups)
print(json.dumps({name: oct(stat.S_IMODE(os.stat(path).st_mode)) for name, path in paths.items()}))
"""


def environment(var_dir: Path, **extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("KOZKINCS_", "DJANGO_", "DATABASE_URL"))
    }
    return {
        **env,
        "KOZKINCS_VAR_DIR": str(var_dir),
        "DJANGO_SETTINGS_MODULE": "kozkincs.config.settings",
        **extra,
    }


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_migrate_on_an_empty_var_dir_makes_everything_private(tmp_path):
    import json

    var_dir = tmp_path / "var"
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(MIGRATE_AND_WRITE)],
        env=environment(var_dir),
        capture_output=True,
        text=True,
        timeout=300,
        umask=0o022,  # what a shell or service manager usually hands over
    )
    assert done.returncode == 0, done.stderr[-3000:]
    modes = json.loads(done.stdout.strip().splitlines()[-1])
    assert modes == {
        "var": "0o700",
        "database": "0o600",
        "wal": "0o600",
        "shm": "0o600",
        "secret_key": "0o600",
        "written": "0o600",
    }


def test_the_kozkincs_command_keeps_an_existing_installation_private(tmp_path):
    """An installation made before this release: var/ 0755, the database 0644."""
    var_dir = tmp_path / "var"
    var_dir.mkdir(mode=0o755)
    os.chmod(var_dir, 0o755)
    for name in ("kozkincs.sqlite3", "kozkincs.sqlite3-wal", "secret_key"):
        (var_dir / name).touch()
        os.chmod(var_dir / name, 0o644)
    (var_dir / "secret_key").write_text(uuid.uuid4().hex)
    done = subprocess.run(
        [str(BIN / "kozkincs"), "migrate", "--verbosity", "0"],
        env=environment(var_dir),
        capture_output=True,
        text=True,
        timeout=300,
        umask=0o022,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert mode(var_dir) == 0o700
    assert mode(var_dir / "kozkincs.sqlite3") == 0o600
    assert mode(var_dir / "secret_key") == 0o600


def test_permissions_are_only_ever_taken_away(tmp_path):
    var_dir = tmp_path / "var"
    var_dir.mkdir(mode=0o500)  # stricter than needed: left alone
    database = tmp_path / "elsewhere" / "portal.sqlite3"
    previous = os.umask(0o022)
    try:
        private_var_dir(var_dir, sqlite_database=database, secret_key=var_dir / "secret_key")
        assert os.umask(0o022) == 0o077
    finally:
        os.umask(previous)
    assert mode(var_dir) == 0o500
    assert mode(database) == 0o600 and database.stat().st_size == 0
    assert mode(database.parent) == 0o700


@pytest.mark.parametrize("name", [":memory:", "file:memorydb?mode=memory"])
def test_no_file_is_made_for_an_in_memory_database(tmp_path, name):
    code = (
        "import kozkincs.config.settings as s, pathlib;"
        "print(sorted(p.name for p in pathlib.Path(s.VAR_DIR).iterdir()))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        env=environment(tmp_path / "var", DATABASE_URL=f"sqlite:///{name}"),
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == "['secret_key']"
