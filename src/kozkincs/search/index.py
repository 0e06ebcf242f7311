"""Keep the search index equal to the published records.

``index_records`` is the one writer: for each id it indexes the record if it is public and
removes it otherwise, then, in the same transaction, moves the data version on and logs which
records changed (``SearchChange``), so that every process holding the index in memory
(``search/snapshot.py``) applies just those. The catalog calls it through the record-change hook
(registered in ``SearchConfig.ready``) inside the transaction of every record change, so the
index commits or rolls back with the record; ``rebuild_index`` runs it over everything in
batches, and ``search/consistency.py`` compares the stored index with :func:`expected_rows`.

The rows are built as plain tuples (:data:`DocumentRow`, in the column order of
``SearchDocument``), not model instances, and within one call the token text of a value
many records share (an attribute part such as a choice label or a period, the names of a
record's settlements) is normalised once (:class:`_Tokens`): an import indexes thousands of
records per call. The ``index_text`` of parts joined by spaces equals the ``index_text`` of
each part, joined (no word spans a space), so the attributes are normalised part by part.
"""

import secrets
import time
from collections import namedtuple
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction

from kozkincs.catalog.hooks import WrittenRecord, written_records
from kozkincs.core.bulk_rows import rows_insert
from kozkincs.core.i18n import CONTENT_LANGUAGES
from kozkincs.core.id_lists import ids_among
from kozkincs.search.fulltext import FulltextRow, fulltext_clear, fulltext_delete, fulltext_write
from kozkincs.search.models import SearchChange, SearchDocument, SearchState
from kozkincs.search.normalization import fold, index_text

BATCH_SIZE = 500
CHANGE_LOG_VERSIONS = 1000
"""Versions kept in the change log; a process further behind reloads the whole index."""
LOGGED_RECORDS = 2000
"""A change touching more records is logged as "everything changed" (a reload is cheaper)."""
DOCUMENT_COLUMNS = [field.attname for field in SearchDocument._meta.concrete_fields]
DocumentRow = namedtuple("DocumentRow", DOCUMENT_COLUMNS)
"""The values of one ``SearchDocument`` row, by attribute name, in the column order."""
STATE_SQL = "SELECT version, token FROM search_searchstate WHERE id = 1"


@dataclass(frozen=True)
class RebuildReport:
    records: int
    seconds: float


def index_state() -> tuple[int, int]:
    """``(version, token)`` of the index in one single-row read by primary key."""
    with connection.cursor() as cursor:
        cursor.execute(STATE_SQL)
        row = cursor.fetchone()
    return (row[0], row[1]) if row else (0, 0)


def data_version() -> int:
    """The current data version; every index change increases it (shared by all processes)."""
    return index_state()[0]


def _bump_version(record_ids: list[int] | None) -> None:
    """Next version, a fresh token, and the log of ``record_ids`` (None: everything)."""
    # select_for_update serialises concurrent changes on PostgreSQL; SQLite's IMMEDIATE
    # transactions already hold the write lock.
    state = SearchState.objects.select_for_update().filter(pk=1).first()
    if state is None:
        state = SearchState(pk=1)
    previous_token = state.token
    state.version += 1
    state.token = secrets.randbits(62)
    state.save()
    logged = record_ids if record_ids is not None and len(record_ids) <= LOGGED_RECORDS else [None]
    rows_insert(
        SearchChange,
        ["version", "previous_token", "record_id"],
        [(state.version, previous_token, pk) for pk in logged],
    )
    SearchChange.objects.filter(version__lte=state.version - CHANGE_LOG_VERSIONS).delete()


def _batches(ids: list[int], size: int = BATCH_SIZE) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _texts(mapping: Any) -> str:
    """All language versions of one text, for the index (a visitor may search in any)."""
    if isinstance(mapping, dict):
        return "\n".join(str(mapping.get(lang) or "") for lang in CONTENT_LANGUAGES)
    return str(mapping or "")


def _facet_value(value: Any) -> str:
    # One line per value in ``facet_lines``: line breaks would split it.
    return " ".join(str(value).splitlines())[:255]


def facet_lines(document: Any) -> str:
    """``name=value`` lines of ``document``, sorted (field keys never contain "=")."""
    rows = {("catalog", document.catalog)}
    rows.update(("settlement", code) for code in document.settlement_codes)
    rows.update(("priority", str(number)) for number in document.priority_numbers)
    for name, values in (document.facets or {}).items():
        rows.update((name, _facet_value(value)) for value in values if value not in (None, ""))
    return "\n".join(f"{name}={value}" for name, value in sorted(rows))


def _location(document: Any) -> tuple[float | None, float | None, bool]:
    """Where the record is shown: its own point, else its main settlement's centre
    (approximate), else nowhere."""
    if document.lat is not None and document.lon is not None:
        return document.lat, document.lon, False
    if document.settlement_lat is not None and document.settlement_lon is not None:
        return document.settlement_lat, document.settlement_lon, True
    return None, None, False


class _Tokens:
    """``index_text`` of texts that repeat across the records of one call, each computed
    once (the distinct texts of a few thousand records: bounded by the call)."""

    def __init__(self) -> None:
        self._known: dict[str, str] = {}

    def __call__(self, text: str) -> str:
        tokens = self._known.get(text)
        if tokens is None:
            tokens = self._known[text] = index_text(text)
        return tokens

    def joined(self, parts: list[str]) -> str:
        """``index_text(" ".join(parts))``, part by part."""
        return " ".join(filter(None, map(self, parts)))


def expected_rows(record_ids: list[int]) -> tuple[list[DocumentRow], list[FulltextRow]]:
    """The index rows ``record_ids`` should have now: nothing for a record that is not public."""
    from kozkincs.catalog.selectors import record_index_documents, record_public_queryset

    published = {
        pk: (name, published_at)
        for pk, name, published_at in record_public_queryset()
        .filter(id__in=ids_among(record_ids))
        .values_list("id", "name", "published_at")
    }
    documents = record_index_documents(record_ids=sorted(published)) if published else []
    documents = [d for d in documents if d.record_id in published]
    return _document_rows(documents, published), list(_fulltext_rows(documents, _Tokens()))


def expected_rows_written(
    written: list[WrittenRecord], tokens: _Tokens | None = None
) -> tuple[list[DocumentRow], Iterator[FulltextRow]]:
    """:func:`expected_rows` of records a bulk create has just inserted, from what it wrote.
    The full-text rows are computed as they are read: written by one COPY on PostgreSQL,
    the server stores each while the next ones are computed (instead of all of them after)."""
    from kozkincs.catalog.selectors import record_index_documents_written

    public = [item for item in written if item.record.is_public]
    published = {item.record.pk: (item.record.name, item.record.published_at) for item in public}
    documents = record_index_documents_written(written=public) if public else []
    return _document_rows(documents, published), _fulltext_rows(documents, tokens or _Tokens())


def _document_rows(
    documents: list[Any], published: dict[int, tuple[str, Any]]
) -> list[DocumentRow]:
    search_documents = []
    for document in documents:
        name, published_at = published[document.record_id]
        lat, lon, approximate = _location(document)
        search_documents.append(
            DocumentRow(
                record_id=document.record_id,
                catalog=document.catalog,
                sort_name=fold(name)[:255],
                published_at=published_at,
                lat=lat,
                lon=lon,
                approximate=approximate,
                facet_lines=facet_lines(document),
                attributes=document.attributes_text or "",
            )
        )
    return search_documents


def _fulltext_rows(documents: list[Any], tokens: _Tokens) -> Iterator[FulltextRow]:
    for document in documents:
        yield FulltextRow(
            record_id=document.record_id,
            name=index_text(_texts(document.names)),
            settlement=tokens(" ".join(document.settlement_names)),
            summary=index_text(_texts(document.summaries)),
            description=index_text(_texts(document.descriptions)),
            attributes=tokens.joined(document.attribute_texts),
        )


def _remove(record_ids: list[int]) -> None:
    SearchDocument.objects.filter(record_id__in=record_ids).delete()
    fulltext_delete(record_ids)


def _index_batch(
    record_ids: list[int], written: dict[int, WrittenRecord] | None = None,
    tokens: _Tokens | None = None,
) -> int:  # fmt: skip
    if written and all(pk in written for pk in record_ids):
        # Inserted by a bulk create in this transaction: nothing of them is indexed yet.
        search_documents, rows = expected_rows_written([written[pk] for pk in record_ids], tokens)
    else:
        search_documents, rows = expected_rows(record_ids)
        _remove(record_ids)
    if search_documents:  # the full-text rows are of the same documents
        rows_insert(SearchDocument, DOCUMENT_COLUMNS, search_documents)
        fulltext_write(rows)
    return len(search_documents)


@transaction.atomic
def index_records(*, record_ids: Iterable[int], written: list[WrittenRecord] | None = None) -> int:
    """Bring the index of ``record_ids`` up to date; returns how many are now indexed.
    ``written``: records among them that a bulk create has just inserted, indexed from the
    values in hand instead of being read back."""
    ids = sorted({int(pk) for pk in record_ids})
    if not ids:
        return 0
    by_id = {item.record.pk: item for item in written} if written else None
    tokens = _Tokens()
    indexed = sum(_index_batch(batch, by_id, tokens) for batch in _batches(ids))
    _bump_version(ids)
    return indexed


def record_changed_listener(record_ids: list[int], action: str) -> None:
    """The hook listener: whatever the action, the record's public state decides."""
    index_records(record_ids=record_ids, written=written_records())


def settlements_changed_listener(settlement_ids: list[int]) -> None:
    """A settlement was renamed or moved: re-index its records and start a new data version
    that every process treats as a full change (facet labels, cached answers)."""
    from kozkincs.catalog.models import Record

    record_ids = sorted(
        set(Record.objects.filter(settlement_id__in=settlement_ids).values_list("id", flat=True))
        | set(
            Record.settlements.through.objects.filter(settlement_id__in=settlement_ids).values_list(
                "record_id", flat=True
            )
        )
    )
    with transaction.atomic():
        for batch in _batches(record_ids):
            _index_batch(batch)
        _bump_version(None)


def rebuild_index(*, batch_size: int = BATCH_SIZE) -> RebuildReport:
    """Empty the index and index every public record again, one transaction per batch."""
    from kozkincs.catalog.selectors import record_public_queryset

    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        # A plain DELETE: the ORM would first read every row to cascade.
        cursor.execute(f"DELETE FROM {SearchDocument._meta.db_table}")
        fulltext_clear()
        _bump_version(None)
    ids = list(record_public_queryset().order_by("id").values_list("id", flat=True))
    total = 0
    for batch in _batches(ids, batch_size):
        with transaction.atomic():
            total += _index_batch(batch)
            _bump_version(None)
    return RebuildReport(records=total, seconds=time.perf_counter() - started)
