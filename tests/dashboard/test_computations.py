"""Each registered computation against data whose answer is known."""

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from kozkincs.dashboard.computations import computation_get, computation_list
from kozkincs.dashboard.services import indicators_compute
from kozkincs.network.kinds import ActorKind
from kozkincs.network.models import NetworkSnapshot
from kozkincs.strategy.models import IndicatorValue
from kozkincs.strategy.services import indicator_value_add

THIS_YEAR = timezone.localdate().year


def compute(key, indicator, year=THIS_YEAR):
    return computation_get(key)(year, indicator)


def test_every_computation_is_grouped_as_cultural_vitality_research_groups_them():
    assert {c.group for c in computation_list()} == {"presence", "participation", "support"}


def test_amateur_groups_per_settlement_counts_published_groups_of_the_region(
    places, make_group, make_indicator
):
    make_group("Bagodi Dalkör", places["bagod"])
    make_group("Söjtöri Citerazenekar", places["sojtor"])
    make_group("Egy szólista", places["sojtor"], form="soloist")
    make_group("Vázlat csoport", places["bagod"], publish=False)
    make_group("Messzi kórus", places["outside"])
    indicator = make_indicator("amateur_groups_per_settlement", unit="number")
    assert compute("amateur_groups_per_settlement", indicator) == Decimal("0.67")  # 2 / 3


def test_step_free_share_of_published_cultural_centres(places, make_centre, make_indicator):
    make_centre("Bagodi Faluház", places["bagod"], step_free=True)
    make_centre("Söjtöri Művelődési Ház", places["sojtor"], step_free=False)
    make_centre("Teskándi Közösségi Ház", places["teskand"])
    make_centre("Vázlat ház", places["teskand"], step_free=True, publish=False)
    indicator = make_indicator("cultural_centres_step_free_share", unit="percent")
    assert compute("cultural_centres_step_free_share", indicator) == Decimal("33.33")


def test_step_free_share_without_cultural_centres_has_no_value(region, make_indicator):
    indicator = make_indicator("cultural_centres_step_free_share", unit="percent")
    assert compute("cultural_centres_step_free_share", indicator) is None


def test_settlements_without_a_cultural_venue(places, make_centre, make_indicator):
    make_centre("Bagodi Faluház", places["bagod"])
    make_centre("Vázlat ház", places["teskand"], publish=False)
    make_centre("Messzi ház", places["outside"])
    indicator = make_indicator("settlements_without_cultural_venue")
    assert compute("settlements_without_cultural_venue", indicator) == 2  # Söjtör, Teskánd


def test_engaged_actors_count_the_public_actors_of_the_indicators_priority(
    places, make_actor, make_indicator
):
    make_actor("Bagodi Kft.", places["bagod"], priorities=[1, 2])
    make_actor("Söjtöri plébánia", places["sojtor"], priorities=[1], kind=ActorKind.CHURCH)
    make_actor("Turisztikai Kft.", places["sojtor"], priorities=[5])
    hidden = make_actor("Kiss Ilona", places["bagod"], priorities=[1], kind=ActorKind.PERSON)
    assert not hidden.consent  # a private person without consent is not counted
    indicator = make_indicator("engaged_actors_in_priority")
    assert compute("engaged_actors_in_priority", indicator) == 2


def test_records_in_priority_counts_published_records(places, make_group, make_indicator):
    make_group("Bagodi Dalkör", places["bagod"], priorities=[1])
    make_group("Söjtöri Citerazenekar", places["sojtor"], priorities=[1, 2])
    make_group("Vázlat", places["sojtor"], priorities=[1], publish=False)
    make_group("Örökség", places["sojtor"], priorities=[2])
    indicator = make_indicator("records_in_priority")
    assert compute("records_in_priority", indicator) == 2


def test_network_indicators_read_the_snapshot_of_the_year(region, make_indicator):
    NetworkSnapshot.objects.create(year=2015, figures={"isolated": 4, "crossing_share": 0.3125})
    isolated = make_indicator("isolated_actors")
    crossing = make_indicator("cross_settlement_ties_share", unit="percent")
    assert compute("isolated_actors", isolated, 2015) == 4
    assert compute("cross_settlement_ties_share", crossing, 2015) == Decimal("31.25")
    assert compute("isolated_actors", isolated, 2016) is None


def test_compute_writes_values_keeps_staffs_and_reports_unknown_keys(
    places, make_group, make_indicator
):
    make_group("Bagodi Dalkör", places["bagod"], priorities=[1])
    records = make_indicator("records_in_priority")
    kept = make_indicator("amateur_groups_per_settlement", unit="number")
    indicator_value_add(indicator=kept, year=THIS_YEAR, value=Decimal("5.5"))
    make_indicator("no_such_computation")
    make_indicator("", name="Kézi")
    report = indicators_compute()
    assert IndicatorValue.objects.get(indicator=records).value == 1
    assert IndicatorValue.objects.get(indicator=kept).value == Decimal("5.5")
    assert report.unknown == ["1. no_such_computation (no_such_computation)"]


def test_a_past_year_is_computed_only_from_the_networks_snapshots(region, make_indicator):
    NetworkSnapshot.objects.create(year=2015, figures={"isolated": 4, "crossing_share": 0.5})
    isolated = make_indicator("isolated_actors")
    records = make_indicator("records_in_priority")
    report = indicators_compute(year=2015)
    assert list(IndicatorValue.objects.values_list("indicator_id", "year", "value")) == [
        (isolated.pk, 2015, 4)
    ]
    assert report.skipped == [f"1. {records.name}"]


def test_the_command_computes_and_refuses_a_year_out_of_range(region, make_indicator, capsys):
    make_indicator("records_in_priority")
    call_command("compute_indicators")
    assert "1 written" in capsys.readouterr().out
    from django.core.management import CommandError

    with pytest.raises(CommandError):
        call_command("compute_indicators", year=1850)


def test_the_background_task_computes(region, make_indicator):
    from kozkincs.dashboard.tasks import indicators_compute_task

    make_indicator("records_in_priority")
    result = indicators_compute_task.enqueue()
    assert result.return_value == ["1. records_in_priority"]
    assert IndicatorValue.objects.filter(is_computed=True).count() == 1


def test_supported_ideas_count_funded_running_and_completed_ideas(
    places, make_actor, make_indicator
):
    from kozkincs.projects.models import ProjectIdea
    from kozkincs.strategy.models import StrategyPriority

    lead = make_actor("Bagodi Kft.", places["bagod"])
    first = StrategyPriority.objects.filter(number=1)
    for status in ("idea", "submitted", "funded", "in_progress", "completed", "shelved"):
        ProjectIdea.objects.create(title=status, lead=lead, status=status).priorities.set(first)
    ProjectIdea.objects.create(title="más", lead=lead, status="funded").priorities.set(
        StrategyPriority.objects.filter(number=2)
    )
    indicator = make_indicator("supported_ideas_in_priority")
    assert compute("supported_ideas_in_priority", indicator) == 3
