"""Test files made on the spot: photos with Pillow (with GPS and camera data, rotated, huge by
their header only), and things that are not photos (SVG, PDF, HTML)."""

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image, PngImagePlugin

GPS_LATITUDE = (46.0, 50.0, 30.25)
CAMERA_OWNER = "Kovács Anna, Bagod"


def photo(
    width: int = 700,
    height: int = 500,
    *,
    image_format: str = "JPEG",
    mode: str = "RGB",
    colour=(180, 40, 30),
    **save_options,
) -> bytes:
    image = Image.new(mode, (width, height), colour)
    # A second colour in one corner, so orientation can be checked.
    corner = (0, 0, max(1, width // 4), max(1, height // 4))
    image.paste((20, 60, 200) if mode in ("RGB", "RGBA", "CMYK") else 30, corner)
    buffer = io.BytesIO()
    image.save(buffer, format=image_format, **save_options)
    return buffer.getvalue()


def photo_with_gps(width: int = 600, height: int = 400, *, orientation: int = 1) -> bytes:
    """A JPEG whose EXIF names a GPS position, a camera, its owner and an orientation."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "TestCam"
    exif[ExifTags.Base.Model] = "Model 7"
    exif[ExifTags.Base.Artist] = CAMERA_OWNER
    exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = GPS_LATITUDE
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (16.0, 44.0, 12.5)
    return photo(width, height, exif=exif)


def png_with_text() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", CAMERA_OWNER)
    info.add_text("XML:com.adobe.xmp", "<x:xmpmeta>GPS 46.84</x:xmpmeta>")
    return photo(300, 200, image_format="PNG", pnginfo=info)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def png_by_header(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims ``width`` by ``height`` pixels (a decompression bomb)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    data = zlib.compress(b"\x00" * 64)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", data)
        + _chunk(b"IEND", b"")
    )


SVG = (
    b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(1)</script><rect width='10' height='10'/></svg>"
)
HTML = b"<!doctype html><html><body><script>alert(1)</script></body></html>"
GIF = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00"
    b"\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)


def pdf(text: str = "Támogató levél") -> bytes:
    body = (
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
        + f"% {text}\n".encode()
        + b"trailer << /Root 1 0 R >>\n%%EOF\n"
    )
    return body


def upload(content: bytes, name: str = "photo.jpg", content_type: str = "image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)
