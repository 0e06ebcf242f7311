"""Finished JSON bodies, cached by the data version.

Entries are keyed with ``kozkincs.search.cache.response_cache_key``: the data version (kept in
the database, so every server process sees an edit at once), the kind of response, the
normalised parameters and the language. The API stores finished bytes, so a hit costs one
version look-up and one cache read, and an edit shows in the very next response.

The response is also marked for the replay layer in front of Django (``api/replay.py``) with
the version it was built from, so the next identical anonymous request skips Django entirely.
"""

from collections.abc import Callable, Mapping
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from ninja import Schema

from kozkincs.api.replay import mark_replayable, read_data_version
from kozkincs.search.cache import ENTRY_SECONDS, response_cache_key


def render_json(schema: type[Schema], data: dict) -> bytes:
    """``data`` checked against ``schema`` and serialised, so cached and fresh bodies agree."""
    return schema.model_validate(data).model_dump_json(by_alias=True).encode()


def cached_json(
    request: HttpRequest,
    *,
    kind: str,
    params: Mapping[str, Any],
    language: str,
    schema: type[Schema],
    build: Callable[[], dict],
) -> HttpResponse:
    """The JSON response for these arguments: cached, or built, checked and stored.

    ``build`` runs with ``language`` active (labels, page URLs with their language prefix,
    messages); it may raise (e.g. ``Http404``), and nothing is stored then. With
    ``KOZKINCS_RESPONSE_CACHE`` off the body is built every time and nothing is marked.
    """

    def render() -> bytes:
        with translation.override(language):
            return render_json(schema, build())

    if not settings.KOZKINCS_RESPONSE_CACHE:
        return HttpResponse(render(), content_type="application/json")
    # Read before building: the data read by ``build`` is at least this new, never older.
    version = read_data_version()
    key = response_cache_key(kind=kind, params=params, language=language, version=version)
    body = cache.get(key)
    if body is None:
        body = render()
        cache.set(key, body, ENTRY_SECONDS)
    mark_replayable(request.META, version)
    return HttpResponse(body, content_type="application/json")
