"""An indicator value of the wrong unit: refused with a clear message by the validation, and
by the database's CHECK constraint when something bypasses the validation."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from kozkincs.strategy.models import IndicatorValue
from kozkincs.strategy.units import unit_problem


@pytest.mark.parametrize(
    ("unit", "value", "fits"),
    [
        ("percent", "0", True), ("percent", "100", True), ("percent", "55.5", True),
        ("percent", "100.01", False), ("percent", "-1", False),
        ("count", "3", True), ("count", "3.5", False), ("count", "-1", False),
        ("persons", "250", True), ("persons", "0.5", False),
        ("huf", "1500000", True), ("huf", "10.5", False), ("huf", "-100", False),
        ("yes_no", "1", True), ("yes_no", "0", True), ("yes_no", "2", False),
        ("yes_no", "0.5", False),
        ("number", "0.67", True), ("number", "-0.1", False),
    ],
)  # fmt: skip
def test_unit_problem_accepts_only_values_of_the_unit(unit, value, fits):
    assert (unit_problem(unit, Decimal(value)) is None) is fits


def test_the_messages_say_what_is_wrong():
    assert "0 and 100" in unit_problem("percent", Decimal(140))
    assert "whole number" in unit_problem("count", Decimal("2.5"))
    assert "negative" in unit_problem("persons", Decimal(-3))
    assert "1 (yes) or 0 (no)" in unit_problem("yes_no", Decimal(3))


@pytest.mark.parametrize(
    ("unit", "value", "fits"),
    [("percent", "140", False), ("percent", "99.5", True), ("count", "3.5", False),
     ("count", "4", True), ("count", "-1", False), ("yes_no", "2", False), ("yes_no", "1", True),
     ("huf", "0.5", False), ("number", "0.25", True)],
)  # fmt: skip
def test_the_database_refuses_a_value_of_the_wrong_unit(make_indicator, unit, value, fits):
    indicator = make_indicator(unit)
    row = IndicatorValue(indicator=indicator, year=2015, value=Decimal(value), unit=unit)
    if fits:
        row.save()
        assert IndicatorValue.objects.filter(pk=row.pk).exists()
    else:
        with pytest.raises(IntegrityError), transaction.atomic():
            row.save()
        assert not IndicatorValue.objects.exists()


def test_the_database_refuses_a_baseline_outside_2009_2010(make_indicator):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_indicator("count", baseline_value=Decimal(3), baseline_year=2008)


def test_the_database_refuses_a_target_of_the_wrong_unit(make_indicator):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_indicator("percent", target_value=Decimal(120), target_year=2030)
