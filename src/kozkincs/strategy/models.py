"""The region's cultural strategy as data: its five priorities (reference data), their goals
and measures, and the indicators that show progress, with their values over the years.

Goals, measures, indicators and values are versioned with django-simple-history.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kozkincs.core.i18n import localized_attribute
from kozkincs.core.models import TimeStampedModel
from kozkincs.strategy.units import Direction, Unit, unit_condition, unit_problem

HIGHEST_PRIORITY_NUMBER = 5
"""The region's cultural strategy has five priorities, numbered 1 to 5."""


class StrategyPriority(models.Model):
    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    name = models.CharField(_("name (Hungarian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    name_de = models.CharField(_("name (German)"), max_length=200, blank=True)
    description = models.TextField(_("description (Hungarian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_de = models.TextField(_("description (German)"), blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("strategy priority")
        verbose_name_plural = _("strategy priorities")

    def __str__(self) -> str:
        return f"{self.number}. {self.display_name}"

    @property
    def display_name(self) -> str:
        return localized_attribute(self, "name")


BASELINE_YEARS = (2009, 2010)
"""The strategy's baseline is the situation analysis of 2009-2010."""
FIRST_YEAR, LAST_YEAR = 2000, 2100
"""The years a measured value or a target may have."""


class TranslatedName(models.Model):
    """A name and description in Hungarian, English and German (shown in the active language,
    Hungarian when a translation is missing)."""

    name = models.CharField(_("name (Hungarian)"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    name_de = models.CharField(_("name (German)"), max_length=300, blank=True)
    description = models.TextField(_("description (Hungarian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_de = models.TextField(_("description (German)"), blank=True)
    is_demo = models.BooleanField(
        _("demo entry"), default=False, help_text=_("Invented for the demonstration.")
    )

    class Meta:
        abstract = True

    @property
    def display_name(self) -> str:
        return localized_attribute(self, "name")

    @property
    def display_description(self) -> str:
        return localized_attribute(self, "description")


class Goal(TranslatedName):
    priority = models.ForeignKey(
        StrategyPriority,
        verbose_name=_("priority"),
        on_delete=models.CASCADE,
        related_name="goals",
    )
    number = models.PositiveSmallIntegerField(_("number within the priority"))
    history = HistoricalRecords(verbose_name=_("version of a goal"))

    class Meta:
        ordering = ["priority__number", "number"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        constraints = [
            models.UniqueConstraint(fields=["priority", "number"], name="strategy_goal_number"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.display_name}"

    @property
    def code(self) -> str:
        return f"{self.priority.number}.{self.number}"


class Measure(TranslatedName):
    goal = models.ForeignKey(
        Goal, verbose_name=_("goal"), on_delete=models.CASCADE, related_name="measures"
    )
    number = models.PositiveSmallIntegerField(_("number within the goal"))
    history = HistoricalRecords(verbose_name=_("version of a measure"))

    class Meta:
        ordering = ["goal__priority__number", "goal__number", "number"]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        constraints = [
            models.UniqueConstraint(fields=["goal", "number"], name="strategy_measure_number"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.display_name}"

    @property
    def code(self) -> str:
        return f"{self.goal.code}.{self.number}"


class Indicator(TranslatedName):
    """What shows progress towards a goal (or one of its measures): a 2009-2010 baseline, a
    target, and values measured over the years; entered by staff, or computed from the data
    when ``computed_by`` names a registered computation (``dashboard/computations.py``)."""

    goal = models.ForeignKey(
        Goal, verbose_name=_("goal"), on_delete=models.CASCADE, related_name="indicators"
    )
    measure = models.ForeignKey(
        Measure,
        verbose_name=_("measure"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="indicators",
        help_text=_("Leave empty for an indicator of the goal as a whole."),
    )
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices)
    direction = models.CharField(
        _("direction"), max_length=6, choices=Direction.choices, default=Direction.HIGHER
    )
    baseline_value = models.DecimalField(
        _("baseline value"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    target_value = models.DecimalField(
        _("target value"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    target_year = models.PositiveSmallIntegerField(_("target year"), null=True, blank=True)
    computed_by = models.CharField(
        _("computed by"),
        max_length=64,
        blank=True,
        help_text=_("A registered computation; empty when staff enter the values."),
    )
    history = HistoricalRecords(verbose_name=_("version of an indicator"))

    class Meta:
        ordering = ["goal__priority__number", "goal__number", "measure__number", "id"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.CheckConstraint(
                condition=Q(baseline_year__isnull=True)
                | Q(baseline_year__gte=BASELINE_YEARS[0], baseline_year__lte=BASELINE_YEARS[1]),
                name="strategy_baseline_2009_2010",
            ),
            models.CheckConstraint(
                condition=Q(target_year__isnull=True)
                | Q(target_year__gte=BASELINE_YEARS[1], target_year__lte=LAST_YEAR),
                name="strategy_target_year_range",
            ),
            models.CheckConstraint(
                condition=Q(baseline_value__isnull=True) | unit_condition("baseline_value", "unit"),
                name="strategy_baseline_fits_unit",
            ),
            models.CheckConstraint(
                condition=Q(target_value__isnull=True) | unit_condition("target_value", "unit"),
                name="strategy_target_fits_unit",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    def clean(self) -> None:
        """The admin's checks (the services run them too): values fitting the unit, a measure
        of the same goal, a unit that stays once values are recorded."""
        errors: dict[str, list[str]] = {}
        for field in ("baseline_value", "target_value"):
            value = getattr(self, field)
            problem = value is not None and self.unit and unit_problem(self.unit, value)
            if problem:
                errors.setdefault(field, []).append(problem)
        if self.measure_id and self.goal_id and self.measure.goal_id != self.goal_id:
            errors.setdefault("measure", []).append(_("The measure belongs to another goal."))
        if self.pk and self.values.exclude(unit=self.unit).exists():
            errors.setdefault("unit", []).append(
                _("The unit cannot change once values are recorded.")
            )
        if errors:
            raise ValidationError(errors)

    @property
    def is_computed(self) -> bool:
        return bool(self.computed_by)


class IndicatorValue(TimeStampedModel):
    """A value of an indicator for a year (and the date it was measured, when known).

    The indicator's unit is kept on the row so that the database itself refuses a value of
    the wrong unit (a percentage of 140, half a group)."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="values"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    measured_on = models.DateField(_("measured on"), null=True, blank=True)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices, editable=False)
    source_note = models.CharField(_("source"), max_length=500, blank=True)
    is_computed = models.BooleanField(_("computed from the data"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    is_demo = models.BooleanField(_("demo entry"), default=False)
    history = HistoricalRecords(verbose_name=_("version of an indicator value"))

    class Meta:
        ordering = ["indicator", "year"]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="strategy_value_per_year"),
            models.CheckConstraint(
                condition=Q(year__gte=FIRST_YEAR, year__lte=LAST_YEAR),
                name="strategy_value_year_range",
            ),
            models.CheckConstraint(condition=unit_condition(), name="strategy_value_fits_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.year}: {self.value}"

    def clean(self) -> None:
        if self.indicator_id:
            self.unit = self.indicator.unit
        errors: dict[str, list[str]] = {}
        if self.value is not None and self.unit:
            problem = unit_problem(self.unit, self.value)
            if problem:
                errors["value"] = [problem]
        if self.measured_on and self.year and self.measured_on.year != self.year:
            errors["measured_on"] = [_("The date must fall in the year of the value.")]
        if errors:
            raise ValidationError(errors)
