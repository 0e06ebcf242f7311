"""The portal's record form: the catalog form (``catalog/forms.py``) with portal widgets.

- settlements and related records are typed and picked from matches as one types (HTMX asks
  the picker endpoints); without JavaScript the typed name is matched when the form is sent,
  and a name that fits several gets a message listing them;
- latitude and longitude stay number inputs, which a map picker fills when JavaScript runs;
- long texts get django-prose-editor, configured with exactly the tags nh3 keeps
  (``core.rich_text``); the services sanitise with nh3 on saving all the same.
"""

import copy
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django_prose_editor.widgets import ProseEditorWidget

from kozkincs.catalog.definitions import CatalogDefinition, FieldDefinition
from kozkincs.catalog.fields import field_type
from kozkincs.catalog.fields.widgets import RowsField
from kozkincs.catalog.forms import (
    RecordForm,
    record_form_class,
)
from kozkincs.core.rich_text import ALLOWED_URL_SCHEMES
from kozkincs.editing import selectors
from kozkincs.gazetteer.models import Settlement

# The editor's extensions: the allowlist of core.rich_text and nothing more (a test compares
# django-prose-editor's own allowlist for them with ours).
PROSE_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "Paragraph": True,
    "Link": {"enableTarget": False, "protocols": sorted(ALLOWED_URL_SCHEMES)},
    "History": True,
}
RICH_TEXT_PORTAL_HELP = _(
    "Use the buttons above the text for headings, lists, links, bold and italic. Without "
    "JavaScript the box shows the text's HTML; a blank line starts a new paragraph."
)
SETTLEMENT_CODE = re.compile(r"\((\d{5})\)\s*$|^\s*(\d{5})\s*$")
RECORD_ID = re.compile(r"\[#?(\d{1,12})\]\s*$")


class RichTextWidget(ProseEditorWidget):
    """django-prose-editor with the portal's own stylesheet after the editor's, so that every
    page showing the editor (records, meetings, nominations …) gets the same readable toolbar
    (``editing/css/rich-text.css``)."""

    @property
    def media(self):
        # The editor's stylesheet named again so that ours is merged after it.
        own = ["django_prose_editor/editor.css", "editing/css/rich-text.css"]
        return super().media + forms.Media(css={"all": own})


def rich_text_widget() -> ProseEditorWidget:
    return RichTextWidget(
        config={"extensions": PROSE_EXTENSIONS}, preset="configurable", attrs={"rows": 8}
    )


# --- pickers -----------------------------------------------------------------------------------


class PickInput(forms.TextInput):
    """A text input with as-you-type matches (``source`` answers with a list of options).

    The stored value (a settlement, a KSH code, a record id) is shown as the text a picked
    match puts in the input; ``viewer`` (set by the form) limits which record names show."""

    template_name = "editing/widgets/pick.html"

    def __init__(self, *, source, kind: str, attrs=None):
        self.source = source
        self.kind = kind
        self.viewer = None
        super().__init__(attrs={"autocomplete": "off", "spellcheck": "false", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, Settlement):
            return selectors.settlement_label(value)
        if self.kind == "settlement" and isinstance(value, str) and value.isdigit():
            found = Settlement.objects.filter(ksh_code=value).only("name", "ksh_code").first()
            return selectors.settlement_label(found) if found else value
        if self.kind == "record" and (isinstance(value, int) or str(value or "").isdigit()):
            names = selectors.record_names(record_ids=[int(value)], viewer=self.viewer)
            return selectors.record_label(int(value), names[int(value)]) if names else ""
        return super().format_value(value)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["source"] = str(self.source)
        return context


class SettlementPickField(forms.Field):
    """A settlement typed by name or KSH code ("Bagod", "Bagod (32957)", "32957").

    Cleaned into the ``Settlement`` (``as_code``: its KSH code, as catalog values store it)."""

    def __init__(self, *, as_code: bool = False, **kwargs):
        self.as_code = as_code
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "widget",
            PickInput(source=reverse_lazy("editing:settlement_matches"), kind="settlement"),
        )
        kwargs.setdefault(
            "help_text", _("Type the first letters and choose, or type the whole name.")
        )
        super().__init__(**kwargs)

    def to_python(self, value: Any):
        text = str(value or "").strip()
        if not text:
            return None
        settlement = self._resolve(text)
        return settlement.ksh_code if self.as_code else settlement

    def _resolve(self, text: str) -> Settlement:
        code = SETTLEMENT_CODE.search(text)
        if code:
            found = Settlement.objects.filter(ksh_code=code[1] or code[2]).first()
            if found is None:
                raise ValidationError(
                    _("There is no settlement with KSH code %(code)s.")
                    % {"code": code[1] or code[2]}
                )
            return found
        named = selectors.settlements_named(text)
        if len(named) == 1:
            return named[0]
        if named:
            choices = "; ".join(f"{selectors.settlement_label(s)}, {s.county.name}" for s in named)
            raise ValidationError(
                _("Several settlements are called “%(name)s”: %(choices)s. Type the one you mean "
                  "with its code in brackets, as shown.") % {"name": text[:60], "choices": choices}
            )  # fmt: skip
        close = selectors.settlement_matches(query=text, limit=5)
        if close:
            raise ValidationError(
                _("No settlement is called “%(name)s”. Did you mean: %(choices)s?")
                % {"name": text[:60], "choices": "; ".join(m.value for m in close)}
            )
        raise ValidationError(_("No settlement is called “%(name)s”.") % {"name": text[:60]})


class RecordPickField(forms.Field):
    """A record of ``target_catalog`` typed by name or picked ("Plébánia [#12]"); cleaned into
    its id. Only records the form's viewer may see are found."""

    def __init__(self, *, target_catalog: str, **kwargs):
        self.target_catalog = target_catalog
        self.viewer = None  # set by the form
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "widget",
            PickInput(
                source=reverse_lazy("editing:record_matches", args=[target_catalog]),
                kind="record",
            ),
        )
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> int | None:
        text = str(value or "").strip()
        if not text:
            return None
        given = RECORD_ID.search(text)
        if given:
            found = selectors.record_visible_get(
                record_id=int(given[1]), catalog_key=self.target_catalog, viewer=self.viewer
            )
            if found is None:
                raise ValidationError(
                    _("“%(value)s” is not a record you can choose here.") % {"value": text[:80]}
                )
            return found.pk
        named = selectors.records_named(
            name=text, catalog_key=self.target_catalog, viewer=self.viewer
        )
        if len(named) == 1:
            return named[0].pk
        if named:
            choices = "; ".join(
                selectors.record_label(r.pk, r.name)
                + (f", {r.settlement.name}" if r.settlement else "")
                for r in named
            )
            message = _(
                "Several records are called “%(name)s”: %(choices)s. Type the one you mean "
                "with its number in brackets, as shown."
            )
            raise ValidationError(message % {"name": text[:60], "choices": choices})
        raise ValidationError(
            _("No record called “%(name)s” was found here. Type the first letters and choose "
              "from the list.") % {"name": text[:60]}
        )  # fmt: skip


def portal_field(*, field: FieldDefinition, catalog: CatalogDefinition, language: str):
    """The portal's form field of a catalog field; None: the field type's own."""
    kind = field_type(field.type)
    if kind.holds_settlements:
        single = SettlementPickField(as_code=True)
    elif kind.in_relations:
        single = RecordPickField(target_catalog=field.target_catalog)
    elif kind.rich_text:
        single = forms.CharField(required=False, widget=rich_text_widget())
    else:
        return None
    form_field = RowsField(row_field=single) if field.multiple else single
    form_field.label = field.label.get(language)
    form_field.help_text = field.help.get(language) if field.help else single.help_text
    form_field.required = False
    return form_field


def _description_field(label) -> forms.CharField:
    return forms.CharField(
        label=label, widget=rich_text_widget(), required=False, help_text=RICH_TEXT_PORTAL_HELP
    )


class PortalRecordForm(RecordForm):
    """The catalog form with the portal's widgets; ``viewer`` limits the record pickers."""

    description = _description_field(_("description (Hungarian)"))
    description_en = _description_field(_("description (English)"))
    description_de = _description_field(_("description (German)"))
    settlement = SettlementPickField(label=_("settlement"))
    settlements = RowsField(row_field=SettlementPickField(), label=_("further settlements"))
    lat = forms.FloatField(
        label=_("latitude"), required=False, widget=forms.NumberInput(attrs={"step": "any"}),
        help_text=_("For example 46.8417. Click the map or drag its marker to fill it in."),
    )  # fmt: skip
    lon = forms.FloatField(
        label=_("longitude"), required=False, widget=forms.NumberInput(attrs={"step": "any"}),
        help_text=_("For example 16.8416."),
    )  # fmt: skip

    def __init__(self, *args, viewer=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["settlements"].label = _("Further settlements")
        for field in self.fields.values():
            if isinstance(field, RowsField):
                field.widget.row_label = str(field.label)
            if isinstance(field, RowsField) and isinstance(field.row_field, RecordPickField):
                # The row field is shared by every form of the class: each form its own copy.
                field.row_field = copy.copy(field.row_field)
                field.row_field.viewer = viewer
                field.widget.row_widget.viewer = viewer
            elif isinstance(field, RecordPickField):
                field.viewer = viewer
                field.widget.viewer = viewer


def portal_form_class(definition: CatalogDefinition, language: str) -> type[PortalRecordForm]:
    return record_form_class(
        definition, language, base=PortalRecordForm, field_factory=portal_field
    )


class DecisionForm(forms.Form):
    """A moderator's decision on a change request."""

    DECISIONS = ("approve", "reject", "ask_changes")
    decision = forms.ChoiceField(choices=[(d, d) for d in DECISIONS], widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Message to the author"), required=False, max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when you reject or ask for changes; sent to the author by e-mail."),
    )  # fmt: skip
    confirmed_version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        if (
            data.get("decision") in ("reject", "ask_changes")
            and not (data.get("reason") or "").strip()
        ):
            self.add_error("reason", _("Write the author why, so they know what to do."))
        return data
