"""Every read of records shared by the public site, the API, the map, search and exports.

"Public" has exactly one definition, here: a record is public when it is published; a field
is public unless its definition says ``public: false``; a personal field is shown to a
visitor only with consent and visibility "public" (members also see "members"; staff see
everything).
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.safestring import SafeString

from kozkincs.catalog.batches import (
    PublicRecord,
    RecordColumns,
    record_public_batches,
    record_public_rows,
)
from kozkincs.catalog.definitions import FieldDefinition
from kozkincs.catalog.fields import field_type
from kozkincs.catalog.index_documents import (
    IndexDocument,
    record_index_document,
    record_index_documents,
    record_index_documents_written,
)
from kozkincs.catalog.json_ld import record_json_ld
from kozkincs.catalog.models import Record, RecordRelation
from kozkincs.catalog.registry import catalog_get, catalog_list
from kozkincs.catalog.relations import (
    RelationGroup,
    outgoing_records,
    read_relations,
    record_relations,
)
from kozkincs.catalog.visibility import (
    field_visible,
    read_value_settlements,
    settlement_codes,
    settlement_fields,
    value_settlements,
    viewer_level,
)
from kozkincs.core.i18n import current_language
from kozkincs.gazetteer.models import Settlement
from kozkincs.strategy.models import StrategyPriority

__all__ = [
    "IndexDocument",
    "PublicField",
    "PublicRecord",
    "RecordColumns",
    "RelationGroup",
    "record_counts_by_catalog",
    "record_get_public",
    "record_index_document",
    "record_index_documents",
    "record_index_documents_written",
    "record_json_ld",
    "record_newest_public",
    "record_page_entries",
    "record_public_batches",
    "record_public_details",
    "record_public_fields",
    "record_public_ids",
    "record_public_queryset",
    "record_public_rows",
    "record_published_recently",
    "record_related_ids",
    "record_relations",
    "records_showing_settlements",
]


def record_public_queryset() -> QuerySet[Record]:
    """Published records with their settlements and priorities loaded."""
    return (
        Record.objects.filter(status=Record.Status.PUBLISHED)
        .select_related("settlement")
        .prefetch_related("priorities", "settlements")
    )


def record_get_public(
    *, catalog: str, slug: str | None = None, record_id: int | None = None
) -> Record:
    """One published record by slug or id, ready for a detail page; ``Record.DoesNotExist``
    otherwise.

    Loaded with it: its settlement (the boundary polygon deferred), then its priorities (by
    number) and its further settlements (by name) through Django's prefetching, so
    ``record.settlements.all()`` and ``record.priorities.all()`` read nothing more: three
    queries. :func:`record_public_fields`, :func:`record_relations` and
    :func:`record_json_ld` then share one query for the relations of both directions and
    one for the settlements named in the values (none when there are none).
    """
    if slug is None and record_id is None:
        raise Record.DoesNotExist("give a slug or an id")
    lookup = {"slug": slug} if slug is not None else {"pk": record_id}
    records = _detail_queryset().filter(catalog=catalog)
    return records.get(**lookup)


def record_newest_public(*, limit: int) -> list[Record]:
    """The most recently published records, real entries first: demo entries (``is_demo``)
    only fill the places that real ones leave, so they never lead while real ones exist."""
    records = (
        Record.objects.filter(status=Record.Status.PUBLISHED)
        .select_related("settlement")
        .defer("settlement__boundary")
        .order_by("-published_at", "-id")
    )
    newest = list(records.filter(is_demo=False)[:limit])
    if len(newest) < limit:
        newest += records.filter(is_demo=True)[: limit - len(newest)]
    return newest


def _detail_queryset() -> QuerySet[Record]:
    """Published records with what a detail shows: the settlement (boundary deferred), then
    the priorities (by number) and further settlements (by name) through prefetching."""
    return (
        Record.objects.filter(status=Record.Status.PUBLISHED)
        .select_related("settlement")
        .defer("settlement__boundary")
        .prefetch_related(
            Prefetch("priorities", queryset=StrategyPriority.objects.order_by("number")),
            Prefetch(
                "settlements",
                queryset=Settlement.objects.defer("boundary").order_by("name", "pk"),
            ),
        )
    )


def record_public_details(*, record_ids: Iterable[int]) -> list[Record]:
    """The published records among ``record_ids`` (by id), loaded as :func:`record_get_public`
    loads one, with their relations and the settlements named in their values read too: five
    queries for the whole list (pass a few hundred ids at a time)."""
    records = list(_detail_queryset().filter(pk__in=sorted(set(record_ids))).order_by("pk"))
    read_relations(records)
    read_value_settlements(records)
    return records


def record_public_ids() -> list[int]:
    """The ids of every published record, in order."""
    return list(
        Record.objects.filter(status=Record.Status.PUBLISHED)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


ID_BATCH = 500
"""Ids per ``IN (…)`` list (well below SQLite's limit on query parameters)."""


def _id_batches(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), ID_BATCH):
        yield ids[start : start + ID_BATCH]


def record_related_ids(*, record_ids: Iterable[int]) -> set[int]:
    """The other records related to any of ``record_ids`` in either direction (any status):
    the records whose pages and JSON show their names."""
    ids = sorted({int(pk) for pk in record_ids})
    found: set[int] = set()
    for batch in _id_batches(ids):
        pairs = RecordRelation.objects.filter(
            Q(source_id__in=batch) | Q(target_id__in=batch)
        ).values_list("source_id", "target_id")
        for source, target in pairs:
            found.update((source, target))
    return found - set(ids)


def records_showing_settlements(*, settlement_ids: Iterable[int]) -> list[int]:
    """Records that show any of these settlements: located there (main or further settlement)
    or naming it in a settlement field of their catalog."""
    settlement_ids = list(settlement_ids)
    located = set(
        Record.objects.filter(settlement_id__in=settlement_ids).values_list("id", flat=True)
    ) | set(
        Record.settlements.through.objects.filter(settlement_id__in=settlement_ids).values_list(
            "record_id", flat=True
        )
    )
    codes = set(Settlement.objects.filter(pk__in=settlement_ids).values_list("ksh_code", flat=True))
    definitions = {d.key: d for d in catalog_list() if settlement_fields(d)}
    naming = {
        pk
        for pk, catalog, values in Record.objects.filter(catalog__in=list(definitions))
        .values_list("id", "catalog", "values")
        .iterator()
        if settlement_codes(definitions[catalog], [values or {}]) & codes
    }
    return sorted(located | naming)


@dataclass(frozen=True)
class PublicField:
    """One field of a record as a visitor sees it.

    ``value`` is the stored JSON value (record references: the list of related record ids
    the viewer may see); ``display`` the field type's HTML, ``None`` when the caller asked
    for ``render=False``."""

    field: FieldDefinition
    key: str
    label: str
    type: str
    value: Any
    display: SafeString | None


def record_public_fields(
    *, record: Record, language: str | None = None, viewer=None, render: bool = True
) -> list[PublicField]:
    """The catalog fields of ``record`` the viewer may see, in definition order; empty
    fields are left out.

    ``render=True`` (the HTML pages) gives each field's display HTML in ``display``;
    ``render=False`` (JSON) skips the templates: ``display`` is ``None`` and ``value`` the
    JSON-ready stored value, for exactly the same fields. Reads the record's relations and
    the settlements named in its values once per record instance (see
    :func:`record_get_public`)."""
    definition = catalog_get(record.catalog)
    if definition is None:
        return []
    language = language or current_language()
    level = viewer_level(viewer)
    related = outgoing_records(record, public_only=level != "staff")
    settlements = value_settlements(record, definition)
    values = record.values or {}
    result = []
    for fdef in definition.fields:
        if not field_visible(record, fdef, level):
            continue
        kind = field_type(fdef.type)
        value = kind.read(values, related, field=fdef, settlements=settlements)
        html = None
        if render:
            html = kind.display(value, field=fdef, catalog=definition, language=language)
            if not html:
                continue
        elif not kind.items(value, field=fdef):
            continue
        stored = [r.pk for r in value] if kind.in_relations else values.get(fdef.key)
        label = fdef.label.get(language)
        result.append(PublicField(fdef, fdef.key, label, fdef.type, stored, html))
    return result


def record_counts_by_catalog(*, public_only: bool = True) -> dict[str, int]:
    """Records per catalog key, every known catalog included (0 when empty)."""
    records = Record.objects.all()
    if public_only:
        records = records.filter(status=Record.Status.PUBLISHED)
    counts = dict(
        records.order_by()
        .values_list("catalog")
        .annotate(count=Count("id"))
        .values_list("catalog", "count")
    )
    return {definition.key: counts.get(definition.key, 0) for definition in catalog_list()}


def _known_catalog_keys() -> list[str]:
    return [definition.key for definition in catalog_list()]


def record_published_recently(*, catalog: str | None = None, limit: int = 50) -> list[Record]:
    """The ``limit`` records published last (of ``catalog``, else of every catalog), newest
    first, with their main settlement: the news feeds. Records of a catalog that is no longer
    defined have no page and are left out."""
    records = Record.objects.filter(
        status=Record.Status.PUBLISHED, published_at__isnull=False
    ).select_related("settlement")
    records = (
        records.filter(catalog=catalog)
        if catalog
        else records.filter(catalog__in=_known_catalog_keys())
    )
    return list(records.defer("settlement__boundary").order_by("-published_at", "-id")[:limit])


def record_page_entries() -> QuerySet:
    """``(id, catalog, slug, updated_at)`` of every public record that has a page, by id:
    the sitemap's records, read as narrow rows."""
    return (
        Record.objects.filter(status=Record.Status.PUBLISHED, catalog__in=_known_catalog_keys())
        .order_by("id")
        .values_list("id", "catalog", "slug", "updated_at", named=True)
    )
