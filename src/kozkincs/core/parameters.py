"""Request parameters every interface shares: their limits and types, and the words for a value
that breaks them.

Each limit is defined here once. The API declares its query parameters with these types, so
django-ninja checks them and the OpenAPI document shows them; the pages check the same types
with :func:`typed_value`. Either way a bad value becomes :class:`InvalidParameter` naming the
parameter, with a message from :func:`validation_message` in the active language, and only the
typed value travels further inwards.
"""

import re
import unicodedata
from functools import cache
from typing import Annotated, Any, Literal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from pydantic import AfterValidator, Field, StringConstraints, TypeAdapter
from pydantic import ValidationError as PydanticValidationError
from pydantic_core import PydanticCustomError

from kozkincs.core.i18n import CONTENT_LANGUAGES

MAX_PAGE = 10_000
MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20
MAX_TEXT_LENGTH = 1000

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def parameter_error(message: str) -> PydanticCustomError:
    """A pydantic error for a parameter type of our own. ``message`` is an English message id
    marked with ``gettext_noop``: :func:`validation_message` translates it when it is shown, in
    the language of the request (which the type's validator does not know)."""
    return PydanticCustomError("parameter_error", message)


class InvalidParameter(ValueError):
    """A request parameter that cannot be used: 400 naming ``parameter``, saying ``message``."""

    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(f"{parameter}: {message}")
        self.parameter = parameter
        self.message = message


def _clean_text(value: str) -> str:
    """Surrounding space removed, NFC; NUL and control characters refused (PostgreSQL cannot
    store or compare NUL in text, so letting one through would be a server error)."""
    if _CONTROL.search(value):
        raise parameter_error(gettext_noop("The value contains control characters."))
    return unicodedata.normalize("NFC", value).strip()


Text = Annotated[str, StringConstraints(max_length=MAX_TEXT_LENGTH), AfterValidator(_clean_text)]
"""Free text: at most ``MAX_TEXT_LENGTH`` characters, no control characters, stripped, NFC."""
Page = Annotated[int, Field(ge=1, le=MAX_PAGE)]
Language = Literal[CONTENT_LANGUAGES]
"""``lang``: the language of names, labels and messages."""
PageSize = Annotated[int, Field(ge=1, le=MAX_PAGE_SIZE)]


def validation_message(error: dict[str, Any]) -> str:
    """A translated message for one pydantic error of a query or path value."""
    kind = error.get("type", "")
    context = error.get("ctx") or {}
    if kind == "missing":
        return _("This parameter is required.")
    if kind.startswith("int_"):
        return _("Give a whole number.")
    if kind in {"greater_than_equal", "greater_than"}:
        limit = context.get("ge", context.get("gt"))
        return _("Give a number of at least %(limit)s.") % {"limit": limit}
    if kind in {"less_than_equal", "less_than"}:
        limit = context.get("le", context.get("lt"))
        return _("Give a number of at most %(limit)s.") % {"limit": limit}
    if kind == "literal_error":
        return _("Use one of: %(choices)s.") % {"choices": context.get("expected", "")}
    if kind == "string_too_long":
        return _("Give at most %(limit)s characters.") % {"limit": context.get("max_length")}
    if kind == "string_pattern_mismatch":
        return _("The value has the wrong format.")
    if kind == "parameter_error":
        return _(error.get("msg", ""))
    return _("The value is not valid.")


@cache
def _adapter(kind: Any) -> TypeAdapter:
    return TypeAdapter(kind)


def typed_value(parameter: str, kind: Any, raw: str) -> Any:
    """``raw`` (a query-string value) checked and converted to the type ``kind``."""
    try:
        return _adapter(kind).validate_python(raw)
    except PydanticValidationError as error:
        raise InvalidParameter(parameter, validation_message(error.errors()[0])) from None
