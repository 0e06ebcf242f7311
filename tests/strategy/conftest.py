import pytest

from kozkincs.strategy.models import Goal, Indicator, StrategyPriority


@pytest.fixture
def goal(db):
    priority = StrategyPriority.objects.get(number=1)
    return Goal.objects.create(priority=priority, number=1, name="Erős helyi közösségek")


@pytest.fixture
def make_indicator(goal):
    def make(unit: str = "count", **fields) -> Indicator:
        return Indicator.objects.create(goal=goal, name=f"Mutató {unit}", unit=unit, **fields)

    return make
