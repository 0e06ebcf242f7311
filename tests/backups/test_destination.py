"""Where a backup may go: a new directory (its parent exists) or an empty one, writable, never
inside the uploaded files; anything else is refused before the database is read."""

import os

import pytest
from django.core.management import CommandError, call_command

from tests.backups.conftest import assert_refused

# As root, permission bits do not stop writes: the command runs without the capabilities
# that override them, as an ordinary administrator account would.
WITHOUT_OVERRIDES = (
    (
        "setpriv",
        "--inh-caps=-dac_override,-dac_read_search",
        "--bounding-set=-dac_override,-dac_read_search",
    )
    if os.geteuid() == 0
    else ()
)


def test_an_existing_directory_that_is_not_empty_is_refused(tmp_path):
    destination = tmp_path / "backup"
    destination.mkdir()
    (destination / "notes.txt").write_text("keep me")
    with pytest.raises(CommandError, match="exists and is not empty") as caught:
        call_command("backup", str(destination))
    assert str(destination) in str(caught.value)
    assert [path.name for path in destination.iterdir()] == ["notes.txt"]
    assert (destination / "notes.txt").read_text() == "keep me"


def test_an_existing_file_is_refused(tmp_path):
    destination = tmp_path / "backup"
    destination.write_text("a file")
    with pytest.raises(CommandError, match="is not a directory"):
        call_command("backup", str(destination))
    assert destination.read_text() == "a file"


def test_a_dangling_symbolic_link_is_refused(tmp_path):
    destination = tmp_path / "backup"
    destination.symlink_to(tmp_path / "gone")
    with pytest.raises(CommandError, match="Could not create the directory"):
        call_command("backup", str(destination))
    assert destination.is_symlink() and not (tmp_path / "gone").exists()


def test_a_missing_parent_directory_is_refused_not_created(tmp_path):
    destination = tmp_path / "unmounted-disk" / "backup"
    with pytest.raises(CommandError, match="does not exist") as caught:
        call_command("backup", str(destination))
    assert str(tmp_path / "unmounted-disk") in str(caught.value)
    assert not (tmp_path / "unmounted-disk").exists()


def test_a_directory_inside_the_uploaded_files_is_refused(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    with pytest.raises(CommandError, match="inside the directory of uploaded files"):
        call_command("backup", str(settings.MEDIA_ROOT / "backup"))
    assert list(settings.MEDIA_ROOT.iterdir()) == []


def test_a_directory_that_is_not_writable_is_refused(seeded, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "empty").mkdir()
    locked.chmod(0o555)
    (locked / "empty").chmod(0o555)
    try:
        new = seeded.kozkincs("backup", locked / "new", prefix=WITHOUT_OVERRIDES)
        empty = seeded.kozkincs("backup", locked / "empty", prefix=WITHOUT_OVERRIDES)
    finally:
        locked.chmod(0o755)
    assert_refused(new, str(locked), "nem írható")  # in Hungarian, the default language
    assert_refused(empty, str(locked / "empty"))
    assert sorted(path.name for path in locked.iterdir()) == ["empty"]
    assert list((locked / "empty").iterdir()) == []


def test_a_failed_backup_leaves_nothing_behind(seeded, tmp_path):
    unreadable = seeded.media_root / "photos" / "unreadable.jpg"
    unreadable.write_bytes(b"no one may read this")
    unreadable.chmod(0o000)
    try:
        result = seeded.kozkincs("backup", tmp_path / "backup", prefix=WITHOUT_OVERRIDES)
    finally:
        unreadable.unlink()
    assert_refused(result, str(tmp_path / "backup"), "unreadable.jpg")
    assert not (tmp_path / "backup").exists()
