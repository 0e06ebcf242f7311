"""The catalogue's URLs: Turtle, JSON-LD, and the format-neutral URI that redirects."""

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.views.decorators.http import require_safe

from kozkincs.opendata.dcat.graph import catalogue_document
from kozkincs.search.cache import cached_response, public_read

CONTENT_TYPES = {"ttl": "text/turtle; charset=utf-8", "jsonld": "application/ld+json"}


def _catalogue(request: HttpRequest, format_key: str) -> HttpResponse:
    """The catalogue rendered once per data version (the one application cache; its spatial
    coverage is kept per data version even when whole answers are not); its ``ETag``
    is the data version's (``public_read``), so a harvester asking again while nothing changed
    gets ``304`` from one query, without the catalogue being rendered."""
    origin = request.build_absolute_uri("/").rstrip("/")
    body = cached_response(
        kind="dcat",
        params={"origin": origin, "format": format_key},
        language="",
        build=lambda: catalogue_document(origin=origin, format_key=format_key, request=request),
        request=request,
    )
    return HttpResponse(body, content_type=CONTENT_TYPES[format_key])


@public_read
@require_safe
def catalog_turtle(request: HttpRequest) -> HttpResponse:
    return _catalogue(request, "ttl")


@public_read
@require_safe
def catalog_json_ld(request: HttpRequest) -> HttpResponse:
    return _catalogue(request, "jsonld")


@require_safe
def catalog_document(request: HttpRequest) -> HttpResponse:
    """The catalogue's URI (its datasets are ``…/catalog#<key>``): 303 to a serialisation."""
    accept = request.headers.get("Accept", "")
    json_ld = "application/ld+json" in accept or "application/json" in accept
    name = "opendata:dcat_json_ld" if json_ld else "opendata:dcat_turtle"
    response = HttpResponseRedirect(reverse(name))
    response.status_code = 303
    return response
