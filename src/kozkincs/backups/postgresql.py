"""PostgreSQL: ``pg_dump -Fc`` inside an exported snapshot, and ``pg_restore`` back.

The counts for the manifest are read in a repeatable-read transaction whose snapshot
``pg_dump --snapshot`` then uses, so they describe exactly the data in the dump while other
processes keep writing. The client programs are looked up on ``PATH``, in the per-version
directories of Debian/Ubuntu and RHEL packages, or only in ``KOZKINCS_PG_BIN_DIR`` when it is
set; the newest one new enough for the server is used.
"""

import glob
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
from django.conf import settings
from django.utils.translation import gettext as _
from psycopg.conninfo import make_conninfo

from kozkincs.backups.contents import catalogs_read, counts_read, migrations_read
from kozkincs.backups.errors import BackupError
from kozkincs.backups.files import PRIVATE_FILE, private_file_create
from kozkincs.backups.manifest import DATABASE_FILES, Counts

DATABASE_FILE = DATABASE_FILES["postgresql"]
CLIENT_DIRECTORIES = ("/usr/lib/postgresql/*/bin", "/usr/pgsql-*/bin")
LIBPQ_OPTIONS = {
    "sslmode", "sslrootcert", "sslcert", "sslkey", "sslpassword", "connect_timeout",
    "application_name", "options", "target_session_attrs", "service", "passfile",
    "sslcrl", "gssencmode", "channel_binding",
}  # fmt: skip
"""Keys of ``DATABASES["default"]["OPTIONS"]`` that are libpq connection parameters (the
others, such as ``pool`` or ``isolation_level``, concern Django only)."""
VERSION_PATTERN = re.compile(r"\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?")
ERROR_LINES = 5


@dataclass(frozen=True)
class PgClient:
    path: Path
    major: int
    version: str


@dataclass(frozen=True)
class PostgresqlSnapshot:
    counts: Counts
    catalogs: dict[str, int]
    migrations: dict[str, list[str]]
    server_version: str
    client_version: str


def major_version(text: str) -> int | None:
    """15 from ``pg_dump (PostgreSQL) 15.20 (Debian …)``, 9 from ``… 9.6.24``."""
    found = VERSION_PATTERN.search(text)
    return int(found.group(1)) if found else None


def _candidates(name: str) -> list[Path]:
    if settings.KOZKINCS_PG_BIN_DIR:
        return [Path(settings.KOZKINCS_PG_BIN_DIR) / name]
    found = [shutil.which(name)]
    for pattern in CLIENT_DIRECTORIES:
        found.extend(sorted(glob.glob(f"{pattern}/{name}")))
    return [Path(path) for path in dict.fromkeys(found) if path]


def pg_client(name: str, *, at_least: int) -> PgClient:
    """The newest ``name`` program (pg_dump, pg_restore) whose major version is ``at_least``
    or newer; ``BackupError`` saying what was found otherwise."""
    found: list[PgClient] = []
    for path in _candidates(name):
        if not (path.is_file() and os.access(path, os.X_OK)):
            continue
        try:
            output = subprocess.run(
                [str(path), "--version"], capture_output=True, text=True, timeout=30, check=False
            ).stdout
        except OSError:
            continue
        major = major_version(output)
        if major is not None:
            found.append(PgClient(path=path, major=major, version=output.strip()))
    usable = [client for client in found if client.major >= at_least]
    if usable:
        return max(usable, key=lambda client: client.major)
    if not found:
        raise BackupError(
            _(
                "The PostgreSQL client program %(program)s was not found. Install the "
                "PostgreSQL client of version %(version)s or newer (on Debian and Ubuntu: "
                "apt install postgresql-client-%(version)s), or set KOZKINCS_PG_BIN_DIR to "
                "the directory that holds it."
            )
            % {"program": name, "version": at_least}
        )
    newest = max(found, key=lambda client: client.major)
    raise BackupError(
        _(
            "%(path)s is version %(found)s, older than the version %(version)s it must work "
            "with. Install the PostgreSQL client of version %(version)s or newer (on Debian "
            "and Ubuntu: apt install postgresql-client-%(version)s), or set "
            "KOZKINCS_PG_BIN_DIR to the directory that holds it."
        )
        % {"path": newest.path, "found": newest.major, "version": at_least}
    )


def _parameters(settings_dict: dict[str, Any]) -> dict[str, Any]:
    """libpq connection parameters of a Django database, without the password."""
    options = settings_dict.get("OPTIONS") or {}
    parameters = {
        "dbname": settings_dict.get("NAME") or None,
        "host": settings_dict.get("HOST") or None,
        "port": str(settings_dict.get("PORT") or "") or None,
        "user": settings_dict.get("USER") or None,
        **{key: value for key, value in options.items() if key in LIBPQ_OPTIONS},
    }
    return {key: value for key, value in parameters.items() if value is not None}


def _environment(settings_dict: dict[str, Any]) -> dict[str, str]:
    """The client's environment: the password travels here, never on the command line."""
    environment = dict(os.environ)
    if settings_dict.get("PASSWORD"):
        environment["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    return environment


def _connect(settings_dict: dict[str, Any]) -> psycopg.Connection:
    password = settings_dict.get("PASSWORD") or None
    extra = {"password": password} if password else {}
    try:
        return psycopg.connect(**_parameters(settings_dict), **extra)
    except psycopg.Error as error:
        raise BackupError(
            _("Could not connect to the PostgreSQL database %(name)s: %(problem)s")
            % {"name": settings_dict.get("NAME"), "problem": str(error).strip()}
        ) from error


def _run(command: list[str], settings_dict: dict[str, Any], program: str) -> None:
    result = subprocess.run(
        command,
        env=_environment(settings_dict),
        capture_output=True,
        text=True,
        umask=0o077,
        check=False,
    )
    if result.returncode != 0:
        lines = [line for line in result.stderr.strip().splitlines() if line.strip()]
        raise BackupError(
            _("%(program)s failed: %(problem)s")
            % {"program": program, "problem": "\n".join(lines[-ERROR_LINES:])}
        )


def postgresql_dump(*, settings_dict: dict[str, Any], target: Path) -> PostgresqlSnapshot:
    """Dump the database into the new file ``target`` (mode 0600) with ``pg_dump -Fc``."""
    try:
        with _connect(settings_dict) as connection:
            snapshot = _dump_in_snapshot(connection, settings_dict, target)
    except psycopg.Error as error:
        raise BackupError(
            _("Could not read the PostgreSQL database %(name)s: %(problem)s")
            % {"name": settings_dict.get("NAME"), "problem": str(error).strip()}
        ) from error
    target.chmod(PRIVATE_FILE)
    return snapshot


def _dump_in_snapshot(
    connection: psycopg.Connection, settings_dict: dict[str, Any], target: Path
) -> PostgresqlSnapshot:
    connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
    snapshot_id = connection.execute("SELECT pg_export_snapshot()").fetchone()[0]
    client = pg_client("pg_dump", at_least=connection.info.server_version // 10000)
    rows = connection.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
    tables = {name for (name,) in rows}
    counts = counts_read(connection.cursor(), tables)
    catalogs = catalogs_read(connection.cursor(), tables)
    migrations = migrations_read(connection.cursor(), tables)
    server_version = connection.execute("SHOW server_version").fetchone()[0]
    private_file_create(target)
    # pg_dump reads through the snapshot exported above, so the counts describe the dump.
    _run(
        [
            str(client.path),
            "--format=custom",
            f"--snapshot={snapshot_id}",
            f"--file={target}",
            f"--dbname={make_conninfo(**_parameters(settings_dict))}",
        ],
        settings_dict,
        "pg_dump",
    )
    connection.rollback()
    return PostgresqlSnapshot(
        counts=counts,
        catalogs=catalogs,
        migrations=migrations,
        server_version=server_version,
        client_version=client.version,
    )


def restore_client(*, dump_client_version: str) -> PgClient:
    """The ``pg_restore`` that can read a dump made by ``dump_client_version``."""
    return pg_client("pg_restore", at_least=major_version(dump_client_version) or 0)


def postgresql_load(*, settings_dict: dict[str, Any], source: Path, client: PgClient) -> None:
    """Restore ``source`` into the configured database in one transaction: either everything
    is restored or nothing changes. Tables that exist already (an empty, migrated database)
    are dropped and created again from the dump."""
    _run(
        [
            str(client.path),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={make_conninfo(**_parameters(settings_dict))}",
            str(source),
        ],
        settings_dict,
        "pg_restore",
    )
