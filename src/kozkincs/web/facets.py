"""The facets beside a record list: toggle links, trimmed to the most frequent values.

A catalog of tens of thousands of records has thousands of settlement values. A facet shows
its ``VISIBLE_VALUES`` most frequent values and every selected one; a "show all" link (a plain
link with ``?facet_all=<facet>``, which HTMX follows in place) expands it, and "show fewer"
folds it again. Expanding changes only what the page shows, never the results.
"""

from dataclasses import dataclass

from django.http import QueryDict
from django.utils.translation import gettext_lazy

from kozkincs.catalog.definitions import CatalogDefinition
from kozkincs.core.i18n import current_language
from kozkincs.search.selectors import FacetValue, SearchResult
from kozkincs.web.listing import QueryLinks

VISIBLE_VALUES = 15
"""Values a folded facet shows (plus any selected value outside them)."""
EXPAND_PARAMETER = "facet_all"
"""Query parameter naming the facets shown with all their values (may repeat)."""
SHARED_FACET_LABELS = {
    "catalog": gettext_lazy("Catalog"),
    "settlement": gettext_lazy("Settlement"),
    "priority": gettext_lazy("Strategy priority"),
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
    value_count: int
    """How many values the facet has (more than ``links`` when it is folded)."""
    expanded: bool = False
    expand_url: str | None = None
    """Where the "show all" link leads; None when every value is shown anyway."""
    fold_url: str | None = None
    """Where the "show fewer" link leads; None unless the facet is expanded."""

    @property
    def has_selection(self) -> bool:
        return any(link.selected for link in self.links)

    @property
    def hidden_count(self) -> int:
        return self.value_count - len(self.links)


def facet_label(name: str, definition: CatalogDefinition | None) -> str:
    if name in SHARED_FACET_LABELS:
        return str(SHARED_FACET_LABELS[name])
    field = definition.field_map.get(name) if definition else None
    return field.label.get(current_language()) if field else name


def most_frequent(values: list[FacetValue], limit: int) -> list[tuple[int, FacetValue]]:
    """The ``limit`` most frequent values and every selected one, in the given order.

    Each comes with its position among all the values, which keeps its element id stable
    whether the facet is folded or expanded.
    """
    if len(values) <= limit:
        return list(enumerate(values))
    ranked = sorted(range(len(values)), key=lambda i: (-values[i].count, values[i].label, i))
    kept = set(ranked[:limit])
    return [(i, value) for i, value in enumerate(values) if i in kept or value.selected]


def _expansion_links(
    params: QueryDict, name: str, expanded: set[str]
) -> tuple[str | None, str | None]:
    """(show all URL, show fewer URL) for the facet ``name``; the page number is kept."""
    links = QueryLinks(params, dropped=())
    current = params.getlist(EXPAND_PARAMETER)
    if name in expanded:
        return None, links.url(EXPAND_PARAMETER, [v for v in current if v != name])
    return links.url(EXPAND_PARAMETER, [*current, name]), None


def facet_groups(
    result: SearchResult,
    params: QueryDict,
    *,
    definition: CatalogDefinition | None,
    hidden: tuple[str, ...] = (),
    visible_values: int | None = None,
) -> list[FacetGroup]:
    """Every facet with values as toggle links; facets in ``hidden`` are left out.

    A facet named in the ``facet_all`` parameter shows all its values, the others at most
    ``visible_values`` (default ``VISIBLE_VALUES``: the most frequent) plus the selected ones.
    """
    visible_values = VISIBLE_VALUES if visible_values is None else visible_values
    links = QueryLinks(params)
    expanded = set(params.getlist(EXPAND_PARAMETER))
    groups = []
    for name, values in (result.facets or {}).items():
        if name in hidden or not values:
            continue
        is_expanded = name in expanded and len(values) > visible_values
        shown = list(enumerate(values)) if is_expanded else most_frequent(values, visible_values)
        expand_url, fold_url = (None, None)
        if len(values) > visible_values:
            expand_url, fold_url = _expansion_links(params, name, expanded)
        groups.append(
            FacetGroup(
                name=name,
                label=facet_label(name, definition),
                links=[_link(links, name, index, value) for index, value in shown],
                value_count=len(values),
                expanded=is_expanded,
                expand_url=expand_url,
                fold_url=fold_url,
            )
        )
    return groups


def _link(links: QueryLinks, name: str, index: int, value: FacetValue) -> FacetLink:
    return FacetLink(
        value=value.value,
        label=value.label,
        count=value.count,
        selected=value.selected,
        url=links.toggled(name, value.value),
        element_id=f"facet-{name}-{index}",
    )
