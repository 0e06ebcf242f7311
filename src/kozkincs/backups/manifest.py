"""The manifest of a backup (``manifest.json``) and the check of every file it lists.

The manifest says what the backup holds: its format version, when and by which Közkincs it was
made, the database vendor, the applied migrations per app (the schema version), how many
records, relations and settlements the database held at that moment, and the size and SHA-256
of every file. It is written last, so a backup without one is incomplete.
"""

import json
from pathlib import Path, PurePosixPath
from typing import Literal

from django.utils.translation import gettext as _
from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from kozkincs.backups.errors import BackupError
from kozkincs.backups.files import (
    PRIVATE_FILE,
    FileDigest,
    file_digest,
    private_file_create,
    regular_files,
)

MANIFEST_NAME = "manifest.json"
FORMAT = "kozkincs-backup"
FORMAT_VERSION = 1
"""Raise it when a backup written by this code could not be read by an older version."""
MEDIA_DIRECTORY = "media"

Vendor = Literal["sqlite", "postgresql"]
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
"""The name of the database file in a backup, by database vendor."""


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FileEntry(Strict):
    path: str
    """Relative to the backup directory, with ``/`` separators."""
    size: int = Field(ge=0)
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")

    @field_validator("path")
    @classmethod
    def _stays_inside(cls, value: str) -> str:
        # A restore writes media files to these paths: none may leave the backup directory.
        path = PurePosixPath(value)
        if (
            not value
            or path.is_absolute()
            or any(part in {"", ".", ".."} for part in value.split("/"))
            or value == MANIFEST_NAME
        ):
            raise ValueError(f"not a file path inside the backup: {value!r}")
        return value


def file_entry(path: str, digest: FileDigest) -> FileEntry:
    return FileEntry(path=path, size=digest.size, sha256=digest.sha256)


class DatabaseEntry(Strict):
    vendor: Vendor
    file: str
    server_version: str
    """SQLite library version, or the PostgreSQL server version."""
    client_version: str = ""
    """``pg_dump --version`` (PostgreSQL only): pg_restore must be at least this major version."""

    @model_validator(mode="after")
    def _file_of_its_vendor(self) -> "DatabaseEntry":
        if self.file != DATABASE_FILES[self.vendor]:
            raise ValueError(
                f"a {self.vendor} backup keeps its database in {DATABASE_FILES[self.vendor]}"
            )
        return self


class Counts(Strict):
    records: int = Field(ge=0)
    published_records: int = Field(ge=0)
    relations: int = Field(ge=0)
    settlements: int = Field(ge=0)
    indexed_records: int = Field(ge=0)
    """Search documents in the backup; the restore brings the index into agreement anyway."""


class Manifest(Strict):
    format: Literal["kozkincs-backup"]
    format_version: int = Field(ge=1)
    created: AwareDatetime
    kozkincs_version: str
    database: DatabaseEntry
    migrations: dict[str, list[str]]
    """Applied migrations per app: the schema version of the database in the backup."""
    counts: Counts
    catalogs: dict[str, int]
    """Records per catalog: a restore needs each catalog's definition."""
    files: list[FileEntry]

    @property
    def media_files(self) -> list[FileEntry]:
        prefix = MEDIA_DIRECTORY + "/"
        return [entry for entry in self.files if entry.path.startswith(prefix)]

    @property
    def size(self) -> int:
        return sum(entry.size for entry in self.files)


def manifest_write(directory: Path, manifest: Manifest) -> None:
    path = directory / MANIFEST_NAME
    private_file_create(path)
    text = json.dumps(manifest.model_dump(mode="json"), indent=2, ensure_ascii=False)
    path.write_text(text + "\n", encoding="utf-8")
    path.chmod(PRIVATE_FILE)


def manifest_read(directory: Path) -> Manifest:
    """The manifest of the backup in ``directory``; ``BackupError`` naming the file when it is
    missing, unreadable or not a manifest this version understands."""
    path = directory / MANIFEST_NAME
    if not directory.is_dir():
        raise BackupError(_("%(path)s is not a directory.") % {"path": directory})
    if not path.is_file():
        raise BackupError(
            _("%(path)s is missing: this is not a Közkincs backup, or the backup is incomplete.")
            % {"path": path}
        )
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BackupError(
            _("%(path)s is damaged or truncated (%(problem)s).") % {"path": path, "problem": error}
        ) from error
    found = data.get("format_version") if isinstance(data, dict) else None
    if isinstance(found, int) and found > FORMAT_VERSION and data.get("format") == FORMAT:
        raise BackupError(
            _(
                "%(path)s has format version %(found)s; this version of Közkincs reads "
                "format version %(supported)s. Restore it with a newer Közkincs."
            )
            % {"path": path, "found": found, "supported": FORMAT_VERSION}
        )
    try:
        manifest = Manifest.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "/"
        raise BackupError(
            _("%(path)s is not a valid backup manifest (%(where)s: %(problem)s).")
            % {"path": path, "where": where, "problem": first["msg"]}
        ) from error
    return manifest


def backup_files_check(directory: Path, manifest: Manifest) -> None:
    """Every listed file is there with its size and checksum, and nothing else is; otherwise
    ``BackupError`` naming the first file that differs."""
    listed = [entry.path for entry in manifest.files]
    if len(set(listed)) != len(listed):
        duplicate = next(path for path in listed if listed.count(path) > 1)
        raise BackupError(
            _("The manifest lists %(path)s twice: the backup is damaged.")
            % {"path": directory / duplicate}
        )
    if manifest.database.file not in listed:
        raise BackupError(
            _("The manifest does not list the database file %(path)s: the backup is damaged.")
            % {"path": directory / manifest.database.file}
        )
    for entry in manifest.files:
        _entry_check(directory, entry)
    extra = sorted(
        str(path) for path in regular_files(directory) if str(path) not in {*listed, MANIFEST_NAME}
    )
    if extra:
        raise BackupError(
            _(
                "%(path)s is not listed in the manifest: the backup was changed after it was "
                "made. Remove the file if you added it yourself."
            )
            % {"path": directory / extra[0]}
        )


def _entry_check(directory: Path, entry: FileEntry) -> None:
    path = directory / entry.path
    if path.is_symlink() or not path.is_file():
        raise BackupError(_("%(path)s is missing from the backup.") % {"path": path})
    actual = file_digest(path)
    if actual.size != entry.size:
        raise BackupError(
            _(
                "%(path)s has %(actual)s bytes, the manifest says %(expected)s: the file is "
                "truncated or damaged."
            )
            % {"path": path, "actual": actual.size, "expected": entry.size}
        )
    if actual.sha256 != entry.sha256:
        raise BackupError(
            _(
                "The checksum of %(path)s does not match the manifest: the file was changed "
                "or damaged after the backup was made."
            )
            % {"path": path}
        )
