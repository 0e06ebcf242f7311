"""The API's error responses: 400 ``{"detail", "parameter"}`` and 404 ``{"detail"}``.

django-ninja answers invalid parameters with 422 and pydantic's English messages; the API
answers 400 instead, names the parameter and words the message through gettext in the language
the request asked for (``lang=``), so every client gets one error shape.
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, Throttled, ValidationError

from kozkincs.api.tokens import TokenRefused
from kozkincs.catalog.services import RecordConflict
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


class WriteErrorOut(Schema):
    """The body of a refused write: ``errors`` names each field with its messages."""

    detail: str
    errors: dict[str, list[str]] = {}


class ConflictOut(Schema):
    """The body of a ``409``: the record was saved by someone else since ``version``."""

    detail: str
    current_version: int


class RefusedOut(Schema):
    """The body of a ``401``, ``403`` or ``429``: why the request was refused."""

    detail: str


ERROR_RESPONSES: dict[int, Any] = {400: ErrorOut}
WRITE_ERROR_RESPONSES: dict[int, Any] = {
    400: WriteErrorOut, 401: RefusedOut, 403: RefusedOut, 404: NotFoundOut, 409: ConflictOut,
    429: RefusedOut,
}  # fmt: skip
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


def _messages_by_field(error: DjangoValidationError) -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        return {field: [str(m) for m in messages] for field, messages in error.message_dict.items()}
    return {"__all__": [str(message) for message in error.messages]}


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

    @api.exception_handler(DjangoValidationError)
    def _refused_write(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        with translation.override(request_language(request)):
            errors = _messages_by_field(exc)
            detail = " ".join(message for messages in errors.values() for message in messages)
        return api.create_response(request, {"detail": detail, "errors": errors}, status=400)

    @api.exception_handler(RecordConflict)
    def _conflict(request: HttpRequest, exc: RecordConflict) -> HttpResponse:
        with translation.override(request_language(request)):
            detail = " ".join(_messages_by_field(exc).get("version", []))
        return api.create_response(
            request, {"detail": detail, "current_version": exc.current_version}, status=409
        )

    @api.exception_handler(PermissionDenied)
    def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        with translation.override(request_language(request)):
            detail = str(exc.args[0]) if exc.args else _("Access denied.")
        return api.create_response(request, {"detail": detail}, status=403)

    @api.exception_handler(TokenRefused)
    def _token_refused(request: HttpRequest, exc: TokenRefused) -> HttpResponse:
        return _unauthorized(request, exc.message)

    @api.exception_handler(AuthenticationError)
    def _no_token(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return _unauthorized(request, _("Send the API token as “Authorization: Bearer <token>”."))

    def _unauthorized(request: HttpRequest, message) -> HttpResponse:
        with translation.override(request_language(request)):
            response = api.create_response(request, {"detail": str(message)}, status=401)
        response["WWW-Authenticate"] = 'Bearer realm="kozkincs"'
        return response

    @api.exception_handler(Throttled)
    def _throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
        with translation.override(request_language(request)):
            detail = _("Too many requests with this token. Please wait and try again.")
        return api.create_response(request, {"detail": detail}, status=429)

    @api.exception_handler(Http404)
    def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        with translation.override(request_language(request)):
            message = str(exc.args[0]) if exc.args else _("Not found.")
        return api.create_response(request, {"detail": message}, status=404)
