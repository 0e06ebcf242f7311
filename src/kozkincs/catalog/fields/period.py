"""Dates or periods as written by editors ("1747-1769", "18. század", "1920 körül")."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kozkincs.catalog.fields.base import FieldType, field_error
from kozkincs.catalog.fields.scalar import _text
from kozkincs.catalog.periods import parse_period


class PeriodField(FieldType):
    """Stored as ``{"text": "1747-1769", "start": 1747, "end": 1769}``: the normalised text
    for people, the years for sorting and filtering."""

    key = "period"

    def clean_one(self, raw, *, field, catalog):
        if isinstance(raw, dict):
            raw = raw.get("text", "")
        text = _text(raw, field)
        period = parse_period(text)
        if period is None:
            raise field_error(
                field,
                _(
                    "“%(value)s” is not a date or period we understand (e.g. 1747, "
                    "1747-1769, 18. század, 1890-es évek, 1920 körül)."
                )
                % {"value": text[:60]},
            )
        return period.as_json()

    def initial(self, value, *, field):
        if field.multiple and isinstance(value, list):
            return [item.get("text", "") for item in value if isinstance(item, dict)]
        return value.get("text", "") if isinstance(value, dict) else value

    def single_form_field(self, *, field, catalog, language):
        return forms.CharField(
            required=False, widget=forms.TextInput(attrs={"placeholder": "1747-1769"})
        )

    def display_item(self, value, *, field, catalog, language):
        return value.get("text", "")

    def search_item(self, value, *, field, catalog):
        return value.get("text", "")

    def facet_values(self, value, *, field, catalog):
        return [str(item["start"]) for item in self.items(value, field=field)]

    def json_ld_item(self, value, *, field, catalog, language):
        return value.get("text", "")
