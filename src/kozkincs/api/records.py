"""``/records``, ``/records.geojson`` and ``/records/{id}``: the public records.

Lists go through the search selector (the same one the search page and the map use) and are
cached as finished JSON bytes keyed by the search index's data version, so a repeated query
costs one cache look-up and an edit shows in the very next response.
"""

from typing import Annotated

from annotated_types import Ge, Le
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import quote_etag
from django.utils.translation import gettext as _
from ninja import Path, Query, Router
from ninja.decorators import decorate_view

from kozkincs.api.errors import ERROR_RESPONSES, NOT_FOUND_RESPONSES
from kozkincs.api.filters import RecordQuery, search_arguments
from kozkincs.api.json_bodies import cached_json
from kozkincs.api.parameters import LargePaging, Paging
from kozkincs.api.representations import RecordAddresses, record_feature, record_item
from kozkincs.api.schemas import (
    FeatureCollectionOut,
    LanguageOption,
    RecordDetailOut,
    RecordPageOut,
)
from kozkincs.api.stored_records import record_json
from kozkincs.core.i18n import CONTENT_LANGUAGES
from kozkincs.media.selectors import record_covers
from kozkincs.search.cache import is_anonymous, public_read
from kozkincs.search.selectors import record_search

router = Router(tags=["records"])

WHOLE_WORLD = (-180.0, -90.0, 180.0, 90.0)
MAX_RECORD_ID = 2**62
RecordId = Annotated[int, Ge(1), Le(MAX_RECORD_ID)]
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
        addresses = RecordAddresses()
        return {
            "items": [record_item(record, filters.lang, addresses) for record in result.items],
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
        addresses = RecordAddresses()
        return {
            "type": "FeatureCollection",
            "features": [
                record_feature(record, filters.lang, covers.get(record.pk), addresses)
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


STORED_ATTRIBUTE = "kozkincs_stored_record"


def _stored(request: HttpRequest, record_id: object) -> tuple[str, str] | None:
    """The ``(body, etag)`` asked for, read once per request: stored, or rendered now while a
    bulk write's tasks have not stored it yet (``None``: no such public record, or a malformed
    id or language, which the endpoint's validation reports)."""
    if not hasattr(request, STORED_ATTRIBUTE):
        language = request.GET.get("lang", "hu")
        try:
            pk = int(str(record_id))
        except ValueError:
            pk = 0
        found = None
        if language in CONTENT_LANGUAGES and 1 <= pk <= MAX_RECORD_ID:
            found = record_json(pk, language)
        setattr(request, STORED_ATTRIBUTE, found)
    return getattr(request, STORED_ATTRIBUTE)


def stored_etag(request: HttpRequest, record_id: object = None, **kwargs: object) -> str | None:
    """The ETag of a record's stored JSON (a digest written with it), for anonymous reads."""
    if not is_anonymous(request):
        return None
    found = _stored(request, record_id)
    return quote_etag(found[1]) if found else None


@router.get(
    "/records/{record_id}",
    response={200: RecordDetailOut, **NOT_FOUND_RESPONSES},
    url_name="record_detail",
    summary="One public record",
)
@decorate_view(public_read(etag=stored_etag))
def record_detail_endpoint(
    request: HttpRequest, record_id: Path[RecordId], options: Query[LanguageOption]
) -> HttpResponse:
    """Public fields only, related records in both directions, sources and schema.org JSON-LD.

    Served as stored: the JSON is written with the record (and again when a related record or
    a settlement it shows changes), so an answer is one indexed read. After an import it is
    rendered for each request until the background tasks have stored it."""
    found = _stored(request, record_id)
    if found is None:
        with translation.override(options.lang):
            message = _("There is no public record with id %(id)s.") % {"id": record_id}
        raise Http404(message)
    return HttpResponse(found[0], content_type="application/json")
