"""Finished JSON bodies of the API, kept in the application cache under the data version.

``search.cache.cached_response`` is the one application cache: keyed by the data version and
its token (kept in the database, so every server process sees an edit at once), the kind of
response, the normalised parameters and the language. The API stores finished bytes, so a hit
costs one cache read, and an edit shows in the very next response.
"""

from collections.abc import Callable, Mapping
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import translation
from pydantic import BaseModel

from kozkincs.search.cache import cached_response


def render_json(schema: type[BaseModel], data: dict) -> bytes:
    """``data`` checked against ``schema`` and serialised, so cached and fresh bodies agree."""
    return schema.model_validate(data).model_dump_json(by_alias=True).encode()


def cached_json(
    request: HttpRequest,
    *,
    kind: str,
    params: Mapping[str, Any],
    language: str,
    schema: type[BaseModel],
    build: Callable[[], dict],
) -> HttpResponse:
    """The JSON response for these arguments: cached, or built, checked and stored.

    ``build`` runs with ``language`` active (labels, page URLs with their language prefix,
    messages); it may raise (e.g. ``Http404``), and nothing is stored then.
    """

    def render() -> bytes:
        with translation.override(language):
            return render_json(schema, build())

    body = cached_response(
        kind=kind, params=params, language=language, build=render, request=request
    )
    return HttpResponse(body, content_type="application/json")
