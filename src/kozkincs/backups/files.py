"""Files of a backup: created private (directories 0700, files 0600), hashed while written.

The modes are set explicitly with ``chmod`` after creation, so a permissive umask cannot widen
them: a backup holds personal data, password hashes and sessions.
"""

import hashlib
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

PRIVATE_DIRECTORY = 0o700
PRIVATE_FILE = 0o600
CHUNK_SIZE = 1024 * 1024


@dataclass(frozen=True)
class FileDigest:
    size: int
    sha256: str


def private_directory_create(path: Path) -> None:
    """Create the directory ``path`` (its parent exists) readable by the owner only."""
    path.mkdir(mode=PRIVATE_DIRECTORY)
    os.chmod(path, PRIVATE_DIRECTORY)


def private_file_create(path: Path) -> None:
    """Create the empty file ``path`` (it must not exist) readable by the owner only."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, PRIVATE_FILE)
    try:
        os.fchmod(descriptor, PRIVATE_FILE)
    finally:
        os.close(descriptor)


def file_digest(path: Path) -> FileDigest:
    """Size and SHA-256 of the file at ``path``, read in chunks."""
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as source:
        while chunk := source.read(CHUNK_SIZE):
            digest.update(chunk)
            size += len(chunk)
    return FileDigest(size=size, sha256=digest.hexdigest())


def file_copy(source: Path, target: Path, *, mode: int = PRIVATE_FILE) -> FileDigest:
    """Copy ``source`` to the new file ``target`` (created with ``mode``, synced to disk) and
    return the digest of the bytes written, so the checksum describes exactly the copy."""
    digest = hashlib.sha256()
    size = 0
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW
    # The source first: a file deleted meanwhile leaves no empty copy behind.
    with open(source, "rb") as original, open(os.open(target, flags, mode), "wb") as copy:
        os.fchmod(copy.fileno(), mode)
        while chunk := original.read(CHUNK_SIZE):
            copy.write(chunk)
            digest.update(chunk)
            size += len(chunk)
        copy.flush()
        os.fsync(copy.fileno())
    return FileDigest(size=size, sha256=digest.hexdigest())


def file_sync(path: Path) -> None:
    """Flush a file or directory written by someone else (SQLite, pg_dump) to the disk."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def regular_files(root: Path) -> Iterator[PurePosixPath]:
    """Paths (relative, sorted) of the regular files below ``root``; symbolic links and special
    files are not followed, so nothing outside ``root`` is read."""
    for directory, subdirectories, names in os.walk(root):
        subdirectories.sort()
        base = Path(directory)
        for name in sorted(names):
            path = base / name
            if stat.S_ISREG(os.lstat(path).st_mode):
                yield PurePosixPath(path.relative_to(root).as_posix())


def directory_is_empty(path: Path) -> bool:
    with os.scandir(path) as entries:
        return next(entries, None) is None
