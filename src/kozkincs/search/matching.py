"""Filters, facet counts and the page of ids, computed on the in-memory snapshot.

The full-text match (``fulltext.fulltext_costs``) gives the hits with their cost; everything
else is set arithmetic on the snapshot's id sets and C-level counting (``Counter`` over
``map``), so the cost grows with the number of hits, not with the size of the records.

Facet counts are disjunctive: the counts of a facet that has a selected value ignore that
facet's own filter (but keep every other), so after picking a settlement the other settlements
still show how many records they would give.
"""

import heapq
import math
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import chain, islice

from kozkincs.search.snapshot import Snapshot

EMPTY: frozenset[int] = frozenset()
MEMO_MIN_IDS = 2000
"""Facet counts over at least this many records are kept (per snapshot) when the search has
no query and no bounding box: such lists are few and asked for again and again."""
MEMO_MAX_ENTRIES = 1000
SCAN_FACTOR = 8
"""Walk the precomputed order (instead of sorting the matches) while that visits fewer than
this many ids per match."""


@dataclass(frozen=True)
class SearchFilters:
    """Typed filters (checked at the boundary, see ``search/parameters.py``); every value is
    written as the index writes its facet values: catalog key, settlement KSH code, priority
    number, the catalog's facet values."""

    catalog: str | None = None
    settlement: str | None = None
    priority: int | None = None
    facets: dict[str, tuple[str, ...]] = field(default_factory=dict)
    bbox: tuple[float, float, float, float] | None = None

    def groups(self) -> dict[str, tuple[str, ...]]:
        """The selected values of every filtered facet (values within a facet are OR-ed)."""
        selected = {name: values for name, values in self.facets.items() if values}
        if self.catalog is not None:
            selected["catalog"] = (self.catalog,)
        if self.settlement is not None:
            selected["settlement"] = (self.settlement,)
        if self.priority is not None:
            selected["priority"] = (str(self.priority),)
        return selected


@dataclass(frozen=True)
class Match:
    snapshot: Snapshot
    costs: dict[int, float] | None
    """Full-text cost per hit (lower ranks higher); None without a query."""
    base: set[int] | frozenset[int]
    """The hits of the query and the bounding box, before the facet filters."""
    groups: dict[str, set[int] | frozenset[int]]
    selected: dict[str, tuple[str, ...]]
    ids: set[int] | frozenset[int]
    """Everything that matches."""
    memo_key: tuple | None


def _intersection(
    base: set[int] | frozenset[int], sets: Iterable[set[int] | frozenset[int]], everything: set
) -> set[int] | frozenset[int]:
    """``base`` ∩ ``sets``, smallest first; ``everything`` (the snapshot's ids, a superset of
    every facet set) is left out, so a single filter costs no copy at all."""
    ordered = sorted([base, *sets] if base is not everything or not sets else sets, key=len)
    result = ordered[0]
    for other in ordered[1:]:
        if not result:
            break
        result = result & other
    return result


def _inside(snapshot: Snapshot, ids: Iterable[int], bbox: tuple) -> set[int]:
    west, south, east, north = bbox
    lat, lon = snapshot.lat, snapshot.lon
    return {pk for pk in ids if south <= lat[pk] <= north and west <= lon[pk] <= east}


def match(snapshot: Snapshot, costs: dict[int, float] | None, filters: SearchFilters) -> Match:
    base = snapshot.ids if costs is None else costs.keys() & snapshot.ids
    if filters.bbox is not None:
        base = _inside(snapshot, base, filters.bbox)
    selected = filters.groups()
    groups = {}
    for name, values in selected.items():
        sets = [snapshot.postings.get(f"{name}={value}", EMPTY) for value in values]
        groups[name] = sets[0] if len(sets) == 1 else set().union(*sets)
    memo_key = None
    if costs is None and filters.bbox is None:
        memo_key = tuple(sorted(selected.items()))
    return Match(
        snapshot=snapshot,
        costs=costs,
        base=base,
        groups=groups,
        selected=selected,
        ids=_intersection(base, groups.values(), snapshot.ids),
        memo_key=memo_key,
    )


def _counted(snapshot: Snapshot, ids, names: list[str]) -> dict[str, dict[str, int]]:
    """``{name: {value: count}}`` over ``ids`` for the facets ``names``."""
    counters = []
    if "catalog" in names:
        counters.append(Counter(map(snapshot.catalogs.__getitem__, ids)))
    for name, column in (("settlement", snapshot.settlements), ("priority", snapshot.priorities)):
        if name in names:
            counters.append(Counter(chain.from_iterable(map(column.__getitem__, ids))))
    if any(name not in ("catalog", "settlement", "priority") for name in names):
        counters.append(Counter(chain.from_iterable(map(snapshot.fields.__getitem__, ids))))
    counts: dict[str, dict[str, int]] = {name: {} for name in names}
    for counter in counters:
        for key, count in counter.items():
            name, _, value = key.partition("=")
            if name in counts:
                counts[name][value] = count
    return counts


def _counted_memo(snapshot: Snapshot, ids: Callable[[], set], names: list[str], memo_key):
    """``_counted`` over ``ids()``; remembered per snapshot for repeated query-less lists."""
    key = None if memo_key is None else (memo_key, tuple(names))
    counts = None if key is None else snapshot.memo.get(key)
    if counts is None:
        matched = ids()
        counts = _counted(snapshot, matched, names)
        if key is not None and len(matched) >= MEMO_MIN_IDS:
            if len(snapshot.memo) >= MEMO_MAX_ENTRIES:
                snapshot.memo.clear()
            snapshot.memo[key] = counts
    return counts


def facet_counts(matched: Match, names: list[str]) -> dict[str, dict[str, int]]:
    """``{facet name: {value: number of records}}``; a facet with a selected value is counted
    without its own filter."""
    snapshot = matched.snapshot
    plain = [name for name in names if name not in matched.groups]
    counts = dict(_counted_memo(snapshot, lambda: matched.ids, plain, matched.memo_key))
    for name in names:
        if name not in matched.groups:
            continue
        others = [ids for other, ids in matched.groups.items() if other != name]
        memo_key = None
        if matched.memo_key is not None:
            memo_key = tuple(item for item in matched.memo_key if item[0] != name)

        def ids(others=others):
            return _intersection(matched.base, others, snapshot.ids)

        counts.update(_counted_memo(snapshot, ids, [name], memo_key))
    return {name: counts[name] for name in names}


def _scan_is_cheaper(matched: Match, wanted: int) -> bool:
    total, found = len(matched.snapshot.ids), len(matched.ids)
    return found > 0 and wanted * total / found <= SCAN_FACTOR * found + wanted


def _by_relevance(matched: Match, wanted: int) -> list[int]:
    """The first ``wanted`` ids by (cost, name, id): the costs up to the ``wanted``-th are
    found with C-level sorting, and only the records within it (ties included) are sorted by
    the full key."""
    costs, names, ids = matched.costs, matched.snapshot.names, matched.ids
    candidates: Iterable[int] = ids
    if len(ids) > wanted:
        bound = sorted(map(costs.__getitem__, ids))[wanted - 1]
        candidates = [pk for pk in ids if costs[pk] <= bound]
    return sorted(candidates, key=lambda pk: (costs[pk], names[pk], pk))[:wanted]


def page_of_ids(matched: Match, *, sort: str, limit: int, offset: int) -> list[int]:
    """The record ids of one page: by relevance (cost, then name, then id), by name, or newest
    first (publication time, then id, both descending)."""
    snapshot, ids, wanted = matched.snapshot, matched.ids, offset + limit
    if offset >= len(ids):
        return []
    if sort == "relevance" and matched.costs is not None:
        return _by_relevance(matched, wanted)[offset:]
    newest = sort == "newest"
    order = snapshot.date_order if newest else snapshot.name_order
    if ids is snapshot.ids:
        if newest:
            end = len(order) - offset
            return list(reversed(order[max(0, end - limit) : end]))
        return list(order[offset:wanted])
    if _scan_is_cheaper(matched, wanted):
        walk = reversed(order) if newest else order
        return list(islice(filter(ids.__contains__, walk), offset, wanted))
    if newest:
        return heapq.nlargest(wanted, ids, key=snapshot.date_key)[offset:]
    return heapq.nsmallest(wanted, ids, key=snapshot.name_key)[offset:]


def page_count(total: int, page_size: int) -> int:
    return max(1, math.ceil(total / page_size))
