"""Search across every catalog, and the as-you-type suggestions for its search box."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from kozkincs.core.i18n import current_language
from kozkincs.core.parameters import InvalidParameter, Text
from kozkincs.search.parameters import optional_param
from kozkincs.search.selectors import suggest
from kozkincs.web.views.listings import render_listing

SUGGESTIONS = 8


def search(request: HttpRequest) -> HttpResponse:
    # With one catalog chosen (``catalog=``), its own facets join the shared ones.
    return render_listing(
        request,
        "web/search/search.html",
        {"query_in_form": False, "show_catalog": True},
        definition=None,
    )


def search_suggestions(request: HttpRequest) -> HttpResponse:
    """A short list of matching record names (an HTMX fragment under the search box)."""
    try:
        query = optional_param(request.GET, "q", Text) or ""
    except InvalidParameter as error:
        return HttpResponse(error.message, status=400, content_type="text/plain; charset=utf-8")
    suggestions = suggest(query=query, limit=SUGGESTIONS, language=current_language())
    links = [
        (s.name, reverse("web:record_detail", kwargs={"catalog": s.catalog, "slug": s.slug}))
        for s in suggestions
    ]
    return render(request, "web/search/suggestions.html", {"suggestions": links})
