"""The catalogue's URLs: Turtle, JSON-LD, and the format-neutral URI that redirects."""

import hashlib

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control, quote_etag
from django.views.decorators.http import require_safe

from kozkincs.opendata.dcat.graph import catalogue_document
from kozkincs.search.cache import cached_response

CONTENT_TYPES = {"ttl": "text/turtle; charset=utf-8", "jsonld": "application/ld+json"}


def _catalogue(request: HttpRequest, format_key: str) -> HttpResponse:
    origin = request.build_absolute_uri("/").rstrip("/")
    body, etag = cached_response(
        kind="dcat",
        params={"origin": origin, "format": format_key},
        language="",
        build=lambda: _with_etag(catalogue_document(origin=origin, format_key=format_key)),
    )
    not_modified = get_conditional_response(request, etag=etag)
    response = not_modified or HttpResponse(body, content_type=CONTENT_TYPES[format_key])
    response["ETag"] = etag
    patch_cache_control(response, no_cache=True)
    return response


def _with_etag(body: bytes) -> tuple[bytes, str]:
    return body, quote_etag(hashlib.blake2b(body, digest_size=12).hexdigest())


@require_safe
def catalog_turtle(request: HttpRequest) -> HttpResponse:
    return _catalogue(request, "ttl")


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
