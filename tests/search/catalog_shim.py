"""Stand-in for ``kozkincs.catalog.selectors`` until the catalog engine provides it.

Only installed (by conftest.py) when the real module lacks ``record_index_documents``; it has
the agreed names and shape, and deliberately no visibility logic for personal fields.
"""

import sys
import types
from dataclasses import dataclass, field

from kozkincs.catalog.models import Record
from kozkincs.catalog.registry import catalog_get


@dataclass(frozen=True)
class IndexDocument:
    record_id: int
    catalog: str
    names: dict[str, str]
    summaries: dict[str, str]
    descriptions: dict[str, str]
    attributes_text: str
    facets: dict[str, list[str]] = field(default_factory=dict)
    settlement_ids: list[int] = field(default_factory=list)
    priority_numbers: list[int] = field(default_factory=list)
    lat: float | None = None
    lon: float | None = None


def record_public_queryset():
    return Record.objects.filter(status=Record.Status.PUBLISHED)


def _texts(record: Record, column: str) -> dict[str, str]:
    return {
        "hu": getattr(record, column),
        "en": getattr(record, column + "_en"),
        "de": getattr(record, column + "_de"),
    }


def _facets(record: Record) -> dict[str, list[str]]:
    definition = catalog_get(record.catalog)
    facets = {}
    for key in definition.facets if definition else []:
        value = record.values.get(key)
        if isinstance(value, bool):
            facets[key] = ["true" if value else "false"]
        elif value is not None:
            facets[key] = [str(v) for v in (value if isinstance(value, list) else [value])]
    return facets


def _attributes(record: Record) -> str:
    definition = catalog_get(record.catalog)
    fields = definition.field_map if definition else {}
    return " ".join(
        str(value)
        for key, value in record.values.items()
        if isinstance(value, str) and key in fields and not fields[key].personal
    )


def record_index_document(*, record: Record) -> IndexDocument:
    return IndexDocument(
        record_id=record.id,
        catalog=record.catalog,
        names=_texts(record, "name"),
        summaries=_texts(record, "summary"),
        descriptions=_texts(record, "description"),
        attributes_text=_attributes(record),
        facets=_facets(record),
        settlement_ids=sorted(
            {record.settlement_id, *(s.id for s in record.settlements.all())} - {None}
        ),
        priority_numbers=sorted(p.number for p in record.priorities.all()),
        lat=record.lat,
        lon=record.lon,
    )


def record_index_documents(*, record_ids: list[int]) -> list[IndexDocument]:
    records = Record.objects.filter(id__in=record_ids).prefetch_related("settlements", "priorities")
    return [record_index_document(record=record) for record in records]


def install() -> None:
    try:
        from kozkincs.catalog import selectors
    except ImportError:
        selectors = None
    if selectors is not None and hasattr(selectors, "record_index_documents"):
        return
    module = types.ModuleType("kozkincs.catalog.selectors")
    for name in ("IndexDocument", "record_public_queryset", "record_index_document",
                 "record_index_documents"):  # fmt: skip
        setattr(module, name, globals()[name])
    sys.modules["kozkincs.catalog.selectors"] = module
