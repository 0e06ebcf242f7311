from kozkincs.dashboard.demo import load_strategy_demo
from kozkincs.strategy.models import Goal, Indicator, IndicatorValue


def test_the_demo_goals_are_marked_demo_and_a_second_run_creates_nothing(region):
    assert load_strategy_demo()
    counts = (Goal.objects.count(), Indicator.objects.count(), IndicatorValue.objects.count())
    assert counts[0] >= 5 and counts[1] >= 10
    assert not Goal.objects.filter(is_demo=False).exists()
    assert not Indicator.objects.filter(is_demo=False).exists()
    assert set(Goal.objects.values_list("priority__number", flat=True)) == {1, 2, 3, 4, 5}
    assert load_strategy_demo() == []
    assert (Goal.objects.count(), Indicator.objects.count(), IndicatorValue.objects.count()) == (
        counts
    )
