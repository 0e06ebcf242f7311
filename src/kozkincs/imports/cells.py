"""From the cells of one row to the ``RecordData`` the record services validate.

Only what a spreadsheet writes differently from a form is done here: several values in one
cell (separated by semicolons or line breaks), settlements and related records named instead
of given by code or id, the parts of a person or a group in separate columns. Everything else
(numbers such as "1 234,5", dates such as "2010. május 13.", choices by label) is validated
by the field types, the same code as for the forms.

Settlement and record names are looked up in maps loaded once per import (:class:`NameIndex`),
never with a query per row; a near miss gets a suggestion ("Zalaegerszg" → "Zalaegerszeg?").
"""

import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils.translation import gettext

from kozkincs.catalog.definitions import CatalogDefinition
from kozkincs.catalog.fields import field_type
from kozkincs.catalog.models import Record
from kozkincs.catalog.record_data import RecordData
from kozkincs.gazetteer.models import RegionMembership, Settlement
from kozkincs.gazetteer.names import fold_name
from kozkincs.imports.columns import ColumnMap

SEPARATORS = re.compile(r"\s*(?:;|\r?\n)\s*")
SUGGESTION_CUTOFF = 0.8
LIST_COLUMNS = ("settlements", "tags", "priorities")


class CellError(Exception):
    """A cell's text names nothing known; ``message`` says what, in the user's language."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def split_cell(value: Any) -> list:
    if not isinstance(value, str):
        return [] if value is None else [value]
    return [item for item in SEPARATORS.split(value.strip()) if item]


@dataclass
class NameIndex:
    """Folded name → the keys it names (several when ambiguous), with near-miss suggestions."""

    names: dict[str, list[str]] = field(default_factory=dict)
    shown: dict[str, str] = field(default_factory=dict)
    preferred: set[str] = field(default_factory=set)
    _suggestions: dict[str, str | None] = field(default_factory=dict)

    def add(self, name: str, key: str, *, preferred: bool = False) -> None:
        folded = fold_name(name)
        self.names.setdefault(folded, []).append(key)
        self.shown.setdefault(folded, name)
        if preferred:
            self.preferred.add(key)

    def find(self, text: str) -> list[str]:
        keys = self.names.get(fold_name(text), [])
        if len(keys) > 1:
            favoured = [key for key in keys if key in self.preferred]
            if len(favoured) == 1:
                return favoured
        return keys

    def suggestion(self, text: str) -> str | None:
        folded = fold_name(text)
        if folded not in self._suggestions:
            close = difflib.get_close_matches(folded, self.names, n=1, cutoff=SUGGESTION_CUTOFF)
            self._suggestions[folded] = self.shown[close[0]] if close else None
        return self._suggestions[folded]


def settlement_index() -> NameIndex:
    """Every settlement by name (the home region's first when a name repeats) and by KSH code."""
    index = NameIndex()
    home = set(
        RegionMembership.objects.filter(region__key=settings.KOZKINCS_HOME_REGION).values_list(
            "settlement__ksh_code", flat=True
        )
    )
    for code, name in Settlement.objects.values_list("ksh_code", "name"):
        index.add(name, code, preferred=code in home)
    return index


def record_index(catalog: str) -> NameIndex:
    """The records of ``catalog`` (outside the trash) by name."""
    index = NameIndex()
    rows = Record.objects.filter(catalog=catalog).exclude(status=Record.Status.ARCHIVED)
    for pk, name in rows.values_list("id", "name").iterator(chunk_size=5000):
        index.add(name, str(pk))
    return index


@dataclass
class Lookups:
    """Everything a row's names are resolved against, loaded once per import."""

    settlements: NameIndex
    records: dict[str, NameIndex]  # target catalog → its records

    @classmethod
    def load(cls, definition: CatalogDefinition, mapping: ColumnMap) -> "Lookups":
        targets = {
            column.field.target_catalog
            for column in mapping.assigned.values()
            if column.field is not None and field_type(column.field.type).in_relations
        }
        return cls(settlement_index(), {target: record_index(target) for target in targets})


def _settlement_code(text: Any, lookups: Lookups) -> str:
    text = str(text).strip()
    if text.isdigit() and len(text) == 5:
        return text  # a KSH code; the services check that it exists
    found = lookups.settlements.find(text)
    if len(found) == 1:
        return found[0]
    if found:
        raise CellError(
            gettext("Several settlements are called “%(name)s”: give the KSH code (%(codes)s).")
            % {"name": text, "codes": ", ".join(found)}
        )
    suggestion = lookups.settlements.suggestion(text)
    if suggestion:
        raise CellError(
            gettext("Unknown settlement “%(name)s”. Did you mean “%(suggestion)s”?")
            % {"name": text, "suggestion": suggestion}
        )
    raise CellError(gettext("Unknown settlement “%(name)s”.") % {"name": text})


def _record_id(text: Any, index: NameIndex) -> int | str:
    text = str(text).strip()
    if text.isdigit():
        return int(text)  # an id; the services check that it exists and is in the catalog
    found = index.find(text)
    if len(found) == 1:
        return int(found[0])
    if found:
        raise CellError(
            gettext("Several records are called “%(name)s”: give the id (%(ids)s).")
            % {"name": text, "ids": ", ".join(found)}
        )
    suggestion = index.suggestion(text)
    if suggestion:
        raise CellError(
            gettext("No record is called “%(name)s”. Did you mean “%(suggestion)s”?")
            % {"name": text, "suggestion": suggestion}
        )
    raise CellError(gettext("No record is called “%(name)s”.") % {"name": text})


def _shared_value(key: str, value: Any, lookups: Lookups) -> Any:
    if key == "settlement":
        return _settlement_code(value, lookups) if value is not None else None
    if key == "settlements":
        return [_settlement_code(item, lookups) for item in split_cell(value)]
    if key in ("tags", "priorities"):
        items = split_cell(value)
        return [part for item in items for part in str(item).split(",") if part.strip()]
    if key in ("lat", "lon"):
        return value
    return "" if value is None else str(value).strip()


def _field_value(column, value: Any, lookups: Lookups) -> Any:
    fdef = column.field
    kind = field_type(fdef.type)
    if value is None:
        return None
    if kind.holds_settlements:
        codes = [_settlement_code(item, lookups) for item in split_cell(value)]
        return codes if fdef.multiple else (codes[0] if codes else None)
    if kind.in_relations:
        index = lookups.records[fdef.target_catalog]
        return [_record_id(item, index) for item in split_cell(value)]
    if kind.spreadsheet_several(field=fdef):
        return split_cell(value)
    return value


def row_data(
    row: list[Any], mapping: ColumnMap, lookups: Lookups
) -> tuple[RecordData, dict[int, str]]:
    """The ``RecordData`` of ``row`` and the problems found in its cells (column index →
    message). Only mapped columns become keys, so an update changes only those."""
    data: dict[str, Any] = {}
    values: dict[str, Any] = {}
    in_parts: dict[str, Any] = {}  # field key → its definition, for fields written in parts
    problems: dict[int, str] = {}
    for index, column in mapping.assigned.items():
        value = row[index] if index < len(row) else None
        if isinstance(value, str):
            value = value.strip() or None
        if column.key == "id":
            continue
        try:
            if column.field is None:
                data[column.key] = _shared_value(column.key, value, lookups)
            elif column.part is not None:
                in_parts[column.field.key] = column.field
                parts = values.setdefault(column.field.key, {})
                if value is not None:
                    parts[column.part] = value
            else:
                values[column.field.key] = _field_value(column, value, lookups)
        except CellError as error:
            problems[index] = error.message
    for key, fdef in in_parts.items():
        parts = values[key]
        values[key] = ([parts] if parts else None) if fdef.multiple else (parts or None)
    if values:
        data["values"] = values
    return data, problems
