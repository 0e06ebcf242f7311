"""Checking and re-encoding an uploaded photo (no database): what is accepted, what is refused
and with which message, and that nothing of the file's metadata survives."""

import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from kozkincs.media.imaging import RENDITION_WIDTHS, prepare_image
from tests.media import pictures


def refusal(content: bytes, name: str = "photo.jpg") -> str:
    with pytest.raises(ValidationError) as caught:
        prepare_image(pictures.upload(content, name))
    return " ".join(caught.value.message_dict["file"])


def opened(content: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(content))
    image.load()
    return image


@pytest.mark.parametrize(
    ("image_format", "suffix"), [("JPEG", "jpg"), ("PNG", "png"), ("WEBP", "webp")]
)
def test_jpeg_png_and_webp_are_stored_in_their_format_with_webp_thumbnails(image_format, suffix):
    prepared = prepare_image(pictures.upload(pictures.photo(1600, 1200, image_format=image_format)))

    assert prepared.original.suffix == suffix
    assert opened(prepared.original.content).format == image_format
    assert (prepared.original.width, prepared.original.height) == (1600, 1200)
    assert [r.width for r in prepared.renditions] == list(RENDITION_WIDTHS)
    for rendition in prepared.renditions:
        thumbnail = opened(rendition.content)
        assert thumbnail.format == "WEBP"
        assert thumbnail.size == (rendition.width, rendition.height)
        assert rendition.height == round(1200 * rendition.width / 1600)


def test_only_thumbnails_narrower_than_the_photo_are_made():
    assert [
        r.width for r in prepare_image(pictures.upload(pictures.photo(700, 500))).renditions
    ] == [
        320,
        640,
    ]
    assert prepare_image(pictures.upload(pictures.photo(300, 200))).renditions == ()


def test_gps_camera_and_owner_are_removed_and_the_orientation_applied():
    original = pictures.photo_with_gps(600, 400, orientation=6)  # "rotate 90° clockwise"
    assert opened(original).getexif().get_ifd(0x8825)  # the test file does carry GPS data

    prepared = prepare_image(pictures.upload(original))

    for stored in [prepared.original, *prepared.renditions]:
        image = opened(stored.content)
        assert not image.getexif(), "no EXIF at all"
        assert "exif" not in image.info
        assert b"Exif" not in stored.content
        assert pictures.CAMERA_OWNER.encode() not in stored.content
        assert b"TestCam" not in stored.content
    upright = opened(prepared.original.content)
    assert upright.size == (400, 600)
    assert (prepared.original.width, prepared.original.height) == (400, 600)
    # The blue corner was top-left; turned 90° clockwise it is top-right.
    red, _green, blue = upright.getpixel((390, 5))
    assert blue > 150 and red < 100


def test_png_text_chunks_and_xmp_are_removed():
    prepared = prepare_image(pictures.upload(pictures.png_with_text(), "kep.png"))

    assert pictures.CAMERA_OWNER.encode() not in prepared.original.content
    assert b"xmpmeta" not in prepared.original.content
    assert opened(prepared.original.content).text == {}


def test_transparency_grey_palette_and_cmyk_photos_are_accepted():
    for content in (
        pictures.photo(400, 300, image_format="PNG", mode="RGBA", colour=(10, 200, 10, 128)),
        pictures.photo(400, 300, image_format="PNG", mode="L", colour=200),
        pictures.photo(400, 300, image_format="JPEG", mode="CMYK", colour=(0, 100, 100, 0)),
        pictures.photo(400, 300, image_format="WEBP", mode="RGBA", colour=(1, 2, 3, 4)),
    ):
        prepared = prepare_image(pictures.upload(content))
        assert prepared.renditions[0].width == 320
    rgba = prepare_image(
        pictures.upload(
            pictures.photo(400, 300, image_format="PNG", mode="RGBA", colour=(10, 200, 10, 128))
        )
    )
    assert opened(rgba.original.content).mode == "RGBA"
    assert opened(rgba.renditions[0].content).mode == "RGBA"


def test_the_name_does_not_matter_only_the_content():
    prepared = prepare_image(pictures.upload(pictures.photo(400, 300, image_format="PNG"), "x.jpg"))
    assert prepared.original.suffix == "png"


def test_svg_is_refused_with_a_reason():
    message = refusal(pictures.SVG, "logo.svg")
    assert "SVG" in message and "JPEG, PNG or WebP" in message


def test_a_pdf_renamed_jpg_is_refused_and_sent_to_the_documents():
    assert "PDF document, not a photo" in refusal(pictures.pdf(), "scan.jpg")


@pytest.mark.parametrize("content", [pictures.HTML, pictures.GIF, b"\x00" * 100])
def test_html_gif_and_other_content_is_refused(content):
    assert "not a JPEG, PNG or WebP image" in refusal(content)


def test_a_file_over_the_byte_limit_is_refused_before_it_is_read(settings):
    settings.KOZKINCS_MEDIA_MAX_IMAGE_BYTES = 10_000
    message = refusal(pictures.photo(1200, 900, quality=100))
    assert "photos may be at most" in message and "9.8" in message  # KB, as filesizeformat says


def test_too_many_pixels_are_refused_from_the_header(settings):
    settings.KOZKINCS_MEDIA_MAX_IMAGE_PIXELS = 1_000_000
    message = refusal(pictures.photo(1200, 900))
    assert "1200 \u00d7 900 pixels" in message and "at most 1 megapixels" in message


def test_a_decompression_bomb_is_refused_without_decoding(settings):
    # 50,000 by 50,000 pixels claimed by a file of about 100 bytes: Pillow's own guard fires.
    bomb = pictures.png_by_header(50_000, 50_000)
    assert len(bomb) < 200
    assert "too large in pixels" in refusal(bomb)
    # Under Pillow's guard but over ours (40 megapixels by default): refused from the header.
    assert "8000 \u00d7 6000 pixels" in refusal(pictures.png_by_header(8000, 6000))


def test_a_damaged_file_is_refused():
    complete = pictures.photo(800, 600)
    assert "damaged or incomplete" in refusal(complete[: len(complete) // 2])
    assert "damaged or incomplete" in refusal(pictures.png_by_header(100, 100))


def test_an_empty_file_is_refused():
    assert "empty" in refusal(b"")
