"""Query parameters shared by several endpoints, and their checks beyond the declared types."""

import math
import re
import unicodedata
from typing import Annotated

from django.db.models import QuerySet
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import Field, StringConstraints

from kozkincs.api.errors import BadParameter

MAX_PAGE_SIZE = 100
MAX_PAGE = 10_000
MAX_TEXT_LENGTH = 1000

Text = Annotated[str, StringConstraints(max_length=MAX_TEXT_LENGTH)]
KshCode = Annotated[str, StringConstraints(pattern=r"^[0-9]{5}$")]


# Parameters with defaults are grouped in schemas: ninja takes a constrained ``Annotated``
# parameter with a plain default for a required one.
class Paging(Schema):
    page: int = Field(1, ge=1, le=MAX_PAGE, description="Page number, from 1.")
    page_size: int = Field(
        20, ge=1, le=MAX_PAGE_SIZE, description=f"Items per page, at most {MAX_PAGE_SIZE}."
    )


class LargePaging(Paging):
    page_size: int = Field(
        MAX_PAGE_SIZE,
        ge=1,
        le=MAX_PAGE_SIZE,
        description=f"Features per page, at most {MAX_PAGE_SIZE}.",
    )


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(value: str, *, parameter: str, language: str) -> str:
    """``value`` with surrounding space removed; NUL and control characters are refused.

    PostgreSQL cannot store or compare NUL in text, so letting one through would be a server
    error rather than an answer.
    """
    if _CONTROL.search(value):
        with translation.override(language):
            raise BadParameter(parameter, _("The value contains control characters."))
    return unicodedata.normalize("NFC", value).strip()


def page_slice(queryset: QuerySet, *, page: int, page_size: int) -> tuple[list, int, int]:
    """One page of ``queryset`` as (items, total, number of pages); two queries whatever the size.

    A page past the end is empty rather than an error, so clients can stop on an empty page.
    """
    total = queryset.count()
    num_pages = max(1, math.ceil(total / page_size))
    start = (page - 1) * page_size
    items = list(queryset[start : start + page_size]) if start < total else []
    return items, total, num_pages
