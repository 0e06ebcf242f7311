"""Every read of records shared by the public site, the API, the map, search and exports.

"Public" has exactly one definition, here: a record is public when it is published; a field
is public unless its definition says ``public: false``; a personal field is shown to a
visitor only with consent and visibility "public" (members also see "members"; staff see
everything).
"""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, QuerySet
from django.utils.safestring import SafeString

from kozkincs.catalog.definitions import CatalogDefinition, FieldDefinition
from kozkincs.catalog.fields import field_type
from kozkincs.catalog.index_documents import (
    IndexDocument,
    record_index_document,
    record_index_documents,
)
from kozkincs.catalog.json_ld import record_json_ld
from kozkincs.catalog.models import Record, RecordRelation
from kozkincs.catalog.registry import catalog_get, catalog_list
from kozkincs.catalog.visibility import (
    field_visible,
    resolve_settlements,
    settlement_codes,
    settlements_by_code,
    viewer_level,
)
from kozkincs.core.i18n import current_language

__all__ = [
    "IndexDocument",
    "PublicField",
    "RelationGroup",
    "record_counts_by_catalog",
    "record_get_public",
    "record_index_document",
    "record_index_documents",
    "record_json_ld",
    "record_public_fields",
    "record_public_queryset",
    "record_relations",
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
    """One published record by slug or id; ``Record.DoesNotExist`` otherwise."""
    if slug is None and record_id is None:
        raise Record.DoesNotExist("give a slug or an id")
    lookup = {"slug": slug} if slug is not None else {"pk": record_id}
    return record_public_queryset().get(catalog=catalog, **lookup)


@dataclass(frozen=True)
class PublicField:
    field: FieldDefinition
    key: str
    label: str
    type: str
    value: Any
    display: SafeString


def _related_records(record: Record, public_only: bool) -> dict[str, list[Record]]:
    relations = RecordRelation.objects.filter(source=record).select_related("target")
    if public_only:
        relations = relations.filter(target__status=Record.Status.PUBLISHED)
    grouped: dict[str, list[Record]] = {}
    for relation in relations.order_by("field_key", "position", "id"):
        grouped.setdefault(relation.field_key, []).append(relation.target)
    return grouped


def record_public_fields(
    *, record: Record, language: str | None = None, viewer=None
) -> list[PublicField]:
    """The catalog fields of ``record`` the viewer may see, in definition order, with their
    display HTML; empty fields are left out."""
    definition = catalog_get(record.catalog)
    if definition is None:
        return []
    language = language or current_language()
    level = viewer_level(viewer)
    related = _related_records(record, public_only=level != "staff")
    settlements = settlements_by_code(settlement_codes(definition, [record.values or {}]))
    result = []
    for fdef in definition.fields:
        if not field_visible(record, fdef, level):
            continue
        if fdef.type == "record":
            value = related.get(fdef.key, [])
        elif fdef.type == "settlement":
            value = resolve_settlements((record.values or {}).get(fdef.key), settlements)
        else:
            value = (record.values or {}).get(fdef.key)
        kind = field_type(fdef.type)
        html = kind.display(value, field=fdef, catalog=definition, language=language)
        if not html:
            continue
        stored = [r.pk for r in value] if fdef.type == "record" else record.values.get(fdef.key)
        label = fdef.label.get(language)
        result.append(PublicField(fdef, fdef.key, label, fdef.type, stored, html))
    return result


# --- Relations ---------------------------------------------------------------------------------


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


def record_relations(*, record: Record, public_only: bool = True) -> list[RelationGroup]:
    """Outgoing groups in field order, then incoming groups; only published counterparts
    (through public fields) when ``public_only``."""
    language = current_language()
    definition = catalog_get(record.catalog)
    outgoing = RecordRelation.objects.filter(source=record).select_related("target")
    incoming = RecordRelation.objects.filter(target=record).select_related("source")
    if public_only:
        outgoing = outgoing.filter(target__status=Record.Status.PUBLISHED)
        incoming = incoming.filter(source__status=Record.Status.PUBLISHED)
    groups: dict[tuple, RelationGroup] = {}
    order = {fdef.key: index for index, fdef in enumerate(definition.fields if definition else [])}
    for relation in sorted(outgoing, key=lambda r: (order.get(r.field_key, 999), r.position)):
        label = _outgoing_label(definition, relation.field_key, language)
        if label is None or not _visible_through(record.catalog, relation.field_key, public_only):
            continue
        group_key = ("outgoing", record.catalog, relation.field_key)
        group = groups.setdefault(
            group_key, RelationGroup(relation.field_key, record.catalog, "outgoing", label)
        )
        group.records.append(relation.target)
    for relation in incoming.order_by("source__catalog", "field_key", "source__name", "id"):
        catalog = relation.source.catalog
        label = _incoming_label(catalog, relation.field_key, language)
        if label is None or not _visible_through(catalog, relation.field_key, public_only):
            continue
        group_key = ("incoming", catalog, relation.field_key)
        group = groups.setdefault(
            group_key, RelationGroup(relation.field_key, catalog, "incoming", label)
        )
        group.records.append(relation.source)
    return list(groups.values())


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
