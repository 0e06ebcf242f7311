"""The pickers' matches (HTMX fragments): settlements, and records of one catalog.

The typed text arrives under the input's own name (``field`` names it), as htmx sends it.
At most ``MATCH_LIMIT`` matches; records only those the visitor may see.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from kozkincs.accounts.permissions import can_propose
from kozkincs.catalog.registry import catalog_get
from kozkincs.editing.selectors import MATCH_LIMIT, record_matches, settlement_matches

QUERY_LENGTH = 100


def _query(request: HttpRequest) -> str:
    name = request.GET.get("field", "q")
    return (request.GET.get(name) or request.GET.get("q") or "").strip()[:QUERY_LENGTH]


def _answer(request: HttpRequest, matches, query: str) -> HttpResponse:
    context = {"matches": matches, "query": query, "list_id": request.GET.get("field", "q")}
    response = render(request, "editing/_matches.html", context)
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def settlement_matches_view(request: HttpRequest) -> HttpResponse:
    if not can_propose(request.user):
        return HttpResponse(status=403)
    query = _query(request)
    return _answer(request, settlement_matches(query=query, limit=MATCH_LIMIT), query)


@require_GET
def record_matches_view(request: HttpRequest, catalog: str) -> HttpResponse:
    if not can_propose(request.user):
        return HttpResponse(status=403)
    if catalog_get(catalog) is None:
        return HttpResponse(status=404)
    query = _query(request)
    matches = record_matches(query=query, catalog_key=catalog, viewer=request.user)
    return _answer(request, matches, query)
