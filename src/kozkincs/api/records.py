"""``/records``, ``/records.geojson`` and ``/records/{id}``: the public records.

Lists go through the search selector (the same one the search page and the map use) and are
cached as finished JSON bytes keyed by the search index's data version, so a repeated query
costs one cache look-up and an edit shows in the very next response.
"""

from typing import Annotated, Literal

from annotated_types import Ge, Le
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Schema
from pydantic import Field

from kozkincs.api.errors import ERROR_RESPONSES, NOT_FOUND_RESPONSES, BadParameter
from kozkincs.api.filters import FACET_PREFIX, RecordFilters, parse_record_filters
from kozkincs.api.parameters import KshCode, LargePaging, Paging, Text
from kozkincs.api.representations import record_detail, record_feature, record_item
from kozkincs.api.response_cache import cached_json
from kozkincs.api.schemas import (
    FeatureCollectionOut,
    Language,
    LanguageOption,
    RecordDetailOut,
    RecordPageOut,
)
from kozkincs.catalog.models import Record
from kozkincs.catalog.selectors import record_get_public, record_public_queryset
from kozkincs.search.selectors import SearchInputError, record_search

router = Router(tags=["records"])

WHOLE_WORLD = (-180.0, -90.0, 180.0, 90.0)
RecordId = Annotated[int, Ge(1), Le(2**62)]
Sort = Literal["relevance", "name", "newest"]


class RecordQuery(Schema):
    q: Text = Field("", description="Words to find (accents and suffixes do not matter).")
    catalog: Text = Field("", description="A catalog key, e.g. `natural-values`.")
    settlement: KshCode | None = Field(None, description="KSH code of a settlement.")
    priority: int | None = Field(None, ge=1, le=5, description="Strategy priority (1 to 5).")
    bbox: Text = Field("", description="minLon,minLat,maxLon,maxLat (WGS84 degrees).")
    sort: Sort = Field("relevance", description="Without `q`, relevance means by name.")
    lang: Language = "hu"


def _search(filters: RecordFilters, paging: Paging, *, with_facets: bool):
    try:
        return record_search(
            query=filters.query,
            catalog=filters.catalog,
            settlement=filters.settlement_id,
            priority=filters.priority,
            facets=filters.facets or None,
            bbox=filters.bbox,
            page=paging.page,
            page_size=paging.page_size,
            sort=filters.sort,
            language=filters.language,
            with_facets=with_facets,
        )
    except SearchInputError as error:
        # The selector names a facet filter by its field; the API parameter is facet.<field>.
        parameter = (
            FACET_PREFIX + error.parameter
            if error.parameter in filters.facets
            else (error.parameter)
        )
        raise BadParameter(parameter, str(error.message)) from None


def _facet_counts(result) -> dict:
    return {
        name: [
            {"value": str(v.value), "label": str(v.label), "count": v.count, "selected": v.selected}
            for v in values
        ]
        for name, values in (result.facets or {}).items()
    }


@router.get(
    "/records",
    response={200: RecordPageOut, **ERROR_RESPONSES},
    url_name="record_list",
    summary="Search and filter the public records",
)
def record_list_endpoint(
    request: HttpRequest,
    filters: Query[RecordQuery],
    paging: Query[Paging],
) -> HttpResponse:
    """Public records matching every given filter, with facet counts. Filter by a catalog's
    facet fields with `facet.<field>=<value>` (needs `catalog`; repeat for several values)."""
    parsed = parse_record_filters(request, **filters.dict())

    def build() -> dict:
        result = _search(parsed, paging, with_facets=True)
        return {
            "items": [record_item(record, parsed.language) for record in result.items],
            "total": result.total,
            "page": result.page,
            "page_size": result.page_size,
            "num_pages": result.num_pages,
            "facets": _facet_counts(result),
        }

    return cached_json(
        request,
        kind="api.records",
        params={**parsed.cache_params, **paging.dict()},
        language=parsed.language,
        schema=RecordPageOut,
        build=build,
    )


@router.get(
    "/records.geojson",
    response={200: FeatureCollectionOut, **ERROR_RESPONSES},
    url_name="record_geojson",
    summary="The geolocated public records as GeoJSON",
)
def record_geojson_endpoint(
    request: HttpRequest,
    filters: Query[RecordQuery],
    paging: Query[LargePaging],
) -> HttpResponse:
    """A FeatureCollection of the records `/records` would list that have coordinates."""
    parsed = parse_record_filters(request, **filters.dict())
    # Searching inside a bounding box keeps only records with coordinates.
    located = parsed.with_bbox(parsed.bbox or WHOLE_WORLD)

    def build() -> dict:
        result = _search(located, paging, with_facets=False)
        return {
            "type": "FeatureCollection",
            "features": [record_feature(record, parsed.language) for record in result.items],
            "total": result.total,
            "page": result.page,
            "page_size": result.page_size,
            "num_pages": result.num_pages,
        }

    return cached_json(
        request,
        kind="api.records.geojson",
        params={**located.cache_params, **paging.dict()},
        language=parsed.language,
        schema=FeatureCollectionOut,
        build=build,
    )


@router.get(
    "/records/{record_id}",
    response={200: RecordDetailOut, **NOT_FOUND_RESPONSES},
    url_name="record_detail",
    summary="One public record",
)
def record_detail_endpoint(
    request: HttpRequest, record_id: Path[RecordId], options: Query[LanguageOption]
) -> HttpResponse:
    """Public fields only, related records in both directions, sources and schema.org JSON-LD."""
    lang = options.lang

    def build() -> dict:
        catalog = (
            record_public_queryset().filter(pk=record_id).values_list("catalog", flat=True).first()
        )
        try:
            if catalog is None:
                raise Record.DoesNotExist
            record = record_get_public(catalog=catalog, record_id=record_id)
        except Record.DoesNotExist:
            raise Http404(
                _("There is no public record with id %(id)s.") % {"id": record_id}
            ) from None
        return record_detail(record, lang)

    return cached_json(
        request,
        kind="api.record",
        params={"id": record_id},
        language=lang,
        schema=RecordDetailOut,
        build=build,
    )
