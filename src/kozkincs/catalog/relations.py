"""A record's relations in both directions, read in one query per record instance.

The counterparts come with the few columns a link to them needs (id, catalog, slug, the
names and the status); the selectors group and filter them in Python. Reading any other
column of a counterpart costs a query of its own, as with Django's ``only()``.
"""

from dataclasses import dataclass, field

from django.db.models import Q

from kozkincs.catalog.definitions import CatalogDefinition
from kozkincs.catalog.detail_reads import RELATIONS, read_once, remember
from kozkincs.catalog.models import Record, RecordRelation
from kozkincs.catalog.registry import catalog_get
from kozkincs.core.i18n import current_language

COUNTERPART_COLUMNS = ("id", "catalog", "name", "name_en", "name_de", "slug", "status")
"""In the model's field order, as ``Model.from_db`` takes them."""


@dataclass(frozen=True)
class RelationRow:
    """One relation of a record: ``other`` is the record at its other end."""

    id: int
    source_id: int
    target_id: int
    field_key: str
    position: int
    other: Record


def _counterpart(columns: tuple, db: str | None) -> Record:
    """A record loaded with only the counterpart columns (the others deferred, as with
    ``only()``), through the documented ``Model.from_db``."""
    return Record.from_db(db, COUNTERPART_COLUMNS, columns)


def _relation_query(record_ids: list[int]):
    return (
        RecordRelation.objects.filter(Q(source_id__in=record_ids) | Q(target_id__in=record_ids))
        .order_by("source__catalog", "field_key", "source__name", "id")
        .values_list(
            "id",
            "field_key",
            "position",
            *(f"{end}__{name}" for end in ("source", "target") for name in COUNTERPART_COLUMNS),
        )
    )


def _rows_by_record(records: list[Record]) -> dict[int, list[RelationRow]]:
    """Every relation from or to each of ``records``, in one query."""
    ids = {record.pk for record in records}
    db = records[0]._state.db if records else None
    width = len(COUNTERPART_COLUMNS)
    found: dict[int, list[RelationRow]] = {pk: [] for pk in ids}
    for pk, field_key, position, *columns in _relation_query(sorted(ids)):
        source, target = tuple(columns[:width]), tuple(columns[width:])
        for own, other in ((source, target), (target, source)):
            if own[0] in ids:
                row = RelationRow(pk, source[0], target[0], field_key, position,
                                  _counterpart(other, db))  # fmt: skip
                found[own[0]].append(row)
    return found


def relation_rows(record: Record) -> list[RelationRow]:
    """Every relation from or to ``record`` (any status), ordered by the source's catalog,
    the field, the source's name and the id; read once per record instance."""
    return read_once(record, RELATIONS, lambda: _rows_by_record([record])[record.pk])


def read_relations(records: list[Record]) -> None:
    """Read the relations of all ``records`` in one query, so that :func:`relation_rows` of
    each reads nothing (as ``prefetch_related`` does for Django's relations)."""
    found = _rows_by_record(records) if records else {}
    for record in records:
        remember(record, RELATIONS, found[record.pk])


def outgoing_records(record: Record, *, public_only: bool) -> dict[str, list[Record]]:
    """The records ``record`` refers to, by field key, in the order the editor gave them;
    only published ones when ``public_only``."""
    rows = sorted(
        (r for r in relation_rows(record) if r.source_id == record.pk),
        key=lambda r: (r.field_key, r.position, r.id),
    )
    grouped: dict[str, list[Record]] = {}
    for relation in rows:
        if public_only and not relation.other.is_public:
            continue
        grouped.setdefault(relation.field_key, []).append(relation.other)
    return grouped


@dataclass
class RelationGroup:
    """Related records through one field: ``outgoing`` (this record refers to them, labelled
    with the field's label) or ``incoming`` (they refer to this record, labelled with the
    field's ``inverse_label``, else with their catalog's label)."""

    field_key: str
    source_catalog: str
    direction: str
    label: str
    records: list[Record] = field(default_factory=list)


def _outgoing_label(definition: CatalogDefinition | None, key: str, language: str) -> str | None:
    fdef = definition.field_map.get(key) if definition else None
    return fdef.label.get(language) if fdef else None


def _incoming_label(source_catalog: str, key: str, language: str) -> str | None:
    definition = catalog_get(source_catalog)
    fdef = definition.field_map.get(key) if definition else None
    if fdef is None:
        return None
    if fdef.inverse_label is not None:
        return fdef.inverse_label.get(language)
    return definition.label.get(language)


def _visible_through(catalog_key: str, field_key: str, public_only: bool) -> bool:
    definition = catalog_get(catalog_key)
    fdef = definition.field_map.get(field_key) if definition else None
    return fdef is not None and (fdef.public or not public_only)


def _add(groups: dict, key: tuple, label: str, related: Record) -> None:
    direction, catalog, field_key = key
    group = groups.setdefault(key, RelationGroup(field_key, catalog, direction, label))
    group.records.append(related)


def record_relations(
    *, record: Record, public_only: bool = True, language: str | None = None
) -> list[RelationGroup]:
    """Outgoing groups in field order, then incoming groups (by the source's catalog, the
    field, the source's name); only published counterparts through public fields when
    ``public_only``. One query for both directions, none when this record instance's
    relations were already read (by :func:`record_public_fields`, for instance).

    The records in the groups carry only ``id``, ``catalog``, ``slug``, the names and the
    status (enough for ``display_name``, ``get_absolute_url()`` and ``is_public``)."""
    language = language or current_language()
    definition = catalog_get(record.catalog)
    order = {fdef.key: index for index, fdef in enumerate(definition.fields if definition else [])}
    rows = relation_rows(record)
    outgoing = sorted(
        (r for r in rows if r.source_id == record.pk),
        key=lambda r: (order.get(r.field_key, 999), r.field_key, r.position, r.id),
    )
    groups: dict[tuple, RelationGroup] = {}
    for relation in outgoing:
        label = _outgoing_label(definition, relation.field_key, language)
        if label is None or not _visible_through(record.catalog, relation.field_key, public_only):
            continue
        if not public_only or relation.other.is_public:
            _add(groups, ("outgoing", record.catalog, relation.field_key), label, relation.other)
    for relation in rows:
        if relation.target_id != record.pk or (public_only and not relation.other.is_public):
            continue
        catalog = relation.other.catalog
        label = _incoming_label(catalog, relation.field_key, language)
        if label is None or not _visible_through(catalog, relation.field_key, public_only):
            continue
        _add(groups, ("incoming", catalog, relation.field_key), label, relation.other)
    return list(groups.values())
