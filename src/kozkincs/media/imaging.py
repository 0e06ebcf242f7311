"""Checking an uploaded photo and making the files that are stored: done once, at upload.

The type comes from the content, never from the file name: Pillow may only open JPEG, PNG and
WebP. The size in bytes is checked before reading and the size in pixels from the header,
before anything is decoded, so a decompression bomb costs nothing. The stored original is
re-encoded from the pixels (orientation applied first), so EXIF (GPS position, camera, owner),
XMP and text chunks are left behind; only the colour profile is kept, for faithful colours.
Thumbnails in :data:`RENDITION_WIDTHS` are made at the same time and stored beside it.
"""

import io
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP")
RENDITION_WIDTHS = (320, 640, 1280)
"""Thumbnail widths (WebP); only those narrower than the photo are made."""
RENDITION_QUALITY = 80
SUFFIXES = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
CONTENT_TYPES = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}
SNIFF_BYTES = 1024


@dataclass(frozen=True)
class EncodedImage:
    """One file to store: its bytes, suffix and pixel size."""

    content: bytes
    suffix: str
    width: int
    height: int


@dataclass(frozen=True)
class PreparedImage:
    original: EncodedImage
    renditions: tuple[EncodedImage, ...]


def _refuse(message: str) -> ValidationError:
    return ValidationError({"file": [message]}, code="invalid")


def _head(upload: UploadedFile) -> bytes:
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    upload.seek(0)
    return head


def wrong_type_message(head: bytes) -> str:
    """Why a file that is not a JPEG, PNG or WebP is refused, naming what it seems to be."""
    lowered = head.lstrip().lower()
    if b"%PDF-" in head:
        return _(
            "This file is a PDF document, not a photo. Add it under “Documents (PDF)” instead."
        )
    if b"<svg" in lowered or (lowered.startswith(b"<?xml") and b"svg" in lowered):
        return _(
            "SVG images are not accepted, because they can contain scripts. "
            "Upload the picture as JPEG, PNG or WebP."
        )
    return _("This file is not a JPEG, PNG or WebP image. Only these photo formats are accepted.")


def _check_size(upload: UploadedFile) -> None:
    limit = settings.KOZKINCS_MEDIA_MAX_IMAGE_BYTES
    if upload.size is not None and upload.size > limit:
        raise _refuse(
            _("The file is %(size)s; photos may be at most %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
        )
    if not upload.size:
        raise _refuse(_("The file is empty."))


def _too_many_pixels(width: int, height: int) -> ValidationError:
    limit = settings.KOZKINCS_MEDIA_MAX_IMAGE_PIXELS
    return _refuse(
        _(
            "The photo is %(width)d × %(height)d pixels (%(megapixels)s megapixels); "  # noqa: RUF001
            "at most %(limit)s megapixels are accepted. Make it smaller and try again."
        )
        % {
            "width": width,
            "height": height,
            "megapixels": f"{width * height / 1e6:.0f}",
            "limit": f"{limit / 1e6:.0f}",
        }
    )


def _open(upload: UploadedFile) -> Image.Image:
    """The decoded photo; every failure becomes a message for the person uploading."""
    head = _head(upload)
    corrupt = _refuse(
        _("The photo could not be read: the file seems damaged or incomplete. Try another copy.")
    )
    try:
        with warnings.catch_warnings():
            # Pillow only warns between its own limit and twice that: refuse those too.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(upload, formats=list(ACCEPTED_FORMATS))
            width, height = image.size
            if width * height > settings.KOZKINCS_MEDIA_MAX_IMAGE_PIXELS:
                raise _too_many_pixels(width, height)
            image.load()
    except UnidentifiedImageError:
        raise _refuse(wrong_type_message(head)) from None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _refuse(
            _("The photo is too large in pixels to be opened safely. Make it smaller.")
        ) from None
    except (OSError, SyntaxError, ValueError, EOFError, MemoryError):
        raise corrupt from None
    if width == 0 or height == 0:
        raise corrupt
    return image


def _mode_for(image: Image.Image, image_format: str) -> str:
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )
    if image_format == "JPEG" or not has_alpha:
        return "L" if image.mode in ("1", "L") and image_format != "WEBP" else "RGB"
    return "RGBA"


def _encode(image: Image.Image, image_format: str, icc_profile: bytes | None, **options) -> bytes:
    extra = {"icc_profile": icc_profile} if icc_profile else {}
    buffer = io.BytesIO()
    image.save(buffer, format=image_format, **extra, **options)
    return buffer.getvalue()


def _clean_pixels(image: Image.Image, image_format: str) -> Image.Image:
    """Orientation applied, a plain mode, and nothing of the file's metadata left on it."""
    upright = ImageOps.exif_transpose(image)
    mode = _mode_for(upright, image_format)
    clean = upright.convert(mode) if upright.mode != mode else upright.copy()
    clean.info = {}
    return clean


def _colour_family(mode: str) -> str:
    if mode in ("1", "L", "LA", "I", "I;16", "I;16B", "I;16L", "F"):
        return "grey"
    return "CMYK" if mode == "CMYK" else "RGB"


def _profile_for(source_mode: str, target_mode: str, icc: bytes | None) -> bytes | None:
    """The source's colour profile if it fits the target's colours (a CMYK or grey profile
    on RGB pixels would be wrong), else none."""
    same = _colour_family(source_mode) == _colour_family(target_mode)
    return icc if icc and same else None


def _original(image: Image.Image, image_format: str, icc: bytes | None) -> EncodedImage:
    options = {
        "JPEG": {"quality": 90, "optimize": True},
        "PNG": {"compress_level": 6},
        "WEBP": {"quality": 90, "method": 4},
    }[image_format]
    content = _encode(image, image_format, icc, **options)
    return EncodedImage(content, SUFFIXES[image_format], image.width, image.height)


def _renditions(image: Image.Image, icc: bytes | None) -> tuple[EncodedImage, ...]:
    source = image if image.mode in ("RGB", "RGBA") else image.convert("RGB")
    made = []
    # Largest first, each made from the previous one: quicker, and as sharp at these sizes.
    for width in sorted((w for w in RENDITION_WIDTHS if w < image.width), reverse=True):
        height = max(1, round(image.height * width / image.width))
        source = source.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
        content = _encode(source, "WEBP", icc, quality=RENDITION_QUALITY, method=4)
        made.append(EncodedImage(content, "webp", width, height))
    return tuple(reversed(made))


def prepare_image(upload: UploadedFile) -> PreparedImage:
    """Check ``upload`` and make its stored files; ``ValidationError`` keyed ``file`` if not.

    Raises for: more bytes than ``KOZKINCS_MEDIA_MAX_IMAGE_BYTES``, more pixels than
    ``KOZKINCS_MEDIA_MAX_IMAGE_PIXELS`` (read from the header), a content that is not JPEG,
    PNG or WebP (SVG, PDF and HTML named as such), and a damaged file.
    """
    _check_size(upload)
    image = _open(upload)
    image_format = image.format or "JPEG"
    icc = image.info.get("icc_profile")
    try:
        clean = _clean_pixels(image, image_format)
        original = _original(clean, image_format, _profile_for(image.mode, clean.mode, icc))
        thumbnail_mode = "RGBA" if clean.mode == "RGBA" else "RGB"
        renditions = _renditions(clean, _profile_for(image.mode, thumbnail_mode, icc))
        return PreparedImage(original, renditions)
    except (OSError, ValueError, MemoryError):
        raise _refuse(
            _("The photo could not be converted. Save it as an ordinary JPEG or PNG and try again.")
        ) from None
    finally:
        image.close()
