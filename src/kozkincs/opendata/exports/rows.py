"""What an export says about each public record: a spreadsheet row, a JSON object, a GeoJSON
feature or a schema.org node.

Every value comes from a :class:`~kozkincs.catalog.selectors.PublicRecord`, whose fields have
passed the one visibility rule (personal fields only with consent and public visibility).
Catalog field values become text through their field type's ``json_ld`` hook (vocabulary
labels in the export's language, periods as written, rich text without tags), so no type is
special-cased here.
"""

from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kozkincs.catalog.definitions import CatalogDefinition, FieldDefinition
from kozkincs.catalog.fields import field_type
from kozkincs.catalog.json_ld import record_json_ld
from kozkincs.catalog.models import Record
from kozkincs.catalog.selectors import PublicRecord
from kozkincs.core.i18n import localized_attribute
from kozkincs.opendata.links import SiteLinks

type Cell = str | int | float | None

SPREADSHEET_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
"""A cell starting with one of these is a formula (or becomes one) in Excel and LibreOffice."""
LIST_SEPARATOR = "; "


def spreadsheet_safe(text: str) -> str:
    """``text`` that no spreadsheet runs as a formula: a leading ``'`` where it could."""
    return "'" + text if text.startswith(SPREADSHEET_TRIGGERS) else text


def _timestamp(value: datetime | None) -> str:
    return value.isoformat(timespec="seconds") if value else ""


def _flat(value: Any) -> str:
    """A ``json_ld`` value as one line of text: lists joined, objects by their values."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return LIST_SEPARATOR.join(text for text in map(_flat, value) if text)
    if isinstance(value, dict):
        parts = (_flat(v) for k, v in value.items() if not k.startswith("@"))
        return ", ".join(part for part in parts if part)
    return str(value)


def field_text(fdef: FieldDefinition, value: Any, definition: CatalogDefinition, language) -> str:
    """A visible field's value as text in ``language``."""
    kind = field_type(fdef.type)
    if kind.in_relations:  # {"id", "name"} of each related record (catalog/batches)
        return LIST_SEPARATOR.join(item["name"] for item in value)
    return _flat(kind.json_ld(value, field=fdef, catalog=definition, language=language))


def _joined(texts) -> str:
    return LIST_SEPARATOR.join(texts)


def _main_settlement(record: Record, attribute: str) -> str:
    return getattr(record.settlement, attribute) if record.settlement_id else ""


SHARED_COLUMNS: tuple[tuple[Any, Callable[[PublicRecord], Cell]], ...] = (
    (gettext_lazy("Identifier"), lambda i: i.record.pk),
    (gettext_lazy("Catalog"), lambda i: i.record.catalog),
    (gettext_lazy("Name (Hungarian)"), lambda i: i.record.name),
    (gettext_lazy("Name (English)"), lambda i: i.record.name_en),
    (gettext_lazy("Name (German)"), lambda i: i.record.name_de),
    (gettext_lazy("Summary (Hungarian)"), lambda i: i.record.summary),
    (gettext_lazy("Summary (English)"), lambda i: i.record.summary_en),
    (gettext_lazy("Summary (German)"), lambda i: i.record.summary_de),
    (gettext_lazy("Settlement"), lambda i: _main_settlement(i.record, "name")),
    (gettext_lazy("KSH code"), lambda i: _main_settlement(i.record, "ksh_code")),
    (gettext_lazy("Further settlements"), lambda i: _joined(p.name for p in i.settlements)),
    (gettext_lazy("Their KSH codes"), lambda i: _joined(p.ksh_code for p in i.settlements)),
    (gettext_lazy("Latitude"), lambda i: i.record.lat),
    (gettext_lazy("Longitude"), lambda i: i.record.lon),
    (gettext_lazy("Strategy priorities"), lambda i: _joined(map(str, i.priorities))),
    (gettext_lazy("Tags"), lambda i: _joined(i.record.tags or [])),
    (
        gettext_lazy("Sources"),
        lambda i: _joined(s.get("url") or s.get("title", "") for s in i.record.sources or []),
    ),
    (gettext_lazy("Published"), lambda i: _timestamp(i.record.published_at)),
    (gettext_lazy("Last changed"), lambda i: _timestamp(i.record.updated_at)),
)  # fmt: skip


class Table:
    """The spreadsheet columns: the shared ones, the record page, then each catalog's public
    fields (prefixed with the catalog's name when there are several catalogs). A row fills
    the shared columns and only its own catalog's fields, found by their position."""

    def __init__(
        self, definitions: list[CatalogDefinition], *, links: SiteLinks, language: str
    ) -> None:
        self.links, self.language = links, language
        with translation.override(language):
            self.header = [str(label) for label, _read in SHARED_COLUMNS] + [_("Page")]
            self.positions: dict[tuple[str, str], int] = {}
            for definition in definitions:
                prefix = definition.label.get(language) + ": " if len(definitions) > 1 else ""
                for fdef in definition.fields:
                    if fdef.public:
                        self.positions[definition.key, fdef.key] = len(self.header)
                        self.header.append(prefix + fdef.label.get(language))

    def row(self, item: PublicRecord) -> list[Cell]:
        """The row's cells; texts neutralised for spreadsheets, numbers kept as numbers."""
        cells: list[Cell] = [read(item) for _label, read in SHARED_COLUMNS]
        cells = [spreadsheet_safe(cell) if isinstance(cell, str) else cell for cell in cells]
        cells.append(self.links.record_page(item.record.catalog, item.record.slug))
        cells.extend([None] * (len(self.header) - len(cells)))
        catalog = item.definition.key
        for fdef, value in item.fields:
            position = self.positions.get((catalog, fdef.key))
            if position is not None:
                text = field_text(fdef, value, item.definition, self.language)
                cells[position] = spreadsheet_safe(text)
        return cells


def _texts(record: Record, column: str) -> dict[str, str]:
    """The Hungarian text and its translations (those that exist)."""
    texts = {"hu": getattr(record, column)}
    for language in ("en", "de"):
        if text := getattr(record, f"{column}_{language}"):
            texts[language] = text
    return texts


def record_object(item: PublicRecord, *, links: SiteLinks) -> dict:
    """The record as a JSON object: shared columns, settlements by KSH code, visible fields."""
    record = item.record
    settlement = record.settlement
    return {
        "id": record.pk,
        "catalog": record.catalog,
        "url": links.record_page(record.catalog, record.slug),
        "name": _texts(record, "name"),
        "summary": _texts(record, "summary"),
        "description": _texts(record, "description"),
        "settlement": {"ksh_code": settlement.ksh_code, "name": settlement.name}
        if settlement
        else None,
        "settlements": [{"ksh_code": s.ksh_code, "name": s.name} for s in record.settlements.all()],
        "lat": record.lat,
        "lon": record.lon,
        "priorities": list(item.priorities),
        "tags": list(record.tags or []),
        "sources": list(record.sources or []),
        "published_at": _timestamp(record.published_at),
        "updated_at": _timestamp(record.updated_at),
        "fields": {fdef.key: value for fdef, value in item.fields},
    }


def record_feature(item: PublicRecord, *, links: SiteLinks, language: str) -> dict:
    """The record as a GeoJSON feature: its own point, else its settlement's centre
    (``approximate``), else no geometry; flat properties in ``language``."""
    record, settlement = item.record, item.record.settlement
    geometry, approximate = None, False
    if record.lat is not None and record.lon is not None:
        geometry = {"type": "Point", "coordinates": [record.lon, record.lat]}
    elif settlement is not None and settlement.lat is not None and settlement.lon is not None:
        geometry = {"type": "Point", "coordinates": [settlement.lon, settlement.lat]}
        approximate = True
    properties = {
        "id": record.pk,
        "catalog": record.catalog,
        "name": localized_attribute(record, "name", language),
        "summary": localized_attribute(record, "summary", language),
        "url": links.record_page(record.catalog, record.slug),
        "settlement": settlement.name if settlement else None,
        "ksh_code": settlement.ksh_code if settlement else None,
        "approximate": approximate,
    }
    for fdef, value in item.fields:
        properties.setdefault(fdef.key, field_text(fdef, value, item.definition, language))
    return {"type": "Feature", "id": record.pk, "geometry": geometry, "properties": properties}


def record_node(item: PublicRecord, *, links: SiteLinks, language: str) -> dict:
    """The record's schema.org node (``record_json_ld``, the record page's), its URL absolute."""
    node = record_json_ld(record=item.record, language=language)
    node.pop("@context", None)
    node["@id"] = links.record_permalink(item.record.pk)
    node["url"] = links.record_page(item.record.catalog, item.record.slug)
    return node
