"""Whether a long piece of work (an import, a preview) is still running somewhere.

The process doing the work holds a lock that the operating system or the database frees when
the process ends, however it ends: finished, crashed, killed, or its server switched off. Any
other process can ask whether the lock is held, so work that was interrupted is recognised at
once and never blocks its user forever.

- PostgreSQL: a session-level advisory lock on the worker's database connection
  (``pg_advisory_lock``); the server frees it when the connection ends.
- SQLite: an exclusive ``flock`` on a file under ``var/locks/``; the kernel frees it when the
  process ends. (With a file database the web server and the worker share one machine.)
"""

import fcntl
import hashlib
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connection


def _advisory_key(name: str) -> int:
    digest = hashlib.blake2b(name.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def _lock_path(name: str) -> Path:
    directory = Path(settings.VAR_DIR) / "locks"
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    return directory / (re.sub(r"[^A-Za-z0-9_.-]", "_", name) + ".lock")


class AlreadyRunning(Exception):
    """Another process holds the lock: the same work is running there."""


@contextmanager
def running(name: str) -> Iterator[None]:
    """Hold the lock called ``name`` while the block runs; ``AlreadyRunning`` when another
    process holds it (never waits)."""
    if connection.vendor == "postgresql":
        key = _advisory_key(name)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
            (taken,) = cursor.fetchone()
        if not taken:
            raise AlreadyRunning(name)
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
        return
    descriptor = os.open(_lock_path(name), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise AlreadyRunning(name) from None
        yield
    finally:
        os.close(descriptor)  # closing frees the lock


def is_running(name: str) -> bool:
    """Whether some process holds the lock called ``name`` now."""
    if connection.vendor == "postgresql":
        # A bigint advisory key shows in pg_locks as classid (high half) and objid (low half).
        key = _advisory_key(name) & 0xFFFFFFFFFFFFFFFF
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted"
                " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
                " AND classid = %s AND objid = %s AND objsubid = 1)",
                [key >> 32, key & 0xFFFFFFFF],
            )
            (held,) = cursor.fetchone()
        return held
    path = _lock_path(name)
    if not path.exists():
        return False
    descriptor = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(descriptor)
    return False
