"""Compare the stored search index with what the records give now, and repair differences.

The index is written in the transaction of every record change, so in normal operation the two
never differ. They can after work done behind the services' back: rows copied in by
``loaddata`` or SQL, a restore from an old backup, an upgrade that changed how documents are
built. ``kozkincs check_index`` reports the differences and ``--repair`` re-indexes exactly the
records concerned, in one transaction.
"""

from dataclasses import dataclass, field

from django.db import transaction

from kozkincs.search.fulltext import fulltext_delete, fulltext_differing, fulltext_ids
from kozkincs.search.index import BATCH_SIZE, expected_rows, index_records
from kozkincs.search.models import SearchDocument

COMPARED_COLUMNS = (
    "catalog",
    "sort_name",
    "published_at",
    "lat",
    "lon",
    "facet_lines",
    "attributes",
)


@dataclass
class IndexDifferences:
    """Record ids by kind of difference; all empty when the index agrees with the records."""

    missing: list[int] = field(default_factory=list)
    """Public records without a search document."""
    not_public: list[int] = field(default_factory=list)
    """Search documents of records that are not public (draft, archived, deleted)."""
    outdated: list[int] = field(default_factory=list)
    """Documents or tokens that differ from what the record gives now."""
    orphan_tokens: list[int] = field(default_factory=list)
    """Full-text rows without a search document."""
    checked: int = 0
    """Public records whose document was compared (0 with ``contents=False``)."""

    @property
    def agrees(self) -> bool:
        return not (self.missing or self.not_public or self.outdated or self.orphan_tokens)

    @property
    def record_ids(self) -> list[int]:
        """Every record whose index entry must be written again."""
        return sorted({*self.missing, *self.not_public, *self.outdated})


def _batches(ids: list[int], size: int):
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _outdated(record_ids: list[int]) -> set[int]:
    documents, rows = expected_rows(record_ids)
    stored = {
        values[0]: values[1:]
        for values in SearchDocument.objects.filter(record_id__in=record_ids).values_list(
            "record_id", *COMPARED_COLUMNS
        )
    }
    differing = {
        document.record_id
        for document in documents
        if stored.get(document.record_id)
        != tuple(getattr(document, column) for column in COMPARED_COLUMNS)
    }
    return differing | fulltext_differing(rows)


def index_check(*, contents: bool = True, batch_size: int = BATCH_SIZE) -> IndexDifferences:
    """Which records the index lacks, holds without reason, or holds in an outdated form.

    ``contents=False`` compares only which records are indexed (quick: three id queries);
    ``contents=True`` also rebuilds every expected document and compares it with the stored
    one, which costs about as much as building the index.
    """
    from kozkincs.catalog.selectors import record_public_queryset

    public = set(record_public_queryset().values_list("id", flat=True))
    indexed = set(SearchDocument.objects.values_list("record_id", flat=True))
    tokens = fulltext_ids()
    differences = IndexDifferences(
        missing=sorted(public - (indexed & tokens)),
        not_public=sorted(indexed - public),
        orphan_tokens=sorted(tokens - indexed),
    )
    if contents:
        both = sorted(public & indexed)
        for batch in _batches(both, batch_size):
            differences.outdated.extend(sorted(_outdated(batch)))
        differences.checked = len(both)
    return differences


@transaction.atomic
def index_repair(differences: IndexDifferences) -> int:
    """Write the index entries of every record in ``differences`` again; returns how many."""
    fulltext_delete(differences.orphan_tokens)
    ids = differences.record_ids
    if ids:
        index_records(record_ids=ids)
    return len(ids) + len(differences.orphan_tokens)
