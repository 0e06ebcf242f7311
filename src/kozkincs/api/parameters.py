"""Query parameters shared by several endpoints.

The types and limits come from ``core.parameters`` (and the search's from
``search.parameters``), where each is defined once for the API and the pages alike.
"""

import math

from django.db.models import QuerySet
from ninja import Schema
from pydantic import Field

from kozkincs.core.parameters import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, Page, PageSize, Text
from kozkincs.gazetteer.identifiers import KshCode

__all__ = ["KshCode", "LargePaging", "Paging", "Text", "page_slice"]


# Parameters with defaults are grouped in schemas: ninja takes a constrained ``Annotated``
# parameter with a plain default for a required one.
class Paging(Schema):
    page: Page = Field(1, description="Page number, from 1.")
    page_size: PageSize = Field(
        DEFAULT_PAGE_SIZE, description=f"Items per page, at most {MAX_PAGE_SIZE}."
    )


class LargePaging(Paging):
    page_size: PageSize = Field(
        MAX_PAGE_SIZE, description=f"Features per page, at most {MAX_PAGE_SIZE}."
    )


def page_slice(queryset: QuerySet, *, page: int, page_size: int) -> tuple[list, int, int]:
    """One page of ``queryset`` as (items, total, number of pages); two queries whatever the size.

    A page past the end is empty rather than an error, so clients can stop on an empty page.
    """
    total = queryset.count()
    num_pages = max(1, math.ceil(total / page_size))
    start = (page - 1) * page_size
    items = list(queryset[start : start + page_size]) if start < total else []
    return items, total, num_pages
