"""The forms of the "Photos and files" page: they only read the input; the services check it
(one definition of every rule) and their errors are shown at the fields here."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from kozkincs.media.licences import Licence
from kozkincs.media.models import Visibility
from kozkincs.media.services import ALT_TEXT_LENGTH, CREDIT_LENGTH, TITLE_LENGTH

IMAGE_TYPES = "image/jpeg,image/png,image/webp"


class ServiceErrorsMixin:
    def add_service_errors(self, error: ValidationError) -> None:
        """Show a service's errors at the matching fields (others above the form)."""
        for name, messages in error.message_dict.items():
            for message in messages:
                self.add_error(name if name in self.fields else None, message)


class ImageTextsForm(ServiceErrorsMixin, forms.Form):
    # Required, but the service says so (one rule); the browser is told by the attribute.
    alt_text = forms.CharField(
        label=_("Alternative text (Hungarian)"),
        max_length=ALT_TEXT_LENGTH,
        required=False,
        widget=forms.TextInput(attrs={"required": True}),
        help_text=_("What the photo shows, in a sentence, for people who cannot see it. Required."),
    )
    alt_text_en = forms.CharField(
        label=_("Alternative text (English)"), max_length=ALT_TEXT_LENGTH, required=False
    )
    alt_text_de = forms.CharField(
        label=_("Alternative text (German)"), max_length=ALT_TEXT_LENGTH, required=False
    )
    credit = forms.CharField(
        label=_("Author or credit"),
        max_length=CREDIT_LENGTH,
        required=False,
        help_text=_("Who took the photo or owns it. Required for the CC BY licences."),
    )
    licence = forms.ChoiceField(label=_("Licence"), choices=Licence.choices, initial=Licence.CC_BY)

    field_order = ["alt_text", "alt_text_en", "alt_text_de", "credit", "licence"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["alt_text"].widget.attrs["lang"] = "hu"
        self.fields["alt_text_en"].widget.attrs["lang"] = "en"
        self.fields["alt_text_de"].widget.attrs["lang"] = "de"


class ImageUploadForm(ImageTextsForm):
    prefix = "photo"
    file = forms.FileField(label=_("Photo"), widget=forms.FileInput(attrs={"accept": IMAGE_TYPES}))

    field_order = ["file", *ImageTextsForm.field_order]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "JPEG, PNG or WebP, at most %(size)s and %(megapixels)s megapixels. "
            "Location and camera data are removed."
        ) % {
            "size": filesizeformat(settings.KOZKINCS_MEDIA_MAX_IMAGE_BYTES),
            "megapixels": f"{settings.KOZKINCS_MEDIA_MAX_IMAGE_PIXELS / 1e6:.0f}",
        }


class AttachmentUploadForm(ServiceErrorsMixin, forms.Form):
    prefix = "document"
    file = forms.FileField(
        label=_("PDF document"),
        widget=forms.FileInput(attrs={"accept": "application/pdf"}),
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=TITLE_LENGTH,
        required=False,
        widget=forms.TextInput(attrs={"required": True}),
    )
    visibility = forms.ChoiceField(
        label=_("Visible to"),
        choices=[
            (Visibility.PUBLIC, _("Everyone")),
            (Visibility.MEMBERS, _("Logged-in members")),
            (Visibility.STAFF, _("Staff only")),
        ],
        initial=Visibility.STAFF,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("PDF only, at most %(size)s.") % {
            "size": filesizeformat(settings.KOZKINCS_MEDIA_MAX_DOCUMENT_BYTES)
        }
