"""Forms of the nomination pages. They parse what was typed; the services check the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kozkincs.catalog.registry import catalog_list
from kozkincs.core.forms import HoneypotMixin
from kozkincs.core.i18n import current_language, localized_attribute
from kozkincs.gazetteer.selectors import home_region_get, region_settlements
from kozkincs.media.licences import Licence
from kozkincs.nominations.models import Nomination, ValueCategory
from kozkincs.nominations.services import DocumentUpload, PhotoUpload

PHOTO_SLOTS = 3
DOCUMENT_SLOTS = 2


class CategoryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, category: ValueCategory) -> str:
        return localized_attribute(category, "name")


class NominationForm(HoneypotMixin, forms.ModelForm):
    class Meta:
        model = Nomination
        fields = [
            "proposer_name", "proposer_organisation", "contact_person", "address", "phone",
            "email", "value_name", "category", "settlement", "location", "description",
            "justification", "sources", "website", "consent",
        ]  # fmt: skip
        field_classes = {"category": CategoryChoiceField}
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8}),
            "justification": forms.Textarea(attrs={"rows": 6}),
            "sources": forms.Textarea(attrs={"rows": 4}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "proposer_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
            "address": forms.TextInput(attrs={"autocomplete": "street-address"}),
        }
        help_texts = {
            "proposer_name": _("A person or an organisation."),
            "location": _("Address, area or landmark, if the settlement alone is not enough."),
            "description": _("What the value is: its unique features and history."),
            "justification": _("Why it is a value for the community of the micro-region."),
            "sources": _("Books, articles, archives, people who know about it; one per line."),
            "consent": _(
                "I agree that the committee uses the data of this nomination to decide on it, "
                "and publishes the value's data if it is accepted. My contact details are "
                "never published."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = ValueCategory.objects.all()
        self.fields["category"].empty_label = _("Choose a category")
        self.fields["settlement"].queryset = region_settlements(region=home_region_get()).order_by(
            "name"
        )
        self.fields["settlement"].empty_label = _("Choose a settlement")
        self.fields["consent"].required = True
        for name in ("description", "justification"):
            self.fields[name].required = True


class PhotoForm(forms.Form):
    file = forms.ImageField(label=_("Photo"), required=False)
    alt_text = forms.CharField(
        label=_("What the photo shows"), max_length=300, required=False,
        help_text=_("For people who cannot see it; required with a photo."),
    )  # fmt: skip
    credit = forms.CharField(label=_("Author or credit"), max_length=200, required=False)
    licence = forms.ChoiceField(
        label=_("Licence"), choices=[("", "—"), *Licence.choices], required=False
    )

    def upload(self) -> PhotoUpload | None:
        data = self.cleaned_data
        if not data.get("file"):
            return None
        return PhotoUpload(
            upload=data["file"],
            alt_text=data.get("alt_text", ""),
            credit=data.get("credit", ""),
            licence=data.get("licence", ""),
        )


class DocumentForm(forms.Form):
    file = forms.FileField(
        label=_("PDF document"), required=False,
        help_text=_("A letter of support or a source, as a PDF file."),
    )  # fmt: skip
    title = forms.CharField(label=_("Title of the document"), max_length=300, required=False)

    def upload(self) -> DocumentUpload | None:
        data = self.cleaned_data
        if not data.get("file"):
            return None
        return DocumentUpload(upload=data["file"], title=data.get("title", ""))


def file_forms(data=None, files=None) -> tuple[list[PhotoForm], list[DocumentForm]]:
    photos = [PhotoForm(data, files, prefix=f"photo-{i}") for i in range(PHOTO_SLOTS)]
    documents = [DocumentForm(data, files, prefix=f"document-{i}") for i in range(DOCUMENT_SLOTS)]
    return photos, documents


class CompletionForm(forms.ModelForm):
    note = forms.CharField(
        label=_("Message to the committee"), widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )  # fmt: skip

    class Meta:
        model = Nomination
        fields = ["location", "description", "justification", "sources", "website"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8}),
            "justification": forms.Textarea(attrs={"rows": 6}),
            "sources": forms.Textarea(attrs={"rows": 4}),
        }


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason or request"), widget=forms.Textarea(attrs={"rows": 4}))


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class CatalogChoiceForm(forms.Form):
    catalog = forms.ChoiceField(label=_("Catalog of the new record"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        language = current_language()
        self.fields["catalog"].choices = [
            (definition.key, definition.label.get(language)) for definition in catalog_list()
        ]


class QueueFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("open ones")), ("all", _("all")), *Nomination.Status.choices],
        required=False,
    )  # fmt: skip
    category = CategoryChoiceField(
        label=_("Category"), queryset=ValueCategory.objects.all(), required=False,
        empty_label=_("all"),
    )  # fmt: skip
