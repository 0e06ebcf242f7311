"""Choices from the catalog's named vocabularies."""

from functools import partial

from django import forms
from django.utils.translation import gettext_lazy as _

from kozkincs.catalog.fields.base import FieldType, field_error, is_empty


class _TermKeys:
    """The term key for a raw choice: a key, or (for loaders) a label in any language, in
    any case; the first term in the vocabulary's order having that label. The labels are
    folded once, when the lookup is made (once per field for a whole import)."""

    def __init__(self, *, field, catalog) -> None:
        self.field = field
        terms = catalog.terms(field.vocabulary)
        self.keys = list(terms)
        self.known = set(terms)
        self.by_label: dict[str, str] = {}
        for key, label in terms.items():
            for text in (label.hu, label.en, label.de):
                self.by_label.setdefault(text.casefold(), key)

    def __call__(self, raw) -> str:
        text = str(raw).strip()
        if text in self.known:
            return text
        key = self.by_label.get(text.casefold())
        if key is None:
            raise field_error(
                self.field, _("“%(value)s” is not one of the choices.") % {"value": text[:80]}
            )
        return key


def _choices(field, catalog, language) -> list[tuple[str, str]]:
    return [(key, label.get(language)) for key, label in catalog.terms(field.vocabulary).items()]


def _labels(value, field, catalog) -> str:
    label = catalog.terms(field.vocabulary).get(value)
    if label is None:
        return ""
    return " ".join(dict.fromkeys(filter(None, [label.hu, label.en, label.de])))


def _labels_in(field, catalog, language) -> dict[str, str]:
    """Each term's label in ``language`` (what ``display_item`` shows), by term key."""
    return {key: label.get(language) for key, label in catalog.terms(field.vocabulary).items()}


class ChoiceField(FieldType):
    key = "choice"

    def clean_one(self, raw, *, field, catalog):
        return _TermKeys(field=field, catalog=catalog)(raw)

    def cleaner(self, *, field, catalog):
        return partial(
            self.clean_items, field=field, clean_one=_TermKeys(field=field, catalog=catalog)
        )

    def spreadsheet_choices(self, *, field, catalog, part=None):
        return [label.hu for label in catalog.terms(field.vocabulary).values()]

    def single_form_field(self, *, field, catalog, language):
        choices = [("", "—"), *_choices(field, catalog, language)]
        return forms.ChoiceField(choices=choices, required=False)

    def display_item(self, value, *, field, catalog, language):
        label = catalog.terms(field.vocabulary).get(value)
        return label.get(language) if label else value

    def search_item(self, value, *, field, catalog):
        return _labels(value, field, catalog)

    def json_ld_item(self, value, *, field, catalog, language):
        return self.display_item(value, field=field, catalog=catalog, language=language)

    def json_ld_function(self, *, field, catalog, language):
        labels = _labels_in(field, catalog, language)
        if field.multiple:
            return lambda value: [labels.get(item, item) for item in self.items(value, field=field)]

        as_stored = type(self).items is FieldType.items  # items(key) is [key] or []

        def one(value):
            if as_stored and value.__class__ is str:  # a term's key: no call to items()
                return labels.get(value, value) if value.strip() else None
            items = self.items(value, field=field)
            return labels.get(items[0], items[0]) if items else None

        return one

    def facet_choices(self, *, field, catalog):
        return list(catalog.terms(field.vocabulary))

    def facet_labels(self, values, *, field, catalog, language):
        terms = catalog.terms(field.vocabulary)
        return {value: terms[value].get(language) if value in terms else value for value in values}


class MultiChoiceField(ChoiceField):
    """Several terms of one vocabulary; stored as a list of term keys in vocabulary order."""

    key = "multi_choice"
    supports_multiple = False
    accepts_list = True

    def clean(self, raw, *, field, catalog):
        return self._clean_terms(raw, _TermKeys(field=field, catalog=catalog))

    def cleaner(self, *, field, catalog):
        return partial(self._clean_terms, term_keys=_TermKeys(field=field, catalog=catalog))

    def _clean_terms(self, raw, term_keys: _TermKeys):
        if is_empty(raw):
            return None
        items = raw if isinstance(raw, list | tuple | set) else [raw]
        keys = {term_keys(item) for item in items if not is_empty(item)}
        ordered = [key for key in term_keys.keys if key in keys]
        return ordered or None

    def items(self, value, *, field):
        return list(value) if isinstance(value, list) else []

    def spreadsheet_several(self, *, field):
        return True

    def form_field(self, *, field, catalog, language):
        form_field = forms.MultipleChoiceField(
            choices=_choices(field, catalog, language),
            widget=forms.CheckboxSelectMultiple,
            required=False,
        )
        form_field.label = field.label.get(language)
        form_field.help_text = field.help.get(language) if field.help else ""
        return form_field

    def json_ld(self, value, *, field, catalog, language):
        return [
            self.display_item(item, field=field, catalog=catalog, language=language)
            for item in self.items(value, field=field)
        ]

    def json_ld_function(self, *, field, catalog, language):
        labels = _labels_in(field, catalog, language)
        return lambda value: [labels.get(item, item) for item in self.items(value, field=field)]
