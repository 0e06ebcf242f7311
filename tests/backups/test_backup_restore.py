"""``kozkincs backup`` and ``kozkincs restore`` end to end, each in its own process, against a
real database (a file on the SQLite run, a database created on the server on the PostgreSQL
run) while other processes write."""

import json
import sqlite3
import time
from contextlib import closing
from pathlib import Path

import pytest

from tests.backups.conftest import ON_POSTGRESQL, assert_refused

WRITTEN_BEFORE_BACKUP = 15
SEEDED_RELATIONS = 8  # eight linked records and a draft pointing at the last of them


def _wait_for(progress: Path, at_least: int, writer, timeout: float = 120) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert writer.poll() is None, writer.stderr.read()
        written = int(progress.read_text()) if progress.exists() else 0
        if written >= at_least:
            return written
        time.sleep(0.05)
    raise AssertionError(f"the writer did not reach {at_least} records in {timeout} s")


def _manifest(backup: Path) -> dict:
    return json.loads((backup / "manifest.json").read_text(encoding="utf-8"))


@pytest.mark.skipif(ON_POSTGRESQL, reason="SQLite's write lock")
def test_a_backup_neither_waits_for_nor_fails_because_of_a_writer_holding_the_lock(
    installations, tmp_path
):
    source = installations()
    source.step("seed")
    with closing(sqlite3.connect(source.database, isolation_level=None)) as writer:
        writer.execute("BEGIN IMMEDIATE")  # a write transaction of the live portal
        # The system checks would have waited out the busy timeout here and then reported
        # every JSONField as unsupported (SQLite's JSON probe runs in a write transaction).
        assert source.kozkincs("check", KOZKINCS_DATABASE_TIMEOUT="1").returncode != 0
        backup = source.kozkincs("backup", tmp_path / "backup", KOZKINCS_DATABASE_TIMEOUT="1")
        writer.execute("ROLLBACK")
    assert backup.returncode == 0, backup.stderr
    assert _manifest(tmp_path / "backup")["counts"]["records"] > 0


def test_a_backup_taken_while_records_are_written_restores_the_state_its_manifest_describes(
    installations, tmp_path
):
    source = installations()
    source.step("seed")
    stop, progress = tmp_path / "stop", tmp_path / "progress"
    writer = source.writer(stop, progress)
    try:
        before = _wait_for(progress, WRITTEN_BEFORE_BACKUP, writer)
        backup = source.kozkincs("backup", tmp_path / "backup")
        assert backup.returncode == 0, backup.stderr
        during = _wait_for(progress, 0, writer)
        _wait_for(progress, during + 5, writer)
    finally:
        stop.touch()
        writer.wait(timeout=60)
    assert writer.returncode == 0, writer.stderr.read()
    assert during > before, "the writer made no progress while the backup ran"
    manifest = _manifest(tmp_path / "backup")
    assert manifest["counts"]["records"] < source.state()["counts"]["records"]
    # The index is written in each record's transaction, so the snapshot holds it complete.
    assert manifest["counts"]["indexed_records"] == manifest["counts"]["published_records"]

    target = installations()
    restore = target.kozkincs("restore", tmp_path / "backup")
    assert restore.returncode == 0, restore.stderr
    restored = target.state()

    expected = {key: manifest["counts"][key] for key in restored["counts"]}
    assert restored["counts"] == expected
    # A consistent snapshot: the written records are 1…k without a gap, each linked to the one
    # before it (a record and its relation are written in one transaction).
    names = restored["written"]["names"]
    written = len(names)
    assert written >= before
    assert names == [f"Írás {number:05d}" for number in range(1, written + 1)]
    assert restored["written"]["links"] == sorted(
        [names[number], names[number - 1]] for number in range(1, written)
    )
    assert expected["relations"] == SEEDED_RELATIONS + written - 1
    # Search agrees with the restored records, not with the index as it was in the snapshot.
    assert restored["search"]["all"] == manifest["counts"]["published_records"]
    assert restored["search"]["kapolna"] == manifest["counts"]["published_records"]
    assert restored["search"]["iras"] == restored["written"]["published"]
    assert restored["media"] == source.state()["media"]


def test_restore_into_a_migrated_empty_database_gives_back_records_search_and_files(
    seeded, pristine_backup, installations
):
    target = installations()
    assert target.kozkincs("migrate").returncode == 0
    restore = target.kozkincs("restore", pristine_backup)
    assert restore.returncode == 0, restore.stderr
    assert str(pristine_backup) in restore.stdout
    original, restored = seeded.state(), target.state()
    assert restored == original
    assert restored["media"] == {
        "documents/leiras.txt": original["media"]["documents/leiras.txt"],
        "photos/kapolna.jpg": original["media"]["photos/kapolna.jpg"],
    }
    assert restored["search"]["kapolna"] == 8


def test_every_file_and_directory_of_a_backup_is_private(pristine_backup):
    paths = [pristine_backup, *pristine_backup.rglob("*")]
    assert {path.relative_to(pristine_backup).as_posix() for path in paths} >= {
        ".",
        "manifest.json",
        _manifest(pristine_backup)["database"]["file"],
        "media/photos/kapolna.jpg",
    }
    for path in paths:
        expected = 0o700 if path.is_dir() else 0o600
        assert path.stat().st_mode & 0o777 == expected, path


def test_verify_backup_accepts_an_intact_backup(seeded, pristine_backup):
    result = seeded.kozkincs("verify_backup", pristine_backup)
    assert result.returncode == 0, result.stderr
    assert str(pristine_backup) in result.stdout


def test_a_backup_from_an_older_schema_is_migrated_on_restore(installations, tmp_path):
    source = installations()
    assert source.kozkincs("migrate", "gazetteer").returncode == 0
    assert "search_searchdocument" not in source.tables()
    assert source.kozkincs("backup", tmp_path / "old").returncode == 0
    assert "search" not in _manifest(tmp_path / "old")["migrations"]

    target = installations()
    restore = target.kozkincs("restore", tmp_path / "old")
    assert restore.returncode == 0, restore.stderr
    assert "search_searchdocument" in target.tables()
    assert target.state()["search"]["all"] == 0


# --- Refusals: a clear message, no traceback, nothing changed --------------------------------
def _damage_database(backup: Path) -> str:
    path = backup / _manifest(backup)["database"]["file"]
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    return str(path)


def _truncate_database(backup: Path) -> str:
    path = backup / _manifest(backup)["database"]["file"]
    path.write_bytes(path.read_bytes()[:-1000])
    return str(path)


def _damage_media(backup: Path) -> str:
    path = backup / "media" / "photos" / "kapolna.jpg"
    path.write_bytes(path.read_bytes().replace(b"JPEG", b"PNG!"))
    return str(path)


def _truncate_manifest(backup: Path) -> str:
    path = backup / "manifest.json"
    path.write_text(path.read_text(encoding="utf-8")[:200], encoding="utf-8")
    return str(path)


def _remove_media(backup: Path) -> str:
    path = backup / "media" / "documents" / "leiras.txt"
    path.unlink()
    return str(path)


def _add_file(backup: Path) -> str:
    path = backup / "media" / "photos" / "extra.jpg"
    path.write_bytes(b"not from the backup")
    return str(path)


DAMAGES = [
    _damage_database,
    _truncate_database,
    _damage_media,
    _truncate_manifest,
    _remove_media,
    _add_file,
]


@pytest.mark.parametrize("damage", DAMAGES, ids=lambda damage: damage.__name__.strip("_"))
def test_a_damaged_tampered_or_truncated_backup_is_refused_naming_the_file(
    installations, backup_copy, damage
):
    named = damage(backup_copy)
    target = installations()
    assert_refused(target.kozkincs("verify_backup", backup_copy), named)
    assert_refused(target.kozkincs("restore", backup_copy), named)
    assert target.tables() == []
    assert not target.media_root.exists()


def test_restore_into_a_database_with_records_is_refused_and_changes_nothing(
    seeded, pristine_backup
):
    before = seeded.state()
    result = seeded.kozkincs("restore", pristine_backup)
    assert_refused(result, seeded.database, "üres")  # in Hungarian, the default language
    assert seeded.state() == before


def test_restore_refuses_a_backup_of_another_kind_of_database(installations, backup_copy):
    """As if the backup came from the other kind of database: its file renamed to match."""
    manifest = _manifest(backup_copy)
    vendor, file = manifest["database"]["vendor"], manifest["database"]["file"]
    other, other_file = {
        "sqlite": ("postgresql", "database.pgdump"),
        "postgresql": ("sqlite", "database.sqlite3"),
    }[vendor]
    (backup_copy / file).rename(backup_copy / other_file)
    manifest["database"].update(vendor=other, file=other_file)
    for entry in manifest["files"]:
        if entry["path"] == file:
            entry["path"] = other_file
    (backup_copy / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    target = installations()
    assert_refused(target.kozkincs("restore", backup_copy), "SQLite", "PostgreSQL")
    assert target.tables() == []


def test_restore_refuses_a_backup_made_by_a_newer_version(installations, backup_copy):
    manifest = _manifest(backup_copy)
    manifest["migrations"]["catalog"].append("9999_from_the_future")
    (backup_copy / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    target = installations()
    assert_refused(target.kozkincs("restore", backup_copy), "catalog.9999_from_the_future")
    assert target.tables() == []


@pytest.mark.skipif(not ON_POSTGRESQL, reason="pg_dump serves the PostgreSQL run only")
def test_a_pg_dump_older_than_the_server_is_named_and_nothing_is_left_behind(seeded, tmp_path):
    programs = tmp_path / "bin"
    programs.mkdir()
    (programs / "pg_dump").write_text("#!/bin/sh\necho 'pg_dump (PostgreSQL) 9.6.24'\n")
    (programs / "pg_dump").chmod(0o755)
    result = seeded.kozkincs("backup", tmp_path / "backup", KOZKINCS_PG_BIN_DIR=str(programs))
    assert_refused(result, str(programs / "pg_dump"), "9")
    assert not (tmp_path / "backup").exists()
    missing = seeded.kozkincs("backup", tmp_path / "backup", KOZKINCS_PG_BIN_DIR=str(tmp_path))
    assert_refused(missing, "pg_dump", "KOZKINCS_PG_BIN_DIR")
    assert not (tmp_path / "backup").exists()


def test_restore_refuses_records_of_catalogs_this_installation_does_not_define(
    installations, pristine_backup
):
    assert _manifest(pristine_backup)["catalogs"] == {"backup-test": 9}
    target = installations()
    result = target.kozkincs("restore", pristine_backup, KOZKINCS_CATALOG_DIRS="")
    assert_refused(result, "backup-test", "KOZKINCS_CATALOG_DIRS")
    assert target.tables() == []
