"""The "Photos and files" page of a record, for those who may manage them.

Every form works as a plain POST followed by a redirect; with HTMX the same forms replace the
page's managing region in place (the redirect's GET answers with that region only). Input
errors come back at the fields: 400 for a plain request, 200 for HTMX (which swaps only
successful answers).
"""

from functools import partial

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from kozkincs.catalog.models import Record
from kozkincs.media.forms import AttachmentUploadForm, ImageTextsForm, ImageUploadForm
from kozkincs.media.models import RecordAttachment, RecordImage
from kozkincs.media.permissions import media_can_manage
from kozkincs.media.selectors import image_view, record_attachments, record_images
from kozkincs.media.services import (
    attachment_delete,
    attachment_upload,
    image_delete,
    image_move,
    image_set_cover,
    image_update,
    image_upload,
)

IMAGE_ACTIONS = {
    "up": (partial(image_move, offset=-1), gettext_lazy("The photo was moved earlier.")),
    "down": (partial(image_move, offset=1), gettext_lazy("The photo was moved later.")),
    "cover": (image_set_cover, gettext_lazy("The cover image was changed.")),
}


class NotAllowed(Exception):
    """The viewer may not manage this record's photos and files."""


def _wants_region(request: HttpRequest) -> bool:
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.history_restore_request


def _managed_record(request: HttpRequest, record_id: int) -> Record:
    record = get_object_or_404(Record.objects.select_related("settlement"), pk=record_id)
    if not media_can_manage(request.user, record):
        raise NotAllowed
    return record


def _refused(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return render(request, "media/forbidden.html", status=403)


def _page(
    request: HttpRequest,
    record: Record,
    *,
    image_form: ImageUploadForm | None = None,
    attachment_form: AttachmentUploadForm | None = None,
) -> HttpResponse:
    invalid = any(form is not None and form.errors for form in (image_form, attachment_form))
    context = {
        "record": record,
        "images": record_images([record.pk], public_only=False).get(record.pk, []),
        "attachments": record_attachments(record=record, viewer=request.user),
        "image_form": image_form or ImageUploadForm(),
        "attachment_form": attachment_form or AttachmentUploadForm(),
        "is_public": record.status == Record.Status.PUBLISHED,
    }
    region = _wants_region(request)
    template = "media/_manager_response.html" if region else "media/manage.html"
    return render(request, template, context, status=400 if invalid and not region else 200)


def _back(record: Record) -> HttpResponse:
    return redirect("media:record_media", record_id=record.pk)


@require_http_methods(["GET", "HEAD", "POST"])
def record_media(request: HttpRequest, record_id: int) -> HttpResponse:
    """The page; a POST adds a photo."""
    try:
        record = _managed_record(request, record_id)
    except NotAllowed:
        return _refused(request)
    if request.method != "POST":
        return _page(request, record)
    form = ImageUploadForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            image_upload(record=record, upload=data.pop("file"), user=request.user, **data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("The photo was added."))
            return _back(record)
    return _page(request, record, image_form=form)


@require_POST
def attachment_add(request: HttpRequest, record_id: int) -> HttpResponse:
    try:
        record = _managed_record(request, record_id)
    except NotAllowed:
        return _refused(request)
    form = AttachmentUploadForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            attachment_upload(record=record, upload=data.pop("file"), user=request.user, **data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("The document was added."))
            return _back(record)
    return _page(request, record, attachment_form=form)


def _managed_image(request: HttpRequest, record_id: int, image_id: int) -> RecordImage:
    record = _managed_record(request, record_id)
    image = get_object_or_404(RecordImage, pk=image_id, record=record)
    return image


@require_POST
def image_action(request: HttpRequest, record_id: int, image_id: int, action: str) -> HttpResponse:
    """Move a photo earlier or later, or make it the cover."""
    if action not in IMAGE_ACTIONS:
        raise Http404("action")
    try:
        image = _managed_image(request, record_id, image_id)
    except NotAllowed:
        return _refused(request)
    service, done = IMAGE_ACTIONS[action]
    try:
        service(image=image, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, str(done))
    return _back(image.record)


@require_http_methods(["GET", "HEAD", "POST"])
def image_edit(request: HttpRequest, record_id: int, image_id: int) -> HttpResponse:
    """Change the texts and the licence of a photo."""
    try:
        image = _managed_image(request, record_id, image_id)
    except NotAllowed:
        return _refused(request)
    if request.method == "POST":
        form = ImageTextsForm(request.POST)
        if form.is_valid():
            try:
                image_update(image=image, user=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(request, _("The texts of the photo were saved."))
                return _back(image.record)
    else:
        fields = ImageTextsForm.base_fields
        form = ImageTextsForm(initial={name: getattr(image, name) for name in fields})
    context = {"record": image.record, "image": image_view(image), "form": form}
    return render(request, "media/image_edit.html", context, status=400 if form.errors else 200)


def _confirmed_delete(
    request: HttpRequest, thing, *, record: Record, delete, label: str, done: str
) -> HttpResponse:
    if request.method == "POST":
        try:
            delete(thing, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, done)
        return _back(record)
    context = {"record": record, "label": label, "thing": thing}
    return render(request, "media/confirm_delete.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def image_remove(request: HttpRequest, record_id: int, image_id: int) -> HttpResponse:
    """Ask, then delete a photo."""
    try:
        image = _managed_image(request, record_id, image_id)
    except NotAllowed:
        return _refused(request)
    return _confirmed_delete(
        request,
        image,
        record=image.record,
        delete=lambda image, user: image_delete(image=image, user=user),
        label=image.alt_text,
        done=_("The photo was deleted."),
    )


@require_http_methods(["GET", "HEAD", "POST"])
def attachment_remove(request: HttpRequest, record_id: int, attachment_id: int) -> HttpResponse:
    """Ask, then delete a document."""
    try:
        record = _managed_record(request, record_id)
    except NotAllowed:
        return _refused(request)
    attachment = get_object_or_404(RecordAttachment, pk=attachment_id, record=record)
    return _confirmed_delete(
        request,
        attachment,
        record=record,
        delete=lambda attachment, user: attachment_delete(attachment=attachment, user=user),
        label=attachment.title,
        done=_("The document was deleted."),
    )
