from datetime import UTC, datetime
from decimal import Decimal

from kozkincs.dashboard.selectors import dashboard_get, settlement_priority_matrix
from kozkincs.meetings.services import meeting_create
from kozkincs.projects.models import ProjectIdea
from kozkincs.strategy.models import StrategyPriority
from kozkincs.strategy.services import indicator_value_add


def _cells(matrix, slug):
    row = next(row for row in matrix if row.settlement.slug == slug)
    return [(cell.records, cell.actors, cell.ideas) for cell in row.cells]


def test_the_matrix_counts_records_and_actors_per_settlement_and_priority(
    places, make_group, make_actor
):
    make_group("Bagodi Dalkör", places["bagod"], priorities=[1, 2])
    make_group("Bagodi Citerazenekar", places["bagod"], priorities=[2])
    make_group("Vázlat", places["bagod"], priorities=[3], publish=False)
    make_group("Messzi kórus", places["outside"], priorities=[1])
    lead = make_actor("Söjtöri Kft.", places["sojtor"], priorities=[2, 5])
    idea = ProjectIdea.objects.create(title="Közös néptánctábor", lead=lead)
    idea.settlements.set([places["bagod"], places["sojtor"]])
    idea.priorities.set(StrategyPriority.objects.filter(number__in=[2]))
    matrix = settlement_priority_matrix(list(StrategyPriority.objects.order_by("number")))
    assert [row.settlement.slug for row in matrix] == ["bagod", "sojtor", "teskand"]
    assert _cells(matrix, "bagod") == [(1, 0, 0), (2, 0, 1), (0, 0, 0), (0, 0, 0), (0, 0, 0)]
    assert _cells(matrix, "sojtor") == [(0, 0, 0), (0, 1, 1), (0, 0, 0), (0, 0, 0), (0, 1, 0)]
    assert [c.level for c in matrix[0].cells] == [2, 4, 0, 0, 0]  # shades against the max (3)
    assert matrix[2].total == 0  # Teskánd is blank


def test_the_dashboard_counts_each_priority_and_finds_the_blank_settlements(
    places, make_group, make_actor, make_indicator
):
    make_group("Bagodi Dalkör", places["bagod"], priorities=[1, 2])
    lead = make_actor("Söjtöri Kft.", places["sojtor"], priorities=[1])
    funded = ProjectIdea.objects.create(title="Faluház felújítása", lead=lead, status="funded")
    funded.priorities.set(StrategyPriority.objects.filter(number__in=[1, 3]))
    meeting_create(
        title="Kerekasztal", starts_at=datetime(2010, 5, 13, 8, tzinfo=UTC),
        ends_at=datetime(2010, 5, 13, 11, tzinfo=UTC), venue_text="Könyvtár", status="held",
        priorities=StrategyPriority.objects.filter(number__in=[1, 3]),
    )  # fmt: skip
    indicator = make_indicator(
        "", unit="persons", baseline_value=Decimal(100), baseline_year=2010,
        target_value=Decimal(300), target_year=2030,
    )  # fmt: skip
    indicator_value_add(indicator=indicator, year=2015, value=Decimal(150))
    dashboard = dashboard_get()
    first = dashboard.priorities[0]
    assert (first.records, first.actors, first.indicator_count) == (1, 1, 1)
    assert dict(first.ideas)["funded"] == 1 and first.idea_count == 1
    assert dict(first.meetings) == {"planned": 0, "held": 1, "cancelled": 0}
    assert dashboard.priorities[1].meeting_count == 0
    assert dashboard.blank_settlements == 1
    trend = first.goals[0][1][0].trend
    assert [(p.kind, p.year, p.value) for p in trend.points] == [
        ("baseline", 2010, 100), ("value", 2015, 150), ("target", 2030, 300)
    ]  # fmt: skip
    assert trend.progress == 25


def test_the_number_of_queries_does_not_grow_with_the_data(
    places, make_group, make_actor, make_indicator, django_assert_max_num_queries
):
    def count_queries() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            dashboard_get()
        return len(captured)

    make_indicator("")
    before = count_queries()
    for n in range(6):
        make_group(f"Csoport {n}", places["bagod"], priorities=[1, 2, 3])
        make_actor(f"Kft. {n}", places["sojtor"], priorities=[1, 4])
        indicator = make_indicator("", name=f"Mutató {n}")
        indicator_value_add(indicator=indicator, year=2012, value=Decimal(n))
    assert count_queries() == before
    with django_assert_max_num_queries(15):
        dashboard_get()
