"""Keep the search index equal to the published records.

``index_records`` is the one writer: for each id it indexes the record if it is public and
removes it otherwise, then bumps the data version in the same transaction. The catalog calls it
through the record-change hook (registered in ``SearchConfig.ready``) after every committed
change; ``rebuild_index`` runs it over everything in batches.
"""

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.models import F

from kozkincs.search.fulltext import FulltextRow, fulltext_clear, fulltext_delete, fulltext_write
from kozkincs.search.models import SearchDocument, SearchFacet, SearchState
from kozkincs.search.normalization import fold, index_text

BATCH_SIZE = 500
LANGUAGE_KEYS = ("hu", "en", "de")


@dataclass(frozen=True)
class RebuildReport:
    records: int
    seconds: float


def data_version() -> int:
    """The current data version; every index change increases it (shared by all processes)."""
    version = SearchState.objects.filter(pk=1).values_list("version", flat=True).first()
    return version or 0


def _bump_version() -> None:
    if not SearchState.objects.filter(pk=1).update(version=F("version") + 1):
        SearchState.objects.get_or_create(pk=1, defaults={"version": 1})


def _batches(ids: list[int], size: int = BATCH_SIZE) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _texts(mapping: Any) -> str:
    """All language versions of one text, for the index (a visitor may search in any)."""
    if isinstance(mapping, dict):
        return "\n".join(str(mapping.get(lang) or "") for lang in LANGUAGE_KEYS)
    return str(mapping or "")


def _facet_rows(document: Any) -> list[tuple[str, str]]:
    rows = {("catalog", document.catalog)}
    rows.update(("settlement", str(pk)) for pk in document.settlement_ids)
    rows.update(("priority", str(number)) for number in document.priority_numbers)
    for name, values in (document.facets or {}).items():
        rows.update((name, str(value)[:255]) for value in values if value not in (None, ""))
    return sorted(rows)


def _write_documents(documents: list[Any], published: dict[int, tuple[str, Any]]) -> None:
    search_documents, facets, rows = [], [], []
    for document in documents:
        name, published_at = published[document.record_id]
        search_documents.append(
            SearchDocument(
                record_id=document.record_id,
                catalog=document.catalog,
                sort_name=fold(name)[:255],
                published_at=published_at,
                lat=document.lat,
                lon=document.lon,
                attributes=document.attributes_text or "",
            )
        )
        facets.extend(
            SearchFacet(document_id=document.record_id, name=name_, value=value)
            for name_, value in _facet_rows(document)
        )
        rows.append(
            FulltextRow(
                record_id=document.record_id,
                name=index_text(_texts(document.names)),
                summary=index_text(_texts(document.summaries)),
                description=index_text(_texts(document.descriptions)),
                attributes=index_text(document.attributes_text or ""),
            )
        )
    SearchDocument.objects.bulk_create(search_documents)
    SearchFacet.objects.bulk_create(facets)
    fulltext_write(rows)


def _remove(record_ids: list[int]) -> None:
    SearchFacet.objects.filter(document_id__in=record_ids).delete()
    SearchDocument.objects.filter(record_id__in=record_ids).delete()
    fulltext_delete(record_ids)


def _index_batch(record_ids: list[int]) -> int:
    from kozkincs.catalog.selectors import record_index_documents, record_public_queryset

    published = {
        pk: (name, published_at)
        for pk, name, published_at in record_public_queryset()
        .filter(id__in=record_ids)
        .values_list("id", "name", "published_at")
    }
    documents = record_index_documents(record_ids=sorted(published)) if published else []
    _remove(record_ids)
    _write_documents([d for d in documents if d.record_id in published], published)
    return len(published)


@transaction.atomic
def index_records(*, record_ids: Iterable[int]) -> int:
    """Bring the index of ``record_ids`` up to date; returns how many are now indexed."""
    ids = sorted({int(pk) for pk in record_ids})
    if not ids:
        return 0
    indexed = sum(_index_batch(batch) for batch in _batches(ids))
    _bump_version()
    return indexed


def record_changed_listener(record_ids: list[int], action: str) -> None:
    """The hook listener: whatever the action, the record's public state decides."""
    index_records(record_ids=record_ids)


def rebuild_index(*, batch_size: int = BATCH_SIZE) -> RebuildReport:
    """Empty the index and index every public record again, one transaction per batch."""
    from kozkincs.catalog.selectors import record_public_queryset

    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        # Plain DELETEs: the ORM would first read every row to cascade.
        cursor.execute(f"DELETE FROM {SearchFacet._meta.db_table}")
        cursor.execute(f"DELETE FROM {SearchDocument._meta.db_table}")
        fulltext_clear()
        _bump_version()
    ids = list(record_public_queryset().order_by("id").values_list("id", flat=True))
    total = 0
    for batch in _batches(ids, batch_size):
        with transaction.atomic():
            total += _index_batch(batch)
            _bump_version()
    return RebuildReport(records=total, seconds=time.perf_counter() - started)
