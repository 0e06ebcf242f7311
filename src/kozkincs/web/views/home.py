"""The home page: the region at a glance."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kozkincs.catalog.registry import catalog_list
from kozkincs.core.i18n import current_language
from kozkincs.gazetteer.selectors import region_settlements
from kozkincs.search.selectors import record_search
from kozkincs.strategy.selectors import priority_list
from kozkincs.web.geojson import settlements_collection
from kozkincs.web.views.settlements import home_region_or_none

NEWEST_RECORDS = 6


def home(request: HttpRequest) -> HttpResponse:
    region = home_region_or_none()
    settlements = list(region_settlements(region=region).order_by("name")) if region else []
    # One search gives both the newest records and, through its catalog facet, the counts.
    newest = record_search(sort="newest", page_size=NEWEST_RECORDS, language=current_language())
    counts = {value.value: value.count for value in newest.facets.get("catalog", [])}
    context = {
        "region": region,
        "settlements": settlements,
        "region_geojson": settlements_collection(settlements),
        "catalogs": [(definition, counts.get(definition.key, 0)) for definition in catalog_list()],
        "newest": newest.items,
        "total": newest.total,
        "priorities": priority_list(),
    }
    return render(request, "web/home.html", context)
