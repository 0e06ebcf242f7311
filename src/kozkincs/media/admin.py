"""Photos and documents in the Django admin: added, changed and deleted through the services
(the same checks as the portal's "Photos and files" page, which is the editors' tool)."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from kozkincs.media.documents import prepare_document
from kozkincs.media.imaging import prepare_image
from kozkincs.media.models import RecordAttachment, RecordImage
from kozkincs.media.selectors import image_view
from kozkincs.media.services import (
    attachment_create,
    attachment_delete,
    attachment_fields_clean,
    attachment_update,
    image_create,
    image_delete,
    image_set_cover,
    image_texts_clean,
    image_update,
)

PREVIEW_WIDTH = 128
TEXT_FIELDS = ["alt_text", "alt_text_en", "alt_text_de", "credit", "licence"]


def _add_errors(form: forms.Form, error: ValidationError, file_field: str = "upload") -> None:
    for name, messages_ in error.message_dict.items():
        target = file_field if name == "file" else name
        for message in messages_:
            form.add_error(target if target in form.fields else None, message)


def _copy_saved(target, saved) -> None:
    """Give the admin's unsaved instance the row the service wrote (for its log and links)."""
    for field in saved._meta.concrete_fields:
        setattr(target, field.attname, getattr(saved, field.attname))


class ImageChangeForm(forms.ModelForm):
    class Meta:
        model = RecordImage
        fields = TEXT_FIELDS

    def clean(self):
        cleaned = super().clean()
        try:
            image_texts_clean(**{name: cleaned.get(name, "") for name in TEXT_FIELDS})
        except ValidationError as error:
            _add_errors(self, error)
        return cleaned


class ImageAddForm(ImageChangeForm):
    upload = forms.FileField(label=_("Photo"), help_text=_("JPEG, PNG or WebP."))

    class Meta:
        model = RecordImage
        fields = ["record", "upload", *TEXT_FIELDS]

    def clean(self):
        cleaned = super().clean()
        self.prepared = None
        if cleaned.get("upload"):
            try:
                self.prepared = prepare_image(cleaned["upload"])
            except ValidationError as error:
                _add_errors(self, error)
        return cleaned


@admin.register(RecordImage)
class RecordImageAdmin(admin.ModelAdmin):
    list_display = ["preview", "alt_text", "record", "is_cover", "licence", "uploaded_at"]
    list_filter = ["licence", "is_cover"]
    list_select_related = ["record"]
    search_fields = ["alt_text", "credit", "record__name"]
    autocomplete_fields = ["record"]
    actions = ["make_cover"]
    readonly_fields = ["preview", "record", "width", "height", "position", "is_cover"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = ImageChangeForm if obj is not None else ImageAddForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj is not None else []

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["record", "upload", *TEXT_FIELDS]
        return ["preview", "record", *TEXT_FIELDS, "width", "height", "position", "is_cover"]

    @admin.display(description=_("photo"))
    def preview(self, image: RecordImage) -> str:
        if not image.pk:
            return ""
        view = image_view(image)
        width = min(PREVIEW_WIDTH, view.thumbnail.width)
        return format_html(
            '<img src="{}" alt="{}" width="{}" height="{}">',
            view.thumbnail.url,
            view.alt,
            width,
            round(view.thumbnail.height * width / view.thumbnail.width),
        )

    def save_model(self, request, obj, form, change):
        data = {name: form.cleaned_data.get(name, "") for name in TEXT_FIELDS}
        if change:
            saved = image_update(image=obj, user=request.user, **data)
        else:
            saved = image_create(
                record=form.cleaned_data["record"],
                prepared=form.prepared,
                texts=image_texts_clean(**data),
                user=request.user,
            )
        _copy_saved(obj, saved)

    def delete_model(self, request, obj):
        image_delete(image=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        for image in queryset:
            image_delete(image=image, user=request.user)

    @admin.action(description=_("Make the selected photo the cover of its record"))
    def make_cover(self, request, queryset):
        images = list(queryset)
        for image in images:
            image_set_cover(image=image, user=request.user)
        messages.success(
            request,
            ngettext("%(count)d cover changed.", "%(count)d covers changed.", len(images))
            % {"count": len(images)},
        )


class AttachmentChangeForm(forms.ModelForm):
    class Meta:
        model = RecordAttachment
        fields = ["title", "visibility"]

    def clean(self):
        cleaned = super().clean()
        try:
            attachment_fields_clean(
                title=cleaned.get("title", ""), visibility=cleaned.get("visibility", "")
            )
        except ValidationError as error:
            _add_errors(self, error)
        return cleaned


class AttachmentAddForm(AttachmentChangeForm):
    upload = forms.FileField(label=_("PDF document"))

    class Meta:
        model = RecordAttachment
        fields = ["record", "upload", "title", "visibility"]

    def clean(self):
        cleaned = super().clean()
        self.prepared = None
        if cleaned.get("upload"):
            try:
                self.prepared = prepare_document(cleaned["upload"])
            except ValidationError as error:
                _add_errors(self, error)
        return cleaned


@admin.register(RecordAttachment)
class RecordAttachmentAdmin(admin.ModelAdmin):
    list_display = ["title", "record", "visibility", "size", "uploaded_at"]
    list_filter = ["visibility"]
    list_select_related = ["record"]
    search_fields = ["title", "record__name"]
    autocomplete_fields = ["record"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = AttachmentChangeForm if obj is not None else AttachmentAddForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["record", "upload", "title", "visibility"]
        return ["record", "title", "visibility", "size"]

    def get_readonly_fields(self, request, obj=None):
        return ["record", "size"] if obj is not None else []

    def save_model(self, request, obj, form, change):
        data = {"title": form.cleaned_data["title"], "visibility": form.cleaned_data["visibility"]}
        if change:
            saved = attachment_update(attachment=obj, user=request.user, **data)
        else:
            saved = attachment_create(
                record=form.cleaned_data["record"],
                prepared=form.prepared,
                user=request.user,
                **data,
            )
        _copy_saved(obj, saved)

    def delete_model(self, request, obj):
        attachment_delete(attachment=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        for attachment in queryset:
            attachment_delete(attachment=attachment, user=request.user)
