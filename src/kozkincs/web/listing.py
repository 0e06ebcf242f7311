"""Query-string parameters of the record lists, and the links that change them.

The catalog, search and map pages all list records through ``record_search``; their GET
parameters are checked once by ``search.parameters.search_arguments`` (the types and limits
of ``search.parameters`` and ``core.parameters``, the same the API declares; the exports use
it too). This module turns the result's page numbers back into plain links (which HTMX then
follows in place). Every link keeps the other parameters. Facet links carry the facet values,
which are the values the filters take (a settlement's KSH code, a catalog key, a vocabulary
key…).

A list page carries a few hundred links, so :class:`QueryLinks` encodes the request's parameters
once and builds each link by re-encoding only the parameter it changes.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import QueryDict
from django.utils.translation import gettext_lazy

from kozkincs.search.selectors import SearchResult

SINGLE_VALUED = ("catalog", "settlement", "priority")
"""Facets with one value at a time (a link replaces it); catalog facets take several."""
SORT_LABELS = {
    "relevance": gettext_lazy("Relevance"),
    "name": gettext_lazy("Name"),
    "newest": gettext_lazy("Newest first"),
}


def _encoded(name: str, values: Iterable[str]) -> str:
    return urlencode([(name, value) for value in values])


class QueryLinks:
    """Links to the same page with one parameter changed, the others kept in their order.

    The parameters in ``dropped`` (by default the page number) are left out of every link.
    The links equal ``QueryDict.urlencode()`` of the changed copy: names in their first order,
    a name new to the query last.
    """

    def __init__(self, params: QueryDict, *, dropped: Iterable[str] = ("page",)) -> None:
        left_out = set(dropped)
        self.lists = {name: values for name, values in params.lists() if name not in left_out}
        self._encoded = {name: _encoded(name, values) for name, values in self.lists.items()}

    def url(self, name: str | None = None, values: Iterable[str] = ()) -> str:
        """The query string with ``name`` set to ``values`` (none: removed)."""
        parts = []
        for present, encoded in self._encoded.items():
            if present == name:
                encoded = _encoded(name, values)
            if encoded:
                parts.append(encoded)
        if name is not None and name not in self._encoded:
            encoded = _encoded(name, values)
            if encoded:
                parts.append(encoded)
        return "?" + "&".join(parts)

    def toggled(self, name: str, value: str) -> str:
        """``name=value`` switched on or off (a single-valued facet's value replaced)."""
        current = self.lists.get(name, [])
        if value in current:
            return self.url(name, [v for v in current if v != value])
        if name in SINGLE_VALUED:
            return self.url(name, [value])
        return self.url(name, [*current, value])


def toggled(params: QueryDict, name: str, value: str) -> str:
    """The query string with ``name=value`` switched on or off, back on the first page."""
    return QueryLinks(params).toggled(name, value)


def without(params: QueryDict, *names: str) -> str:
    """The query string without ``names``, back on the first page."""
    return QueryLinks(params, dropped=(*names, "page")).url()


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


def pagination(result: SearchResult, params: QueryDict) -> Pagination | None:
    if result.num_pages <= 1 and result.page <= 1:
        return None
    links = QueryLinks(params, dropped=())

    def page_url(number: int) -> str:
        return links.url("page", [] if number == 1 else [str(number)])

    last = result.num_pages
    shown = sorted({1, last, *range(max(1, result.page - 2), min(last, result.page + 2) + 1)})
    pages: list[PageLink | None] = []
    for number in shown:
        if pages and pages[-1] is not None and number > pages[-1].number + 1:
            pages.append(None)
        pages.append(PageLink(number, page_url(number), number == result.page))
    return Pagination(
        previous_url=(page_url(min(result.page - 1, last)) if result.page > 1 and last else None),
        next_url=page_url(result.page + 1) if result.page < last else None,
        pages=pages,
    )
