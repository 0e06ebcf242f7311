"""Checking an uploaded PDF document: by its content, never by its name.

A PDF starts with ``%PDF-`` (readers accept it within the first kilobyte) and ends with
``%%EOF`` (possibly followed by a line break or a little padding). Anything else, an HTML page
or a photo renamed ``.pdf`` included, is refused. The file is stored as it came; it is only
ever served as a download (``Content-Disposition: attachment``, ``nosniff``).
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

HEAD_BYTES = 1024
TAIL_BYTES = 2048


@dataclass(frozen=True)
class PreparedDocument:
    content: bytes
    size: int


def _refuse(message: str) -> ValidationError:
    return ValidationError({"file": [message]}, code="invalid")


def prepare_document(upload: UploadedFile) -> PreparedDocument:
    """The bytes of ``upload`` if it is a PDF within the size limit; ``ValidationError``
    keyed ``file`` otherwise."""
    limit = settings.KOZKINCS_MEDIA_MAX_DOCUMENT_BYTES
    if upload.size is not None and upload.size > limit:
        raise _refuse(
            _("The file is %(size)s; PDF documents may be at most %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
        )
    upload.seek(0)
    content = upload.read(limit + 1)
    if not content:
        raise _refuse(_("The file is empty."))
    if len(content) > limit:
        raise _refuse(
            _("The file is larger than %(limit)s, the limit for PDF documents.")
            % {"limit": filesizeformat(limit)}
        )
    if b"%PDF-" not in content[:HEAD_BYTES]:
        raise _refuse(_("This file is not a PDF document. Only PDF files can be added here."))
    if b"%%EOF" not in content[-TAIL_BYTES:]:
        raise _refuse(
            _("The PDF document seems incomplete (its end is missing). Try another copy.")
        )
    return PreparedDocument(content, len(content))
