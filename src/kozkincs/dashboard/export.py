"""The dashboard's figures as one long CSV table (a row per figure), written by the open-data
exports' CSV writer: UTF-8 with a byte-order mark, texts neutralised for spreadsheets."""

from collections.abc import Iterator
from decimal import Decimal

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from kozkincs.dashboard.selectors import Dashboard
from kozkincs.opendata.exports.rows import CatalogColumns, Cell, spreadsheet_safe
from kozkincs.opendata.exports.writers import csv_stream
from kozkincs.strategy.units import Unit


class FiguresTable:
    """The header and the rows' cells (numbers stay numbers, texts are made safe)."""

    def __init__(self, language: str) -> None:
        with translation.override(language):
            self.header = [_("Figure"), _("Priority"), _("Goal"), _("Indicator"),
                           _("Settlement"), _("Year"), _("Value"), _("Unit")]  # fmt: skip

        self.shared_count = len(self.header)
        self._no_catalog = CatalogColumns(first=len(self.header), count=0, fields={})

    def row(self, cells: list) -> list[Cell]:
        return [_cell(c) for c in cells]

    def parts(self, cells: list) -> tuple[list[Cell], CatalogColumns, list]:
        """The row in the parts the CSV writer takes (``Table.parts``): every cell shared,
        no catalog's span of columns."""
        return self.row(cells), self._no_catalog, []


def _cell(value) -> Cell:
    """Texts made safe for spreadsheets; a whole decimal written without its ``.00``."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return spreadsheet_safe(str(value)) if isinstance(value, str | Promise) else value


def _rows(dashboard: Dashboard) -> Iterator[list[Cell]]:
    for figures in dashboard.priorities:
        number = figures.priority.number
        yield [_("Published records"), number, "", "", "", None, figures.records, Unit.COUNT.label]
        yield [_("Engaged actors"), number, "", "", "", None, figures.actors, Unit.COUNT.label]
        for label, n in figures.ideas:
            yield [_("Project ideas: %(stage)s") % {"stage": label}, number, "", "", "", None, n,
                   Unit.COUNT.label]  # fmt: skip
        for label, n in figures.meetings:
            yield [_("Roundtable meetings: %(status)s") % {"status": label}, number, "", "", "",
                   None, n, Unit.COUNT.label]  # fmt: skip
        for goal, rows in figures.goals:
            for row in rows:
                indicator = row.indicator
                for point in row.trend.points:
                    yield [str(point.label), number, goal.code, indicator.display_name, "",
                           point.year, point.value, indicator.get_unit_display()]  # fmt: skip
    for row in dashboard.matrix:
        for priority, cell in zip(dashboard.matrix_priorities, row.cells, strict=True):
            name = row.settlement.name
            yield [_("Published records"), priority.number, "", "", name, None, cell.records,
                   Unit.COUNT.label]  # fmt: skip
            yield [_("Engaged actors"), priority.number, "", "", name, None, cell.actors,
                   Unit.COUNT.label]  # fmt: skip
            yield [_("Project ideas"), priority.number, "", "", name, None, cell.ideas,
                   Unit.COUNT.label]  # fmt: skip


def dashboard_csv(dashboard: Dashboard, *, language: str) -> Iterator[bytes]:
    with translation.override(language):
        rows = list(_rows(dashboard))
    return csv_stream(FiguresTable(language), [rows])
