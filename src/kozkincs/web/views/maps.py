"""The map of every public record that has a place (its own point or its settlement's centre),
with the equivalent paginated list beside it."""

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from kozkincs.catalog.registry import catalog_list
from kozkincs.core.i18n import current_language
from kozkincs.core.parameters import InvalidParameter, Page
from kozkincs.search.parameters import Priority, listing_catalog, optional_param
from kozkincs.search.selectors import record_search
from kozkincs.strategy.selectors import priority_list
from kozkincs.web.listing import pagination
from kozkincs.web.record_items import listed_records
from kozkincs.web.views.listings import bad_request

WHOLE_WORLD = (-180.0, -90.0, 180.0, 90.0)
"""Searching inside a bounding box keeps only the records that have a place on the map."""
LIST_PAGE_SIZE = 50


def map_page(request: HttpRequest) -> HttpResponse:
    params = request.GET
    try:
        definition = listing_catalog(params, None)
        catalog = definition.key if definition else None
        priority = optional_param(params, "priority", Priority)
        result = record_search(
            catalog=catalog,
            priority=priority,
            bbox=WHOLE_WORLD,
            sort="name",
            page=optional_param(params, "page", Page) or 1,
            page_size=LIST_PAGE_SIZE,
            language=current_language(),
            with_facets=False,
        )
    except InvalidParameter as error:
        return bad_request(request, error)
    api_filters = {"lang": current_language(), "catalog": catalog or "", "priority": priority or ""}
    source = (
        reverse("api-v1:record_geojson")
        + "?"
        + urlencode({key: value for key, value in api_filters.items() if value})
    )
    context = {
        "result": result,
        "records": listed_records(result.items),
        "pagination": pagination(result, params),
        "catalogs": catalog_list(),
        "priorities": priority_list(),
        "selected_catalog": catalog or "",
        "selected_priority": priority,
        "source_url": source,
        "show_catalog": True,
    }
    return render(request, "web/maps/map.html", context)
