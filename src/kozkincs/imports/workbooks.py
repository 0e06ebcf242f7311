"""The XLSX files the import offers: a template per catalog and the dry run's report.

The template has the Hungarian headings the import recognises, an instructions sheet (one
line per column: what it holds, its format, whether it is required) and the choices of each
choice field as a drop-down list (data validation). The report is the sheet as it was read,
with each problem cell marked and commented and the row's problems in a last column, so the
editor can correct it in place and upload it again (that column is ignored on upload).

Every text is written as a text cell (``write_string``): nothing from a file becomes a
formula.
XlsxWriter is imported by the two functions that write, not with this module: the import's
views are part of every web worker's URLconf, and most workers never write a workbook.
"""

import datetime
import io
from pathlib import Path

from django.utils import translation
from django.utils.translation import gettext as _

from kozkincs.catalog.definitions import CatalogDefinition
from kozkincs.catalog.fields import field_type
from kozkincs.imports.columns import (
    REPORT_COLUMN_LABELS,
    Column,
    catalog_columns,
    column_letter,
)
from kozkincs.imports.plan import ImportPlan
from kozkincs.imports.reading import file_rows

TEMPLATE_ROWS = 5000
COLUMN_WIDTH = 24


def _format_hint(column: Column) -> str:
    fdef = column.field
    if fdef is None:
        hints = {
            "id": _("The record's id in the portal: only to update existing records."),
            "name": _("Required."),
            "settlement": _("A settlement's name (or KSH code)."),
            "settlements": _("Settlement names separated by semicolons."),
            "lat": _("Decimal degrees, e.g. 46,8417."),
            "lon": _("Decimal degrees, e.g. 16,8416."),
            "tags": _("Separated by semicolons."),
            "priorities": _("Numbers 1 to 5 separated by semicolons."),
        }
        return hints.get(column.key, "")
    hints = {
        "integer": _("A whole number, e.g. 1 234."),
        "decimal": _("A number, e.g. 1 234,5."),
        "year": _("A year, e.g. 1760."),
        "date": _("A date: 2010. május 13., 2010.05.13. or 2010-05-13."),
        "period": _("A year, a range or a century: 1747-1769, 18. század."),
        "boolean": _("igen or nem."),
        "choice": _("One of the list."),
        "multi_choice": _("Items of the list separated by semicolons."),
        "settlement": _("A settlement's name (or KSH code)."),
        "record": _("The name or id of a record of catalog “%(catalog)s”.")
        % {"catalog": fdef.target_catalog},
        "url": _("A web address."),
        "email": _("An e-mail address."),
    }
    hint = str(hints.get(fdef.type, ""))
    if fdef.multiple and field_type(fdef.type).spreadsheet_several(field=fdef):
        hint = f"{hint} {_('Several values separated by semicolons.')}".strip()
    if column.required:
        hint = f"{_('Required.')} {hint}".strip()
    return hint


def _choices(column: Column, definition: CatalogDefinition) -> list[str]:
    if column.field is None:
        return []
    return field_type(column.field.type).spreadsheet_choices(
        field=column.field, catalog=definition, part=column.part
    )


def _several(column: Column) -> bool:
    """A cell may hold several values of the list: the drop-down only warns."""
    return column.part is None and field_type(column.field.type).spreadsheet_several(
        field=column.field
    )


def template_workbook(definition: CatalogDefinition) -> bytes:
    """The XLSX template of ``definition`` (headings and instructions in Hungarian)."""
    import xlsxwriter  # on use: a web worker does not load it at start (see module docstring)

    output = io.BytesIO()
    with translation.override("hu"):
        workbook = xlsxwriter.Workbook(output, {"in_memory": True})
        bold = workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
        data = workbook.add_worksheet(_("Data")[:31])
        help_sheet = workbook.add_worksheet(_("Instructions")[:31])
        lists = workbook.add_worksheet(_("Lists")[:31])
        columns = [c for c in catalog_columns(definition) if c.key != "id"]
        help_sheet.write_row(0, 0, [_("Column"), _("Key"), "English", _("How to fill it")], bold)
        help_sheet.write_string(len(columns) + 2, 0, _(
            "One record per row below the heading row. Title rows above the heading and empty "
            "rows are skipped. Save as XLSX, ODS or CSV (UTF-8 or Windows-1250, comma or "
            "semicolon)."))  # fmt: skip
        for index, column in enumerate(columns):
            data.write_string(0, index, column.labels["hu"], bold)
            data.set_column(index, index, COLUMN_WIDTH)
            help_sheet.write_row(
                index + 1,
                0,
                [column.labels["hu"], column.key, column.labels["en"], _format_hint(column)],
            )
            choices = _choices(column, definition)
            if choices:
                lists.write_string(0, index, column.labels["hu"], bold)
                for row, choice in enumerate(choices, start=1):
                    lists.write_string(row, index, choice)
                letter = column_letter(index)
                source = f"='{lists.name}'!${letter}$2:${letter}${len(choices) + 1}"
                data.data_validation(1, index, TEMPLATE_ROWS, index, {
                    "validate": "list", "source": source,
                    "error_type": "warning" if _several(column) else "stop",
                })  # fmt: skip
        data.freeze_panes(1, 0)
        help_sheet.set_column(0, 0, 30)
        help_sheet.set_column(1, 2, 24)
        help_sheet.set_column(3, 3, 70)
        workbook.close()
    return output.getvalue()


def report_workbook(plan: ImportPlan, path: Path, language: str) -> bytes:
    """The sheet as read, problems beside the cells (see the module docstring)."""
    import xlsxwriter  # on use: a web worker does not load it at start

    output = io.BytesIO()
    with translation.override(language):
        workbook = xlsxwriter.Workbook(output, {"in_memory": True, "strings_to_formulas": False})
        bold = workbook.add_format({"bold": True})
        wrong = workbook.add_format({"bg_color": "#FFC7CE", "font_color": "#9C0006"})
        date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
        sheet = workbook.add_worksheet(_("Report")[:31])
        mapping = plan.mapping
        headers = mapping.headers if mapping else []
        last = len(headers)
        for index, heading in enumerate(headers):
            sheet.write_string(0, index, heading, bold)
        sheet.write_string(0, last, REPORT_COLUMN_LABELS.get(language, "Hibák"), bold)
        row_messages: dict[int, list[str]] = {}
        for problem in plan.problems:
            row_messages.setdefault(problem.row, []).append(
                f"{problem.column}: {problem.message}" if problem.column else problem.message
            )
        start = (mapping.header_index + 2) if mapping else 1
        out = 1
        for number, cells in enumerate(file_rows(path, plan.info), start=1):
            if number < start or all(c in (None, "") for c in cells):
                continue
            for index, value in enumerate(cells[: max(last, len(cells))]):
                message = plan.cell_problems.get((number, index))
                _write(sheet, out, index, value, wrong if message else None, date_format)
                if message:
                    sheet.write_comment(out, index, message)
            if number in row_messages:
                sheet.write_string(out, last, "\n".join(row_messages[number]), wrong)
            out += 1
        sheet.freeze_panes(1, 0)
        workbook.close()
    return output.getvalue()


def _write(sheet, row: int, column: int, value, cell_format, date_format) -> None:
    if value is None:
        sheet.write_blank(row, column, None, cell_format)
    elif isinstance(value, bool):
        sheet.write_boolean(row, column, value, cell_format)
    elif isinstance(value, int | float):
        sheet.write_number(row, column, value, cell_format)
    elif isinstance(value, datetime.date | datetime.datetime):
        sheet.write_datetime(row, column, value, cell_format or date_format)
    else:
        sheet.write_string(row, column, str(value), cell_format)
