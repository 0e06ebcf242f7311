"""Where the files of photos and documents go in Django's storage, and how they leave it.

Names are random (``images/<32 hex>/original.jpg``, ``documents/<32 hex>.pdf``): nobody can
guess the name of a private document, whatever serves the storage. Everything goes through
``storages["default"]`` (a local directory by default, an S3-compatible store when configured).

Nothing is lost when something fails half-way: files are written *before* the row that names
them is committed, and removed only *after* the row's removal committed. Either way a failure
can leave a file no row names, never a row without its file; :func:`orphaned_files_remove`
(the ``remove_orphaned_media`` command) clears such files once they are old enough.
"""

import contextlib
import logging
import os
import secrets
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import Storage, storages
from django.db import transaction
from django.utils import timezone

logger = logging.getLogger(__name__)

IMAGE_FOLDER = "images"
DOCUMENT_FOLDER = "documents"
MANAGED_FOLDERS = (IMAGE_FOLDER, DOCUMENT_FOLDER)
MINIMUM_ORPHAN_AGE = timedelta(hours=1)
"""A file younger than this may belong to an upload whose row is not committed yet."""


def media_storage() -> Storage:
    return storages["default"]


def random_token() -> str:
    return secrets.token_hex(16)


def files_write(files: Iterable[tuple[str, bytes]]) -> list[str]:
    """Store each ``(name, content)``; the names actually used, in order.

    When one write fails, the files already written are removed again and the error raised.
    """
    storage = media_storage()
    written: list[str] = []
    try:
        for name, content in files:
            written.append(storage.save(name, ContentFile(content)))
    except BaseException:
        files_remove(written)
        raise
    return written


def _remove_empty_folder(storage: Storage, name: str) -> None:
    try:
        folder = os.path.dirname(storage.path(name))
    except NotImplementedError:  # object stores have no folders
        return
    with contextlib.suppress(OSError):  # not empty, or already gone
        os.rmdir(folder)


def files_remove(names: Iterable[str]) -> None:
    """Delete the files; a failure is logged, never raised (the orphan sweep retries)."""
    storage = media_storage()
    for name in names:
        try:
            storage.delete(name)
        except Exception:
            logger.warning("Could not delete %s; remove_orphaned_media will.", name, exc_info=True)
            continue
        if name.startswith(IMAGE_FOLDER + "/"):
            _remove_empty_folder(storage, name)


def files_remove_after_commit(names: list[str]) -> None:
    """Delete the files once the current transaction commits (never if it rolls back)."""
    transaction.on_commit(lambda: files_remove(names))


def _walk(storage: Storage, folder: str) -> Iterator[str]:
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        yield f"{folder}/{name}"
    for sub in folders:
        yield from _walk(storage, f"{folder}/{sub}")


@dataclass(frozen=True)
class OrphanReport:
    found: list[str]
    young: int
    """Files no row names that are too recent to remove."""


def orphaned_files(*, min_age: timedelta = timedelta(hours=24)) -> OrphanReport:
    """Files under the managed folders that no photo or document row names, and are older
    than ``min_age`` (at least :data:`MINIMUM_ORPHAN_AGE`)."""
    from kozkincs.media.models import RecordAttachment, RecordImage

    min_age = max(min_age, MINIMUM_ORPHAN_AGE)
    # Read the names first: a file written after this read is younger than min_age.
    known: set[str] = set()
    for name, renditions in RecordImage.objects.values_list("file", "renditions").iterator():
        known.add(name)
        known.update(item["name"] for item in renditions or [])
    known.update(RecordAttachment.objects.values_list("file", flat=True))
    storage = media_storage()
    cutoff = timezone.now() - min_age
    found, young = [], 0
    for folder in MANAGED_FOLDERS:
        for name in _walk(storage, folder):
            if name in known:
                continue
            if storage.get_modified_time(name) > cutoff:
                young += 1
            else:
                found.append(name)
    return OrphanReport(sorted(found), young)


def orphaned_files_remove(*, min_age: timedelta = timedelta(hours=24)) -> OrphanReport:
    report = orphaned_files(min_age=min_age)
    files_remove(report.found)
    return report
