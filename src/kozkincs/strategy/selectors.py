"""Reads of the strategy priorities."""

from django.db.models import QuerySet

from kozkincs.strategy.models import StrategyPriority


def priority_list() -> QuerySet[StrategyPriority]:
    """The strategy priorities in their numbered order."""
    return StrategyPriority.objects.order_by("number")
