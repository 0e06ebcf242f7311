"""Keep the portal's files private to the user that runs it.

``var/`` holds the SQLite database (personal data, password hashes, sessions), the secret key,
backups, uploads and exports: nobody else on the machine may read them. Two measures, both
taken when the settings are loaded (every entry point does that first):

* the process umask becomes ``077``: every file the portal creates from then on (the database,
  SQLite's ``-wal``/``-shm``/``-journal`` files, backups, exports, uploads) is ``0600`` and every
  directory ``0700``, whatever the umask of the shell or service manager that started it;
* ``var/`` and an existing SQLite database with its WAL, shared-memory and journal files and
  the secret key file are tightened to ``0700``/``0600`` (installations made before this kept
  ``0755``/``0644``). The database file is created empty (a valid SQLite database) with mode
  ``0600`` when missing: SQLite gives its WAL and shared-memory files the database's mode.
"""

import logging
import os
from pathlib import Path

PRIVATE_UMASK = 0o077
DIRECTORY_MODE = 0o700
FILE_MODE = 0o600
SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")

logger = logging.getLogger(__name__)


def _tighten(path: Path, mode: int) -> None:
    """Remove from ``path`` every permission bit outside ``mode`` (never add one)."""
    try:
        current = path.stat().st_mode & 0o777
        if current & ~mode:
            os.chmod(path, current & mode)
    except FileNotFoundError:
        return
    except OSError as error:  # e.g. owned by another user: say so, do not stop the portal
        logger.warning("Could not make %s private (%s).", path, error)


def _create_private_file(path: Path) -> None:
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
    except FileExistsError:
        return
    except OSError as error:  # SQLite will report it when it opens the database
        logger.warning("Could not create %s (%s).", path, error)


def private_var_dir(var_dir: Path, *, sqlite_database: Path | None, secret_key: Path) -> None:
    """Set the private umask; create or tighten ``var_dir``, the database and the key file."""
    os.umask(PRIVATE_UMASK)
    var_dir.mkdir(mode=DIRECTORY_MODE, parents=True, exist_ok=True)
    _tighten(var_dir, DIRECTORY_MODE)
    _tighten(secret_key, FILE_MODE)
    if sqlite_database is None:
        return
    sqlite_database.parent.mkdir(mode=DIRECTORY_MODE, parents=True, exist_ok=True)
    _create_private_file(sqlite_database)
    for path in (sqlite_database, *(Path(f"{sqlite_database}{s}") for s in SQLITE_COMPANIONS)):
        _tighten(path, FILE_MODE)
