"""``robots.txt``: what crawlers may visit, and where the sitemap is."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

DISALLOWED = ("/admin/", "/i18n/")
"""The administration and the language switch (a POST form) are no pages to index."""
DISALLOWED_IN_EACH_LANGUAGE = ("kepek-es-fajlok/",)
"""Editors' pages under every language prefix (photos and files of a record)."""


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = ["User-agent: *"]
    lines += [f"Disallow: {path}" for path in DISALLOWED]
    lines += [
        f"Disallow: /{code}/{path}"
        for code, _name in settings.LANGUAGES
        for path in DISALLOWED_IN_EACH_LANGUAGE
    ]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap_index'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
