"""The home page: the region at a glance."""

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kozkincs.catalog.registry import catalog_list
from kozkincs.catalog.selectors import record_newest_public
from kozkincs.core.i18n import current_language
from kozkincs.gazetteer.models import Region
from kozkincs.gazetteer.selectors import region_settlements
from kozkincs.search.cache import cached_response
from kozkincs.search.selectors import record_search
from kozkincs.strategy.selectors import priority_list
from kozkincs.web.geojson import settlements_collection
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

    Demo entries only fill the newest list when there are fewer real ones. Counting covers
    every public record, so the answer is kept in the application cache under the data
    version: the next record change gives a new version and so fresh numbers.
    """

    def build() -> RecordsAtAGlance:
        # The search's catalog facet gives the counts; the newest list puts real entries first.
        found = record_search(sort="newest", page_size=1, language=language)
        counts = {value.value: value.count for value in found.facets.get("catalog", [])}
        newest = record_newest_public(limit=NEWEST_RECORDS)
        return RecordsAtAGlance(counts, found.total, listed_records(newest))

    return cached_response(kind="web-home", params={}, language=language, build=build)


def region_map(request: HttpRequest, region: Region, language: str) -> tuple[list, dict]:
    """The region's settlements by name with their page links, and their boundaries as a
    GeoJSON FeatureCollection; kept in the application cache under the data version (a
    settlement change moves it on)."""

    def build() -> tuple[list, dict]:
        settlements = list(region_settlements(region=region).order_by("name"))
        addresses = RecordAddresses()
        links = [(s.name, addresses.settlement(s)) for s in settlements]
        return links, settlements_collection(settlements)

    params = {"region": region.pk}
    return cached_response(
        kind="web-home-map", params=params, language=language, build=build, request=request
    )


def home(request: HttpRequest) -> HttpResponse:
    region = home_region_or_none()
    language = current_language()
    settlements, region_geojson = region_map(request, region, language) if region else ([], {})
    glance = records_at_a_glance(language)
    context = {
        "region": region,
        "settlements": settlements,
        "region_geojson": region_geojson,
        "catalogs": [
            (definition, glance.counts.get(definition.key, 0)) for definition in catalog_list()
        ],
        "newest": glance.newest,
        "total": glance.total,
        "priorities": priority_list(),
    }
    return render(request, "web/home.html", context)
