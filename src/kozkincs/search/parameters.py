"""The parameters of a record search: each type and limit defined once, and the checks that need
the catalog definitions.

The interfaces check a request once, at their boundary, and pass typed values to
``selectors.record_search``, which does not check them again: the API declares its query
parameters with these types (django-ninja checks them and the OpenAPI document shows them), the
pages and the exports read the same query string with :func:`search_arguments`; both then call
:func:`catalog_definition`, :func:`facet_filters` and :func:`bounding_box`. Every problem is a
:class:`SearchInputError` naming the parameter, in the active language.
"""

from collections.abc import Mapping, Sequence
from typing import Annotated, Any, Literal, TypedDict

from django.http import QueryDict
from django.utils.translation import gettext as _
from pydantic import Field

from kozkincs.catalog.definitions import CatalogDefinition
from kozkincs.catalog.fields import field_type
from kozkincs.catalog.registry import catalog_get
from kozkincs.core.i18n import current_language
from kozkincs.core.parameters import (
    DEFAULT_PAGE_SIZE,
    InvalidParameter,
    Language,
    Page,
    PageSize,
    Text,
    typed_value,
)
from kozkincs.gazetteer.geography import parse_bbox
from kozkincs.gazetteer.identifiers import KshCode
from kozkincs.strategy.models import HIGHEST_PRIORITY_NUMBER

__all__ = [
    "MAX_FACET_VALUES",
    "SORTS",
    "BBox",
    "Language",
    "Priority",
    "SearchArguments",
    "SearchInputError",
    "SettlementCode",
    "Sort",
    "bounding_box",
    "catalog_definition",
    "facet_filters",
    "listing_catalog",
    "optional_param",
    "search_arguments",
]

SORTS = ("relevance", "name", "newest")
Sort = Literal[SORTS]
Priority = Annotated[int, Field(ge=1, le=HIGHEST_PRIORITY_NUMBER)]
SettlementCode = KshCode
MAX_FACET_VALUES = 50
"""Values of one facet filter in one request."""
LISTED_CHOICES = 40
"""A message about an unknown facet value lists the facet's values up to this many."""

type BBox = tuple[float, float, float, float]


class SearchInputError(InvalidParameter):
    """A search parameter is invalid or names something that does not exist."""


class SearchArguments(TypedDict, total=False):
    """Checked, typed keyword arguments of ``record_search``."""

    query: str
    catalog: str | None
    settlement: str | None
    """The KSH code of a settlement."""
    priority: int | None
    facets: dict[str, tuple[str, ...]]
    bbox: BBox | None
    sort: str
    page: int
    page_size: int
    language: str


def catalog_definition(key: str) -> CatalogDefinition | None:
    """The catalog ``key`` names (None for no key)."""
    if not key:
        return None
    definition = catalog_get(key)
    if definition is None:
        raise SearchInputError("catalog", _("There is no catalog '%(key)s'.") % {"key": key})
    return definition


def _facet_value(definition: CatalogDefinition, name: str, parameter: str, raw: str) -> str:
    field = definition.field_map[name]
    kind = field_type(field.type)
    value = kind.facet_value(raw, field=field, catalog=definition)
    if value is not None:
        return value
    shown = raw[:50]
    choices = kind.facet_choices(field=field, catalog=definition)
    if choices is None or len(choices) > LISTED_CHOICES:
        raise SearchInputError(
            parameter, _("“%(value)s” is not a value of this facet.") % {"value": shown}
        )
    raise SearchInputError(
        parameter,
        _("“%(value)s” is not a value of this facet; values: %(values)s.")
        % {"value": shown, "values": ", ".join(choices)},
    )


def facet_filters(
    given: Mapping[str, Sequence[str]],
    definition: CatalogDefinition | None,
    *,
    prefix: str = "",
) -> dict[str, tuple[str, ...]]:
    """The facet filters ``given`` (facet field key → raw values), checked against the catalog.

    Each value must be one the facet can have (a vocabulary key, ``true``/``false``, a year:
    what the facet counts show). Errors name the parameter: ``prefix`` + the field key.
    """
    facets = {}
    for name, raw_values in sorted(given.items()):
        parameter = prefix + name
        if definition is None:
            raise SearchInputError(parameter, _("Facet filters need the catalog parameter."))
        if name not in definition.facets:
            raise SearchInputError(
                parameter,
                _("'%(name)s' is not a facet of this catalog; facets: %(facets)s.")
                % {"name": name, "facets": ", ".join(definition.facets) or "—"},
            )
        texts = {raw.strip() for raw in raw_values} - {""}
        if len(texts) > MAX_FACET_VALUES:
            raise SearchInputError(
                parameter, _("Give at most %(count)s values.") % {"count": MAX_FACET_VALUES}
            )
        values = {_facet_value(definition, name, parameter, text) for text in texts}
        if values:
            facets[name] = tuple(sorted(values))
    return facets


def bounding_box(text: str) -> BBox | None:
    """``minLon,minLat,maxLon,maxLat`` as four numbers (None for no text)."""
    if not text:
        return None
    try:
        return parse_bbox(text)
    except ValueError as error:
        raise SearchInputError("bbox", str(error)) from None


def optional_param(params: QueryDict, name: str, kind: Any) -> Any:
    """The query-string parameter ``name`` checked as ``kind``; None when absent or empty."""
    raw = params.get(name, "")
    return typed_value(name, kind, raw) if raw.strip() else None


def listing_catalog(
    params: QueryDict, definition: CatalogDefinition | None
) -> CatalogDefinition | None:
    """The page's own catalog, else the one the ``catalog`` parameter names."""
    if definition is not None:
        return definition
    return catalog_definition(optional_param(params, "catalog", Text) or "")


def search_arguments(params: QueryDict, *, definition: CatalogDefinition | None) -> SearchArguments:
    """Checked keyword arguments for ``record_search`` from the query string of a record list
    (the catalog, search and settlement pages) or of an export of one.

    ``definition`` is the catalog being listed (a catalog page's own, or the one
    ``listing_catalog`` found); its facets are filtered by parameters named after the fields.
    Raises ``SearchInputError`` (an ``InvalidParameter``) naming the parameter. Parameters that
    are not search parameters (e.g. campaign tags) are ignored.
    """
    given = (
        {key: params.getlist(key) for key in definition.facets if key in params}
        if definition
        else {}
    )
    return SearchArguments(
        query=optional_param(params, "q", Text) or "",
        catalog=definition.key if definition else None,
        settlement=optional_param(params, "settlement", SettlementCode),
        priority=optional_param(params, "priority", Priority),
        facets=facet_filters(given, definition),
        sort=optional_param(params, "sort", Sort) or "relevance",
        page=optional_param(params, "page", Page) or 1,
        page_size=optional_param(params, "page_size", PageSize) or DEFAULT_PAGE_SIZE,
        language=current_language(),
    )
