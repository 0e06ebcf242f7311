"""Compressed text answers: Django's ``GZipMiddleware``, for text types only.

Pages, JSON, GeoJSON, JSON-LD, XML and Turtle shrink to a fifth or less. Photos and PDF files
are compressed already, so they pass untouched (compressing them again costs CPU for nothing);
static files come precompressed from whitenoise.

BREACH: Django's GZipMiddleware pads every compressed body with random bytes (Django ≥ 4.2) and
Django masks the CSRF token anew in every response, so a secret cannot be recovered from the
compressed length; see docs/explanation/security.md.
"""

from django.http import HttpRequest, HttpResponseBase
from django.middleware.gzip import GZipMiddleware

TEXT_TYPES = ("text/",)
TEXT_SUFFIXES = ("json", "xml", "javascript")


def compressible(content_type: str) -> bool:
    """Text: ``text/*`` or a JSON, XML or JavaScript type (``application/geo+json`` …)."""
    kind = content_type.split(";", 1)[0].strip().lower()
    return kind.startswith(TEXT_TYPES) or kind.endswith(TEXT_SUFFIXES)


class TextGZipMiddleware(GZipMiddleware):
    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if not compressible(response.get("Content-Type", "")):
            return response
        return super().process_response(request, response)
