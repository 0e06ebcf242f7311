"""The manifest is read strictly: a backup that is incomplete, from a newer format, or whose
manifest points outside the backup is refused with a message naming the file."""

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kozkincs.backups.errors import BackupError
from kozkincs.backups.files import file_digest
from kozkincs.backups.manifest import (
    FORMAT,
    FORMAT_VERSION,
    Counts,
    DatabaseEntry,
    Manifest,
    backup_files_check,
    file_entry,
    manifest_read,
    manifest_write,
)


@pytest.fixture
def backup(tmp_path) -> Path:
    """A small backup written by hand: a database file, one media file, the manifest."""
    directory = tmp_path / "backup"
    (directory / "media").mkdir(parents=True)
    (directory / "database.sqlite3").write_bytes(b"database bytes")
    (directory / "media" / "photo.jpg").write_bytes(b"photo bytes")
    files = [
        file_entry(path, file_digest(directory / path))
        for path in ("database.sqlite3", "media/photo.jpg")
    ]
    manifest_write(
        directory,
        Manifest(
            format=FORMAT,
            format_version=FORMAT_VERSION,
            created=datetime(2026, 5, 1, 3, 0, tzinfo=UTC),
            kozkincs_version="0.1.0",
            database=DatabaseEntry(vendor="sqlite", file="database.sqlite3", server_version="3"),
            migrations={"catalog": ["0001_initial"]},
            counts=Counts(
                records=2, published_records=1, relations=0, settlements=1, indexed_records=1
            ),
            catalogs={"test-heritage": 2},
            files=files,
        ),
    )
    return directory


def _rewrite(backup: Path, change) -> None:
    path = backup / "manifest.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")


def test_a_written_manifest_reads_back_and_its_files_check(backup):
    manifest = manifest_read(backup)
    backup_files_check(backup, manifest)
    assert [entry.path for entry in manifest.media_files] == ["media/photo.jpg"]
    assert manifest.size == len(b"database bytes") + len(b"photo bytes")


def test_a_backup_without_a_manifest_is_incomplete(backup):
    (backup / "manifest.json").unlink()
    with pytest.raises(BackupError, match="incomplete") as caught:
        manifest_read(backup)
    assert str(backup / "manifest.json") in str(caught.value)


def test_a_source_that_is_not_a_directory_is_named(tmp_path):
    with pytest.raises(BackupError, match="is not a directory"):
        manifest_read(tmp_path / "nowhere")


@pytest.mark.parametrize(
    "path", ["../../etc/passwd", "/etc/passwd", "media/../../outside", "media//x", "./x", ""]
)
def test_a_file_path_leading_outside_the_backup_is_refused(backup, path):
    _rewrite(backup, lambda data: data["files"].append({**data["files"][1], "path": path}))
    with pytest.raises(BackupError, match="not a valid backup manifest") as caught:
        manifest_read(backup)
    assert "files.2.path" in str(caught.value)


def test_a_creation_time_without_time_zone_is_refused(backup):
    _rewrite(backup, lambda data: data.update(created="2026-05-01T03:00:00"))
    with pytest.raises(BackupError, match="created"):
        manifest_read(backup)


def test_a_newer_format_version_asks_for_a_newer_kozkincs(backup):
    _rewrite(backup, lambda data: data.update(format_version=FORMAT_VERSION + 1))
    with pytest.raises(BackupError, match="newer Közkincs"):
        manifest_read(backup)


def test_an_unknown_key_is_refused(backup):
    _rewrite(backup, lambda data: data["counts"].update(photos=3))
    with pytest.raises(BackupError, match=r"counts\.photos"):
        manifest_read(backup)


def test_the_database_file_must_be_the_one_of_its_vendor(backup):
    _rewrite(backup, lambda data: data["database"].update(file="media/photo.jpg"))
    with pytest.raises(BackupError, match=r"keeps its database in database\.sqlite3"):
        manifest_read(backup)


def test_a_file_listed_twice_is_refused(backup):
    _rewrite(backup, lambda data: data["files"].append(data["files"][1]))
    with pytest.raises(BackupError, match="twice"):
        backup_files_check(backup, manifest_read(backup))


def test_a_manifest_without_the_database_file_is_refused(backup):
    _rewrite(backup, lambda data: data["files"].pop(0))
    (backup / "database.sqlite3").unlink()
    with pytest.raises(BackupError, match="does not list the database file"):
        backup_files_check(backup, manifest_read(backup))
