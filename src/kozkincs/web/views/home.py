"""The home page: the region at a glance."""

from dataclasses import dataclass

from django.db.models import TextField
from django.db.models.functions import Cast
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kozkincs.catalog.registry import catalog_list
from kozkincs.core.i18n import current_language
from kozkincs.gazetteer.models import Region, Settlement
from kozkincs.gazetteer.selectors import region_settlements
from kozkincs.search.cache import cached_response
from kozkincs.search.selectors import record_search
from kozkincs.strategy.selectors import priority_list
from kozkincs.web.geojson import settlements_collection_json
from kozkincs.web.record_items import ListedRecord, RecordAddresses, listed_records
from kozkincs.web.views.settlements import home_region_or_none

NEWEST_RECORDS = 6


@dataclass(frozen=True)
class RecordsAtAGlance:
    counts: dict[str, int]
    total: int
    newest: list[ListedRecord]


def records_at_a_glance(language: str) -> RecordsAtAGlance:
    """Records per catalog and the newest ones.

    Counting covers every public record, so the answer is kept in the response cache under the
    data version: the next record change gives a new version and so fresh numbers.
    """

    def build() -> RecordsAtAGlance:
        # One search gives both the newest records and, through its catalog facet, the counts.
        newest = record_search(sort="newest", page_size=NEWEST_RECORDS, language=language)
        counts = {value.value: value.count for value in newest.facets.get("catalog", [])}
        return RecordsAtAGlance(counts, newest.total, listed_records(newest.items))

    return cached_response(kind="web-home", params={}, language=language, build=build)


def region_map_settlements(region: Region) -> list[Settlement]:
    """The region's settlements by name, each boundary as its stored JSON text."""
    return list(
        region_settlements(region=region)
        .order_by("name")
        .defer("boundary")
        .annotate(boundary_text=Cast("boundary", TextField()))
    )


def home(request: HttpRequest) -> HttpResponse:
    region = home_region_or_none()
    settlements = region_map_settlements(region) if region else []
    glance = records_at_a_glance(current_language())
    addresses = RecordAddresses()
    context = {
        "region": region,
        "settlements": [(s, addresses.settlement(s)) for s in settlements],
        "region_geojson": settlements_collection_json(settlements, urls=addresses.settlement),
        "catalogs": [
            (definition, glance.counts.get(definition.key, 0)) for definition in catalog_list()
        ],
        "newest": glance.newest,
        "total": glance.total,
        "priorities": priority_list(),
    }
    return render(request, "web/home.html", context)
