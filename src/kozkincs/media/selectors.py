"""Every read of photos and documents the pages, the API, the map and open data share.

The page-level selectors take many record ids and run one query, whatever the number of
records or photos: a list page calls :func:`record_covers` once, a record page
:func:`record_media` once (two queries). Photos of a record that is not published are left
out unless ``public_only=False`` (the management page). Nothing here makes a file: thumbnails
exist from the upload on.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property

from django.db.models import QuerySet
from django.urls import reverse

from kozkincs.catalog.models import Record
from kozkincs.core.i18n import TRANSLATION_SUFFIXES, current_language
from kozkincs.media.licences import LicenceInfo, licence_info
from kozkincs.media.models import RecordAttachment, RecordImage, Visibility
from kozkincs.media.permissions import media_can_manage, media_can_see

DISPLAY_WIDTH = 640
"""The thumbnail a browser without ``srcset`` support loads."""
MAX_SRCSET_ORIGINAL_WIDTH = 2560
"""Wider originals are linked, never offered in ``srcset`` (a phone could pick megabytes)."""

__all__ = [
    "AttachmentView",
    "ImageView",
    "RecordMedia",
    "Rendition",
    "attachment_file_get",
    "image_file_get",
    "image_view",
    "images_json_ld",
    "record_attachments",
    "record_cover",
    "record_covers",
    "record_images",
    "record_media",
]


@dataclass(frozen=True)
class Rendition:
    width: int
    height: int
    url: str


@dataclass(frozen=True)
class ImageView:
    """A photo as pages and the API show it; URLs are paths (``/media/images/…``)."""

    id: int
    record_id: int
    alt: str
    alt_language: str
    """The language of ``alt``: the requested one, or "hu" when it falls back."""
    alt_is_fallback: bool
    credit: str
    licence: LicenceInfo
    width: int
    height: int
    url: str
    """The stored original (re-encoded, without metadata)."""
    renditions: tuple[Rendition, ...]
    """Thumbnails, narrowest first (none when the photo is narrower than the smallest)."""
    is_cover: bool
    position: int

    @cached_property
    def display(self) -> Rendition:
        """The ``src`` for browsers that ignore ``srcset``: about :data:`DISPLAY_WIDTH` wide."""
        fitting = [r for r in self.renditions if r.width <= DISPLAY_WIDTH]
        if fitting:
            return fitting[-1]
        return self.renditions[0] if self.renditions else self.original

    @cached_property
    def thumbnail(self) -> Rendition:
        """The smallest file, for list items and map pop-ups."""
        return self.renditions[0] if self.renditions else self.original

    @cached_property
    def list_renditions(self) -> tuple[Rendition, ...]:
        """The smallest files (up to two), for the ``srcset`` of list and card covers."""
        return self.renditions[:2] or (self.original,)

    @cached_property
    def original(self) -> Rendition:
        return Rendition(self.width, self.height, self.url)

    @cached_property
    def srcset(self) -> str:
        candidates = list(self.renditions)
        if self.width <= MAX_SRCSET_ORIGINAL_WIDTH:
            candidates.append(self.original)
        return ", ".join(f"{r.url} {r.width}w" for r in candidates)


@dataclass(frozen=True)
class AttachmentView:
    id: int
    record_id: int
    title: str
    visibility: str
    size: int
    url: str
    uploaded_at: datetime

    @property
    def visibility_label(self) -> str:
        return Visibility(self.visibility).label


@dataclass(frozen=True)
class RecordMedia:
    """What a record page shows: its photos (cover first), the documents the viewer may see,
    and where to manage them when the viewer may."""

    images: list[ImageView]
    attachments: list[AttachmentView]
    can_manage: bool
    manage_url: str = ""
    cover: ImageView | None = field(default=None)


class _Addresses:
    """Serving paths built from one ``reverse()`` each (a record page has up to 4 per photo)."""

    def __init__(self) -> None:
        image = reverse("media_files:image", kwargs={"image_id": 1, "name": "n"})
        document = reverse("media_files:attachment", kwargs={"attachment_id": 1})
        self.image_base = image.removesuffix("1/n")
        self.document_base = document.removesuffix("1/")

    def image(self, image_id: int, stored_name: str) -> str:
        return f"{self.image_base}{image_id}/{stored_name.rsplit('/', 1)[-1]}"

    def document(self, attachment_id: int) -> str:
        return f"{self.document_base}{attachment_id}/"


def _alt(image: RecordImage, language: str) -> tuple[str, str, bool]:
    translated = getattr(image, "alt_text" + TRANSLATION_SUFFIXES.get(language, ""), "")
    if translated:
        return translated, language, False
    return image.alt_text, "hu", language != "hu"


def _view(image: RecordImage, language: str, addresses: _Addresses) -> ImageView:
    alt, alt_language, fallback = _alt(image, language)
    renditions = tuple(
        Rendition(item["width"], item["height"], addresses.image(image.pk, item["name"]))
        for item in sorted(image.renditions or [], key=lambda item: item["width"])
    )
    return ImageView(
        id=image.pk,
        record_id=image.record_id,
        alt=alt,
        alt_language=alt_language,
        alt_is_fallback=fallback,
        credit=image.credit,
        licence=licence_info(image.licence),
        width=image.width,
        height=image.height,
        url=addresses.image(image.pk, image.file.name),
        renditions=renditions,
        is_cover=image.is_cover,
        position=image.position,
    )


def _images(record_ids: Iterable[int], public_only: bool) -> QuerySet[RecordImage]:
    images = RecordImage.objects.filter(record_id__in=sorted(set(record_ids)))
    if public_only:
        images = images.filter(record__status=Record.Status.PUBLISHED)
    return images.defer("uploaded_by", "uploaded_at")


def record_images(
    record_ids: Iterable[int], *, language: str | None = None, public_only: bool = True
) -> dict[int, list[ImageView]]:
    """The photos of each record in their order (the cover is the first); one query.

    Records without photos (or, with ``public_only``, not published) are not in the answer.
    """
    language = language or current_language()
    addresses = _Addresses()
    found: dict[int, list[ImageView]] = {}
    ordered = _images(record_ids, public_only).order_by("record_id", "position", "id")
    for image in ordered:
        found.setdefault(image.record_id, []).append(_view(image, language, addresses))
    return found


def image_view(image: RecordImage, *, language: str | None = None) -> ImageView:
    """One photo as the pages show it (whatever its record's status)."""
    return _view(image, language or current_language(), _Addresses())


def record_covers(
    record_ids: Iterable[int], *, language: str | None = None
) -> dict[int, ImageView]:
    """The cover photo of each published record that has one; one query for a whole page."""
    ids = list(record_ids)
    if not ids:
        return {}
    language = language or current_language()
    addresses = _Addresses()
    covers = _images(ids, public_only=True).filter(is_cover=True)
    return {image.record_id: _view(image, language, addresses) for image in covers}


def record_cover(record_id: int, *, language: str | None = None) -> ImageView | None:
    """The cover photo of a published record, or None (e.g. for ``edm:isShownBy``)."""
    return record_covers([record_id], language=language).get(record_id)


def _attachment_view(attachment: RecordAttachment, addresses: _Addresses) -> AttachmentView:
    return AttachmentView(
        id=attachment.pk,
        record_id=attachment.record_id,
        title=attachment.title,
        visibility=attachment.visibility,
        size=attachment.size,
        url=addresses.document(attachment.pk),
        uploaded_at=attachment.uploaded_at,
    )


def record_attachments(*, record: Record, viewer=None) -> list[AttachmentView]:
    """The documents of ``record`` that ``viewer`` may see (all of them for a manager)."""
    addresses = _Addresses()
    return [
        _attachment_view(attachment, addresses)
        for attachment in RecordAttachment.objects.filter(record=record).order_by("position", "id")
        if media_can_see(viewer, record, attachment.visibility)
    ]


def record_media(*, record: Record, viewer=None, language: str | None = None) -> RecordMedia:
    """Photos and the viewer's documents of one record page: two queries."""
    images = record_images([record.pk], language=language).get(record.pk, [])
    can_manage = media_can_manage(viewer, record)
    return RecordMedia(
        images=images,
        attachments=record_attachments(record=record, viewer=viewer),
        can_manage=can_manage,
        manage_url=(
            reverse("media:record_media", kwargs={"record_id": record.pk}) if can_manage else ""
        ),
        cover=next((image for image in images if image.is_cover), None),
    )


def images_json_ld(
    images: Iterable[ImageView], *, absolute: Callable[[str], str] = str
) -> list[dict]:
    """schema.org ``ImageObject``s for a record's ``image`` property (cover first).

    ``absolute`` turns the paths into full URLs (``request.build_absolute_uri`` on a page).
    """
    objects = []
    for image in images:
        data = {
            "@type": "ImageObject",
            "contentUrl": absolute(image.url),
            "thumbnailUrl": absolute(image.thumbnail.url),
            "width": image.width,
            "height": image.height,
            "description": image.alt,
        }
        if image.credit:
            data["creditText"] = image.credit
        data["license"] = image.licence.url or image.licence.rights_uri
        objects.append(data)
    return objects


def image_file_get(*, image_id: int) -> RecordImage:
    """A photo with its record's status, for serving; ``RecordImage.DoesNotExist`` if none."""
    return RecordImage.objects.select_related("record").get(pk=image_id)


def attachment_file_get(*, attachment_id: int) -> RecordAttachment:
    """A document with its record's status, for serving."""
    return RecordAttachment.objects.select_related("record").get(pk=attachment_id)
