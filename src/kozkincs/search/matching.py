"""Filters, facet counts and the page of ids, computed on the in-memory snapshot.

A search works on boolean masks over record ids: the full-text hits, the bounding box and each
filtered facet are masks, combined with ``&``; facet counts are ``bincount`` over a facet's
(record, value) pairs selected by a mask. All of it runs in NumPy, so the cost grows with the
number of records and facet values in C, not with Python loops over the hits.

Facet counts are disjunctive: the counts of a facet that has a selected value ignore that
facet's own filter (but keep every other), so after picking a settlement the other settlements
still show how many records they would give.
"""

import math
from dataclasses import dataclass, field

import numpy as np

from kozkincs.search.snapshot import FEW_RECORDS_PER_PAIR, IDS, Snapshot

MEMO_MIN_IDS = 2000
"""Facet counts over at least this many records are kept (per snapshot) when the search has
no query and no bounding box: such lists are few and asked for again and again."""
MEMO_MAX_ENTRIES = 1000


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
    hits: np.ndarray | None
    """The full-text hits (record ids); None without a query."""
    base: np.ndarray
    """Mask of the hits of the query and the bounding box, before the facet filters."""
    groups: dict[str, np.ndarray]
    """Mask of each filtered facet's selected values."""
    mask: np.ndarray
    """Mask of everything that matches."""
    total: int
    memo_key: tuple | None

    def ids(self) -> np.ndarray:
        """The matching record ids, ascending."""
        return np.flatnonzero(self.mask)


def _inside(snapshot: Snapshot, bbox: tuple) -> np.ndarray:
    west, south, east, north = bbox
    lat, lon = snapshot.lat, snapshot.lon
    with np.errstate(invalid="ignore"):  # NaN: no point, never inside
        return (lat >= south) & (lat <= north) & (lon >= west) & (lon <= east)


def match(snapshot: Snapshot, hits: np.ndarray | None, filters: SearchFilters) -> Match:
    """What ``hits`` (None: every record) and ``filters`` select."""
    base = snapshot.present if hits is None else snapshot.mask_of(hits)
    if filters.bbox is not None:
        base = base & _inside(snapshot, filters.bbox)
    selected = filters.groups()
    groups = {
        name: snapshot.facet(name).mask(values, snapshot.size) for name, values in selected.items()
    }
    mask = base
    for group in groups.values():
        mask = mask & group
    memo_key = None
    if hits is None and filters.bbox is None:
        memo_key = tuple(sorted(selected.items()))
    return Match(
        snapshot=snapshot,
        hits=hits,
        base=base,
        groups=groups,
        mask=mask,
        total=int(np.count_nonzero(mask)),
        memo_key=memo_key,
    )


def _counted(snapshot: Snapshot, mask: np.ndarray, names: list[str]) -> dict[str, dict]:
    ids = None
    if np.count_nonzero(mask) * FEW_RECORDS_PER_PAIR <= snapshot.size:
        ids = np.flatnonzero(mask).astype(IDS)
    return {name: snapshot.facet(name).counts(mask, ids) for name in names}


def _counted_memo(snapshot: Snapshot, mask, names: list[str], memo_key) -> dict[str, dict]:
    """``_counted``; remembered per snapshot for repeated query-less lists."""
    key = None if memo_key is None else ("counts", memo_key, tuple(names))
    counts = None if key is None else snapshot.memo.get(key)
    if counts is None:
        matched = mask()
        counts = _counted(snapshot, matched, names)
        if key is not None and np.count_nonzero(matched) >= MEMO_MIN_IDS:
            if len(snapshot.memo) >= MEMO_MAX_ENTRIES:
                snapshot.memo.clear()
            snapshot.memo[key] = counts
    return counts


def facet_counts(matched: Match, names: list[str]) -> dict[str, dict[str, int]]:
    """``{facet name: {value: number of records}}``; a facet with a selected value is counted
    without its own filter."""
    snapshot = matched.snapshot
    plain = [name for name in names if name not in matched.groups]
    counts = dict(_counted_memo(snapshot, lambda: matched.mask, plain, matched.memo_key))
    for name in names:
        if name not in matched.groups:
            continue
        memo_key = None
        if matched.memo_key is not None:
            memo_key = tuple(item for item in matched.memo_key if item[0] != name)

        def without_own(name=name):
            mask = matched.base
            for other, group in matched.groups.items():
                if other != name:
                    mask = mask & group
            return mask

        counts.update(_counted_memo(snapshot, without_own, [name], memo_key))
    return {name: counts[name] for name in names}


def first_by_rank(ids: np.ndarray, ranks: np.ndarray, wanted: int) -> np.ndarray:
    """The ``wanted`` ids of lowest ``ranks[id]``, in that order."""
    if len(ids) > wanted:
        ids = ids[np.argpartition(ranks[ids], wanted - 1)[:wanted]]
    return ids[np.argsort(ranks[ids], kind="stable")]


def page_in_order(matched: Match, *, newest: bool, limit: int, offset: int) -> list[int]:
    """One page of the matches by name, or newest first (publication time, then id, both
    descending)."""
    snapshot, wanted = matched.snapshot, offset + limit
    order = snapshot.date_order if newest else snapshot.name_order
    if offset >= matched.total:
        return []
    if matched.mask is snapshot.present:
        if newest:
            end = len(order) - offset
            return [int(pk) for pk in order[max(0, end - limit) : end][::-1]]
        return [int(pk) for pk in order[offset:wanted]]
    ranks = snapshot.newest_rank if newest else snapshot.name_rank
    return [int(pk) for pk in first_by_rank(matched.ids(), ranks, wanted)[offset:]]


def page_count(total: int, page_size: int) -> int:
    return max(1, math.ceil(total / page_size))
