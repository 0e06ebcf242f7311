"""The staff form of a record, generated from its catalog definition.

The form only parses what the editor typed; every rule is checked once, by the services, and
their errors are put back on the form fields (``record_form_add_errors``).
"""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from kozkincs.catalog.definitions import CatalogDefinition, FieldDefinition
from kozkincs.catalog.fields import field_type
from kozkincs.catalog.fields.widgets import LabelledMultiField, RowsField
from kozkincs.catalog.models import Record
from kozkincs.catalog.record_data import (
    TEXT_COLUMNS,
    VISIBILITIES,
    RecordData,
    text_column_clean,
)
from kozkincs.gazetteer.models import Settlement
from kozkincs.strategy.models import StrategyPriority

VALUE_PREFIX = "value__"
SUMMARY_HELP = _("Plain text, one short paragraph; any HTML is removed on saving.")
RICH_TEXT_HELP = _(
    "A blank line starts a new paragraph. HTML is allowed for paragraphs, headings "
    "(h2 to h4), lists, links (http, https, mailto), strong, em, block quotes and line "
    "breaks; anything else is removed on saving."
)
PRIVACY_PREFIX = "privacy__"


def _source_field() -> RowsField:
    widgets = {"title": forms.TextInput(), "url": forms.URLInput()}
    labels = {"title": _("title"), "url": _("web address")}
    return RowsField(row_field=LabelledMultiField(widgets=widgets, labels=labels))


class RecordForm(forms.Form):
    """The shared columns; catalog fields are added by :func:`record_form_class`."""

    name = forms.CharField(label=_("name (Hungarian)"), max_length=255)
    name_en = forms.CharField(label=_("name (English)"), max_length=255, required=False)
    name_de = forms.CharField(label=_("name (German)"), max_length=255, required=False)
    summary = forms.CharField(
        label=_("summary (Hungarian)"), widget=forms.Textarea(attrs={"rows": 3}), required=False,
        help_text=SUMMARY_HELP,
    )  # fmt: skip
    summary_en = forms.CharField(
        label=_("summary (English)"), widget=forms.Textarea(attrs={"rows": 3}), required=False,
        help_text=SUMMARY_HELP,
    )  # fmt: skip
    summary_de = forms.CharField(
        label=_("summary (German)"), widget=forms.Textarea(attrs={"rows": 3}), required=False,
        help_text=SUMMARY_HELP,
    )  # fmt: skip
    description = forms.CharField(
        label=_("description (Hungarian)"), widget=forms.Textarea, required=False,
        help_text=RICH_TEXT_HELP,
    )  # fmt: skip
    description_en = forms.CharField(
        label=_("description (English)"), widget=forms.Textarea, required=False,
        help_text=RICH_TEXT_HELP,
    )  # fmt: skip
    description_de = forms.CharField(
        label=_("description (German)"), widget=forms.Textarea, required=False,
        help_text=RICH_TEXT_HELP,
    )  # fmt: skip
    settlement = forms.ModelChoiceField(
        label=_("settlement"), queryset=Settlement.objects.all(), required=False,
        widget=AutocompleteSelect(Record._meta.get_field("settlement"), admin.site),
    )  # fmt: skip
    settlements = forms.ModelMultipleChoiceField(
        label=_("further settlements"), queryset=Settlement.objects.all(), required=False,
        widget=AutocompleteSelectMultiple(Record._meta.get_field("settlements"), admin.site),
    )  # fmt: skip
    lat = forms.FloatField(label=_("latitude"), required=False)
    lon = forms.FloatField(label=_("longitude"), required=False)
    priorities = forms.ModelMultipleChoiceField(
        label=_("strategy priorities"), queryset=StrategyPriority.objects.all(), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Left empty on a new record: the catalog's default priorities."),
    )  # fmt: skip
    tags = forms.CharField(
        label=_("tags"), required=False, help_text=_("Separate the tags with commas.")
    )
    sources = _source_field()
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    definition: CatalogDefinition

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sources"].label = _("sources")
        # The shared labels are the models' lower-case verbose names; a form label starts
        # with a capital, as in Django's own model forms.
        for field in self.fields.values():
            field.label = capfirst(field.label)

    # --- for the template -----------------------------------------------------------------

    def fieldsets(self) -> list[tuple[str, list]]:
        value_fields = [self[name] for name in self.fields if name.startswith(VALUE_PREFIX)]
        privacy_fields = [self[name] for name in self.fields if name.startswith(PRIVACY_PREFIX)]
        sets = [
            (_("Name and description"), [self[n] for n in ("name", "summary", "description")]),
            (self.definition.label.get(self.language), value_fields),
            (_("Place"), [self[n] for n in ("settlement", "settlements", "lat", "lon")]),
            (
                _("Priorities, tags and sources"),
                [self[n] for n in ("priorities", "tags", "sources")],
            ),
            (_("Translations"), [self[n] for n in TEXT_COLUMNS if n[-3:] in ("_en", "_de")]),
            (_("Consent and visibility of personal data"), privacy_fields),
        ]
        return [(title, fields) for title, fields in sets if fields]

    # --- to the services ------------------------------------------------------------------

    def record_data(self) -> RecordData:
        data = self.cleaned_data
        result: RecordData = {column: data.get(column, "") for column in TEXT_COLUMNS}
        result["settlement"] = data.get("settlement")
        result["settlements"] = list(data.get("settlements") or [])
        result["lat"], result["lon"] = data.get("lat"), data.get("lon")
        result["priorities"] = [p.number for p in data.get("priorities") or []]
        result["tags"] = [tag.strip() for tag in (data.get("tags") or "").split(",")]
        result["sources"] = data.get("sources") or []
        result["values"] = {
            name.removeprefix(VALUE_PREFIX): data.get(name)
            for name in self.fields
            if name.startswith(VALUE_PREFIX)
        }
        result["privacy"] = {
            fdef.key: {
                "consent": bool(data.get(f"{PRIVACY_PREFIX}{fdef.key}__consent")),
                "visibility": data.get(f"{PRIVACY_PREFIX}{fdef.key}__visibility") or "staff",
                **(
                    {
                        "private_person": bool(
                            data.get(f"{PRIVACY_PREFIX}{fdef.key}__private_person")
                        )
                    }
                    if fdef.may_be_personal
                    else {}
                ),
            }
            for fdef in self.definition.fields
            if fdef.has_privacy_settings
        }
        return result

    def add_service_errors(self, errors: dict[str, list]) -> None:
        """Put the services' errors (keyed by column or field key) on the form fields."""
        for key, messages in errors.items():
            name = key if key in self.fields else f"{VALUE_PREFIX}{key}"
            if key == "version" or name not in self.fields:
                name = None
            for message in messages:
                self.add_error(name, message)


def _privacy_fields(definition: CatalogDefinition, language: str) -> dict[str, forms.Field]:
    visibility_labels = {
        "public": _("public"),
        "members": _("members only"),
        "staff": _("staff only"),
    }
    fields: dict[str, forms.Field] = {}
    for fdef in definition.fields:
        if not fdef.has_privacy_settings:
            continue
        label = fdef.label.get(language)
        if fdef.may_be_personal:
            fields[f"{PRIVACY_PREFIX}{fdef.key}__private_person"] = forms.BooleanField(
                label=_("%(field)s: this is a private person's, not the organisation's")
                % {"field": label},
                help_text=_(
                    "Then it is shown only with the person's consent, "
                    "and only to those the person allows."
                ),
                required=False,
            )
        fields[f"{PRIVACY_PREFIX}{fdef.key}__consent"] = forms.BooleanField(
            label=_("%(field)s: the person consented to publication") % {"field": label},
            required=False,
        )
        fields[f"{PRIVACY_PREFIX}{fdef.key}__visibility"] = forms.ChoiceField(
            label=_("%(field)s: visible to") % {"field": label},
            choices=[(v, visibility_labels[v]) for v in VISIBILITIES],
            initial="staff",
        )
    return fields


def record_form_class(
    definition: CatalogDefinition,
    language: str,
    *,
    base: type[RecordForm] = RecordForm,
    field_factory: Callable[..., forms.Field | None] | None = None,
) -> type[RecordForm]:
    """A form class with the shared columns and the fields of ``definition``.

    Another interface (the portal's editing pages) extends the form without forking it:
    ``base`` is a subclass of :class:`RecordForm` with its own widgets for the shared columns,
    ``field_factory(field=, catalog=, language=)`` returns the form field of a catalog field
    (None: the field type's own ``form_field``).
    """
    attrs: dict = {"definition": definition, "language": language}
    for fdef in definition.fields:
        form_field = None
        if field_factory is not None:
            form_field = field_factory(field=fdef, catalog=definition, language=language)
        if form_field is None:
            form_field = field_type(fdef.type).form_field(
                field=fdef, catalog=definition, language=language
            )
        form_field.definition_required = fdef.required
        attrs[f"{VALUE_PREFIX}{fdef.key}"] = form_field
    attrs.update(_privacy_fields(definition, language))
    return type(f"{base.__name__}_{definition.key.replace('-', '_')}", (base,), attrs)


def record_form_initial(record: Record, definition: CatalogDefinition) -> dict:
    """The form's initial data for an existing record (relations read from their rows)."""
    initial = {column: getattr(record, column) for column in TEXT_COLUMNS}
    initial.update(
        settlement=record.settlement,
        settlements=list(record.settlements.all()),
        lat=record.lat,
        lon=record.lon,
        priorities=list(record.priorities.all()),
        tags=", ".join(record.tags),
        sources=record.sources,
        version=record.version,
        status=record.status,
    )
    related: dict[str, list[int]] = {}
    for key, target in record.outgoing_relations.values_list("field_key", "target_id"):
        related.setdefault(key, []).append(target)
    for fdef in definition.fields:
        name = f"{VALUE_PREFIX}{fdef.key}"
        kind = field_type(fdef.type)
        initial[name] = kind.initial(kind.stored(record.values, related, field=fdef), field=fdef)
        initial.update(privacy_initial(fdef, record.privacy))
    return initial


def privacy_initial(fdef: FieldDefinition, privacy: dict | None) -> dict[str, Any]:
    """The form's initial consent, visibility (and private-person flag) of ``fdef``."""
    if not fdef.has_privacy_settings:
        return {}
    setting = (privacy or {}).get(fdef.key) or {}
    initial = {
        f"{PRIVACY_PREFIX}{fdef.key}__consent": setting.get("consent", False),
        f"{PRIVACY_PREFIX}{fdef.key}__visibility": setting.get("visibility", "staff"),
    }
    if fdef.may_be_personal:
        initial[f"{PRIVACY_PREFIX}{fdef.key}__private_person"] = setting.get(
            "private_person", False
        )
    return initial


SNAPSHOT_COLUMNS = (
    *TEXT_COLUMNS, "settlement", "settlements", "lat", "lon", "priorities", "tags", "sources",
    "status",
)  # fmt: skip


def record_changed_fields(
    before: dict, after: dict, definition: CatalogDefinition, language: str
) -> list[str]:
    """What differs between two :func:`record_form_initial` snapshots, for the admin history.

    Shared columns are named by their model field names, stored untranslated as Django's own
    change messages are (the history page translates them); catalog fields by their label in
    ``language``, as the editor saw them on the form.
    """
    names = []
    with translation.override(None):
        for column in SNAPSHOT_COLUMNS:
            if before.get(column) != after.get(column):
                names.append(str(Record._meta.get_field(column).verbose_name))
        privacy_keys = {key for key in (*before, *after) if key.startswith(PRIVACY_PREFIX)}
        privacy_changed = any(before.get(key) != after.get(key) for key in privacy_keys)
        privacy_label = str(Record._meta.get_field("privacy").verbose_name)
    for fdef in definition.fields:
        name = f"{VALUE_PREFIX}{fdef.key}"
        if before.get(name) != after.get(name):
            names.append(fdef.label.get(language))
    if privacy_changed:
        names.append(privacy_label)
    return names


def conflict_rows(conflict, definition: CatalogDefinition, language: str) -> list[dict]:
    """The differences between the saved version and the one the editor tried to save."""
    current, attempted = conflict.current, conflict.attempted
    rows = []
    labels = {column: Record._meta.get_field(column).verbose_name for column in TEXT_COLUMNS}
    for column in TEXT_COLUMNS:
        mine = text_column_clean(column, attempted.get(column))  # as it would be stored
        saved = getattr(current, column) or ""
        if column in attempted and mine != saved:
            rows.append({"label": labels[column], "saved": saved, "mine": mine})
    for fdef in definition.fields:
        kind = field_type(fdef.type)
        if kind.in_relations or fdef.key not in (attempted.get("values") or {}):
            continue
        saved = kind.search_text(current.values.get(fdef.key), field=fdef, catalog=definition)
        mine_raw = attempted["values"][fdef.key]
        try:
            mine_value = kind.clean(mine_raw, field=fdef, catalog=definition)
        except ValidationError:
            mine_value = mine_raw
        mine = kind.search_text(mine_value, field=fdef, catalog=definition) if mine_value else ""
        if mine != saved:
            rows.append({"label": fdef.label.get(language), "saved": saved, "mine": mine})
    return rows
