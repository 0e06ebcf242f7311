"""The dry run: read a file, map its columns, validate every row, and sort the rows into new,
updated, unchanged and invalid, without writing anything.

One pass over the rows; settlements, related records and the records to update are looked up
in maps loaded once; every row is validated by ``record_data_clean``, the validation of the
record services (and so of the forms). The import (``services.import_batch_apply``) writes
exactly the rows of a plan without problems: the new records as validated here
(``record_bulk_create_cleaned``, no second validation), the updated ones through
``record_update``.
"""

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from kozkincs.catalog.definitions import CatalogDefinition
from kozkincs.catalog.fields import field_type
from kozkincs.catalog.history import Snapshot, record_snapshots
from kozkincs.catalog.models import Record
from kozkincs.catalog.record_data import CleanedRecord, RecordData, References, record_data_clean
from kozkincs.gazetteer.names import fold_name
from kozkincs.imports.cells import Lookups, row_data
from kozkincs.imports.columns import (
    HEADER_SCAN_ROWS,
    ID_COLUMN,
    ColumnMap,
    MappingError,
    catalog_columns,
    column_lookup,
    column_map_build,
    column_map_check,
    header_row_find,
    unknown_column_problems,
)
from kozkincs.imports.reading import FileInfo, file_inspect, file_rows

PROGRESS_EVERY = 1000
# Rows validated together (one lookup of their references), then only their data is kept.
VALIDATION_CHUNK = 2000

VALUE_SHOWN = 100
Progress = Callable[[int], None]


@dataclass
class ImportOptions:
    """What the user chose (empty: detect or leave as it is)."""

    encoding: str = ""
    delimiter: str = ""
    sheet: str = ""
    update_by: str = ""
    mapping: dict[int, str] = field(default_factory=dict)

    @classmethod
    def from_json(cls, data: dict) -> "ImportOptions":
        return cls(
            encoding=data.get("encoding", ""), delimiter=data.get("delimiter", ""),
            sheet=data.get("sheet", ""), update_by=data.get("update_by", ""),
            mapping={int(k): v for k, v in (data.get("mapping") or {}).items()},
        )  # fmt: skip

    def as_json(self) -> dict:
        return {**self.__dict__, "mapping": {str(k): v for k, v in self.mapping.items()}}


@dataclass
class Problem:
    """What is wrong with one cell (``column`` empty: with the row as a whole)."""

    row: int
    column: str
    value: str
    message: str


@dataclass
class PlannedRow:
    """A valid row that changes a record (``record_update`` applies ``data``)."""

    number: int
    data: RecordData
    record_id: int | None = None
    version: int | None = None


@dataclass
class ImportPlan:
    info: FileInfo
    mapping: ColumnMap | None = None
    mapping_problems: list[str] = field(default_factory=list)
    new: list[CleanedRecord] = field(default_factory=list)
    """The valid rows that create records: their data as validated here, written as it is."""
    new_rows: list[int] = field(default_factory=list)
    """The file's row number of each of :attr:`new` (two lists, not a pair per row: an object
    per row is one more that the garbage collector walks while the plan is held)."""
    updated: list[PlannedRow] = field(default_factory=list)
    unchanged: int = 0
    invalid_rows: set[int] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)
    cell_problems: dict[tuple[int, int], str] = field(default_factory=dict)
    update_by: str = ""
    keep_rows: bool = True  # a dry run only counts: its memory does not grow with the rows
    new_count: int = 0
    updated_count: int = 0

    @property
    def invalid(self) -> int:
        return len(self.invalid_rows)

    @property
    def rows(self) -> int:
        return self.new_count + self.updated_count + self.unchanged + self.invalid

    @property
    def ok(self) -> bool:
        return not self.mapping_problems and not self.invalid_rows

    def counts(self) -> dict[str, int]:
        return {
            "new": self.new_count, "updated": self.updated_count, "unchanged": self.unchanged,
            "invalid": self.invalid, "rows": self.rows,
        }  # fmt: skip

    def add_problem(self, row: int, index: int | None, value: Any, message: str) -> None:
        shown = "" if value is None else str(value)[:VALUE_SHOWN]
        column = self.mapping.describe(index) if index is not None and self.mapping else ""
        self.problems.append(Problem(row, column, shown, str(message)))
        if index is not None:
            previous = self.cell_problems.get((row, index))
            self.cell_problems[(row, index)] = f"{previous} {message}" if previous else message
        self.invalid_rows.add(row)


@dataclass
class _Row:
    number: int
    cells: list[Any]
    data: RecordData
    record_id: int | None = None


def _blank(row: list[Any]) -> bool:
    return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in row)


def _update_column(update_by: str, definition: CatalogDefinition) -> str:
    if not update_by:
        return ""
    column = column_lookup(catalog_columns(definition)).get(fold_name(update_by))
    if column is None or column.part is not None or column.key not in update_by_keys(definition):
        raise MappingError(
            [gettext("“%(column)s” cannot identify records to update: use the record id, the "
                     "name or a text or identifier field.") % {"column": update_by}]
        )  # fmt: skip
    return column.key


def update_by_keys(definition: CatalogDefinition) -> set[str]:
    """The columns whose values can identify the record a row updates."""
    keys = {
        f.key for f in definition.fields
        if field_type(f.type).identifies_records and not f.multiple
    }  # fmt: skip
    return keys | {ID_COLUMN, "name"}


def _existing_keys(definition: CatalogDefinition, key: str) -> dict[Any, list[int]]:
    records = Record.objects.filter(catalog=definition.key)
    if key == ID_COLUMN:
        rows = records.values_list("id", "id")
    elif key == "name":
        rows = records.values_list("id", "name")
    else:
        rows = records.values_list("id", f"values__{key}")
    found: dict[Any, list[int]] = {}
    for pk, value in rows.iterator(chunk_size=5000):
        if value is not None:
            found.setdefault(_normal_key(value), []).append(pk)
    return found


def _normal_key(value: Any) -> Any:
    return fold_name(value) if isinstance(value, str) else value


def _row_key(plan, definition, row: _Row, index: int, key: str) -> Any:
    raw = row.cells[index] if index < len(row.cells) else None
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if key == ID_COLUMN:
        if not str(raw).strip().isdigit():
            plan.add_problem(row.number, index, raw, gettext("The record id must be a number."))
            return None
        return int(str(raw).strip())
    if key == "name":
        return _normal_key(str(raw).strip())
    fdef = definition.field_map[key]
    try:
        return _normal_key(field_type(fdef.type).clean(raw, field=fdef, catalog=definition))
    except ValidationError as error:
        plan.add_problem(row.number, index, raw, " ".join(error.messages))
        return None


def _folded(row: list) -> list[str]:
    return [fold_name(str(c)) if c is not None else "" for c in row]


def _data_rows(rows: Iterator[list], header: list, start: int) -> Iterator[tuple[int, list]]:
    folded_header = _folded(header)
    for number, row in enumerate(rows, start=start):
        if _blank(row):
            continue
        # The header repeated (e.g. on every printed page); the first cell is compared first,
        # so a data row costs one folding, not one per cell.
        if (
            len(row) == len(header)
            and _folded(row[:1]) == folded_header[:1]
            and _folded(row) == folded_header
        ):
            continue
        yield number, list(row)


def import_plan(
    *, definition: CatalogDefinition, path: Path, options: ImportOptions,
    progress: Progress | None = None, keep_rows: bool = True,
) -> ImportPlan:  # fmt: skip
    """Read, map and validate ``path`` for ``definition``; ``progress(rows done)``. Without
    ``keep_rows`` (a dry run) the valid rows are counted, not kept."""
    info = file_inspect(
        path, encoding=options.encoding, delimiter=options.delimiter, sheet=options.sheet
    )
    plan = ImportPlan(info=info, keep_rows=keep_rows)
    rows = file_rows(path, info)
    head = list(itertools.islice(rows, HEADER_SCAN_ROWS))
    try:
        plan.update_by = _update_column(options.update_by, definition)
        header_index = header_row_find(head, column_lookup(catalog_columns(definition)))
    except MappingError as error:
        plan.mapping_problems = error.messages
        return plan
    mapping = column_map_build(head[header_index], catalog_columns(definition), options.mapping)
    mapping.header_index = header_index
    plan.mapping = mapping
    blocking = column_map_check(mapping, update_by=plan.update_by)
    plan.mapping_problems = blocking + unknown_column_problems(mapping)
    if blocking:
        return plan  # the rows cannot be read as mapped; unknown columns alone do not stop it
    remaining = itertools.chain(head[header_index + 1 :], rows)
    _plan_rows(plan, definition, _data_rows(remaining, head[header_index], header_index + 2),
               progress)  # fmt: skip
    return plan


def _plan_rows(plan: ImportPlan, definition, numbered, progress) -> None:
    mapping = plan.mapping
    lookups = Lookups.load(definition, mapping)
    key_index = next((i for i, c in mapping.assigned.items() if c.key == plan.update_by), None)
    existing = _existing_keys(definition, plan.update_by) if plan.update_by else {}
    seen_keys: dict[Any, int] = {}
    creating: list[_Row] = []
    updating: list[_Row] = []
    for count, (number, cells) in enumerate(numbered, start=1):
        data, cell_problems = row_data(cells, mapping, lookups)
        row = _Row(number, cells, data)
        for index, message in cell_problems.items():
            plan.add_problem(number, index, cells[index], message)
        for index in mapping.ignored:
            if index < len(cells) and not mapping.headers[index] and cells[index] is not None:
                plan.add_problem(number, index, cells[index], gettext(
                    "This column has no heading: give it one or move the value."))  # fmt: skip
        if plan.update_by:
            key = _row_key(plan, definition, row, key_index, plan.update_by)
            row.record_id = _match(plan, row, key, key_index, existing, seen_keys)
        (updating if row.record_id else creating).append(row)
        if len(creating) >= VALIDATION_CHUNK:
            _validate_new(plan, definition, creating)
            creating = []
        if len(updating) >= VALIDATION_CHUNK:
            _validate_updates(plan, definition, updating)
            updating = []
        if progress and count % PROGRESS_EVERY == 0:
            progress(count)
    _validate_new(plan, definition, creating)
    _validate_updates(plan, definition, updating)


def _match(plan: ImportPlan, row: _Row, key, index: int, existing: dict, seen: dict) -> int | None:
    """The id of the record the row's identifier ``key`` names (None: a new record)."""
    if key is None:
        return None
    value = row.cells[index]
    if key in seen:
        plan.add_problem(row.number, index, value, gettext(
            "Row %(row)d has the same identifier.") % {"row": seen[key]})  # fmt: skip
    seen.setdefault(key, row.number)
    matches = existing.get(key, [])
    if len(matches) > 1:
        plan.add_problem(row.number, index, value, gettext(
            "Several records have this identifier; it cannot say which to update."))  # fmt: skip
        return None
    if not matches and plan.update_by == ID_COLUMN:
        plan.add_problem(row.number, index, value, gettext(
            "No record of this catalog has this id."))  # fmt: skip
    return matches[0] if matches else None


def _add_errors(plan: ImportPlan, row: _Row, error: ValidationError) -> None:
    columns = {}
    for index, column in plan.mapping.assigned.items():
        columns.setdefault(column.field.key if column.field else column.key, index)
    for key, messages in error.message_dict.items():
        index = columns.get(key)
        value = row.cells[index] if index is not None and index < len(row.cells) else None
        for message in messages:
            plan.add_problem(row.number, index, value, message)


def _validate_new(plan: ImportPlan, definition, rows: list[_Row]) -> None:
    if not rows:
        return
    references = References.for_items(definition, [row.data for row in rows])
    for row in rows:
        try:
            cleaned = record_data_clean(definition=definition, data=row.data, references=references)
        except ValidationError as error:
            _add_errors(plan, row, error)
            continue
        if row.number not in plan.invalid_rows:
            plan.new_count += 1
            if plan.keep_rows:
                plan.new.append(cleaned)
                plan.new_rows.append(row.number)


def _validate_updates(plan: ImportPlan, definition, rows: list[_Row]) -> None:
    if not rows:
        return
    records = Record.objects.in_bulk([row.record_id for row in rows])
    snapshots = record_snapshots(records)
    references = References.for_items(definition, [row.data for row in rows])
    for row in rows:
        record = records[row.record_id]
        try:
            cleaned = record_data_clean(
                definition=definition, data=row.data, references=references, existing=record
            )
        except ValidationError as error:
            _add_errors(plan, row, error)
            continue
        if row.number in plan.invalid_rows:
            continue
        if _unchanged(record, cleaned, snapshots[record.pk]):
            plan.unchanged += 1
        else:
            plan.updated_count += 1
            if plan.keep_rows:
                plan.updated.append(PlannedRow(row.number, row.data, record.pk, record.version))


def _unchanged(record: Record, cleaned: CleanedRecord, snapshot: Snapshot) -> bool:
    for column, value in cleaned.columns.items():
        if column == "settlement":
            if record.settlement_id != (value.pk if value is not None else None):
                return False
        elif getattr(record, column) != value:
            return False
    if cleaned.values is not None and cleaned.values != record.values:
        return False
    if cleaned.settlements is not None and sorted(s.pk for s in cleaned.settlements) != sorted(
        snapshot.settlement_ids
    ):
        return False
    if cleaned.priorities is not None and sorted(p.pk for p in cleaned.priorities) != sorted(
        snapshot.priority_ids
    ):
        return False
    return all(ids == snapshot.relations.get(key, []) for key, ids in cleaned.relations.items())
