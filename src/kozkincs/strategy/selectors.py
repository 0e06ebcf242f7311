"""Reads of the strategy: the priorities, and the whole tree of goals, measures, indicators
and values in a fixed number of queries."""

from django.db.models import Prefetch, QuerySet

from kozkincs.strategy.models import Goal, Indicator, IndicatorValue, Measure, StrategyPriority


def priority_list() -> QuerySet[StrategyPriority]:
    """The strategy priorities in their numbered order."""
    return StrategyPriority.objects.order_by("number")


def strategy_tree(*, priority_numbers: list[int] | None = None) -> list[StrategyPriority]:
    """The priorities with ``goals``, each goal's ``measures`` and ``indicators`` (with their
    ``values`` by year) prefetched: five queries whatever the size of the strategy."""
    values = Prefetch("values", queryset=IndicatorValue.objects.order_by("year"))
    indicators = Prefetch(
        "indicators",
        queryset=Indicator.objects.select_related("measure__goal__priority").prefetch_related(
            values
        ),
    )
    goals = Prefetch(
        "goals",
        queryset=Goal.objects.order_by("number").prefetch_related(
            Prefetch("measures", queryset=Measure.objects.order_by("number")), indicators
        ),
    )
    priorities = priority_list().prefetch_related(goals)
    if priority_numbers is not None:
        priorities = priorities.filter(number__in=priority_numbers)
    return list(priorities)


def indicator_get(*, indicator_id: int) -> Indicator | None:
    return (
        Indicator.objects.select_related("goal__priority", "measure")
        .filter(pk=indicator_id)
        .first()
    )


def indicators_computed() -> QuerySet[Indicator]:
    """The indicators whose values a computation writes."""
    return Indicator.objects.exclude(computed_by="").select_related("goal__priority")
