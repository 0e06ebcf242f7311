"""SQLite: copy the live database with the online backup API, and copy a backup back.

Never a plain file copy: a file copied while another process writes (or with part of the data
still in the ``-wal`` file) can be inconsistent or miss committed transactions. The backup API
copies every page in one step under a single read transaction, so the copy is a consistent
snapshot; in WAL mode writers go on meanwhile.
"""

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from kozkincs.backups.contents import catalogs_read, counts_read, migrations_read
from kozkincs.backups.errors import BackupError
from kozkincs.backups.files import PRIVATE_FILE, private_file_create
from kozkincs.backups.manifest import DATABASE_FILES, Counts

BUSY_TIMEOUT = 20.0
DATABASE_FILE = DATABASE_FILES["sqlite"]


@dataclass(frozen=True)
class SqliteSnapshot:
    counts: Counts
    catalogs: dict[str, int]
    migrations: dict[str, list[str]]
    server_version: str


def _tables(connection: sqlite3.Connection) -> set[str]:
    rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    return {name for (name,) in rows}


def _read_only(path: Path) -> sqlite3.Connection:
    """Open a backup file without ever writing to it (no journal, no ``-wal`` beside it)."""
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)


def sqlite_dump(*, database: str, target: Path) -> SqliteSnapshot:
    """Copy the live database file ``database`` into the new file ``target`` (mode 0600)."""
    if not Path(database).is_file():
        raise BackupError(
            _("The database file %(path)s does not exist: there is nothing to back up.")
            % {"path": database}
        )
    private_file_create(target)
    source = sqlite3.connect(database, timeout=BUSY_TIMEOUT)
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)  # pages=-1: every page in one step, one consistent snapshot
        # A self-contained file: no -wal or -shm files beside the backup.
        copy.execute("PRAGMA journal_mode = DELETE")
        tables = _tables(copy)
        snapshot = SqliteSnapshot(
            counts=counts_read(copy.cursor(), tables),
            catalogs=catalogs_read(copy.cursor(), tables),
            migrations=migrations_read(copy.cursor(), tables),
            server_version=sqlite3.sqlite_version,
        )
        _integrity_check(copy, target)
    finally:
        copy.close()
        source.close()
    target.chmod(PRIVATE_FILE)
    return snapshot


def _integrity_check(connection: sqlite3.Connection, path: Path) -> None:
    try:
        result = [row[0] for row in connection.execute("PRAGMA quick_check")]
    except sqlite3.DatabaseError as error:
        result = [str(error)]
    if result != ["ok"]:
        raise BackupError(
            _("The SQLite database %(path)s is damaged (%(problem)s).")
            % {"path": path, "problem": "; ".join(result[:3])}
        )


def sqlite_check(*, source: Path) -> None:
    """The backup's database file opens and passes SQLite's quick check."""
    try:
        connection = _read_only(source)
    except sqlite3.Error as error:
        raise BackupError(
            _("The SQLite database %(path)s is damaged (%(problem)s).")
            % {"path": source, "problem": error}
        ) from error
    try:
        _integrity_check(connection, source)
    finally:
        connection.close()


def sqlite_database_exists(database: str) -> bool:
    return Path(database).is_file()


def sqlite_load(*, source: Path, database: str) -> None:
    """Copy the backup file ``source`` into the configured database file ``database`` (created
    with mode 0600 when it does not exist) with the backup API."""
    path = Path(database)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        private_file_create(path)
    backup = _read_only(source)
    target = sqlite3.connect(database, timeout=BUSY_TIMEOUT)
    try:
        backup.backup(target)
    finally:
        target.close()
        backup.close()
    for suffix in ("", "-wal", "-shm"):
        companion = Path(f"{database}{suffix}")
        if companion.exists():
            companion.chmod(PRIVATE_FILE)  # the restored personal data is private again
