"""Every change to photos and documents: validated first, files before rows, rows atomically.

Processing a photo (decoding, re-encoding, thumbnails) takes up to a few seconds, so it runs
before any transaction; the files are then written, and only then is the row inserted in a
short transaction that locks the record. Deleting removes the row in the transaction and the
files once it committed. A failure in between leaves at most an unnamed file, which
``remove_orphaned_media`` clears later; never a row without its file (see ``storage.py``).

A change to a record's photos tells the record listeners (``kozkincs.catalog.hooks``) in the
same transaction, so cached answers (the API, lists with covers, open data) change with it.
"""

import logging
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from kozkincs.catalog import hooks
from kozkincs.catalog.models import Record
from kozkincs.media.documents import PreparedDocument, prepare_document
from kozkincs.media.imaging import PreparedImage, prepare_image
from kozkincs.media.licences import Licence, licence_info
from kozkincs.media.models import RecordAttachment, RecordImage, Visibility
from kozkincs.media.storage import (
    DOCUMENT_FOLDER,
    IMAGE_FOLDER,
    files_remove,
    files_remove_after_commit,
    files_write,
    random_token,
)

logger = logging.getLogger(__name__)

MAX_IMAGES_PER_RECORD = 100
MAX_ATTACHMENTS_PER_RECORD = 50
ALT_TEXT_LENGTH = 300
CREDIT_LENGTH = 200
TITLE_LENGTH = 200
_FILE_NAME = re.compile(r"[\w .-]*\.(jpe?g|png|webp|heic|tiff?)", re.IGNORECASE)


@dataclass(frozen=True)
class ImageTexts:
    alt_text: str
    alt_text_en: str
    alt_text_de: str
    credit: str
    licence: str


def _user(user):
    return user if user is not None and user.is_authenticated else None


def _check_length(errors: dict, name: str, value: str, limit: int) -> None:
    if len(value) > limit:
        errors.setdefault(name, []).append(
            _("At most %(limit)d characters (this has %(count)d).")
            % {"limit": limit, "count": len(value)}
        )


def image_texts_clean(
    *, alt_text: str, alt_text_en: str = "", alt_text_de: str = "", credit: str = "", licence: str
) -> ImageTexts:
    """The texts of a photo, trimmed; ``ValidationError`` keyed by field name if not valid."""
    texts = ImageTexts(
        alt_text=(alt_text or "").strip(),
        alt_text_en=(alt_text_en or "").strip(),
        alt_text_de=(alt_text_de or "").strip(),
        credit=(credit or "").strip(),
        licence=(licence or "").strip(),
    )
    errors: dict[str, list[str]] = {}
    if not texts.alt_text:
        errors["alt_text"] = [
            _("Describe what the photo shows, for people who cannot see it (required).")
        ]
    for name in ("alt_text", "alt_text_en", "alt_text_de"):
        value = getattr(texts, name)
        if value and _FILE_NAME.fullmatch(value):
            errors.setdefault(name, []).append(
                _("Describe what the photo shows instead of giving its file name.")
            )
        _check_length(errors, name, value, ALT_TEXT_LENGTH)
    _check_length(errors, "credit", texts.credit, CREDIT_LENGTH)
    if texts.licence not in Licence.values:
        errors["licence"] = [_("Choose one of the licences offered.")]
    elif licence_info(texts.licence).needs_credit and not texts.credit:
        errors["credit"] = [_("This licence requires naming the author: fill in the credit.")]
    if errors:
        raise ValidationError(errors)
    return texts


def _locked_record(record_id: int) -> Record:
    """The record, locked against concurrent changes of its photos (PostgreSQL; SQLite's
    IMMEDIATE transactions hold the write lock already)."""
    try:
        return Record.objects.select_for_update().get(pk=record_id)
    except Record.DoesNotExist:
        raise ValidationError({"record": [_("This record does not exist any more.")]}) from None


def _stored(files: list[tuple[str, bytes]]) -> list[str]:
    try:
        return files_write(files)
    except OSError:
        logger.exception("Storing an upload failed")
        raise ValidationError(
            {"file": [_("The file could not be saved on the server. Please try again later.")]}
        ) from None


def _check_image_count(record_id: int) -> None:
    if RecordImage.objects.filter(record_id=record_id).count() >= MAX_IMAGES_PER_RECORD:
        raise ValidationError(
            {
                "file": [
                    _("A record can have at most %(count)d photos.")
                    % {"count": MAX_IMAGES_PER_RECORD}
                ]
            }
        )


def image_upload(
    *,
    record: Record,
    upload: UploadedFile,
    alt_text: str,
    alt_text_en: str = "",
    alt_text_de: str = "",
    credit: str = "",
    licence: str,
    user=None,
) -> RecordImage:
    """Check the photo and its texts (every error at once), then store it with thumbnails.

    The first photo of a record becomes its cover; later ones are added at the end.
    ``ValidationError`` keyed by field name (``file``, ``alt_text``, ``credit``, ``licence``,
    ``record``); nothing is stored then.
    """
    errors: dict[str, list[str]] = {}
    texts = prepared = None
    try:
        texts = image_texts_clean(
            alt_text=alt_text,
            alt_text_en=alt_text_en,
            alt_text_de=alt_text_de,
            credit=credit,
            licence=licence,
        )
    except ValidationError as error:
        errors.update(error.message_dict)
    try:
        _check_image_count(record.pk)
        prepared = prepare_image(upload)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    return image_create(record=record, prepared=prepared, texts=texts, user=user)


def image_create(
    *, record: Record, prepared: PreparedImage, texts: ImageTexts, user=None
) -> RecordImage:
    """Store an already checked photo (:func:`~kozkincs.media.imaging.prepare_image`)."""
    texts = image_texts_clean(**texts.__dict__)
    folder = f"{IMAGE_FOLDER}/{random_token()}"
    original = prepared.original
    names = _stored(
        [
            (f"{folder}/original.{original.suffix}", original.content),
            *((f"{folder}/w{r.width}.webp", r.content) for r in prepared.renditions),
        ]
    )
    try:
        return _image_insert(record.pk, names, prepared, texts, user)
    except BaseException:
        files_remove(names)
        raise


@transaction.atomic
def _image_insert(
    record_id: int, names: list[str], prepared: PreparedImage, texts: ImageTexts, user
) -> RecordImage:
    record = _locked_record(record_id)
    _check_image_count(record.pk)
    images = RecordImage.objects.filter(record=record)
    last = images.aggregate(last=Max("position"))["last"]
    image = RecordImage.objects.create(
        record=record,
        file=names[0],
        width=prepared.original.width,
        height=prepared.original.height,
        renditions=[
            {"width": r.width, "height": r.height, "name": name}
            for r, name in zip(prepared.renditions, names[1:], strict=True)
        ],
        position=0 if last is None else last + 1,
        is_cover=not images.filter(is_cover=True).exists(),
        uploaded_by=_user(user),
        **texts.__dict__,
    )
    hooks.record_changed([record.pk], "updated")
    return image


@transaction.atomic
def image_update(
    *,
    image: RecordImage,
    alt_text: str,
    alt_text_en: str = "",
    alt_text_de: str = "",
    credit: str = "",
    licence: str,
    user=None,
) -> RecordImage:
    """Change the texts and licence of a photo."""
    texts = image_texts_clean(
        alt_text=alt_text,
        alt_text_en=alt_text_en,
        alt_text_de=alt_text_de,
        credit=credit,
        licence=licence,
    )
    record = _locked_record(image.record_id)
    changed = RecordImage.objects.filter(pk=image.pk, record=record).update(**texts.__dict__)
    if not changed:
        raise _photo_gone()
    hooks.record_changed([record.pk], "updated")
    image.refresh_from_db()
    return image


def _photo_gone() -> ValidationError:
    return ValidationError({"image": [_("This photo was deleted meanwhile.")]})


def _order(record: Record) -> list[int]:
    return list(
        RecordImage.objects.filter(record=record)
        .order_by("position", "id")
        .values_list("id", flat=True)
    )


def _write_order(record: Record, image_ids: list[int]) -> None:
    """Positions 0, 1, … in the order of ``image_ids``; the first photo is the cover."""
    images = list(RecordImage.objects.filter(record=record).only("id", "position"))
    positions = {image_id: index for index, image_id in enumerate(image_ids)}
    for image in images:
        image.position = positions[image.pk]
    cover = image_ids[0] if image_ids else None
    # Two statements: one UPDATE swapping the flag could meet the one-cover index half-way.
    RecordImage.objects.filter(record=record, is_cover=True).exclude(pk=cover).update(
        is_cover=False
    )
    RecordImage.objects.bulk_update(images, ["position"])
    if cover is not None:
        RecordImage.objects.filter(pk=cover).update(is_cover=True)
    hooks.record_changed([record.pk], "updated")


@transaction.atomic
def image_reorder(*, record: Record, image_ids: list[int], user=None) -> None:
    """Put the record's photos in the order of ``image_ids`` (all of them, each once); the
    first becomes the cover."""
    locked = _locked_record(record.pk)
    current = _order(locked)
    if len(image_ids) != len(set(image_ids)) or set(image_ids) != set(current):
        raise ValidationError(
            {"order": [_("The photos changed meanwhile. Reload the page and try again.")]}
        )
    _write_order(locked, list(image_ids))


@transaction.atomic
def image_move(*, image: RecordImage, offset: int, user=None) -> None:
    """Move a photo ``offset`` places (-1: earlier, +1: later); at either end nothing moves.
    A photo moved to the front becomes the cover."""
    record = _locked_record(image.record_id)
    order = _order(record)
    if image.pk not in order:
        raise _photo_gone()
    index = order.index(image.pk)
    target = min(max(index + offset, 0), len(order) - 1)
    if target == index:
        return
    order.insert(target, order.pop(index))
    _write_order(record, order)


@transaction.atomic
def image_set_cover(*, image: RecordImage, user=None) -> None:
    """Make ``image`` the cover: it moves to the front (the cover is always the first photo)."""
    record = _locked_record(image.record_id)
    order = _order(record)
    if image.pk not in order:
        raise _photo_gone()
    order.remove(image.pk)
    _write_order(record, [image.pk, *order])


@transaction.atomic
def image_delete(*, image: RecordImage, user=None) -> None:
    """Delete the photo; its files go once the deletion committed. When it was the cover,
    the next photo becomes the cover. A photo already deleted is not an error."""
    record = _locked_record(image.record_id)
    current = RecordImage.objects.filter(pk=image.pk, record=record).first()
    if current is None:
        return
    names = current.stored_names()
    current.delete()
    _write_order(record, _order(record))
    files_remove_after_commit(names)


def attachment_fields_clean(*, title: str, visibility: str) -> tuple[str, str]:
    title = (title or "").strip()
    errors: dict[str, list[str]] = {}
    if not title:
        errors["title"] = [_("Give the document a title (required).")]
    _check_length(errors, "title", title, TITLE_LENGTH)
    if visibility not in Visibility.values:
        errors["visibility"] = [_("Choose who may see the document.")]
    if errors:
        raise ValidationError(errors)
    return title, visibility


def attachment_upload(
    *, record: Record, upload: UploadedFile, title: str, visibility: str, user=None
) -> RecordAttachment:
    """Check and store a PDF document of ``record`` (every error at once); ``ValidationError``
    keyed by field name (``file``, ``title``, ``visibility``, ``record``)."""
    errors: dict[str, list[str]] = {}
    fields = prepared = None
    try:
        fields = attachment_fields_clean(title=title, visibility=visibility)
    except ValidationError as error:
        errors.update(error.message_dict)
    try:
        prepared = prepare_document(upload)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    title, visibility = fields
    return attachment_create(
        record=record, prepared=prepared, title=title, visibility=visibility, user=user
    )


def attachment_create(
    *, record: Record, prepared: PreparedDocument, title: str, visibility: str, user=None
) -> RecordAttachment:
    """Store an already checked document (:func:`~kozkincs.media.documents.prepare_document`)."""
    title, visibility = attachment_fields_clean(title=title, visibility=visibility)
    names = _stored([(f"{DOCUMENT_FOLDER}/{random_token()}.pdf", prepared.content)])
    try:
        return _attachment_insert(record.pk, names[0], prepared.size, title, visibility, user)
    except BaseException:
        files_remove(names)
        raise


@transaction.atomic
def _attachment_insert(
    record_id: int, name: str, size: int, title: str, visibility: str, user
) -> RecordAttachment:
    record = _locked_record(record_id)
    attachments = RecordAttachment.objects.filter(record=record)
    if attachments.count() >= MAX_ATTACHMENTS_PER_RECORD:
        raise ValidationError(
            {
                "file": [
                    _("A record can have at most %(count)d documents.")
                    % {"count": MAX_ATTACHMENTS_PER_RECORD}
                ]
            }
        )
    last = attachments.aggregate(last=Max("position"))["last"]
    return RecordAttachment.objects.create(
        record=record,
        file=name,
        title=title,
        visibility=visibility,
        size=size,
        position=0 if last is None else last + 1,
        uploaded_by=_user(user),
    )


@transaction.atomic
def attachment_update(
    *, attachment: RecordAttachment, title: str, visibility: str, user=None
) -> RecordAttachment:
    title, visibility = attachment_fields_clean(title=title, visibility=visibility)
    record = _locked_record(attachment.record_id)
    if not RecordAttachment.objects.filter(pk=attachment.pk, record=record).update(
        title=title, visibility=visibility
    ):
        raise ValidationError({"attachment": [_("This document was deleted meanwhile.")]})
    attachment.refresh_from_db()
    return attachment


@transaction.atomic
def attachment_delete(*, attachment: RecordAttachment, user=None) -> None:
    """Delete the document; its file goes once the deletion committed."""
    record = _locked_record(attachment.record_id)
    current = RecordAttachment.objects.filter(pk=attachment.pk, record=record).first()
    if current is None:
        return
    current.delete()
    files_remove_after_commit(current.stored_names())
