"""Validation of search parameters: bad input raises ``SearchInputError`` naming the parameter."""

import math

from django.utils.translation import gettext as _

from kozkincs.catalog.definitions import CatalogDefinition
from kozkincs.catalog.registry import catalog_get
from kozkincs.core.i18n import CONTENT_LANGUAGES
from kozkincs.search.matching import SearchFilters

SORTS = ("relevance", "name", "newest")
MAX_PAGE_SIZE = 100
MAX_PAGE = 10_000
MAX_FACET_VALUES = 50
MAX_ID = 2**62


class SearchInputError(ValueError):
    """A search parameter is invalid; ``parameter`` names it, ``message`` says why."""

    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(f"{parameter}: {message}")
        self.parameter = parameter
        self.message = message


def _positive_int(parameter: str, value: object, *, maximum: int = MAX_ID) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise SearchInputError(parameter, _("Must be a whole number."))
    if not 1 <= value <= maximum:
        raise SearchInputError(
            parameter, _("Must be between 1 and %(maximum)s.") % {"maximum": maximum}
        )
    return value


def validate_catalog(catalog: str | None) -> CatalogDefinition | None:
    if catalog is None or catalog == "":
        return None
    definition = catalog_get(catalog) if isinstance(catalog, str) else None
    if definition is None:
        raise SearchInputError("catalog", _("There is no catalog with this key."))
    return definition


def validate_facets(
    facets: dict[str, list[str]] | None, definition: CatalogDefinition | None
) -> dict[str, tuple[str, ...]]:
    if not facets:
        return {}
    if not isinstance(facets, dict):
        raise SearchInputError("facets", _("Must map facet names to lists of values."))
    allowed = set(definition.facets) if definition else set()
    cleaned = {}
    for name, values in sorted(facets.items()):
        if name not in allowed:
            raise SearchInputError(name, _("Unknown facet; choose a catalog that has this facet."))
        if isinstance(values, str) or not isinstance(values, list | tuple):
            raise SearchInputError(name, _("Must be a list of values."))
        if len(values) > MAX_FACET_VALUES or not all(isinstance(v, str) for v in values):
            raise SearchInputError(
                name, _("At most %(count)s text values.") % {"count": MAX_FACET_VALUES}
            )
        chosen = tuple(sorted({value[:255] for value in values if value}))
        if chosen:
            cleaned[name] = chosen
    return cleaned


def validate_bbox(bbox: object) -> tuple[float, float, float, float] | None:
    if bbox is None:
        return None
    message = _("Give four numbers: west, south, east, north (longitude and latitude in degrees).")
    if not isinstance(bbox, list | tuple) or len(bbox) != 4:
        raise SearchInputError("bbox", message)
    try:
        west, south, east, north = (float(value) for value in bbox)
    except (TypeError, ValueError) as error:
        raise SearchInputError("bbox", message) from error
    if not all(math.isfinite(v) for v in (west, south, east, north)):
        raise SearchInputError("bbox", message)
    if not (-180 <= west <= east <= 180 and -90 <= south <= north <= 90):
        raise SearchInputError(
            "bbox",
            _("West must not exceed east, south must not exceed north, within the globe."),
        )
    return (west, south, east, north)


def validate_filters(
    *,
    catalog: str | None,
    settlement: int | None,
    priority: int | None,
    facets: dict[str, list[str]] | None,
    bbox: object,
) -> tuple[SearchFilters, CatalogDefinition | None]:
    definition = validate_catalog(catalog)
    filters = SearchFilters(
        catalog=definition.key if definition else None,
        settlement=None if settlement is None else _positive_int("settlement", settlement),
        priority=None if priority is None else _positive_int("priority", priority),
        facets=validate_facets(facets, definition),
        bbox=validate_bbox(bbox),
    )
    return filters, definition


def validate_paging(*, sort: str, page: int, page_size: int, language: str) -> None:
    if sort not in SORTS:
        raise SearchInputError(
            "sort", _("Choose one of: %(choices)s.") % {"choices": ", ".join(SORTS)}
        )
    _positive_int("page", page, maximum=MAX_PAGE)
    _positive_int("page_size", page_size, maximum=MAX_PAGE_SIZE)
    if language not in CONTENT_LANGUAGES:
        raise SearchInputError(
            "language", _("Choose one of: %(choices)s.") % {"choices": ", ".join(CONTENT_LANGUAGES)}
        )


def validate_query(query: object) -> str:
    if query is None:
        return ""
    if not isinstance(query, str):
        raise SearchInputError("q", _("Must be text."))
    return query
