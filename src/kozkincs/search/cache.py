"""The one application cache of answers, and the HTTP validators of public reads.

Both are keyed by the data version and its token (``SearchState``, read once per request).

The data version lives in the database (``SearchState``) and grows in the same transaction as
every index change, so every worker process sees a new version at once and never reuses a
response computed from older data: no time-based staleness. Reading it is one single-row query
by primary key (docs/explanation/performance.md gives its cost). The key also holds the
random token drawn with each version, so a version number repeated after a rolled-back
transaction never finds an entry.
The cache itself is then per process (the "local" LocMemCache of the settings): an entry is
only ever found under the version it was computed for.
"""

import hashlib
import json
from collections.abc import Callable, Mapping
from functools import cache as once
from functools import partial, wraps
from importlib.metadata import version as package_version
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers, quote_etag
from django.utils.translation import get_language
from django.views.decorators.http import condition

from kozkincs.catalog.registry import catalog_list
from kozkincs.search.index import index_state
from kozkincs.search.normalization import parse_query

KEY_PREFIX = "kozkincs:response"
# Entries of older versions are never read again; the timeout only frees their memory.
ENTRY_SECONDS = 3600
_MISSING = object()


def response_cache_key(
    *, kind: str, params: Mapping[str, Any], language: str, version: int, token: int = 0
) -> str:
    """A key from the data version, the response kind, the normalised parameters, the language.

    A ``q`` (or ``query``) parameter is normalised first, so "Kastélyok" and "kastelyok" share
    one entry; other values are compared as given (callers pass validated values).
    """
    normalised = dict(params)
    for name in ("q", "query"):
        if isinstance(normalised.get(name), str):
            normalised[name] = parse_query(normalised[name]).normalized
    encoded = json.dumps(normalised, sort_keys=True, default=str, ensure_ascii=False)
    digest = hashlib.blake2b(encoded.encode(), digest_size=16).hexdigest()
    return f"{KEY_PREFIX}:{version}.{token}:{kind}:{language}:{digest}"


def cached_response[T](
    *,
    kind: str,
    params: Mapping[str, Any],
    language: str,
    build: Callable[[], T],
    request: HttpRequest | None = None,
) -> T:
    """``build()``, or the value it returned for the same arguments at the same data version.

    ``build`` should return something cheap to send again (serialised bytes or a plain dict).
    With ``KOZKINCS_RESPONSE_CACHE`` off it is simply called. With ``request``, the data
    version is the one its ``ETag`` was made from (one read per request).
    """
    if not settings.KOZKINCS_RESPONSE_CACHE:
        return build()
    version, token = request_state(request)
    key = response_cache_key(
        kind=kind, params=params, language=language, version=version, token=token
    )
    cache = caches["local"]
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = build()
        cache.set(key, value, ENTRY_SECONDS)
    return value


STATE_ATTRIBUTE = "kozkincs_data_state"
"""Where the request keeps the data version it was answered from (read once per request)."""
VARIANT_HEADERS = ("HX-Request",)
"""Request headers that change a public answer besides its URL and language."""


def request_state(request: HttpRequest | None = None) -> tuple[int, int]:
    """``(version, token)`` of the data; with a request, read once for that request.

    Read before the answer is built, so what the answer shows is at least this new."""
    if request is None:
        return index_state()
    state = getattr(request, STATE_ATTRIBUTE, None)
    if state is None:
        state = index_state()
        setattr(request, STATE_ATTRIBUTE, state)
    return state


@once
def release_tag() -> str:
    """What the code gives the same data: the package's version and the catalog definitions
    (a deployment that changes either changes every ``ETag``; templates and translations
    change with the version)."""
    definitions = [definition.model_dump_json() for definition in catalog_list()]
    text = "\n".join([package_version("kozkincs"), *definitions])
    return hashlib.blake2b(text.encode(), digest_size=6).hexdigest()


def is_anonymous(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def public_etag(request: HttpRequest, *args: Any, **kwargs: Any) -> str | None:
    """The ``ETag`` of an anonymous read: data version and token, language, URL and variant
    (an HTMX request gets only the results region). None for a logged-in visitor."""
    if not is_anonymous(request):
        return None
    version, token = request_state(request)
    variant = [
        f"{version}.{token}",
        release_tag(),
        get_language() or "",
        request.get_full_path(),
        *(request.headers.get(name, "") for name in VARIANT_HEADERS),
    ]
    digest = hashlib.blake2b("\n".join(variant).encode(), digest_size=12).hexdigest()
    return quote_etag(f"{version}-{digest}")


def public_read(view: Callable[..., HttpResponse] | None = None, *, etag: Callable = public_etag):
    """A read that every anonymous visitor gets alike: ``ETag`` from :func:`public_etag`,
    ``304 Not Modified`` for a matching ``If-None-Match`` (Django's ``condition``), and
    ``Cache-Control: public, max-age=0, must-revalidate`` so that browsers and HTTP caches in
    front (see docs/how-to/deploy-behind-nginx.md) ask again and get a 304 while nothing
    changed. A logged-in visitor's answer is ``private, no-store``.

    ``public_read(etag=...)`` gives the decorator with another ``ETag`` function (one that
    reads a validator stored with the data, for instance; it returns None for logged-in
    visitors)."""
    if view is None:
        return partial(public_read, etag=etag)
    conditional = condition(etag_func=etag)(view)

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = conditional(request, *args, **kwargs)
        if not is_anonymous(request):
            patch_cache_control(response, private=True, no_store=True)
        elif response.status_code in (200, 304):
            patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
            patch_vary_headers(response, VARIANT_HEADERS)
        return response

    return wrapped
