"""Finding pg_dump and pg_restore: the newest one new enough, or a message saying what is
missing or too old (fake client programs stand in for the real ones)."""

from pathlib import Path

import pytest

from kozkincs.backups.errors import BackupError
from kozkincs.backups.postgresql import major_version, pg_client


def _fake_client(directory: Path, name: str, version_line: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    program = directory / name
    program.write_text(f"#!/bin/sh\necho '{version_line}'\n")
    program.chmod(0o755)
    return program


@pytest.mark.parametrize(
    ("line", "major"),
    [
        ("pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)", 15),
        ("pg_restore (PostgreSQL) 17.2", 17),
        ("pg_dump (PostgreSQL) 9.6.24", 9),
        ("pg_dump: command not found", None),
    ],
)
def test_major_version_is_read_from_the_version_line(line, major):
    assert major_version(line) == major


def test_a_client_in_the_configured_directory_is_used(settings, tmp_path):
    program = _fake_client(tmp_path, "pg_dump", "pg_dump (PostgreSQL) 16.4")
    settings.KOZKINCS_PG_BIN_DIR = str(tmp_path)
    client = pg_client("pg_dump", at_least=15)
    assert (client.path, client.major) == (program, 16)


def test_a_missing_client_is_named_with_the_package_to_install(settings, tmp_path):
    settings.KOZKINCS_PG_BIN_DIR = str(tmp_path)
    with pytest.raises(BackupError) as caught:
        pg_client("pg_dump", at_least=15)
    message = str(caught.value)
    assert "pg_dump" in message and "postgresql-client-15" in message
    assert "KOZKINCS_PG_BIN_DIR" in message


def test_a_client_older_than_the_server_is_refused_naming_both_versions(settings, tmp_path):
    program = _fake_client(tmp_path, "pg_dump", "pg_dump (PostgreSQL) 13.9")
    settings.KOZKINCS_PG_BIN_DIR = str(tmp_path)
    with pytest.raises(BackupError) as caught:
        pg_client("pg_dump", at_least=15)
    message = str(caught.value)
    assert str(program) in message and "13" in message and "postgresql-client-15" in message


def test_the_newest_usable_client_is_chosen_from_the_usual_places(settings, tmp_path, monkeypatch):
    old = _fake_client(tmp_path / "14" / "bin", "pg_restore", "pg_restore (PostgreSQL) 14.1")
    new = _fake_client(tmp_path / "16" / "bin", "pg_restore", "pg_restore (PostgreSQL) 16.3")
    settings.KOZKINCS_PG_BIN_DIR = ""
    monkeypatch.setattr("kozkincs.backups.postgresql.shutil.which", lambda name: str(old))
    monkeypatch.setattr(
        "kozkincs.backups.postgresql.CLIENT_DIRECTORIES", (str(tmp_path / "*" / "bin"),)
    )
    assert pg_client("pg_restore", at_least=15).path == new
    assert pg_client("pg_restore", at_least=14).path == new
    with pytest.raises(BackupError):
        pg_client("pg_restore", at_least=17)
