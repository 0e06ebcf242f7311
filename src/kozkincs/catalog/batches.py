"""Public records read in batches of a fixed size, for the exports: a few queries per batch
whatever its records hold, so a download of 100,000 records keeps a constant memory.

Each record comes with what a visitor may see of its catalog fields (``field_visible``, the
one rule of ``catalog.visibility``: personal fields only with consent and public visibility)
and its record references resolved to the published records they name.

Two reads: :func:`record_public_rows` gives each record's shared columns as a
:class:`RecordColumns` row read with ``values_list`` (the spreadsheet, JSON and GeoJSON
exports: building a model instance per record cost about as much as the rest of the read);
:func:`record_public_batches` gives model instances with the settlements named in their values
loaded once per batch, for ``record_json_ld`` (the JSON-LD export).
"""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from itertools import groupby
from operator import itemgetter
from typing import Any, NamedTuple

from django.db.models import JSONField, Value
from django.db.models.functions import NullIf

from kozkincs.catalog.definitions import CatalogDefinition, FieldDefinition
from kozkincs.catalog.detail_reads import VALUE_SETTLEMENTS, remember
from kozkincs.catalog.fields import FieldType, field_type
from kozkincs.catalog.models import Record, RecordRelation
from kozkincs.catalog.registry import catalog_get
from kozkincs.catalog.visibility import field_visible, settlement_codes, settlements_by_code
from kozkincs.core.id_lists import ids_among
from kozkincs.core.json_text import as_text, json_decoded

DEFAULT_BATCH_SIZE = 1000


class PlaceName(NamedTuple):
    ksh_code: str
    name: str


class MainSettlement(NamedTuple):
    ksh_code: str
    name: str
    lat: float | None
    lon: float | None


class RecordColumns(NamedTuple):
    """The shared columns of a published record, named as the model's fields: what the
    spreadsheet, JSON and GeoJSON exports say about it besides its catalog fields."""

    id: int
    catalog: str
    slug: str
    name: str
    name_en: str
    name_de: str
    summary: str
    summary_en: str
    summary_de: str
    lat: float | None
    lon: float | None
    tags: list | None
    sources: list | None
    values: dict
    privacy: dict | None
    published_at: datetime | None
    updated_at: datetime | None
    settlement: MainSettlement | None
    description: str = ""
    description_en: str = ""
    description_de: str = ""
    """The descriptions are read only when asked for (``record_public_rows(descriptions=True)``):
    long texts that only the JSON export shows."""

    @property
    def pk(self) -> int:
        return self.id


_COLUMNS = RecordColumns._fields[: RecordColumns._fields.index("settlement")]
_SETTLEMENT_COLUMNS = tuple(f"settlement__{name}" for name in MainSettlement._fields)
# The JSON columns are read as text and decoded in bulk (``core.json_text``), not by a
# converter per value. Empty tags, sources and privacy settings come from the database as
# NULL (``None``, which every reader takes as empty), not as a JSON text to decode for each
# record that has none.
_JSON_READ = {
    "values": as_text("values"),
    "tags": as_text(NullIf("tags", Value([], output_field=JSONField()))),
    "sources": as_text(NullIf("sources", Value([], output_field=JSONField()))),
    "privacy": as_text(NullIf("privacy", Value({}, output_field=JSONField()))),
}
_READ = tuple(_JSON_READ.get(column, column) for column in _COLUMNS)
_JSON_POSITIONS = tuple(_COLUMNS.index(column) for column in _JSON_READ)
_DESCRIPTION_COLUMNS = ("description", "description_en", "description_de")


@dataclass(frozen=True)
class PublicRecord:
    """A published record and the values of its catalog fields a visitor may see, in
    definition order, empty ones left out. A record reference's value is a list of
    ``{"id", "name"}`` of the published records it names; other values are as stored.
    ``settlements`` are its further settlements (by name), ``priorities`` its priority
    numbers. ``record`` is a model instance (:func:`record_public_batches`) or the record's
    columns (:func:`record_public_rows`)."""

    record: Record | RecordColumns
    definition: CatalogDefinition
    fields: list[tuple[FieldDefinition, Any]]
    settlements: list[PlaceName] = field(default_factory=list)
    priorities: list[int] = field(default_factory=list)


def _references(ids: Sequence[int]) -> dict[int, dict[str, list[dict]]]:
    rows = (
        RecordRelation.objects.filter(
            source__in=ids_among(ids), target__status=Record.Status.PUBLISHED
        )
        .order_by("source_id", "field_key", "position", "id")
        .values_list("source_id", "field_key", "target_id", "target__name")
    )
    found: dict[int, dict[str, list[dict]]] = {}
    for source, key, target, name in rows:
        found.setdefault(source, {}).setdefault(key, []).append({"id": target, "name": name})
    return found


type FieldPlan = list[tuple[FieldDefinition, Any, bool]]


def _stored(fdef: FieldDefinition):
    """The type's ``stored``, or None where it is ``FieldType.stored`` (the value under the
    field's key, which :func:`_visible_fields` reads without a call per value)."""
    kind = field_type(fdef.type)
    return None if type(kind).stored is FieldType.stored else kind.stored


def _field_plan(definition: CatalogDefinition) -> FieldPlan:
    """The public fields of ``definition``: each with its type's ``stored`` (:func:`_stored`)
    and whether its visibility depends on the record's privacy settings (the others are
    always visible)."""
    return [
        (fdef, _stored(fdef), fdef.has_privacy_settings)
        for fdef in definition.fields
        if fdef.public
    ]


_EMPTY_CLASSES = (str, list, dict)


def _visible_fields(record: Record | RecordColumns, plan: FieldPlan, references: dict) -> list:
    values = record.values or {}
    fields = []
    relations = references.get(record.pk, {})
    for fdef, stored, depends_on_privacy in plan:
        if depends_on_privacy and not field_visible(record, fdef):
            continue
        value = values.get(fdef.key) if stored is None else stored(values, relations, field=fdef)
        # Most values are non-empty: their truth settles it. Of the false ones, 0 and False
        # are values; None and empty texts, lists and objects are not.
        if value or (value is not None and value.__class__ not in _EMPTY_CLASSES):
            fields.append((fdef, value))
    return fields


def _load(ids: Sequence[int]) -> list[Record]:
    records = (
        Record.objects.filter(id__in=ids_among(ids), status=Record.Status.PUBLISHED)
        .select_related("settlement")
        .defer("settlement__boundary")
    )
    by_id = {record.pk: record for record in records}
    return [by_id[pk] for pk in ids if pk in by_id]


def _further_settlements(ids: Sequence[int]) -> dict[int, list[PlaceName]]:
    """Narrow rows of the many-to-many table: a prefetch that builds Settlement instances
    costs several times more per batch."""
    rows = (
        Record.settlements.through.objects.filter(record__in=ids_among(ids))
        .order_by()
        .values_list("record_id", "settlement__ksh_code", "settlement__name")
    )
    found: dict[int, list[PlaceName]] = {}
    for record_id, code, name in rows:
        found.setdefault(record_id, []).append(PlaceName(code, name))
    return {pk: sorted(places, key=lambda p: (p.name, p.ksh_code)) for pk, places in found.items()}


def _priorities(ids: Sequence[int]) -> dict[int, list[int]]:
    """Each record's priority numbers, in order: the rows come sorted by record and number,
    and are grouped as they come."""
    rows = (
        Record.priorities.through.objects.filter(record__in=ids_among(ids))
        .order_by("record_id", "strategypriority__number")
        .values_list("record_id", "strategypriority__number")
    )
    return {pk: [number for _pk, number in group] for pk, group in groupby(rows, itemgetter(0))}


def _load_columns(ids: Sequence[int], descriptions: bool) -> list[RecordColumns]:
    rows = (
        Record.objects.filter(id__in=ids_among(ids), status=Record.Status.PUBLISHED)
        .order_by()
        .values_list(*_READ, *_SETTLEMENT_COLUMNS, *(_DESCRIPTION_COLUMNS if descriptions else ()))
    )
    width, end = len(_COLUMNS), len(_COLUMNS) + len(_SETTLEMENT_COLUMNS)
    by_id = {}
    for row in rows:
        columns = list(row[:width])
        for position in _JSON_POSITIONS:
            columns[position] = json_decoded(columns[position])
        settlement = MainSettlement(*row[width:end]) if row[width] is not None else None
        by_id[row[0]] = RecordColumns(*columns, settlement, *row[end:])
    return [by_id[pk] for pk in ids if pk in by_id]


def _public_records(
    records: Sequence[Record | RecordColumns], chunk: Sequence[int], plans: dict
) -> list[PublicRecord]:
    """``records`` (those of ``chunk``) with their visible fields, further settlements and
    priorities: three queries. ``plans`` keeps each catalog's :func:`_field_plan`."""
    references = _references(chunk)
    further, priorities = _further_settlements(chunk), _priorities(chunk)
    batch = []
    for record in records:
        if record.catalog not in plans:
            definition = catalog_get(record.catalog)
            plans[record.catalog] = (definition, definition and _field_plan(definition))
        definition, plan = plans[record.catalog]
        if definition is None:
            continue
        batch.append(
            PublicRecord(
                record,
                definition,
                _visible_fields(record, plan, references),
                further.get(record.pk, []),
                priorities.get(record.pk, []),
            )
        )
    return batch


def _chunks(ids: Sequence[int], batch_size: int | None) -> Iterator[Sequence[int]]:
    batch_size = batch_size or DEFAULT_BATCH_SIZE
    for start in range(0, len(ids), batch_size):
        yield ids[start : start + batch_size]


def record_public_rows(
    *, ids: Sequence[int], batch_size: int | None = None, descriptions: bool = False
) -> Iterator[list[PublicRecord]]:
    """The published records among ``ids``, in that order, ``batch_size`` (default
    :data:`DEFAULT_BATCH_SIZE`) at a time, each record's shared columns as a
    :class:`RecordColumns` row (with ``descriptions``: its descriptions too): four queries per
    batch."""
    plans: dict = {}
    for chunk in _chunks(ids, batch_size):
        yield _public_records(_load_columns(chunk, descriptions), chunk, plans)


def record_public_batches(
    *, ids: Sequence[int], batch_size: int | None = None
) -> Iterator[list[PublicRecord]]:
    """The published records among ``ids``, in that order, ``batch_size`` (default
    :data:`DEFAULT_BATCH_SIZE`) at a time, as model instances with the settlements named in
    their values read (``record_json_ld`` reads nothing more): five queries per batch."""
    plans: dict = {}
    for chunk in _chunks(ids, batch_size):
        records = _load(chunk)
        codes = set()
        for record in records:
            if (definition := catalog_get(record.catalog)) is not None:
                codes |= settlement_codes(definition, [record.values or {}])
        named = settlements_by_code(codes)
        for record in records:
            remember(record, VALUE_SETTLEMENTS, named)
        yield _public_records(records, chunk, plans)
