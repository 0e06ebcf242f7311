"""The public JSON of each published record, written when the record (or what it shows) changes.

``record_changed_listener`` and ``settlements_changed_listener`` are registered with the
catalog's and the gazetteer's change listeners (``ApiConfig.ready``), so they run inside the
transaction of every change: the stored JSON commits or rolls back with it. A record's JSON
shows the names and the public state of the records related to it (both directions) and the
names of its settlements, so a change re-renders the related records too, and a settlement
change every record located there or naming it in a settlement field.
"""

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import translation

from kozkincs.api.json_bodies import render_json
from kozkincs.api.models import RecordRepresentation
from kozkincs.api.representations import record_detail
from kozkincs.api.schemas import RecordDetailOut
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


def expected_representations(record_ids: Iterable[int]) -> list[RecordRepresentation]:
    """The rows the public records among ``record_ids`` should have now (none for the others)."""
    records = record_public_details(record_ids=record_ids)
    ids = [record.pk for record in records]
    rows = []
    for language in CONTENT_LANGUAGES:
        images = record_images(ids, language=language)
        with translation.override(language):
            for record in records:
                data = record_detail(record, language, images=images.get(record.pk, []))
                body = render_json(RecordDetailOut, data).decode()
                rows.append(
                    RecordRepresentation(
                        record_id=record.pk, language=language, body=body, etag=body_etag(body)
                    )
                )
    return rows


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


def record_changed_listener(record_ids: list[int], action: str) -> None:
    """The records and every record related to them (either direction) show what changed."""
    representations_write(record_ids=set(record_ids) | record_related_ids(record_ids=record_ids))


def settlements_changed_listener(settlement_ids: list[int]) -> None:
    representations_write(record_ids=records_showing_settlements(settlement_ids=settlement_ids))


def stored_record_json(record_id: int, language: str) -> tuple[str, str] | None:
    """``(body, etag)`` of a public record in ``language``: one read by the unique index."""
    return (
        RecordRepresentation.objects.filter(record_id=record_id, language=language)
        .values_list("body", "etag")
        .first()
    )


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
