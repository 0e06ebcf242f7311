from django import forms
from django.utils.translation import gettext_lazy as _

from kozkincs.strategy.models import FIRST_YEAR, LAST_YEAR, Indicator
from kozkincs.strategy.units import unit_problem


class IndicatorValueForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=FIRST_YEAR, max_value=LAST_YEAR)
    measured_on = forms.DateField(
        label=_("Measured on"), required=False, help_text=_("Optional; within the year.")
    )
    value = forms.DecimalField(label=_("Value"), max_digits=14, decimal_places=2, localize=True)
    source_note = forms.CharField(
        label=_("Source"), max_length=500, required=False,
        help_text=_("Where the figure comes from (a survey, a statistic, a count)."),
    )  # fmt: skip

    def __init__(self, *args, indicator: Indicator, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        self.fields["value"].help_text = _("Unit: %(unit)s.") % {
            "unit": indicator.get_unit_display()
        }

    def clean_value(self):
        value = self.cleaned_data["value"]
        problem = unit_problem(self.indicator.unit, value)
        if problem:
            raise forms.ValidationError(problem)
        return value
