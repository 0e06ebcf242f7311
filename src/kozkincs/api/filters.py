"""The record filters of ``/records`` and ``/records.geojson``: the API's boundary of a search.

django-ninja has checked the declared parameters (types and limits from ``search.parameters``
and ``core.parameters``); here the checks that need the catalog definitions run once, in the
requested language, through the same functions the pages use, and the typed result is passed
to ``record_search`` unchanged. It also forms the cache key, so equivalent requests
(``q= templom`` and ``q=templom``) share an entry.
"""

from django.http import HttpRequest
from django.utils import translation
from ninja import Schema
from pydantic import Field

from kozkincs.core.parameters import Text
from kozkincs.search.parameters import (
    Language,
    Priority,
    SearchArguments,
    SettlementCode,
    Sort,
    bounding_box,
    catalog_definition,
    facet_filters,
)

FACET_PREFIX = "facet."


class RecordQuery(Schema):
    q: Text = Field("", description="Words to find (accents and suffixes do not matter).")
    catalog: Text = Field(
        "", description="A catalog key, e.g. `natural-values` (the values of the `catalog` facet)."
    )
    settlement: SettlementCode | None = Field(
        None,
        description="KSH code of a settlement (the values of the `settlement` facet): records "
        "located there as their main or a further settlement.",
    )
    priority: Priority | None = Field(
        None, description="Strategy priority number (the values of the `priority` facet)."
    )
    bbox: Text = Field("", description="minLon,minLat,maxLon,maxLat (WGS84 degrees).")
    sort: Sort = Field("relevance", description="Without `q`, relevance means by name.")
    lang: Language = Field("hu", description="Language of names and labels.")


def requested_facets(request: HttpRequest) -> dict[str, list[str]]:
    """The request's ``facet.<field>`` parameters as field key → values."""
    return {
        name.removeprefix(FACET_PREFIX): request.GET.getlist(name)
        for name in request.GET
        if name.startswith(FACET_PREFIX)
    }


def search_arguments(
    request: HttpRequest, filters: RecordQuery, *, page: int, page_size: int
) -> SearchArguments:
    """The checked ``record_search`` arguments of a ``/records`` request."""
    with translation.override(filters.lang):
        definition = catalog_definition(filters.catalog)
        facets = facet_filters(requested_facets(request), definition, prefix=FACET_PREFIX)
        bbox = bounding_box(filters.bbox)
    return SearchArguments(
        query=filters.q,
        catalog=definition.key if definition else None,
        settlement=filters.settlement,
        priority=filters.priority,
        facets=facets,
        bbox=bbox,
        sort=filters.sort,
        page=page,
        page_size=page_size,
        language=filters.lang,
    )
