"""The API's error responses: 400 ``{"detail", "parameter"}`` and 404 ``{"detail"}``.

django-ninja answers invalid parameters with 422 and pydantic's English messages; the API
answers 400 instead, names the parameter and words the message through gettext in the language
the request asked for (``lang=``), so every client gets one error shape.
"""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import ValidationError

from kozkincs.core.i18n import CONTENT_LANGUAGES
from kozkincs.core.parameters import InvalidParameter, validation_message


class ErrorOut(Schema):
    """The body of every 400 answer."""

    detail: str
    parameter: str


class NotFoundOut(Schema):
    """The body of every 404 answer."""

    detail: str


class BadParameter(InvalidParameter):
    """A query or path parameter the API cannot use; answered with 400 naming it (as is every
    other ``InvalidParameter``, e.g. the search's ``SearchInputError``)."""


ERROR_RESPONSES: dict[int, Any] = {400: ErrorOut}
NOT_FOUND_RESPONSES: dict[int, Any] = {400: ErrorOut, 404: NotFoundOut}


def request_language(request: HttpRequest) -> str:
    """The ``lang`` the request asked for when it is a valid one, else Hungarian."""
    language = request.GET.get("lang", "")
    return language if language in CONTENT_LANGUAGES else "hu"


def _parameter_name(error: dict[str, Any]) -> str:
    location = [str(part) for part in error.get("loc", ())]
    # ninja puts the source first ("query", "path"); the rest names the parameter.
    return ".".join(location[1:]) or (location[0] if location else "")


def bad_parameter_response(
    api: NinjaAPI, request: HttpRequest, exc: InvalidParameter
) -> HttpResponse:
    return api.create_response(
        request, {"detail": str(exc.message), "parameter": exc.parameter}, status=400
    )


def install_error_handlers(api: NinjaAPI) -> None:
    """Answer invalid parameters with 400 and unknown objects with a JSON 404."""

    @api.exception_handler(ValidationError)
    def _invalid_parameters(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        error = exc.errors[0] if exc.errors else {}
        with translation.override(request_language(request)):
            message = validation_message(error)
        return api.create_response(
            request, {"detail": message, "parameter": _parameter_name(error)}, status=400
        )

    @api.exception_handler(InvalidParameter)
    def _bad_parameter(request: HttpRequest, exc: InvalidParameter) -> HttpResponse:
        return bad_parameter_response(api, request, exc)

    @api.exception_handler(Http404)
    def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        with translation.override(request_language(request)):
            message = str(exc.args[0]) if exc.args else _("Not found.")
        return api.create_response(request, {"detail": message}, status=404)
