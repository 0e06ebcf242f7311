"""Query-string parameters of the record lists, and the links that change them.

The catalog, search and map pages all list records through ``record_search``; this module turns
their GET parameters into its keyword arguments and its facets and page numbers back into
plain links (which HTMX then follows in place). Every link keeps the other parameters.
"""

from dataclasses import dataclass

from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kozkincs.catalog.definitions import CatalogDefinition
from kozkincs.core.i18n import current_language
from kozkincs.search.selectors import SearchInputError, SearchResult

DEFAULT_PAGE_SIZE = 20
SINGLE_VALUED = ("catalog", "settlement", "priority")
"""Facets with one value at a time (a link replaces it); catalog facets take several."""
SHARED_FACET_LABELS = {
    "catalog": gettext_lazy("Catalog"),
    "settlement": gettext_lazy("Settlement"),
    "priority": gettext_lazy("Strategy priority"),
}
SORT_LABELS = {
    "relevance": gettext_lazy("Relevance"),
    "name": gettext_lazy("Name"),
    "newest": gettext_lazy("Newest first"),
}


def int_param(params: QueryDict, name: str) -> int | None:
    raw = params.get(name, "").strip()
    if not raw:
        return None
    if not raw.isascii() or not raw.isdigit():
        raise SearchInputError(name, _("Must be a whole number."))
    return int(raw)


def search_arguments(
    params: QueryDict,
    *,
    definition: CatalogDefinition | None,
) -> dict:
    """Keyword arguments for ``record_search`` from a list page's GET parameters.

    Raises ``SearchInputError`` for malformed numbers; ``record_search`` checks the rest.
    Parameters that are not search parameters (e.g. campaign tags) are ignored.
    """
    facets = {}
    for key in definition.facets if definition else []:
        values = [value for value in params.getlist(key) if value]
        if values:
            facets[key] = values
    return {
        "query": params.get("q", ""),
        "catalog": definition.key if definition else (params.get("catalog") or None),
        "settlement": int_param(params, "settlement"),
        "priority": int_param(params, "priority"),
        "facets": facets,
        "sort": params.get("sort") or "relevance",
        "page": int_param(params, "page") or 1,
        "page_size": int_param(params, "page_size") or DEFAULT_PAGE_SIZE,
        "language": current_language(),
    }


@dataclass(frozen=True)
class FacetLink:
    value: str
    label: str
    count: int
    selected: bool
    url: str
    element_id: str


@dataclass(frozen=True)
class FacetGroup:
    name: str
    label: str
    links: list[FacetLink]

    @property
    def has_selection(self) -> bool:
        return any(link.selected for link in self.links)


def _url(params: QueryDict) -> str:
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


def toggled(params: QueryDict, name: str, value: str) -> str:
    """The query string with ``name=value`` switched on or off, back on the first page."""
    changed = params.copy()
    changed.pop("page", None)
    current = changed.getlist(name)
    if value in current:
        changed.setlist(name, [v for v in current if v != value])
    elif name in SINGLE_VALUED:
        changed.setlist(name, [value])
    else:
        changed.setlist(name, [*current, value])
    return _url(changed)


def without(params: QueryDict, *names: str) -> str:
    changed = params.copy()
    for name in (*names, "page"):
        changed.pop(name, None)
    return _url(changed)


def facet_label(name: str, definition: CatalogDefinition | None) -> str:
    if name in SHARED_FACET_LABELS:
        return str(SHARED_FACET_LABELS[name])
    field = definition.field_map.get(name) if definition else None
    return field.label.get(current_language()) if field else name


def facet_groups(
    result: SearchResult,
    params: QueryDict,
    *,
    definition: CatalogDefinition | None,
    hidden: tuple[str, ...] = (),
) -> list[FacetGroup]:
    """Every facet with values as toggle links; facets in ``hidden`` are left out."""
    groups = []
    for name, values in (result.facets or {}).items():
        if name in hidden or not values:
            continue
        links = [
            FacetLink(
                value=value.value,
                label=value.label,
                count=value.count,
                selected=value.selected,
                url=toggled(params, name, value.value),
                element_id=f"facet-{name}-{index}",
            )
            for index, value in enumerate(values)
        ]
        groups.append(FacetGroup(name=name, label=facet_label(name, definition), links=links))
    return groups


@dataclass(frozen=True)
class PageLink:
    number: int
    url: str
    current: bool


@dataclass(frozen=True)
class Pagination:
    previous_url: str | None
    next_url: str | None
    pages: list[PageLink | None]
    """Page links around the current one; None marks a gap."""


def _page_url(params: QueryDict, number: int) -> str:
    changed = params.copy()
    if number == 1:
        changed.pop("page", None)
    else:
        changed["page"] = str(number)
    return _url(changed)


def pagination(result: SearchResult, params: QueryDict) -> Pagination | None:
    if result.num_pages <= 1 and result.page <= 1:
        return None
    last = result.num_pages
    shown = sorted({1, last, *range(max(1, result.page - 2), min(last, result.page + 2) + 1)})
    pages: list[PageLink | None] = []
    for number in shown:
        if pages and pages[-1] is not None and number > pages[-1].number + 1:
            pages.append(None)
        pages.append(PageLink(number, _page_url(params, number), number == result.page))
    return Pagination(
        previous_url=(
            _page_url(params, min(result.page - 1, last)) if result.page > 1 and last else None
        ),
        next_url=_page_url(params, result.page + 1) if result.page < last else None,
        pages=pages,
    )
