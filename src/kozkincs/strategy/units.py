"""The units an indicator is measured in, and what a value of each unit may be.

One table (:data:`UNIT_RULES`) holds the limits; the database constraint of
``IndicatorValue`` and the validation of the forms and services are both built from it, so a
limit is written once.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _


class Unit(models.TextChoices):
    COUNT = "count", _("count")
    NUMBER = "number", _("number (e.g. per settlement)")
    PERCENT = "percent", _("percent")
    HUF = "huf", _("forint (HUF)")
    PERSONS = "persons", _("persons")
    YES_NO = "yes_no", _("yes/no")


class Direction(models.TextChoices):
    HIGHER = "higher", _("higher is better")
    LOWER = "lower", _("lower is better")


@dataclass(frozen=True)
class UnitRule:
    minimum: Decimal
    maximum: Decimal | None
    whole: bool

    def problem(self, value: Decimal) -> str | None:
        """Why ``value`` cannot be a value of this unit, or None."""
        if self.maximum is not None and not (self.minimum <= value <= self.maximum):
            return str(
                _("The value must be between %(minimum)s and %(maximum)s.")
                % {"minimum": self.minimum, "maximum": self.maximum}
            )
        if value < self.minimum:
            return str(_("The value must not be negative."))
        if self.whole and value != value.to_integral_value():
            return str(_("The value must be a whole number."))
        return None


ZERO = Decimal(0)
UNIT_RULES: dict[str, UnitRule] = {
    Unit.COUNT: UnitRule(ZERO, None, whole=True),
    Unit.NUMBER: UnitRule(ZERO, None, whole=False),
    Unit.PERCENT: UnitRule(ZERO, Decimal(100), whole=False),
    Unit.HUF: UnitRule(ZERO, None, whole=True),
    Unit.PERSONS: UnitRule(ZERO, None, whole=True),
    Unit.YES_NO: UnitRule(ZERO, Decimal(1), whole=True),
}


def unit_problem(unit: str, value: Decimal) -> str | None:
    """A translated message when ``value`` is not a value of ``unit`` (None when it is)."""
    rule = UNIT_RULES.get(unit)
    if rule is None:
        return str(_("Unknown unit."))
    problem = rule.problem(value)
    if problem and unit == Unit.YES_NO:
        return str(_("A yes/no indicator takes 1 (yes) or 0 (no)."))
    if problem and unit == Unit.PERCENT:
        return str(_("A percentage is between 0 and 100."))
    return problem


def unit_condition(value_field: str = "value", unit_field: str = "unit") -> Q:
    """The database's version of :func:`unit_problem`: one branch per unit. A whole number is
    one that equals its cast to an integer (on SQLite and PostgreSQL alike)."""
    condition = Q()
    for unit, rule in UNIT_RULES.items():
        branch = Q(**{unit_field: unit, f"{value_field}__gte": rule.minimum})
        if rule.maximum is not None:
            branch &= Q(**{f"{value_field}__lte": rule.maximum})
        if rule.whole:
            branch &= Q(**{value_field: Cast(F(value_field), models.BigIntegerField())})
        condition |= branch
    return condition
