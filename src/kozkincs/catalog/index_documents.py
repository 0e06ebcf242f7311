"""What the search index needs to know about a record, read in a fixed number of queries.

The search app builds its index from these documents only (the catalog does not know the
search app). Only public data goes in: fields with ``public: false`` or ``searchable: false``
never, personal fields only with consent and visibility "public".
"""

from dataclasses import dataclass, field

from django.db.models import F, Prefetch

from kozkincs.catalog.definitions import CatalogDefinition
from kozkincs.catalog.fields import field_type
from kozkincs.catalog.models import Record, RecordRelation
from kozkincs.catalog.registry import catalog_get
from kozkincs.catalog.visibility import (
    field_visible,
    settlement_codes,
    settlements_by_code,
)
from kozkincs.core.i18n import CONTENT_LANGUAGES
from kozkincs.core.rich_text import plain_text
from kozkincs.gazetteer.models import Settlement
from kozkincs.strategy.models import StrategyPriority


@dataclass
class IndexDocument:
    record_id: int
    catalog: str
    slug: str
    status: str
    names: dict[str, str]
    summaries: dict[str, str]
    descriptions: dict[str, str]
    attributes_text: str
    facets: dict[str, list[str]]
    settlement_codes: list[str]
    """KSH codes of the main settlement and every further one: the records "located" there."""
    priority_numbers: list[int]
    lat: float | None
    lon: float | None
    tags: list[str] = field(default_factory=list)
    settlement_names: list[str] = field(default_factory=list)
    """Names of the same settlements, in the same order (searchable: "Söjtörön")."""
    settlement_lat: float | None = None
    settlement_lon: float | None = None
    """The main settlement's centre, where a record without coordinates of its own is shown."""


def _texts(record: Record, column: str) -> dict[str, str]:
    """The column in each language, as plain text (descriptions are stored as HTML)."""
    return {
        language: plain_text(
            getattr(record, column if language == "hu" else f"{column}_{language}") or ""
        )
        for language in CONTENT_LANGUAGES
    }


def _document(
    record: Record,
    definition: CatalogDefinition | None,
    settlements: dict,
    related_names: dict[int, dict[str, list[Record]]],
) -> IndexDocument:
    attributes, facets = [], {}
    facet_keys = set(definition.facets) if definition else set()
    relations = related_names.get(record.pk, {})
    for fdef in definition.fields if definition else []:
        kind = field_type(fdef.type)
        value = kind.read(record.values, relations, field=fdef, settlements=settlements)
        if value in (None, [], ""):
            continue
        if fdef.searchable and field_visible(record, fdef):
            attributes.append(kind.search_text(value, field=fdef, catalog=definition))
        if fdef.key in facet_keys and field_visible(record, fdef):
            facets[fdef.key] = kind.facet_values(value, field=fdef, catalog=definition)
    further = {s.ksh_code: s.name for s in record.settlements.all()}
    primary = {}
    if record.main_settlement_code:
        primary[record.main_settlement_code] = record.main_settlement_name
    located = primary | further
    return IndexDocument(
        record_id=record.pk,
        catalog=record.catalog,
        slug=record.slug,
        status=record.status,
        names=_texts(record, "name"),
        summaries=_texts(record, "summary"),
        descriptions=_texts(record, "description"),
        attributes_text=" ".join(filter(None, [*attributes, *record.tags])),
        facets=facets,
        settlement_codes=list(located),
        priority_numbers=sorted(p.number for p in record.priorities.all()),
        lat=record.lat,
        lon=record.lon,
        tags=list(record.tags),
        settlement_names=list(located.values()),
        settlement_lat=record.main_settlement_lat,
        settlement_lon=record.main_settlement_lon,
    )


def _related_names(record_ids: list[int]) -> dict[int, dict[str, list[Record]]]:
    """The published records each of ``record_ids`` refers to, by record id and field key.

    Two narrow queries that each follow an index whatever the statistics say: the relation
    rows by source id, then their targets by primary key, the status checked here. (Joining
    ``target__status`` instead lets SQLite without statistics start from the ``status``
    index and read every published record for each batch.)"""
    rows = list(
        RecordRelation.objects.filter(source_id__in=record_ids)
        .order_by("position", "id")
        .values_list("source_id", "field_key", "target_id")
    )
    target_ids = {target for _source, _key, target in rows}
    published = (
        Record.objects.filter(pk__in=target_ids).order_by().only("id", "name", "status")
        if target_ids
        else []
    )
    targets = {target.pk: target for target in published if target.is_public}
    related: dict[int, dict[str, list[Record]]] = {}
    for source, key, target in rows:
        if target in targets:
            related.setdefault(source, {}).setdefault(key, []).append(targets[target])
    return related


def record_index_documents(*, record_ids: list[int]) -> list[IndexDocument]:
    """Documents of ``record_ids`` (any status; the caller decides what to index) in at most
    six queries, however many records: the records, their further settlements and
    priorities, their relations, the related records, the settlements named in values."""
    records = list(
        Record.objects.filter(pk__in=record_ids)
        .annotate(
            main_settlement_code=F("settlement__ksh_code"),
            main_settlement_name=F("settlement__name"),
            main_settlement_lat=F("settlement__lat"),
            main_settlement_lon=F("settlement__lon"),
        )
        .prefetch_related(
            Prefetch("settlements", Settlement.objects.only("id", "ksh_code", "name")),
            Prefetch("priorities", StrategyPriority.objects.only("id", "number")),
        )
        .order_by("pk")
    )
    related = _related_names([r.pk for r in records])
    definitions = {key: catalog_get(key) for key in {r.catalog for r in records}}
    codes: set[str] = set()
    for key, definition in definitions.items():
        if definition is not None:
            values = [r.values for r in records if r.catalog == key]
            codes |= settlement_codes(definition, values)
    settlements = settlements_by_code(codes)
    return [
        _document(record, definitions[record.catalog], settlements, related) for record in records
    ]


def record_index_document(*, record: Record) -> IndexDocument:
    return record_index_documents(record_ids=[record.pk])[0]
