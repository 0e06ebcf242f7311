"""What an export says about each public record: a spreadsheet row, a JSON object, a GeoJSON
feature or a schema.org node.

Every value comes from a :class:`~kozkincs.catalog.selectors.PublicRecord`, whose fields have
passed the one visibility rule (personal fields only with consent and public visibility).
Catalog field values become text through their field type's ``json_ld`` hook (vocabulary
labels in the export's language, periods as written, rich text without tags), so no type is
special-cased here. An export asks each field's type once for that hook as a function of the
value alone (``json_ld_function``, :class:`FieldTexts`), not once per value.
"""

from collections.abc import Callable
from datetime import datetime
from typing import Any, NamedTuple

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


def _flat(value: Any, words: tuple[str, str]) -> str:
    """A ``json_ld`` value as one line of text: lists joined, objects by their values, truth
    values as ``words`` (yes, no)."""
    if value.__class__ is str:
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return words[0] if value else words[1]
    if isinstance(value, list):
        return LIST_SEPARATOR.join(text for item in value if (text := _flat(item, words)))
    if isinstance(value, dict):
        parts = (_flat(v, words) for k, v in value.items() if not k.startswith("@"))
        return ", ".join(part for part in parts if part)
    return str(value)


def _related_names(value: list[dict]) -> str:
    """A record reference's value: ``{"id", "name"}`` of each related record (catalog/batches)."""
    return LIST_SEPARATOR.join(item["name"] for item in value)


class FieldTexts:
    """The text in ``language`` of visible field values: one function per field, made from
    its type's ``json_ld_function`` on first use and kept for the export."""

    def __init__(self, language: str) -> None:
        self.language = language
        with translation.override(language):
            self.words = (_("yes"), _("no"))
        self._functions: dict[tuple[str, str], Callable[[Any], str]] = {}

    def function(self, fdef: FieldDefinition, definition: CatalogDefinition):
        key = (definition.key, fdef.key)
        found = self._functions.get(key)
        if found is None:
            found = self._functions[key] = self._make(fdef, definition)
        return found

    def _make(self, fdef: FieldDefinition, definition: CatalogDefinition):
        kind = field_type(fdef.type)
        if kind.in_relations:
            return _related_names
        to_json_ld = kind.json_ld_function(field=fdef, catalog=definition, language=self.language)
        words = self.words

        def text(value: Any) -> str:
            converted = to_json_ld(value)
            return converted if converted.__class__ is str else _flat(converted, words)

        return text

    def text(self, fdef: FieldDefinition, value: Any, definition: CatalogDefinition) -> str:
        return self.function(fdef, definition)(value)


def _joined(texts) -> str:
    return LIST_SEPARATOR.join(texts)


SHARED_LABELS = (
    gettext_lazy("Identifier"), gettext_lazy("Catalog"),
    gettext_lazy("Name (Hungarian)"), gettext_lazy("Name (English)"),
    gettext_lazy("Name (German)"), gettext_lazy("Summary (Hungarian)"),
    gettext_lazy("Summary (English)"), gettext_lazy("Summary (German)"),
    gettext_lazy("Settlement"), gettext_lazy("KSH code"),
    gettext_lazy("Further settlements"), gettext_lazy("Their KSH codes"),
    gettext_lazy("Latitude"), gettext_lazy("Longitude"),
    gettext_lazy("Strategy priorities"), gettext_lazy("Tags"), gettext_lazy("Sources"),
    gettext_lazy("Published"), gettext_lazy("Last changed"),
)  # fmt: skip
"""The shared columns' headings; :func:`shared_cells` gives a row's cells in this order."""


def shared_cells(item: PublicRecord) -> list[Cell]:
    """The shared columns of ``item`` (:data:`SHARED_LABELS`): texts neutralised for
    spreadsheets (:func:`spreadsheet_safe`), numbers kept as numbers. One function for the
    row rather than one per column: the exports call it for every record."""
    record, further = item.record, item.settlements
    settlement = record.settlement
    cells = [
        record.pk, record.catalog, record.name, record.name_en, record.name_de,
        record.summary, record.summary_en, record.summary_de,
        settlement.name if settlement is not None else "",
        settlement.ksh_code if settlement is not None else "",
        _joined([place.name for place in further]),
        _joined([place.ksh_code for place in further]),
        record.lat, record.lon,
        _joined(map(str, item.priorities)), _joined(record.tags or []),
        _joined([source.get("url") or source.get("title", "") for source in record.sources or []]),
        _timestamp(record.published_at), _timestamp(record.updated_at),
    ]  # fmt: skip
    return [spreadsheet_safe(cell) if cell.__class__ is str else cell for cell in cells]


class CatalogColumns(NamedTuple):
    """Where a catalog's fields sit in the table: from column ``first``, ``count`` of them,
    each field key with its position in that span and the text function of its values."""

    first: int
    count: int
    fields: dict[str, tuple[int, Callable[[Any], str]]]


class Table:
    """The spreadsheet columns: the shared ones, the record page, then each catalog's public
    fields (prefixed with the catalog's name when there are several catalogs). A row fills
    the shared columns and only its own catalog's span of columns (:class:`CatalogColumns`),
    so the writers take a row in two parts (:meth:`parts`) and write the other catalogs'
    columns as empty without a cell each."""

    def __init__(
        self, definitions: list[CatalogDefinition], *, links: SiteLinks, language: str
    ) -> None:
        self.links, self.language = links, language
        texts = FieldTexts(language)
        with translation.override(language):
            self.header = [str(label) for label in SHARED_LABELS] + [_("Page")]
            self.shared_count = len(self.header)
            self.catalogs: dict[str, CatalogColumns] = {}
            for definition in definitions:
                prefix = definition.label.get(language) + ": " if len(definitions) > 1 else ""
                first = len(self.header)
                fields = {}
                for fdef in definition.fields:
                    if fdef.public:
                        fields[fdef.key] = (len(fields), texts.function(fdef, definition))
                        self.header.append(prefix + fdef.label.get(language))
                self.catalogs[definition.key] = CatalogColumns(first, len(fields), fields)
        self._no_columns = CatalogColumns(len(self.header), 0, {})

    def parts(self, item: PublicRecord) -> tuple[list[Cell], CatalogColumns, list[str | None]]:
        """The row of ``item`` in two parts: its shared cells and record page, then its
        catalog's columns and their cells (``None`` where empty). Texts are neutralised for
        spreadsheets, numbers kept as numbers."""
        shared = shared_cells(item)
        record = item.record
        shared.append(self.links.record_page(record.catalog, record.slug))
        columns = self.catalogs.get(item.definition.key, self._no_columns)
        own: list[str | None] = [None] * columns.count
        fields = columns.fields
        for fdef, value in item.fields:
            found = fields.get(fdef.key)
            if found is not None:
                position, text = found
                own[position] = spreadsheet_safe(text(value))
        return shared, columns, own

    def row(self, item: PublicRecord) -> list[Cell]:
        """The whole row of ``item``: a cell for every column of the table."""
        shared, columns, own = self.parts(item)
        before = columns.first - self.shared_count
        after = len(self.header) - columns.first - columns.count
        return [*shared, *[None] * before, *own, *[None] * after]


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
        "settlements": [{"ksh_code": s.ksh_code, "name": s.name} for s in item.settlements],
        "lat": record.lat,
        "lon": record.lon,
        "priorities": list(item.priorities),
        "tags": list(record.tags or []),
        "sources": list(record.sources or []),
        "published_at": _timestamp(record.published_at),
        "updated_at": _timestamp(record.updated_at),
        "fields": {fdef.key: value for fdef, value in item.fields},
    }


def record_feature(
    item: PublicRecord, *, links: SiteLinks, language: str, texts: FieldTexts | None = None
) -> dict:
    """The record as a GeoJSON feature: its own point, else its settlement's centre
    (``approximate``), else no geometry; flat properties in ``language`` (``texts``: the
    export's :class:`FieldTexts`)."""
    texts = texts or FieldTexts(language)
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
        properties.setdefault(fdef.key, texts.text(fdef, value, item.definition))
    return {"type": "Feature", "id": record.pk, "geometry": geometry, "properties": properties}


def record_node(item: PublicRecord, *, links: SiteLinks, language: str) -> dict:
    """The record's schema.org node (``record_json_ld``, the record page's), its URL absolute."""
    node = record_json_ld(record=item.record, language=language)
    node.pop("@context", None)
    node["@id"] = links.record_permalink(item.record.pk)
    node["url"] = links.record_page(item.record.catalog, item.record.slug)
    return node
