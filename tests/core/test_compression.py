"""HTML and JSON answers are gzip-compressed for clients that accept it; photos and other
binary files pass untouched."""

import gzip

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from kozkincs.core.compression import TextGZipMiddleware, compressible

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/hu/rolunk/", "/api/v1/openapi.json", "/api/v1/catalogs"])
def test_pages_and_json_are_compressed(client, path):
    plain = client.get(path)
    packed = client.get(path, headers={"Accept-Encoding": "gzip, br"})
    assert plain.status_code == packed.status_code == 200
    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    assert gzip.decompress(packed.content) == plain.content
    assert len(packed.content) < len(plain.content)


@pytest.mark.parametrize(
    ("content_type", "expected"),
    [
        ("text/html; charset=utf-8", True),
        ("application/json", True),
        ("application/geo+json", True),
        ("application/ld+json", True),
        ("application/rdf+xml", True),
        ("text/turtle; charset=utf-8", True),
        ("image/jpeg", False),
        ("image/webp", False),
        ("application/pdf", False),
        ("", False),
    ],
)
def test_only_text_types_are_compressible(content_type, expected):
    assert compressible(content_type) is expected


def test_a_photo_passes_untouched():
    body = bytes(range(256)) * 8
    middleware = TextGZipMiddleware(lambda request: HttpResponse(body, content_type="image/jpeg"))
    request = RequestFactory().get("/media/x.jpg", headers={"Accept-Encoding": "gzip"})
    response = middleware(request)
    assert "Content-Encoding" not in response
    assert response.content == body
