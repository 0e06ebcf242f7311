"""Search over the public records: the one read the HTML pages, the map and the API share.

Only published records are ever in the index (written in the transaction of every change),
and the records of a result page are read with a status filter besides, so nothing here can
return a draft or an archived record. A search runs a fixed number of queries whatever the
page size: the index state, the full-text hits (when there is a query), the page's records
(with their main settlement) and the labels of the facet values not yet known to this
process. Filters, facet counts and ordering work on the in-memory snapshot
(``search/snapshot.py``, ``search/matching.py``).

The arguments are typed values the interfaces have checked at their boundary
(``search/parameters.py``); they are not checked again here. Filter values are the identifiers
the facets show: catalog keys, settlement KSH codes, priority numbers, the catalog's facet
values. A settlement or priority that does not exist is only looked up when its filter matches
nothing, so a search that finds records pays no query for it.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.db.models import F
from django.utils.translation import gettext as _

from kozkincs.catalog.models import Record
from kozkincs.catalog.registry import catalog_get
from kozkincs.core.parameters import DEFAULT_PAGE_SIZE
from kozkincs.gazetteer.models import Settlement
from kozkincs.search.facets import FacetValue, facet_names, facet_values
from kozkincs.search.index import data_version
from kozkincs.search.matching import (
    SearchFilters,
    facet_counts,
    match,
    page_count,
    page_in_order,
)
from kozkincs.search.normalization import ParsedQuery, parse_query
from kozkincs.search.parameters import SearchInputError
from kozkincs.search.ranking import query_hits, relevance_page
from kozkincs.search.snapshot import Snapshot, index_snapshot
from kozkincs.search.snippets import record_snippet
from kozkincs.strategy.models import StrategyPriority

__all__ = [
    "FacetValue",
    "SearchInputError",
    "SearchResult",
    "Suggestion",
    "catalog_settlement_codes",
    "data_version",
    "record_search",
    "record_search_ids",
    "settlement_record_count",
    "suggest",
]


@dataclass
class SearchResult:
    """One page of matching records; each item carries a highlighted ``snippet``, its main
    ``settlement`` (loaded with it) and where a map shows it: ``map_lat``, ``map_lon`` (its
    own point, else its settlement's centre, then ``map_approximate`` is true; None when
    neither is known). Further settlements and priorities are not loaded: read
    them through ``catalog.selectors`` when a page needs them. Only ``LISTED_FIELDS`` are read."""

    items: list[Record]
    total: int
    page: int
    page_size: int
    num_pages: int
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    query: str = ""
    """The normalised query (search keys; ``*`` marks the prefix word)."""

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1


@dataclass(frozen=True)
class Suggestion:
    record_id: int
    catalog: str
    slug: str
    name: str
    """In the requested language (Hungarian when there is no translation)."""


LISTED_FIELDS = (
    "id", "catalog", "slug", "status", "lat", "lon",
    *(f"{column}{suffix}" for column in ("name", "summary", "description")
      for suffix in ("", "_en", "_de")),
    "settlement__id", "settlement__ksh_code", "settlement__name", "settlement__slug",
)  # fmt: skip
"""The columns of a result page's records: what the lists, the map and the API's list items
show, and the texts of the snippets. No list shows further settlements or priorities, the
catalog-specific values or a settlement's boundary (a few KB of GeoJSON each), so decoding them
for every hit is not paid; reading another attribute costs one query per record."""


def _load_records(ids: list[int], *, query: ParsedQuery, language: str) -> list[Record]:
    # The index holds only published records; the status filter is defence in depth.
    records = (
        Record.objects.filter(id__in=ids, status=Record.Status.PUBLISHED)
        .select_related("settlement")
        .only(*LISTED_FIELDS)
        .annotate(
            search_attributes=F("search_document__attributes"),
            map_lat=F("search_document__lat"),
            map_lon=F("search_document__lon"),
            map_approximate=F("search_document__approximate"),
        )
    )
    by_id = {record.id: record for record in records}
    items = [by_id[pk] for pk in ids if pk in by_id]
    is_match = query.word_matcher()
    for record in items:
        record.snippet = record_snippet(
            record,
            attributes=record.search_attributes or "",
            query=query,
            language=language,
            is_match=is_match,
        )
    return items


def _check_exists(snapshot: Snapshot, filters: SearchFilters) -> None:
    """``SearchInputError`` for a settlement or priority filter naming nothing that exists.

    Called only when a search matched nothing: a value some record has exists, so a search
    that finds records never pays this query."""
    settlement, priority = filters.settlement, filters.priority
    if (
        settlement is not None
        and not snapshot.facet("settlement").has(settlement)
        and not Settlement.objects.filter(ksh_code=settlement).exists()
    ):
        message = _("There is no settlement with KSH code %(code)s.") % {"code": settlement}
        raise SearchInputError("settlement", message)
    if (
        priority is not None
        and not snapshot.facet("priority").has(str(priority))
        and not StrategyPriority.objects.filter(number=priority).exists()
    ):
        message = _("There is no strategy priority %(number)s.") % {"number": priority}
        raise SearchInputError("priority", message)


def record_search(
    *,
    query: str = "",
    catalog: str | None = None,
    settlement: str | None = None,
    priority: int | None = None,
    facets: Mapping[str, Sequence[str]] | None = None,
    bbox: tuple[float, float, float, float] | None = None,
    sort: str = "relevance",
    page: int = 1,
    page_size: int = DEFAULT_PAGE_SIZE,
    language: str = "hu",
    with_facets: bool = True,
) -> SearchResult:
    """Published records matching ``query`` (plain words, Hungarian-aware) and the filters.

    ``settlement`` is a KSH code: it matches records whose main settlement or any further
    settlement it is. An empty query lists the filtered records by name. Facet counts cover
    every match, not only the page. A catalog, settlement or priority that does not exist
    raises ``SearchInputError``; a page past the end is empty.
    """
    definition = catalog_get(catalog) if catalog else None
    if catalog and definition is None:
        raise SearchInputError("catalog", _("There is no catalog '%(key)s'.") % {"key": catalog})
    parsed = parse_query(query)
    filters = SearchFilters(
        catalog=catalog or None,
        settlement=settlement,
        priority=priority,
        facets={name: tuple(values) for name, values in (facets or {}).items() if values},
        bbox=bbox,
    )
    if parsed.is_empty and sort == "relevance":
        sort = "name"
    snapshot = index_snapshot()
    hits, costs = (None, None) if parsed.is_empty else query_hits(parsed, snapshot)
    matched = match(snapshot, hits, filters)
    total = matched.total
    if not total:
        _check_exists(snapshot, filters)
    offset = (page - 1) * page_size
    if sort == "relevance" and hits is not None:
        ids = relevance_page(matched, parsed, costs, limit=page_size, offset=offset)
    else:
        ids = page_in_order(matched, newest=sort == "newest", limit=page_size, offset=offset)
    facet_lists = {}
    if with_facets:
        facet_lists = facet_values(
            facet_counts(matched, facet_names(definition)),
            catalog=definition,
            selected={name: set(values) for name, values in filters.groups().items()},
            language=language,
            memo=snapshot.memo,
        )
    return SearchResult(
        items=_load_records(ids, query=parsed, language=language),
        total=total,
        page=page,
        page_size=page_size,
        num_pages=page_count(total, page_size),
        facets=facet_lists,
        query=parsed.normalized,
    )


def record_search_ids(
    *,
    query: str = "",
    catalog: str | None = None,
    settlement: str | None = None,
    priority: int | None = None,
    facets: Mapping[str, Sequence[str]] | None = None,
    bbox: tuple[float, float, float, float] | None = None,
    sort: str = "name",
) -> list[int]:
    """The ids of every published record :func:`record_search` would list for these
    arguments, in its order, without reading a record row (for exports, which read the records
    themselves in chunks). ``SearchInputError`` as :func:`record_search`."""
    definition = catalog_get(catalog) if catalog else None
    if catalog and definition is None:
        raise SearchInputError("catalog", _("There is no catalog '%(key)s'.") % {"key": catalog})
    parsed = parse_query(query)
    filters = SearchFilters(
        catalog=catalog or None,
        settlement=settlement,
        priority=priority,
        facets={name: tuple(values) for name, values in (facets or {}).items() if values},
        bbox=bbox,
    )
    snapshot = index_snapshot()
    hits, costs = (None, None) if parsed.is_empty else query_hits(parsed, snapshot)
    matched = match(snapshot, hits, filters)
    if not matched.total:
        _check_exists(snapshot, filters)
        return []
    if sort == "relevance" and hits is not None:
        return relevance_page(matched, parsed, costs, limit=matched.total, offset=0)
    return page_in_order(matched, newest=sort == "newest", limit=matched.total, offset=0)


def settlement_record_count(*, ksh_code: str) -> int:
    """Published records located in the settlement (as their main settlement or a further
    one): the ``total`` of ``record_search(settlement=ksh_code)``, read from the same index."""
    return match(index_snapshot(), None, SearchFilters(settlement=ksh_code)).total


def catalog_settlement_codes() -> dict[str, set[str]]:
    """The KSH codes of the settlements each catalog's published records are in (as their
    main settlement or a further one), by catalog key, read from the in-memory index (the
    DCAT-AP catalogue's spatial coverage)."""
    snapshot = index_snapshot()
    catalogs, settlements = snapshot.facet("catalog"), snapshot.facet("settlement")
    return {
        catalog: set(settlements.counts(catalogs.mask([catalog], snapshot.size)))
        for catalog in catalogs.values
    }


def suggest(*, query: str, limit: int = 8, language: str = "hu") -> list[Suggestion]:
    """As-you-type suggestions: the best-matching record names, the last word as a prefix."""
    parsed = parse_query(query)
    if parsed.is_empty:
        return []
    snapshot = index_snapshot()
    hits, costs = query_hits(parsed, snapshot)
    matched = match(snapshot, hits, SearchFilters())
    ids = relevance_page(matched, parsed, costs, limit=limit, offset=0)
    suffix = {"hu": "", "en": "_en", "de": "_de"}[language]
    rows = Record.objects.filter(id__in=ids, status=Record.Status.PUBLISHED).values(
        "id", "catalog", "slug", "name", "name_en", "name_de"
    )
    by_id = {row["id"]: row for row in rows}
    return [
        Suggestion(
            record_id=pk,
            catalog=by_id[pk]["catalog"],
            slug=by_id[pk]["slug"],
            name=by_id[pk]["name" + suffix] or by_id[pk]["name"],
        )
        for pk in ids
        if pk in by_id
    ]
