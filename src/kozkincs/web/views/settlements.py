"""The settlements of the region: an index and a profile page for each settlement."""

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import quote_etag
from django.utils.translation import gettext as _

from kozkincs.catalog.registry import catalog_get
from kozkincs.core.i18n import current_language
from kozkincs.gazetteer.models import Region, Settlement
from kozkincs.gazetteer.selectors import (
    HomeRegionNotFound,
    home_region_get,
    settlement_get,
    settlement_list,
    settlement_memberships,
    settlement_neighbours,
)
from kozkincs.network.selectors import snapshots_stamp
from kozkincs.projects.selectors import settlement_ideas, settlement_ideas_stamp
from kozkincs.search.cache import public_etag
from kozkincs.search.selectors import record_search
from kozkincs.web.geojson import settlements_collection
from kozkincs.web.record_items import listed_records

SETTLEMENTS_PER_PAGE = 50
RECORDS_ON_PROFILE = 100


def home_region_or_none() -> Region | None:
    try:
        return home_region_get()
    except HomeRegionNotFound:
        return None


def settlement_index(request: HttpRequest) -> HttpResponse:
    """The home region's settlements (or all of Hungary's with ``scope=all``), filterable."""
    region = home_region_or_none()
    scope = "all" if request.GET.get("scope") == "all" or region is None else "region"
    query = request.GET.get("q", "")[:100]
    settlements = settlement_list(region=region if scope == "region" else None, query=query)
    page = Paginator(settlements.defer("boundary"), SETTLEMENTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "web/settlements/settlement_list.html",
        {"region": region, "scope": scope, "query": query, "page": page},
    )


def records_by_catalog(settlement: Settlement) -> list[dict]:
    """The settlement's public records grouped by catalog, in catalog order, each with its
    total: every catalog the ``settlement`` filter finds records in, even when none of them is
    among the ``RECORDS_ON_PROFILE`` first by name (its "all records" link leads to them)."""
    result = record_search(
        settlement=settlement.ksh_code,
        sort="name",
        page_size=RECORDS_ON_PROFILE,
        language=current_language(),
    )
    groups = {
        value.value: {"catalog": catalog_get(value.value), "records": [], "total": value.count}
        for value in result.facets.get("catalog", [])
    }
    for record, item in zip(result.items, listed_records(result.items), strict=True):
        if record.catalog in groups:
            groups[record.catalog]["records"].append(item)
    return [group for group in groups.values() if group["catalog"] is not None]


def settlement_profile_etag(request: HttpRequest, *args, **kwargs) -> str | None:
    """The public ``ETag`` of a settlement profile, which also shows the network figures and
    the project ideas: they change when the figures are recomputed or an idea changes, not
    with the records' data version."""
    etag = public_etag(request, *args, **kwargs)
    if etag is None:
        return None
    ideas = settlement_ideas_stamp(viewer=request.user, slug=kwargs["slug"])
    version = etag.strip('"')
    return quote_etag(f"{version}-{snapshots_stamp()}-{ideas}")


def settlement_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        settlement = settlement_get(slug=slug)
    except Settlement.DoesNotExist:
        raise Http404("settlement") from None
    region = home_region_or_none()
    context = {
        "settlement": settlement,
        "memberships": settlement_memberships(settlement=settlement),
        "neighbours": settlement_neighbours(settlement=settlement, region=region),
        "record_groups": records_by_catalog(settlement),
        "ideas": settlement_ideas(viewer=request.user, slug=settlement.slug),
        "boundary": settlements_collection([settlement]),
        "crumbs": [(_("Settlements"), reverse("web:settlement_list")), (settlement.name, None)],
    }
    return render(request, "web/settlements/settlement_detail.html", context)
