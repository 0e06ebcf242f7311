"""``/records``, ``/records.geojson`` and ``/records/{id}``: the public records.

Lists go through the search selector (the same one the search page and the map use) and are
cached as finished JSON bytes keyed by the search index's data version, so a repeated query
costs one cache look-up and an edit shows in the very next response.
"""

from typing import Annotated

from annotated_types import Ge, Le
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Path, Query, Router
from ninja.decorators import decorate_view

from kozkincs.api.errors import ERROR_RESPONSES, NOT_FOUND_RESPONSES
from kozkincs.api.filters import RecordQuery, search_arguments
from kozkincs.api.json_bodies import cached_json
from kozkincs.api.parameters import LargePaging, Paging
from kozkincs.api.representations import record_detail, record_feature, record_item
from kozkincs.api.schemas import (
    FeatureCollectionOut,
    LanguageOption,
    RecordDetailOut,
    RecordPageOut,
)
from kozkincs.catalog.models import Record
from kozkincs.catalog.selectors import record_get_public, record_public_queryset
from kozkincs.media.selectors import record_covers
from kozkincs.search.cache import public_read
from kozkincs.search.selectors import record_search

router = Router(tags=["records"])

WHOLE_WORLD = (-180.0, -90.0, 180.0, 90.0)
RecordId = Annotated[int, Ge(1), Le(2**62)]
FACET_FILTERED_PATHS = ("/records", "/records.geojson")
"""The paths that take ``facet.<field>`` filters (listed in the OpenAPI document by
``api.openapi``)."""


def _cache_params(arguments: dict) -> dict:
    return {name: value for name, value in arguments.items() if name != "language"}


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
@decorate_view(public_read)
def record_list_endpoint(
    request: HttpRequest,
    filters: Query[RecordQuery],
    paging: Query[Paging],
) -> HttpResponse:
    """Public records matching every given filter, with facet counts. Every facet value is the
    value of its filter: `settlement` values are KSH codes for `settlement=`, `catalog` values
    catalog keys for `catalog=`, `priority` values numbers for `priority=`, and a catalog's own
    facet values go to `facet.<field>=<value>` (needs `catalog`; repeat for several values,
    which are OR-ed). A value that does not exist is a 400 naming the parameter."""
    arguments = search_arguments(request, filters, page=paging.page, page_size=paging.page_size)

    def build() -> dict:
        result = record_search(**arguments, with_facets=True)
        return {
            "items": [record_item(record, filters.lang) for record in result.items],
            "total": result.total,
            "page": result.page,
            "page_size": result.page_size,
            "num_pages": result.num_pages,
            "facets": _facet_counts(result),
        }

    return cached_json(
        request,
        kind="api.records",
        params=_cache_params(arguments),
        language=filters.lang,
        schema=RecordPageOut,
        build=build,
    )


@router.get(
    "/records.geojson",
    response={200: FeatureCollectionOut, **ERROR_RESPONSES},
    url_name="record_geojson",
    summary="The geolocated public records as GeoJSON",
)
@decorate_view(public_read)
def record_geojson_endpoint(
    request: HttpRequest,
    filters: Query[RecordQuery],
    paging: Query[LargePaging],
) -> HttpResponse:
    """A FeatureCollection of the records `/records` would list that have coordinates."""
    arguments = search_arguments(request, filters, page=paging.page, page_size=paging.page_size)
    # Searching inside a bounding box keeps only records with coordinates.
    arguments["bbox"] = arguments["bbox"] or WHOLE_WORLD

    def build() -> dict:
        result = record_search(**arguments, with_facets=False)
        covers = record_covers([record.pk for record in result.items], language=filters.lang)
        return {
            "type": "FeatureCollection",
            "features": [
                record_feature(record, filters.lang, covers.get(record.pk))
                for record in result.items
            ],
            "total": result.total,
            "page": result.page,
            "page_size": result.page_size,
            "num_pages": result.num_pages,
        }

    return cached_json(
        request,
        kind="api.records.geojson",
        params=_cache_params(arguments),
        language=filters.lang,
        schema=FeatureCollectionOut,
        build=build,
    )


@router.get(
    "/records/{record_id}",
    response={200: RecordDetailOut, **NOT_FOUND_RESPONSES},
    url_name="record_detail",
    summary="One public record",
)
@decorate_view(public_read)
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
