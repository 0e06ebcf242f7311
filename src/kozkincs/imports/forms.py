"""The forms of the import pages: upload, reading options with the column mapping, import."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kozkincs.catalog.definitions import CatalogDefinition
from kozkincs.catalog.models import Record
from kozkincs.imports.columns import IGNORE, catalog_columns
from kozkincs.imports.plan import update_by_keys
from kozkincs.imports.reading import DELIMITERS, ENCODINGS

MAPPING_PREFIX = "column_"
DETECTED = [("", _("as detected"))]


class UploadForm(forms.Form):
    catalog = forms.ChoiceField(label=_("Catalog"))
    file = forms.FileField(
        label=_("Spreadsheet"), help_text=_("CSV, XLSX or ODS."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.xlsx,.ods"}),
    )  # fmt: skip

    def __init__(self, *args, catalogs: list[CatalogDefinition], language: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["catalog"].choices = [(c.key, c.label.get(language)) for c in catalogs]


class OptionsForm(forms.Form):
    """How to read the file and which column fills which field."""

    encoding = forms.ChoiceField(label=_("Character encoding"), required=False,
                                 choices=[*DETECTED, *ENCODINGS.items()])  # fmt: skip
    delimiter = forms.ChoiceField(label=_("Delimiter"), required=False,
                                  choices=[*DETECTED, *DELIMITERS.items()])  # fmt: skip
    sheet = forms.ChoiceField(label=_("Sheet"), required=False)
    update_by = forms.ChoiceField(
        label=_("Update existing records by"), required=False,
        help_text=_("Rows whose value in this column matches a record update it; the others "
                    "create new records."),
    )  # fmt: skip

    def __init__(self, *args, definition, info: dict, headers: list[str], language: str,
                 **kwargs):  # fmt: skip
        super().__init__(*args, **kwargs)
        self.fields["sheet"].choices = [(s, s) for s in info.get("sheets") or []] or [("", "—")]
        columns = catalog_columns(definition)
        self.fields["update_by"].choices = [("", _("nothing: every row is a new record"))] + [
            (c.key, c.label(language)) for c in columns if c.key in update_by_keys(definition)
        ]
        choices = [("", _("as detected")), (IGNORE, _("ignore this column"))] + [
            (c.key, c.label(language)) for c in columns
        ]
        self.column_fields = []
        for index, heading in enumerate(headers):
            name = f"{MAPPING_PREFIX}{index}"
            self.fields[name] = forms.ChoiceField(label=heading or "—", choices=choices,
                                                  required=False)  # fmt: skip
            self.column_fields.append(name)

    def mapping(self) -> dict[int, str]:
        return {
            int(name.removeprefix(MAPPING_PREFIX)): self.cleaned_data[name]
            for name in self.column_fields
            if self.cleaned_data.get(name)
        }


class ApplyForm(forms.Form):
    status = forms.ChoiceField(
        label=_("New records are"), initial=Record.Status.PUBLISHED,
        choices=[(Record.Status.PUBLISHED, _("published")), (Record.Status.DRAFT, _("drafts"))],
    )  # fmt: skip
    confirm_repeat = forms.BooleanField(
        label=_("Import it again although this file was already imported"), required=False
    )
