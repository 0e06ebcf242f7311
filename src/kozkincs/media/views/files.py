"""Serving the stored files, after asking who may see them.

A published record's photos are public; anything else only reaches those
:func:`~kozkincs.media.permissions.media_can_see` allows, and everyone else gets a 404 (which
does not tell that the file exists). With ``KOZKINCS_MEDIA_ACCEL_REDIRECT`` set, the web server
sends the bytes (nginx ``X-Accel-Redirect`` to an ``internal`` location); otherwise Django
streams them from the storage.
"""

import logging
from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.views.decorators.http import require_safe

from kozkincs.catalog.models import Record
from kozkincs.media.imaging import CONTENT_TYPES
from kozkincs.media.models import RecordAttachment, RecordImage, Visibility
from kozkincs.media.permissions import media_can_see
from kozkincs.media.selectors import attachment_file_get, image_file_get
from kozkincs.media.storage import media_storage

logger = logging.getLogger(__name__)


def _file_response(
    request: HttpRequest,
    name: str,
    *,
    content_type: str,
    etag: str,
    public: bool,
    download_name: str,
    as_attachment: bool,
) -> HttpResponse:
    response = get_conditional_response(request, etag=etag)
    if response is None:
        prefix = settings.KOZKINCS_MEDIA_ACCEL_REDIRECT
        if prefix:
            response = HttpResponse(content_type=content_type)
            response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + quote(name)
        else:
            try:
                handle = media_storage().open(name, "rb")
            except FileNotFoundError:
                logger.error("A stored file is missing: %s", name)
                raise Http404("file") from None
            response = FileResponse(handle, content_type=content_type)
        response["Content-Disposition"] = content_disposition_header(as_attachment, download_name)
    response["ETag"] = etag
    response["X-Content-Type-Options"] = "nosniff"
    if public:
        patch_cache_control(response, public=True, max_age=settings.KOZKINCS_MEDIA_CACHE_SECONDS)
    else:
        patch_cache_control(response, private=True, no_store=True)
    return response


def _is_public(record: Record, visibility: str = Visibility.PUBLIC) -> bool:
    return record.status == Record.Status.PUBLISHED and visibility == Visibility.PUBLIC


@require_safe
def image_file(request: HttpRequest, image_id: int, name: str) -> HttpResponse:
    """``/media/images/<id>/<file name>``: the original or one of its thumbnails."""
    try:
        image = image_file_get(image_id=image_id)
    except RecordImage.DoesNotExist:
        raise Http404("image") from None
    stored = {path.rsplit("/", 1)[-1]: path for path in image.stored_names()}
    if name not in stored or not media_can_see(request.user, image.record):
        raise Http404("image")
    suffix = name.rsplit(".", 1)[-1]
    return _file_response(
        request,
        stored[name],
        content_type=CONTENT_TYPES.get(suffix, "application/octet-stream"),
        etag=f'"i{image.pk}-{name}"',
        public=_is_public(image.record),
        download_name=f"{image.record.slug or 'photo'}-{image.pk}-{name}",
        as_attachment=False,
    )


@require_safe
def attachment_file(request: HttpRequest, attachment_id: int) -> HttpResponse:
    """``/media/files/<id>/``: a PDF document, always as a download."""
    try:
        attachment = attachment_file_get(attachment_id=attachment_id)
    except RecordAttachment.DoesNotExist:
        raise Http404("document") from None
    if not media_can_see(request.user, attachment.record, attachment.visibility):
        raise Http404("document")
    return _file_response(
        request,
        attachment.file.name,
        content_type="application/pdf",
        etag=f'"d{attachment.pk}-{int(attachment.uploaded_at.timestamp())}"',
        public=_is_public(attachment.record, attachment.visibility),
        download_name=f"{slugify(attachment.title) or 'document'}.pdf",
        as_attachment=True,
    )
