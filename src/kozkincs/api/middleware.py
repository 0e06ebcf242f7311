"""Every error under ``/api/v1/`` is JSON: ``{"detail": …}`` in the language of ``lang=``.

The API's own errors (400 naming the parameter, 404 of an unknown id) are JSON already
(``api/errors.py``). Others are made by Django or django-ninja as HTML or text: an unknown path
(404 page), a wrong method (ninja's bare 405), a server error (the 500 page, or a traceback
with ``DEBUG``), a busy database (the 503 page of ``core/database_busy.py``), a refused host
(400). This middleware replaces the body of such a response with JSON and keeps its status and
headers (``Allow``, ``Retry-After``, CORS), so a client never has to parse HTML, and never sees
a traceback.

An unknown API path that happens to look like a page of the site (``/api/v1/`` is
``/hu/<catalog>/<record>/`` without its language prefix) would be redirected into the site by
``LocaleMiddleware``; nothing under ``/api/v1/`` leaves the API that way: it is a JSON 404.
"""

import json
from http import HTTPStatus
from urllib.parse import urlsplit

from django.http import HttpRequest, HttpResponse, HttpResponseNotFound
from django.utils import translation
from django.utils.translation import gettext as _

from kozkincs.api.errors import request_language

API_PREFIX = "/api/v1/"

REDIRECTS = frozenset({301, 302, 303, 307, 308})


def _detail(response: HttpResponse) -> str:
    status = response.status_code
    if status == HTTPStatus.BAD_REQUEST:
        return _("The request is not valid.")
    if status == HTTPStatus.FORBIDDEN:
        return _("Access denied.")
    if status == HTTPStatus.NOT_FOUND:
        return _("Not found.")
    if status == HTTPStatus.METHOD_NOT_ALLOWED:
        return _("Method not allowed. Use: %(methods)s.") % {
            "methods": response.get("Allow", "GET")
        }
    if status == HTTPStatus.SERVICE_UNAVAILABLE:
        return _("The database is busy with a long task. Please try again in a few seconds.")
    if status >= HTTPStatus.INTERNAL_SERVER_ERROR:
        return _("Server error. It has been logged; please try again later.")
    return _("The request could not be answered.")


def _leaves_the_api(response: HttpResponse) -> bool:
    location = response.get("Location") if response.status_code in REDIRECTS else None
    return location is not None and not urlsplit(location).path.startswith(API_PREFIX)


def _is_json(response: HttpResponse) -> bool:
    return response.get("Content-Type", "").split(";")[0].strip() == "application/json"


class ApiErrorMiddleware:
    """Turn every non-JSON error response under ``/api/v1/`` into ``{"detail": …}``."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path_info.startswith(API_PREFIX) and _leaves_the_api(response):
            response = HttpResponseNotFound()
        if (
            response.status_code < HTTPStatus.BAD_REQUEST
            or not request.path_info.startswith(API_PREFIX)
            or getattr(response, "streaming", False)
            or _is_json(response)
        ):
            return response
        with translation.override(request_language(request)):
            detail = _detail(response)
        response.content = json.dumps({"detail": detail}, ensure_ascii=False).encode()
        response["Content-Type"] = "application/json; charset=utf-8"
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))
        return response
