"""Public records read in batches of a fixed size, for the exports: a few queries per batch
whatever its records hold, so a download of 100,000 records keeps a constant memory.

Each record comes with what a visitor may see of its catalog fields (``field_visible``, the
one rule of ``catalog.visibility``: personal fields only with consent and public visibility),
its record references resolved to the published records they name, and the settlements named
in its values loaded once per batch (so ``record_json_ld`` reads nothing more).
"""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from kozkincs.catalog.definitions import CatalogDefinition, FieldDefinition
from kozkincs.catalog.detail_reads import VALUE_SETTLEMENTS, remember
from kozkincs.catalog.fields import field_type
from kozkincs.catalog.models import Record, RecordRelation
from kozkincs.catalog.registry import catalog_get
from kozkincs.catalog.visibility import field_visible, settlement_codes, settlements_by_code

DEFAULT_BATCH_SIZE = 1000


class PlaceName(NamedTuple):
    ksh_code: str
    name: str


@dataclass(frozen=True)
class PublicRecord:
    """A published record and the values of its catalog fields a visitor may see, in
    definition order, empty ones left out. A record reference's value is a list of
    ``{"id", "name"}`` of the published records it names; other values are as stored.
    ``settlements`` are its further settlements (by name), ``priorities`` its priority
    numbers."""

    record: Record
    definition: CatalogDefinition
    fields: list[tuple[FieldDefinition, Any]]
    settlements: list[PlaceName] = field(default_factory=list)
    priorities: list[int] = field(default_factory=list)


def _references(ids: Sequence[int]) -> dict[int, dict[str, list[dict]]]:
    rows = (
        RecordRelation.objects.filter(source_id__in=ids, target__status=Record.Status.PUBLISHED)
        .order_by("source_id", "field_key", "position", "id")
        .values_list("source_id", "field_key", "target_id", "target__name")
    )
    found: dict[int, dict[str, list[dict]]] = {}
    for source, key, target, name in rows:
        found.setdefault(source, {}).setdefault(key, []).append({"id": target, "name": name})
    return found


def _visible_fields(record: Record, definition: CatalogDefinition, references: dict) -> list:
    values = record.values or {}
    fields = []
    relations = references.get(record.pk, {})
    for fdef in definition.fields:
        if not field_visible(record, fdef):
            continue
        value = field_type(fdef.type).stored(values, relations, field=fdef)
        if value not in (None, "", [], {}):
            fields.append((fdef, value))
    return fields


def _load(ids: Sequence[int]) -> list[Record]:
    records = (
        Record.objects.filter(id__in=ids, status=Record.Status.PUBLISHED)
        .select_related("settlement")
        .defer("settlement__boundary")
    )
    by_id = {record.pk: record for record in records}
    return [by_id[pk] for pk in ids if pk in by_id]


def _further_settlements(ids: Sequence[int]) -> dict[int, list[PlaceName]]:
    """Narrow rows of the many-to-many table: a prefetch that builds Settlement instances
    costs several times more per batch."""
    rows = (
        Record.settlements.through.objects.filter(record_id__in=ids)
        .order_by()
        .values_list("record_id", "settlement__ksh_code", "settlement__name")
    )
    found: dict[int, list[PlaceName]] = {}
    for record_id, code, name in rows:
        found.setdefault(record_id, []).append(PlaceName(code, name))
    return {pk: sorted(places, key=lambda p: (p.name, p.ksh_code)) for pk, places in found.items()}


def _priorities(ids: Sequence[int]) -> dict[int, list[int]]:
    rows = (
        Record.priorities.through.objects.filter(record_id__in=ids)
        .order_by()
        .values_list("record_id", "strategypriority__number")
    )
    found: dict[int, list[int]] = {}
    for record_id, number in rows:
        found.setdefault(record_id, []).append(number)
    return {pk: sorted(numbers) for pk, numbers in found.items()}


def record_public_batches(
    *, ids: Sequence[int], batch_size: int | None = None
) -> Iterator[list[PublicRecord]]:
    """The published records among ``ids``, in that order, ``batch_size`` (default
    :data:`DEFAULT_BATCH_SIZE`) at a time: five queries per batch."""
    batch_size = batch_size or DEFAULT_BATCH_SIZE
    for start in range(0, len(ids), batch_size):
        chunk = ids[start : start + batch_size]
        records = _load(chunk)
        definitions = {record.catalog: catalog_get(record.catalog) for record in records}
        references = _references(chunk)
        further, priorities = _further_settlements(chunk), _priorities(chunk)
        codes = set()
        for record in records:
            if definitions[record.catalog] is not None:
                codes |= settlement_codes(definitions[record.catalog], [record.values or {}])
        named = settlements_by_code(codes)
        batch = []
        for record in records:
            definition = definitions[record.catalog]
            if definition is None:
                continue
            remember(record, VALUE_SETTLEMENTS, named)
            fields = _visible_fields(record, definition, references)
            batch.append(
                PublicRecord(
                    record,
                    definition,
                    fields,
                    further.get(record.pk, []),
                    priorities.get(record.pk, []),
                )
            )
        yield batch
