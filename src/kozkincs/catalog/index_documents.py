"""What the search index needs to know about a record, read in a fixed number of queries.

The search app builds its index from these documents only (the catalog does not know the
search app). Only public data goes in: fields with ``public: false`` or ``searchable: false``
never, personal fields only with consent and visibility "public".
"""

from dataclasses import dataclass, field

from django.db.models import F, Prefetch

from kozkincs.catalog.definitions import CatalogDefinition
from kozkincs.catalog.fields import field_type
from kozkincs.catalog.hooks import WrittenRecord
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


@dataclass(frozen=True)
class _Places:
    """Where a record is: its main settlement (code, name, lat, lon) and further ones."""

    main: tuple[str, str, float | None, float | None] | None
    further: list[Settlement]


def _document(
    record: Record,
    definition: CatalogDefinition | None,
    settlements: dict,
    related_names: dict[int, dict[str, list[Record]]],
    places: _Places,
    priority_numbers: list[int],
) -> IndexDocument:
    attributes, facets = [], {}
    facet_keys = set(definition.facets) if definition else set()
    relations = related_names.get(record.pk, {})
    values = record.values or {}
    for fdef in definition.fields if definition else []:
        kind = field_type(fdef.type)
        if fdef.key not in values and not kind.in_relations:
            continue  # nothing stored (most fields of most records): nothing to read
        value = kind.read(values, relations, field=fdef, settlements=settlements)
        if value in (None, [], ""):
            continue
        if fdef.searchable and field_visible(record, fdef):
            attributes.append(kind.search_text(value, field=fdef, catalog=definition))
        if fdef.key in facet_keys and field_visible(record, fdef):
            facets[fdef.key] = kind.facet_values(value, field=fdef, catalog=definition)
    further = {s.ksh_code: s.name for s in places.further}
    primary = {places.main[0]: places.main[1]} if places.main else {}
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
        priority_numbers=sorted(priority_numbers),
        lat=record.lat,
        lon=record.lon,
        tags=list(record.tags),
        settlement_names=list(located.values()),
        settlement_lat=places.main[2] if places.main else None,
        settlement_lon=places.main[3] if places.main else None,
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
    return _published_targets(rows)


def _published_targets(rows: list[tuple[int, str, int]]) -> dict[int, dict[str, list[Record]]]:
    """``rows`` of (source id, field key, target id), in order, as the published targets."""
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


def _value_settlements(records: list[Record]) -> tuple[dict, dict[str, Settlement]]:
    """The catalog definitions of ``records`` and the settlements their values name."""
    definitions = {key: catalog_get(key) for key in {r.catalog for r in records}}
    codes: set[str] = set()
    for key, definition in definitions.items():
        if definition is not None:
            values = [r.values for r in records if r.catalog == key]
            codes |= settlement_codes(definition, values)
    return definitions, settlements_by_code(codes)


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
    definitions, settlements = _value_settlements(records)
    return [
        _document(
            record, definitions[record.catalog], settlements, related,
            _Places(
                main=(record.main_settlement_code, record.main_settlement_name,
                      record.main_settlement_lat, record.main_settlement_lon)
                if record.main_settlement_code else None,
                further=list(record.settlements.all()),
            ),
            [p.number for p in record.priorities.all()],
        )
        for record in records
    ]  # fmt: skip


def record_index_documents_written(*, written: list[WrittenRecord]) -> list[IndexDocument]:
    """The documents of records a bulk create has just inserted, built from what it wrote
    instead of reading the records back: equal to :func:`record_index_documents` of the same
    ids (a test compares them). Reads only the published targets of their relations and the
    settlements their values name (at most two queries)."""
    written = sorted(written, key=lambda item: item.record.pk)
    records = [item.record for item in written]
    related = _published_targets(
        [(item.record.pk, key, target) for item in written
         for key, targets in item.relations.items() for target in targets]
    )  # fmt: skip
    definitions, settlements = _value_settlements(records)
    documents = []
    for item in written:
        main = item.record.settlement
        places = _Places(
            main=(main.ksh_code, main.name, main.lat, main.lon) if main is not None else None,
            # In the order the read gives them (Settlement's ordering: by name).
            further=sorted(item.settlements, key=lambda s: s.name),
        )
        documents.append(_document(
            item.record, definitions[item.record.catalog], settlements, related, places,
            [p.number for p in item.priorities],
        ))  # fmt: skip
    return documents


def record_index_document(*, record: Record) -> IndexDocument:
    return record_index_documents(record_ids=[record.pk])[0]
