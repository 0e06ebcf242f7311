"""The public JSON of each published record, written when the record (or what it shows) changes.

``record_changed_listener`` and ``settlements_changed_listener`` are registered with the
catalog's and the gazetteer's change listeners (``ApiConfig.ready``), so they run inside the
transaction of every change: the stored JSON commits or rolls back with it. A record's JSON
shows the names and the public state of the records related to it (both directions) and the
names of its settlements, so a change re-renders the related records too, and a settlement
change every record located there or naming it in a settlement field.

A bulk write (``record_bulk_create``: imports, generated data) renders no bodies in its
transaction: it drops the stored JSON of the existing records it changes, and after the
commit background tasks (``api/tasks.py``) write every body. Meanwhile the readers render a
missing body live (:func:`record_json`), so a stored body is never older than its record
and a public record is never a 404.
"""

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import translation

from kozkincs.api.json_bodies import render_json
from kozkincs.api.models import RecordRepresentation
from kozkincs.api.representations import RecordAddresses, record_detail
from kozkincs.api.schemas import RecordDetailOut
from kozkincs.catalog.hooks import created_as_written, is_bulk_change
from kozkincs.catalog.models import Record
from kozkincs.catalog.selectors import (
    record_public_details,
    record_public_ids,
    record_related_ids,
    records_showing_settlements,
)
from kozkincs.core.i18n import CONTENT_LANGUAGES
from kozkincs.media.selectors import record_images

BATCH_SIZE = 200


def _batches(ids: list[int], size: int = BATCH_SIZE) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def body_etag(body: str) -> str:
    return hashlib.blake2b(body.encode(), digest_size=12).hexdigest()


def _bodies(records: list, language: str) -> list[tuple[int, str]]:
    """``(id, JSON)`` of ``records`` (as ``record_public_details`` loads them) in ``language``:
    one query for their photos, each URL pattern reversed once."""
    images = record_images([record.pk for record in records], language=language)
    with translation.override(language):
        addresses = RecordAddresses()
        return [
            (record.pk, render_json(RecordDetailOut, record_detail(
                record, language, images=images.get(record.pk, []), addresses=addresses
            )).decode())
            for record in records
        ]  # fmt: skip


def expected_representations(record_ids: Iterable[int]) -> list[RecordRepresentation]:
    """The rows the public records among ``record_ids`` should have now (none for the others)."""
    records = record_public_details(record_ids=record_ids)
    return [
        RecordRepresentation(record_id=pk, language=language, body=body, etag=body_etag(body))
        for language in CONTENT_LANGUAGES
        for pk, body in _bodies(records, language)
    ]


@transaction.atomic
def representations_write(*, record_ids: Iterable[int]) -> int:
    """Write the stored JSON of ``record_ids`` again (removed for records that are not public);
    returns how many rows were written."""
    ids = sorted({int(pk) for pk in record_ids})
    written = 0
    for batch in _batches(ids):
        rows = expected_representations(batch)
        RecordRepresentation.objects.filter(record_id__in=batch).delete()
        RecordRepresentation.objects.bulk_create(rows)
        written += len(rows)
    return written


TASK_SIZE = 1000
"""Records per background task after a bulk write."""


def representations_defer(*, record_ids: Iterable[int], new_ids: Iterable[int] = ()) -> None:
    """For a bulk write: drop the stored JSON of ``record_ids`` now (``new_ids``, records the
    write created, have none) and queue tasks that write it when the transaction commits."""
    ids = sorted({int(pk) for pk in record_ids})
    existing = sorted(set(ids) - {int(pk) for pk in new_ids})
    for batch in _batches(existing):
        RecordRepresentation.objects.filter(record_id__in=batch).delete()

    def enqueue() -> None:
        from kozkincs.api.tasks import representations_write_task

        for batch in _batches(ids, TASK_SIZE):
            representations_write_task.enqueue(record_ids=batch)

    transaction.on_commit(enqueue)


def representations_write_locked(*, record_ids: Iterable[int]) -> int:
    """:func:`representations_write` a batch at a time, each in a transaction of its own that
    first locks the batch's records: an edit of one of them waits for the batch, or the batch
    for the edit, so the body written is never older than its record (PostgreSQL; SQLite's
    write transactions are serialised anyway)."""
    ids = sorted({int(pk) for pk in record_ids})
    written = 0
    for batch in _batches(ids):
        with transaction.atomic():
            locked = Record.objects.select_for_update().filter(pk__in=batch).order_by("pk")
            list(locked.values_list("pk", flat=True))
            written += representations_write(record_ids=batch)
    return written


def _related(record_ids: list[int], action: str) -> set[int]:
    """The other records related to ``record_ids`` in either direction. Of records a bulk
    create has just written, from what it wrote: nothing can refer to them yet, and their own
    relations are in hand (the read cost 1 s of a 100,000-row import on PostgreSQL)."""
    created = created_as_written(record_ids, action)
    if created is None:
        return record_related_ids(record_ids=record_ids)
    targets = {target for item in created for ids in item.relations.values() for target in ids}
    return targets - set(record_ids)


def record_changed_listener(record_ids: list[int], action: str) -> None:
    """The records and every record related to them (either direction) show what changed."""
    shown = set(record_ids) | _related(record_ids, action)
    if is_bulk_change():
        representations_defer(record_ids=shown, new_ids=record_ids if action == "created" else ())
    else:
        representations_write(record_ids=shown)


def settlements_changed_listener(settlement_ids: list[int]) -> None:
    representations_write(record_ids=records_showing_settlements(settlement_ids=settlement_ids))


def stored_record_json(record_id: int, language: str) -> tuple[str, str] | None:
    """``(body, etag)`` of a public record in ``language``: one read by the unique index."""
    return (
        RecordRepresentation.objects.filter(record_id=record_id, language=language)
        .values_list("body", "etag")
        .first()
    )


def record_json(record_id: int, language: str) -> tuple[str, str] | None:
    """``(body, etag)`` of a public record in ``language`` (``None``: no such public record):
    the stored body, else (a bulk write's tasks have not written it yet) rendered now, as it
    will be stored."""
    found = stored_record_json(record_id, language)
    if found is not None:
        return found
    records = record_public_details(record_ids=[record_id])
    if not records:
        return None
    [(_pk, body)] = _bodies(records, language)
    return body, body_etag(body)


@dataclass
class RepresentationDifferences:
    missing: list[int] = field(default_factory=list)
    """Public records without stored JSON in every language."""
    not_public: list[int] = field(default_factory=list)
    """Stored JSON of records that are not public."""
    outdated: list[int] = field(default_factory=list)
    """Stored JSON that differs from what the record gives now."""

    @property
    def record_ids(self) -> list[int]:
        return sorted({*self.missing, *self.not_public, *self.outdated})


def representations_check(*, contents: bool = True) -> RepresentationDifferences:
    """Compare the stored JSON with the records (``contents``: render every one again)."""
    public = set(record_public_ids())
    stored: dict[int, set[str]] = {}
    for record_id, language in RecordRepresentation.objects.values_list("record_id", "language"):
        stored.setdefault(record_id, set()).add(language)
    complete = {pk for pk, languages in stored.items() if languages >= set(CONTENT_LANGUAGES)}
    differences = RepresentationDifferences(
        missing=sorted(public - complete), not_public=sorted(set(stored) - public)
    )
    if contents:
        for batch in _batches(sorted(public & complete)):
            expected = {(r.record_id, r.language): r.body for r in expected_representations(batch)}
            rows = RecordRepresentation.objects.filter(record_id__in=batch).values_list(
                "record_id", "language", "body"
            )
            actual = {(pk, language): body for pk, language, body in rows}
            differences.outdated.extend(
                sorted({pk for (pk, language), body in expected.items()
                        if actual.get((pk, language)) != body})
            )  # fmt: skip
    return differences
