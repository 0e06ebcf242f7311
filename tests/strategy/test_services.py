from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from kozkincs.strategy.models import Goal, Indicator, IndicatorValue, Measure
from kozkincs.strategy.selectors import strategy_tree
from kozkincs.strategy.services import indicator_value_add, indicator_value_store_computed


def test_a_value_is_recorded_with_the_indicators_unit_and_a_version(make_indicator):
    indicator = make_indicator("persons")
    row = indicator_value_add(indicator=indicator, year=2012, value=Decimal(180), source_note="x")
    assert (row.unit, row.is_computed) == ("persons", False)
    assert IndicatorValue.history.filter(id=row.pk).count() == 1


def test_a_value_of_the_wrong_unit_is_refused_and_nothing_is_saved(make_indicator):
    indicator = make_indicator("percent")
    with pytest.raises(ValidationError) as refused:
        indicator_value_add(indicator=indicator, year=2012, value=Decimal(140))
    assert "between 0 and 100" in refused.value.message_dict["value"][0]
    assert not IndicatorValue.objects.exists()


def test_a_date_outside_the_year_is_refused(make_indicator):
    from datetime import date

    with pytest.raises(ValidationError) as refused:
        indicator_value_add(
            indicator=make_indicator(), year=2012, value=Decimal(1), measured_on=date(2013, 1, 5)
        )
    assert "measured_on" in refused.value.message_dict


def test_a_second_hand_entered_value_for_a_year_is_refused(make_indicator):
    indicator = make_indicator()
    indicator_value_add(indicator=indicator, year=2012, value=Decimal(3))
    with pytest.raises(ValidationError) as refused:
        indicator_value_add(indicator=indicator, year=2012, value=Decimal(4))
    assert "year" in refused.value.message_dict
    assert list(IndicatorValue.objects.values_list("value", flat=True)) == [Decimal(3)]


def test_staffs_value_replaces_a_computed_one_and_the_computation_keeps_it(make_indicator):
    indicator = make_indicator()
    indicator_value_store_computed(
        indicator=indicator, year=2026, value=Decimal(7), source_note="c"
    )
    indicator_value_add(indicator=indicator, year=2026, value=Decimal(9))
    indicator_value_store_computed(
        indicator=indicator, year=2026, value=Decimal(8), source_note="c"
    )
    row = IndicatorValue.objects.get()
    assert (row.value, row.is_computed) == (Decimal(9), False)


def test_a_computed_value_is_rewritten_by_the_next_computation(make_indicator):
    indicator = make_indicator()
    indicator_value_store_computed(
        indicator=indicator, year=2026, value=Decimal(7), source_note="c"
    )
    indicator_value_store_computed(
        indicator=indicator, year=2026, value=Decimal(8), source_note="c"
    )
    assert list(IndicatorValue.objects.values_list("value", "is_computed")) == [(Decimal(8), True)]


def test_a_measure_of_another_goal_is_refused(goal, make_indicator):
    other = Goal.objects.create(priority=goal.priority, number=2, name="Másik")
    measure = Measure.objects.create(goal=other, number=1, name="Intézkedés")
    indicator = Indicator(goal=goal, measure=measure, name="m", unit="count")
    with pytest.raises(ValidationError) as refused:
        indicator.full_clean()
    assert "measure" in refused.value.message_dict


def test_the_unit_cannot_change_once_values_exist(make_indicator):
    indicator = make_indicator("count")
    indicator_value_add(indicator=indicator, year=2012, value=Decimal(3))
    indicator.unit = "percent"
    with pytest.raises(ValidationError) as refused:
        indicator.full_clean()
    assert "unit" in refused.value.message_dict


def test_the_tree_is_read_in_a_fixed_number_of_queries(goal, make_indicator,
                                                       django_assert_num_queries):  # fmt: skip
    for n in range(3):
        indicator = make_indicator("count", name_en=f"i{n}")
        for year in (2012, 2014):
            indicator_value_add(indicator=indicator, year=year, value=Decimal(n))
    Measure.objects.create(goal=goal, number=1, name="Intézkedés")
    with django_assert_num_queries(5):
        tree = strategy_tree()
        goals = [g for p in tree for g in p.goals.all()]
        values = [v for g in goals for i in g.indicators.all() for v in i.values.all()]
        measures = [m for g in goals for m in g.measures.all()]
    assert (len(tree), len(goals), len(values), len(measures)) == (5, 1, 6, 1)
