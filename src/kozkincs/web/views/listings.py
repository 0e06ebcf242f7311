"""Rendering shared by the record lists (catalog, search and map pages): full page or partial."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers

from kozkincs.catalog.definitions import CatalogDefinition
from kozkincs.core.parameters import InvalidParameter
from kozkincs.search.parameters import listing_catalog, search_arguments
from kozkincs.search.selectors import SearchResult, record_search
from kozkincs.web.facets import EXPAND_PARAMETER, facet_groups
from kozkincs.web.listing import SORT_LABELS, pagination, without
from kozkincs.web.record_items import listed_records

LISTING_PARAMETERS = ("q", "sort", "page", "page_size", EXPAND_PARAMETER)
"""Parameters that shape the list; the others are filters (kept by the form, cleared at once)."""


def wants_partial(request: HttpRequest) -> bool:
    """An HTMX request for the results region (not a history restore, which needs the page)."""
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.history_restore_request


def bad_request(request: HttpRequest, error: InvalidParameter) -> HttpResponse:
    return render(
        request,
        "400.html",
        {"parameter": error.parameter, "message": error.message},
        status=400,
    )


def listing_context(
    request: HttpRequest,
    result: SearchResult,
    *,
    definition: CatalogDefinition | None,
    hidden_facets: tuple[str, ...] = (),
) -> dict:
    params = request.GET
    kept = [
        (name, value)
        for name, values in params.lists()
        if name not in LISTING_PARAMETERS
        for value in values
    ]
    return {
        "result": result,
        "records": listed_records(result.items),
        "facet_groups": facet_groups(result, params, definition=definition, hidden=hidden_facets),
        "pagination": pagination(result, params),
        "sort_options": SORT_LABELS,
        "sort": params.get("sort") or ("relevance" if params.get("q") else "name"),
        "query": params.get("q", ""),
        "kept_parameters": kept,
        "clear_url": without(params, *{name for name, _value in kept}),
        "first_page_url": without(params),
        "page_size": params.get("page_size", ""),
        "expanded_facets": params.getlist(EXPAND_PARAMETER),
        "page_beyond_end": result.page > result.num_pages,
    }


def render_listing(
    request: HttpRequest,
    template: str,
    context: dict,
    *,
    definition: CatalogDefinition | None,
    hidden_facets: tuple[str, ...] = (),
) -> HttpResponse:
    """Search with the request's parameters and render the page, or only its results region.

    ``definition`` is the page's own catalog; without one, the ``catalog`` parameter may name
    it (its facets then join the shared ones)."""
    try:
        definition = listing_catalog(request.GET, definition)
        result = record_search(**search_arguments(request.GET, definition=definition))
    except InvalidParameter as error:
        return bad_request(request, error)
    context = {
        **context,
        **listing_context(request, result, definition=definition, hidden_facets=hidden_facets),
    }
    if wants_partial(request):
        response = render(request, "web/includes/listing_response.html", context)
    else:
        response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response
