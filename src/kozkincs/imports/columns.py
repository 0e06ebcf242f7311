"""The columns a catalog accepts, finding the header row, and mapping columns to fields.

A column is named in a file by its Hungarian label, its English (or German) label or its key,
compared without case and accents ("Építés éve", "epites eve", "Year built", "built_year").
The parts of a contact person or of a group are columns of their own ("Kapcsolattartó:
e-mail", key ``contact.email``). Columns the catalog does not know are reported; the import
only goes on when the user has chosen to ignore each of them.
"""

from dataclasses import dataclass, field
from typing import Any

from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kozkincs.catalog.definitions import CatalogDefinition, FieldDefinition
from kozkincs.catalog.fields import field_type
from kozkincs.catalog.models import Record
from kozkincs.core.i18n import CONTENT_LANGUAGES
from kozkincs.gazetteer.names import fold_name

HEADER_SCAN_ROWS = 30
IGNORE = "-"
ID_COLUMN = "id"
# The error column of the downloadable report (imports/report.py): ignored when a corrected
# report is uploaded again.
REPORT_COLUMN_LABELS = {"hu": "Hibák", "en": "Problems", "de": "Fehler"}
SHARED_COLUMNS = (
    "name", "name_en", "name_de", "summary", "summary_en", "summary_de", "description",
    "description_en", "description_de", "settlement", "settlements", "lat", "lon", "tags",
    "priorities",
)  # fmt: skip
# Short names a sheet uses for the shared columns besides their labels ("név (magyar)").
ALIASES = {
    "name": ("Név", "Megnevezés", "Name"),
    "settlement": ("Település", "Helység", "Ort"),
    "settlements": ("Települések",),
    "summary": ("Összefoglaló", "Summary"),
    "description": ("Leírás", "Description"),
    "lat": ("Szélesség", "Lat"),
    "lon": ("Hosszúság", "Lon", "Lng"),
    "tags": ("Címkék", "Tags"),
    "priorities": ("Prioritások", "Priorities"),
    "id": ("Azonosító", "ID"),
}


class MappingError(Exception):
    """The columns cannot be used as they are mapped; ``messages`` say why."""

    def __init__(self, messages: list[str]):
        super().__init__("; ".join(messages))
        self.messages = messages


@dataclass(frozen=True)
class Column:
    """Something a file's column can fill: a shared column, a catalog field or a part of one."""

    key: str
    labels: dict[str, str]
    field: FieldDefinition | None = None
    part: str | None = None
    required: bool = False
    aliases: tuple[str, ...] = ()

    def label(self, language: str | None = None) -> str:
        language = language or translation.get_language() or "hu"
        return self.labels.get(language[:2]) or self.labels["hu"]


def _translated(text, language: str) -> str:
    with translation.override(language):
        return capfirst(str(text))


def _shared_column(name: str) -> Column:
    if name == ID_COLUMN:
        labels = {lang: _translated(_("record id"), lang) for lang in CONTENT_LANGUAGES}
    else:
        verbose = Record._meta.get_field(name).verbose_name
        labels = {lang: _translated(verbose, lang) for lang in CONTENT_LANGUAGES}
    return Column(key=name, labels=labels, required=name == "name", aliases=ALIASES.get(name, ()))


def catalog_columns(definition: CatalogDefinition) -> list[Column]:
    """Every column the catalog accepts, in template order: the record id, the shared
    columns, then the catalog's fields (a column per part of a person or a group)."""
    columns = [_shared_column(ID_COLUMN), *(_shared_column(name) for name in SHARED_COLUMNS)]
    for fdef in definition.fields:
        labels = {lang: fdef.label.get(lang) for lang in CONTENT_LANGUAGES}
        parts = field_type(fdef.type).spreadsheet_parts(field=fdef)
        if parts:
            for part, names in parts:
                joined = {lang: f"{labels[lang]}: {names[lang]}" for lang in CONTENT_LANGUAGES}
                columns.append(
                    Column(key=f"{fdef.key}.{part}", labels=joined, field=fdef, part=part)
                )
            continue
        columns.append(Column(key=fdef.key, labels=labels, field=fdef, required=fdef.required))
    return columns


def _names(column: Column) -> set[str]:
    texts = (*column.labels.values(), *column.aliases)
    return {fold_name(column.key), *(fold_name(text) for text in texts)}


def column_lookup(columns: list[Column]) -> dict[str, Column]:
    """Folded label or key → column (labels shared by two columns name neither)."""
    lookup: dict[str, Column] = {}
    ambiguous: set[str] = set()
    for column in columns:
        for name in _names(column):
            if name in lookup and lookup[name].key != column.key:
                ambiguous.add(name)
            lookup[name] = column
    return {name: column for name, column in lookup.items() if name not in ambiguous}


def _heading(cell: Any) -> str:
    return fold_name(" ".join(str(cell).split())) if cell is not None else ""


def _is_report_column(heading: str) -> bool:
    return heading in {fold_name(label) for label in REPORT_COLUMN_LABELS.values()}


def header_row_find(rows: list[list[Any]], lookup: dict[str, Column]) -> int:
    """The index of the row among the first ones naming the most known columns (title rows
    and blank rows above it are skipped); ``MappingError`` when none names any."""
    best, best_count = -1, 0
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        count = sum(1 for cell in row if _heading(cell) in lookup)
        if count > best_count:
            best, best_count = index, count
    if best < 0:
        raise MappingError(
            [gettext("No row of the sheet names a column of this catalog (e.g. “Név”).")]
        )
    return best


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


@dataclass
class ColumnMap:
    """Which column of the file fills which :class:`Column`."""

    header_index: int
    headers: list[str]
    assigned: dict[int, Column] = field(default_factory=dict)
    unknown: list[int] = field(default_factory=list)
    ignored: list[int] = field(default_factory=list)

    def describe(self, index: int) -> str:
        heading = self.headers[index] if index < len(self.headers) else ""
        return f"{column_letter(index)} ({heading})" if heading else column_letter(index)


def column_map_build(
    header: list[Any], columns: list[Column], overrides: dict[int, str] | None = None
) -> ColumnMap:
    """Map each column of ``header`` by its heading, then apply the user's ``overrides``
    (column index → column key, or ``IGNORE``)."""
    lookup = column_lookup(columns)
    by_key = {column.key: column for column in columns}
    headers = ["" if cell is None else " ".join(str(cell).split()) for cell in header]
    mapping = ColumnMap(header_index=0, headers=headers)
    for index, heading in enumerate(headers):
        override = (overrides or {}).get(index)
        folded = fold_name(heading)
        if override == IGNORE or (override is None and _is_report_column(folded)):
            mapping.ignored.append(index)
        elif override in by_key:
            mapping.assigned[index] = by_key[override]
        elif folded in lookup:
            mapping.assigned[index] = lookup[folded]
        elif heading:
            mapping.unknown.append(index)
        else:
            mapping.ignored.append(index)  # no heading: its cells are checked to be empty
    return mapping


def unknown_column_problems(mapping: ColumnMap) -> list[str]:
    """One message per column that names no field (the user must map or ignore it)."""
    return [
        gettext(
            "Column %(column)s is not a field of this catalog: map it to a field or "
            "choose to ignore it."
        )
        % {"column": mapping.describe(index)}
        for index in mapping.unknown
    ]


def column_map_check(mapping: ColumnMap, *, update_by: str = "") -> list[str]:
    """What keeps the rows from being read with ``mapping`` (empty when they can be; unknown
    columns are left to :func:`unknown_column_problems`)."""
    problems = []
    seen: dict[str, int] = {}
    for index, column in sorted(mapping.assigned.items()):
        if column.key in seen:
            problems.append(
                gettext("Columns %(first)s and %(second)s are both mapped to “%(field)s”.")
                % {"first": mapping.describe(seen[column.key]),
                   "second": mapping.describe(index), "field": column.label()}
            )  # fmt: skip
        seen.setdefault(column.key, index)
    keys = set(seen)
    if update_by and update_by not in keys:
        problems.append(
            gettext("No column is mapped to “%(column)s”, the identifier to update by.")
            % {"column": update_by}
        )
    if "name" not in keys and not update_by:
        problems.append(gettext("No column holds the name of the records (“Név”)."))
    return problems
