"""``robots.txt``: what crawlers may visit, and where the sitemap is; the sitemaps, cached."""

from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from kozkincs.search.cache import cached_response, public_read

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


def _sitemap_answer(request: HttpRequest, params: dict, render) -> HttpResponse:
    """A sitemap page from the one application cache: the sitemaps read every public record,
    so the rendered XML is kept per data version (and per host, which its URLs name)."""

    def build() -> tuple[bytes, dict[str, str]]:
        response = render()
        response.render()
        return response.content, {
            header: response[header]
            for header in ("Content-Type", "Last-Modified", "X-Robots-Tag")
            if response.has_header(header)
        }

    content, headers = cached_response(
        kind="sitemap",
        params={**params, "host": request.get_host(), "secure": request.is_secure(),
                "page": request.GET.get("p", "")},
        language="",
        build=build,
        request=request,
    )  # fmt: skip
    response = HttpResponse(content)
    for header, value in headers.items():
        response[header] = value
    return response


@public_read
@require_safe
def sitemap_index(request: HttpRequest, *, sitemaps: dict, sitemap_url_name: str) -> HttpResponse:
    return _sitemap_answer(
        request,
        {"section": ""},
        lambda: sitemap_views.index(request, sitemaps=sitemaps, sitemap_url_name=sitemap_url_name),
    )


@public_read
@require_safe
def sitemap_section(request: HttpRequest, section: str, *, sitemaps: dict) -> HttpResponse:
    return _sitemap_answer(
        request,
        {"section": section},
        lambda: sitemap_views.sitemap(request, sitemaps=sitemaps, section=section),
    )
