"""Every read of the strategy dashboard, in a fixed number of grouped queries whatever the
number of actors, records and ideas (issue 9: p99 ≤ 300 ms uncached at 10,000 actors).

The figures are public aggregates: published records only, and actors as the network shows
them to a visitor (``network.selectors.actors_visible``). The same reads feed the pages, the
printable page and the CSV export.
"""

from dataclasses import dataclass, field
from math import ceil

from django.db.models import Count, Max
from django.urls import reverse

from kozkincs.catalog.models import Record
from kozkincs.dashboard.charts import Trend, indicator_trend
from kozkincs.dashboard.computations import GROUP_LABELS, Computation, computation_get
from kozkincs.gazetteer.models import Settlement
from kozkincs.gazetteer.selectors import HomeRegionNotFound, home_region_get, region_settlements
from kozkincs.meetings.models import Meeting
from kozkincs.network.models import Actor
from kozkincs.network.selectors import actors_visible_condition, snapshots_stamp
from kozkincs.projects.lifecycle import IdeaStatus
from kozkincs.projects.models import ProjectIdea
from kozkincs.strategy.models import Goal, Indicator, IndicatorValue, Measure, StrategyPriority
from kozkincs.strategy.selectors import strategy_tree

RecordPriority = Record.priorities.through
ActorPriority = Actor.priorities.through
IdeaPriority = ProjectIdea.priorities.through
MeetingPriority = Meeting.priorities.through
LEVELS = 4
"""Shades of the settlement x priority chart (0: blank)."""


@dataclass
class IndicatorRow:
    indicator: Indicator
    trend: Trend
    computation: Computation | None = None

    @property
    def group_label(self) -> str:
        return str(GROUP_LABELS.get(self.computation.group, "")) if self.computation else ""


@dataclass
class PriorityFigures:
    priority: StrategyPriority
    records: int = 0
    actors: int = 0
    ideas: list = field(default_factory=list)
    """(status label, number of ideas) for every stage of the lifecycle."""
    meetings: list = field(default_factory=list)
    """(status label, number of roundtable meetings) for planned, held, cancelled."""
    goals: list = field(default_factory=list)
    """(goal, [IndicatorRow]) pairs."""

    @property
    def idea_count(self) -> int:
        return sum(n for _label, n in self.ideas)

    @property
    def meeting_count(self) -> int:
        return sum(n for _label, n in self.meetings)

    @property
    def indicator_count(self) -> int:
        return sum(len(rows) for _goal, rows in self.goals)


@dataclass
class MatrixCell:
    records: int = 0
    actors: int = 0
    ideas: int = 0
    level: int = 0

    @property
    def total(self) -> int:
        return self.records + self.actors + self.ideas

    @property
    def text(self) -> str:
        """ "records / actors / ideas", as plain text (hundreds of cells: no number
        localisation needed for counts of this size)."""
        return f"{self.records} / {self.actors} / {self.ideas}"


@dataclass
class MatrixRow:
    settlement: Settlement
    cells: list[MatrixCell]
    url: str = ""

    @property
    def total(self) -> int:
        return sum(cell.total for cell in self.cells)


@dataclass
class Dashboard:
    priorities: list[PriorityFigures]
    matrix: list[MatrixRow]
    matrix_priorities: list[StrategyPriority]
    blank_settlements: int = 0


type Grid = dict[tuple[int | None, int], int]
"""{(settlement id or None, priority id): count}."""


def _records_grid() -> Grid:
    """Published records per (main settlement, priority): one grouped query."""
    rows = (
        RecordPriority.objects.filter(record__status=Record.Status.PUBLISHED)
        .values_list("record__settlement_id", "strategypriority_id")
        .annotate(n=Count("id"))
    )
    return {(settlement, priority): n for settlement, priority, n in rows}


def _actors_grid() -> Grid:
    """Actors a visitor sees per (seat, priority): one grouped query, the visibility a
    condition of the join (no subquery)."""
    rows = (
        ActorPriority.objects.filter(actors_visible_condition("public", prefix="actor__"))
        .values_list("actor__settlement_id", "strategypriority_id")
        .annotate(n=Count("id"))
    )
    return {(settlement, priority): n for settlement, priority, n in rows}


def _per_priority(grid: Grid) -> dict[int, int]:
    """A record (an actor) has one main settlement (one seat): the priority's total is the sum
    of its cells."""
    totals: dict[int, int] = {}
    for (_settlement, priority), n in grid.items():
        totals[priority] = totals.get(priority, 0) + n
    return totals


def _ideas_per_priority() -> dict[int, dict[str, int]]:
    """{priority id: {status: number of ideas}}: one grouped query."""
    rows = IdeaPriority.objects.values_list("strategypriority_id", "projectidea__status").annotate(
        n=Count("projectidea_id", distinct=True)
    )
    counts: dict[int, dict[str, int]] = {}
    for priority_id, status, n in rows:
        counts.setdefault(priority_id, {})[status] = n
    return counts


def _meetings_per_priority() -> dict[int, dict[str, int]]:
    """{priority id: {status: number of roundtable meetings}}: one grouped query."""
    rows = MeetingPriority.objects.values_list("strategypriority_id", "meeting__status").annotate(
        n=Count("meeting_id", distinct=True)
    )
    counts: dict[int, dict[str, int]] = {}
    for priority_id, status, n in rows:
        counts.setdefault(priority_id, {})[status] = n
    return counts


def _priority_figures(priority: StrategyPriority, counts: dict) -> PriorityFigures:
    ideas = counts["ideas"].get(priority.pk, {})
    meetings = counts["meetings"].get(priority.pk, {})
    figures = PriorityFigures(
        priority=priority,
        records=counts["records"].get(priority.pk, 0),
        actors=counts["actors"].get(priority.pk, 0),
        ideas=[(status.label, ideas.get(status.value, 0)) for status in IdeaStatus],
        meetings=[(status.label, meetings.get(status.value, 0)) for status in Meeting.Status],
    )
    for goal in priority.goals.all():
        rows = [
            IndicatorRow(i, indicator_trend(i), computation_get(i.computed_by))
            for i in goal.indicators.all()
        ]
        figures.goals.append((goal, rows))
    return figures


def _region_settlements() -> list[Settlement]:
    try:
        region = home_region_get()
    except HomeRegionNotFound:
        return []
    settlements = region_settlements(region=region).select_related(None)
    return list(settlements.order_by("name").only("pk", "name", "slug"))


def settlement_priority_matrix(
    priorities: list[StrategyPriority], *, records: Grid | None = None, actors: Grid | None = None
) -> list[MatrixRow]:
    """Per settlement of the home region and per priority: published records (by their main
    settlement), publicly listed actors (by their seat) and project ideas (by the settlements
    they name) serving it; one grouped query each (the first two may be passed in)."""
    records = _records_grid() if records is None else records
    actors = _actors_grid() if actors is None else actors
    settlements = _region_settlements()
    ideas = (
        IdeaPriority.objects.filter(projectidea__settlements__in=[s.pk for s in settlements])
        .values_list("projectidea__settlements", "strategypriority_id")
        .annotate(n=Count("projectidea_id", distinct=True))
    )
    idea_grid = {(settlement, priority): n for settlement, priority, n in ideas}
    # One reverse() for the ~90 rows (each {% url %} costs about as much as a query).
    link = reverse("web:settlement_detail", args=["-"]).removesuffix("-/")
    rows = []
    for settlement in settlements:
        cells = [
            MatrixCell(
                records=records.get((settlement.pk, p.pk), 0),
                actors=actors.get((settlement.pk, p.pk), 0),
                ideas=idea_grid.get((settlement.pk, p.pk), 0),
            )
            for p in priorities
        ]
        rows.append(MatrixRow(settlement, cells, url=f"{link}{settlement.slug}/"))
    highest = max((cell.total for row in rows for cell in row.cells), default=0)
    for row in rows:
        for cell in row.cells:
            cell.level = ceil(LEVELS * cell.total / highest) if highest and cell.total else 0
    return rows


def dashboard_get(*, priority_number: int | None = None, with_matrix: bool = True) -> Dashboard:
    """The figures of every priority (or of one) with their goals' indicator trends, and the
    settlement x priority matrix."""
    numbers = None if priority_number is None else [priority_number]
    tree = strategy_tree(priority_numbers=numbers)
    records, actors = _records_grid(), _actors_grid()
    counts = {"records": _per_priority(records), "actors": _per_priority(actors),
              "ideas": _ideas_per_priority(), "meetings": _meetings_per_priority()}  # fmt: skip
    priorities = [_priority_figures(p, counts) for p in tree]
    matrix: list[MatrixRow] = []
    matrix_priorities: list[StrategyPriority] = []
    if with_matrix:
        matrix_priorities = [figures.priority for figures in priorities]
        matrix = settlement_priority_matrix(matrix_priorities, records=records, actors=actors)
    blank = sum(1 for row in matrix if row.total == 0)
    return Dashboard(priorities, matrix, matrix_priorities, blank_settlements=blank)


def dashboard_stamp() -> str:
    """Changes whenever what the dashboard shows may have changed outside the records' data
    version: the versions of the strategy and of the project ideas (every change is a history
    row), the actors and the meetings, the network figures."""
    parts = [
        str(model.history.aggregate(last=Max("history_id"))["last"] or 0)
        for model in (Goal, Measure, Indicator, IndicatorValue, ProjectIdea)
    ]
    for model in (Actor, Meeting):
        latest = model.objects.aggregate(last=Max("updated_at"), count=Count("id"))
        parts.append(f"{latest['count']}.{latest['last'].timestamp() if latest['last'] else 0}")
    parts.append(snapshots_stamp())
    return "-".join(parts)
