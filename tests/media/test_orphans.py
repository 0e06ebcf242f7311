"""``remove_orphaned_media``: the safety net removes only old files that no row names."""

import os
import time
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from kozkincs.catalog.services import record_delete
from kozkincs.media.storage import media_storage

pytestmark = pytest.mark.django_db


def age(media_root, name: str, hours: float) -> None:
    path = media_root / name
    stamp = time.time() - hours * 3600
    os.utime(path, (stamp, stamp))


def run(*arguments: str) -> str:
    output = StringIO()
    call_command("remove_orphaned_media", *arguments, stdout=output)
    return output.getvalue()


def test_only_old_unnamed_files_in_the_apps_folders_are_removed(
    record, add_photo, add_document, media_root, django_capture_on_commit_callbacks
):
    kept = add_photo(record)
    document = add_document(record)
    orphan = add_photo(record)
    orphan_files = orphan.stored_names()
    with django_capture_on_commit_callbacks(execute=True):
        # The row goes; pretend the removal after commit failed by restoring the files.
        contents = {name: media_storage().open(name).read() for name in orphan_files}
        orphan.delete()
    for name, content in contents.items():
        (media_root / name).parent.mkdir(parents=True, exist_ok=True)
        (media_root / name).write_bytes(content)
    fresh = media_root / "images" / "f" / "new.webp"
    fresh.parent.mkdir(parents=True, exist_ok=True)
    fresh.write_bytes(b"upload in progress")
    foreign = media_root / "exports" / "old.csv"
    foreign.parent.mkdir(parents=True)
    foreign.write_text("not ours")
    for name in [*orphan_files, *kept.stored_names(), document.file.name, "exports/old.csv"]:
        age(media_root, name, 48)

    listed = run("--dry-run")
    assert all(f"Would delete: {name}" in listed for name in orphan_files)
    assert all((media_root / name).exists() for name in orphan_files)

    report = run()

    assert f"{len(orphan_files)} orphaned files deleted; 1 newer files left alone." in report
    assert not any((media_root / name).exists() for name in orphan_files)
    assert all((media_root / name).exists() for name in kept.stored_names())
    assert (media_root / document.file.name).exists()
    assert fresh.exists() and foreign.exists()


def test_files_left_by_a_deleted_record_are_swept(
    record, add_photo, media_root, django_capture_on_commit_callbacks
):
    image = add_photo(record)
    with django_capture_on_commit_callbacks(execute=True):
        record_delete(record=record)
    for name in image.stored_names():
        age(media_root, name, 30)

    run()

    assert not any((media_root / name).exists() for name in image.stored_names())


def test_a_minimum_age_under_an_hour_is_refused():
    with pytest.raises(CommandError, match="at least 1"):
        run("--min-age-hours", "0.1")
