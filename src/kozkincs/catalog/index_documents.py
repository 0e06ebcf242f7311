"""What the search index needs to know about a record, read in a fixed number of queries.

The search app builds its index from these documents only (the catalog does not know the
search app). Only public data goes in: fields with ``public: false`` or ``searchable: false``
never, personal fields only with consent and visibility "public".

A field type's search text and facet values depend only on the value, the field and the
catalog (not on the record), so each call building documents computes them once per distinct
value of a field (:class:`_FieldTexts`): a batch of records repeats its choices, periods,
settlements and addresses. Only plain values (text, numbers, booleans and lists of them) are
remembered; related records, settlements resolved from the values and composite values are
computed for each record as before. Visibility is decided per record.
"""

from dataclasses import dataclass, field
from typing import Any

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
from kozkincs.core.id_lists import ids_among
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
    """The searchable values joined by spaces: :attr:`attribute_texts`, then the tags."""
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
    attribute_texts: list[str] = field(default_factory=list)
    """The parts of :attr:`attributes_text` (each field's search text, then each tag), so
    that the index can normalise a part repeated by many records once."""


_LANGUAGE_COLUMNS = {
    column: [
        (language, column if language == "hu" else f"{column}_{language}")
        for language in CONTENT_LANGUAGES
    ]
    for column in ("name", "summary", "description")
}
"""Each text column's attribute name in each content language."""


def _texts(record: Record, column: str) -> dict[str, str]:
    """The column in each language, as plain text (descriptions are stored as HTML)."""
    return {
        language: plain_text(getattr(record, name) or "")
        for language, name in _LANGUAGE_COLUMNS[column]
    }


@dataclass(frozen=True)
class _Places:
    """Where a record is: its main settlement (code, name, lat, lon) and further ones."""

    main: tuple[str, str, float | None, float | None] | None
    further: list[Settlement]


_PLAIN_TYPES = (str, int, float, bool)


def _memo_key(fdef, value: Any) -> tuple | None:
    """The key under which ``value`` of ``fdef`` is remembered, or ``None`` (not plain)."""
    if type(value) in _PLAIN_TYPES:
        return fdef.key, type(value), value
    if type(value) is list and all(type(item) in _PLAIN_TYPES for item in value):
        return fdef.key, list, tuple((type(item), item) for item in value)
    return None


class _FieldTexts:
    """The search text and facet values of the catalog fields, computed once per distinct
    plain value for one call (one catalog definition, one map of ``settlements``)."""

    def __init__(self, definition: CatalogDefinition | None, settlements: dict) -> None:
        self.definition = definition
        self.settlements = settlements
        facets = set(definition.facets) if definition else set()
        self.fields = [
            (fdef, field_type(fdef.type), fdef.key in facets)
            for fdef in (definition.fields if definition else [])
        ]
        self._known: dict[tuple, tuple[bool, str, list[str] | None]] = {}

    def texts(self, fdef, kind, is_facet: bool, stored: Any):
        """``(empty, search text, facet values)`` of a stored value (as ``kind.stored``
        gives it: for a reference, the related records)."""
        key = None if kind.in_relations else _memo_key(fdef, stored)
        known = self._known.get(key) if key is not None else None
        if known is not None:
            return known
        value = kind.resolve(stored, field=fdef, settlements=self.settlements)
        if value in (None, [], ""):
            found = (True, "", None)
        else:
            catalog = self.definition
            found = (
                False,
                kind.search_text(value, field=fdef, catalog=catalog) if fdef.searchable else "",
                kind.facet_values(value, field=fdef, catalog=catalog) if is_facet else None,
            )
        if key is not None:
            self._known[key] = found
        return found


def _document(
    record: Record,
    field_texts: _FieldTexts,
    related_names: dict[int, dict[str, list[Record]]],
    places: _Places,
    priority_numbers: list[int],
) -> IndexDocument:
    attributes, facets = [], {}
    relations = related_names.get(record.pk, {})
    values = record.values or {}
    for fdef, kind, is_facet in field_texts.fields:
        if fdef.key not in values and not kind.in_relations:
            continue  # nothing stored (most fields of most records): nothing to read
        stored = kind.stored(values, relations, field=fdef)
        empty, search_text, facet_values = field_texts.texts(fdef, kind, is_facet, stored)
        if empty or not (fdef.searchable or is_facet) or not field_visible(record, fdef):
            continue
        if fdef.searchable:
            attributes.append(search_text)
        if is_facet:
            facets[fdef.key] = list(facet_values)
    further = {s.ksh_code: s.name for s in places.further}
    primary = {places.main[0]: places.main[1]} if places.main else {}
    located = primary | further
    parts = [part for part in (*attributes, *record.tags) if part]
    return IndexDocument(
        record_id=record.pk,
        catalog=record.catalog,
        slug=record.slug,
        status=record.status,
        names=_texts(record, "name"),
        summaries=_texts(record, "summary"),
        descriptions=_texts(record, "description"),
        attributes_text=" ".join(parts),
        facets=facets,
        settlement_codes=list(located),
        priority_numbers=sorted(priority_numbers),
        lat=record.lat,
        lon=record.lon,
        tags=list(record.tags),
        settlement_names=list(located.values()),
        settlement_lat=places.main[2] if places.main else None,
        settlement_lon=places.main[3] if places.main else None,
        attribute_texts=parts,
    )


def _related_names(record_ids: list[int]) -> dict[int, dict[str, list[Record]]]:
    """The published records each of ``record_ids`` refers to, by record id and field key.

    Two narrow queries that each follow an index whatever the statistics say: the relation
    rows by source id, then their targets by primary key, the status checked here. (Joining
    ``target__status`` instead lets SQLite without statistics start from the ``status``
    index and read every published record for each batch.)"""
    rows = list(
        RecordRelation.objects.filter(source_id__in=ids_among(record_ids))
        .order_by("position", "id")
        .values_list("source_id", "field_key", "target_id")
    )
    return _published_targets(rows)


def _published_targets(rows: list[tuple[int, str, int]]) -> dict[int, dict[str, list[Record]]]:
    """``rows`` of (source id, field key, target id), in order, as the published targets."""
    target_ids = {target for _source, _key, target in rows}
    # No targets: ids_among gives an empty list, which Django answers without a query.
    published = Record.objects.filter(pk__in=ids_among(target_ids)).order_by()
    published = published.only("id", "name", "status")
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


def _field_texts(records: list[Record]) -> dict[str, _FieldTexts]:
    """A fresh :class:`_FieldTexts` for each catalog of ``records``."""
    definitions, settlements = _value_settlements(records)
    return {key: _FieldTexts(definition, settlements) for key, definition in definitions.items()}


def record_index_documents(*, record_ids: list[int]) -> list[IndexDocument]:
    """Documents of ``record_ids`` (any status; the caller decides what to index) in at most
    six queries, however many records: the records, their further settlements and
    priorities, their relations, the related records, the settlements named in values."""
    records = list(
        Record.objects.filter(pk__in=ids_among(record_ids))
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
    field_texts = _field_texts(records)
    return [
        _document(
            record, field_texts[record.catalog], related,
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
    field_texts = _field_texts(records)
    documents = []
    for item in written:
        main = item.record.settlement
        places = _Places(
            main=(main.ksh_code, main.name, main.lat, main.lon) if main is not None else None,
            # In the order the read gives them (Settlement's ordering: by name).
            further=sorted(item.settlements, key=lambda s: s.name),
        )
        documents.append(_document(
            item.record, field_texts[item.record.catalog], related, places,
            [p.number for p in item.priorities],
        ))  # fmt: skip
    return documents


def record_index_document(*, record: Record) -> IndexDocument:
    return record_index_documents(record_ids=[record.pk])[0]
