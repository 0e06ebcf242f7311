"""Composite values: a contact person and a group of sub-fields (e.g. a qualification)."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kozkincs.catalog.definitions import FieldDefinition, LocalizedText, SubField
from kozkincs.catalog.fields.base import FieldType, field_error, is_empty
from kozkincs.catalog.fields.widgets import LabelledMultiField
from kozkincs.catalog.identifiers import normalize_phone
from kozkincs.core.i18n import CONTENT_LANGUAGES, in_language


def _check_keys(raw, allowed: list[str], field) -> dict:
    if not isinstance(raw, dict):
        raise field_error(field, _("a set of values is expected."))
    unknown = sorted(set(raw) - set(allowed))
    if unknown:
        raise field_error(field, _("unknown parts: %(keys)s.") % {"keys": ", ".join(unknown)})
    return raw


PERSON_PARTS = ("name", "role", "email", "phone")


def person_labels() -> dict[str, str]:
    return {
        "name": gettext("name"),
        "role": gettext("role"),
        "email": gettext("e-mail"),
        "phone": gettext("phone"),
    }


def _in_languages(text) -> dict[str, str]:
    """``text()`` in each content language."""
    labels = {}
    for language in CONTENT_LANGUAGES:
        with in_language(language):
            labels[language] = str(text())
    return labels


class PersonField(FieldType):
    """``{"name", "role", "email", "phone"}``; consent and visibility live in
    ``Record.privacy[field.key]`` and are applied by the selectors."""

    key = "person"

    def spreadsheet_parts(self, *, field):
        return [(part, _in_languages(lambda p=part: person_labels()[p])) for part in PERSON_PARTS]

    def spreadsheet_several(self, *, field):
        return False

    template_name = "catalog/fields/person.html"

    def clean_one(self, raw, *, field, catalog):
        from kozkincs.catalog.fields import field_type

        data = _check_keys(raw, list(PERSON_PARTS), field)
        person = {
            part: str(data[part]).strip() for part in PERSON_PARTS if not is_empty(data.get(part))
        }
        if not person:
            return None
        if "name" not in person:
            raise field_error(field, _("the name of the person is missing."))
        if "email" in person:
            person["email"] = field_type("email").clean_one(
                person["email"], field=field, catalog=catalog
            )
        if "phone" in person:
            phone = normalize_phone(person["phone"])
            if phone is None:
                raise field_error(
                    field,
                    _("“%(value)s” is not a Hungarian phone number.")
                    % {"value": person["phone"][:40]},
                )
            person["phone"] = phone
        return person

    def single_form_field(self, *, field, catalog, language):
        widgets = {
            "name": forms.TextInput(),
            "role": forms.TextInput(),
            "email": forms.EmailInput(),
            "phone": forms.TextInput(attrs={"type": "tel"}),
        }
        return LabelledMultiField(widgets=widgets, labels=person_labels())

    def display_item(self, value, *, field, catalog, language):
        phone = value.get("phone", "")
        return {**value, "phone_href": "tel:" + phone.replace(" ", "") if phone else ""}

    def search_item(self, value, *, field, catalog):
        return " ".join(filter(None, [value.get("name"), value.get("role")]))

    def facet_values(self, value, *, field, catalog):
        return []

    def json_ld_item(self, value, *, field, catalog, language):
        person = {"@type": "Person", "name": value.get("name", "")}
        optional = {"jobTitle": "role", "email": "email", "telephone": "phone"}
        person.update({key: value[part] for key, part in optional.items() if value.get(part)})
        return person


def sub_definition(group: FieldDefinition, sub: SubField) -> FieldDefinition:
    """A sub-field as a field definition, labelled "group label - sub-field label"."""
    label = LocalizedText(
        hu=f"{group.label.hu} \u2013 {sub.label.hu}",
        en=f"{group.label.get('en')} \u2013 {sub.label.get('en')}",
        de=f"{group.label.get('de')} \u2013 {sub.label.get('de')}",
    )
    return FieldDefinition(
        key=sub.key, type=sub.type, label=label, required=sub.required, vocabulary=sub.vocabulary
    )


class GroupField(FieldType):
    """A dict of sub-values, each cleaned by its own field type."""

    key = "group"
    template_name = "catalog/fields/group.html"

    def spreadsheet_parts(self, *, field):
        return [(sub.key, {lang: sub.label.get(lang) for lang in CONTENT_LANGUAGES})
                for sub in field.fields]  # fmt: skip

    def spreadsheet_several(self, *, field):
        return False

    def spreadsheet_choices(self, *, field, catalog, part=None):
        from kozkincs.catalog.fields import field_type

        sub = next((s for s in field.fields if s.key == part), None)
        if sub is None:
            return []
        return field_type(sub.type).spreadsheet_choices(
            field=sub_definition(field, sub), catalog=catalog
        )

    def clean_one(self, raw, *, field, catalog):
        from kozkincs.catalog.fields import field_type

        data = _check_keys(raw, [sub.key for sub in field.fields], field)
        cleaned = {}
        for sub in field.fields:
            definition = sub_definition(field, sub)
            value = field_type(sub.type).clean(data.get(sub.key), field=definition, catalog=catalog)
            if value is not None:
                cleaned[sub.key] = value
        if not cleaned:
            return None
        for sub in field.fields:
            if sub.required and sub.key not in cleaned:
                raise field_error(
                    field, _("“%(part)s” is required.") % {"part": sub.label.get(_language())}
                )
        return cleaned

    def initial(self, value, *, field):
        from kozkincs.catalog.fields import field_type

        def one(item: dict) -> dict:
            return {
                sub.key: field_type(sub.type).initial(
                    item.get(sub.key), field=sub_definition(field, sub)
                )
                for sub in field.fields
                if sub.key in item
            }

        if isinstance(value, list):
            return [one(item) for item in value if isinstance(item, dict)]
        return one(value) if isinstance(value, dict) else value

    def single_form_field(self, *, field, catalog, language):
        from kozkincs.catalog.fields import field_type

        widgets, labels = {}, {}
        for sub in field.fields:
            definition = sub_definition(field, sub)
            sub_form_field = field_type(sub.type).single_form_field(
                field=definition, catalog=catalog, language=language
            )
            widgets[sub.key] = sub_form_field.widget
            labels[sub.key] = sub.label.get(language)
        return LabelledMultiField(widgets=widgets, labels=labels)

    def _parts(self, value, field, catalog, language=None):
        from kozkincs.catalog.fields import field_type

        for sub in field.fields:
            if sub.key in value:
                yield sub, sub_definition(field, sub), field_type(sub.type)

    def display_item(self, value, *, field, catalog, language):
        return [
            {
                "label": sub.label.get(language),
                "html": kind.display(value[sub.key], field=definition, catalog=catalog,
                                     language=language),
            }
            for sub, definition, kind in self._parts(value, field, catalog)
        ]  # fmt: skip

    def search_item(self, value, *, field, catalog):
        return " ".join(
            kind.search_text(value[sub.key], field=definition, catalog=catalog)
            for sub, definition, kind in self._parts(value, field, catalog)
        )

    def facet_values(self, value, *, field, catalog):
        return []

    def json_ld_item(self, value, *, field, catalog, language):
        return {
            sub.key: kind.json_ld(value[sub.key], field=definition, catalog=catalog,
                                  language=language)
            for sub, definition, kind in self._parts(value, field, catalog)
        }  # fmt: skip

    def json_ld_function(self, *, field, catalog, language):
        from kozkincs.catalog.fields import field_type

        parts = [
            (sub.key, field_type(sub.type).json_ld_function(
                field=sub_definition(field, sub), catalog=catalog, language=language))
            for sub in field.fields
        ]  # fmt: skip

        def item(value):
            return {key: to_json_ld(value[key]) for key, to_json_ld in parts if key in value}

        if field.multiple:
            return lambda value: [item(one) for one in self.items(value, field=field)]

        def single(value):
            items = self.items(value, field=field)
            return item(items[0]) if items else None

        return single


def _language() -> str:
    from kozkincs.core.i18n import current_language

    return current_language()
