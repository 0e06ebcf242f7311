"""The narrow part of the index in memory: one copy per process, current with the data version.

Filtering, facet counting and ordering never read record rows, nor even the index tables: they
work on NumPy arrays indexed by record id, so their cost grows with the number of records
matched, in C, not in Python. A snapshot holds

- ``present``: which record ids are indexed (a boolean per id);
- one :class:`FacetColumn` per facet (catalog, settlement, priority and every catalog facet
  field): the (record id, value code) pair of every value of every record;
- the record ids in name order and in publication order, and each id's position in them;
- each record's point (its own or its settlement's centre) for the bounding-box filter.

About 40 bytes per record plus 8 per facet value, whatever the texts: 100,000 records take a
few MB, 1,000,000 a few tens of MB.

Every search reads the index state (version and token) together with any change-log rows
newer than the copy it holds, in one single-row query when nothing changed. After a change the
process reloads the logged records' rows and the two orders, and publishes a new snapshot;
snapshots are never modified once published, so threads that still use the previous one are
not disturbed. A rebuild, a large batch, a gap in the log or a different token (a rolled-back
history, as in tests) makes it load everything again.
"""

import threading
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.db import connection
from django.db.models import F, QuerySet
from django.db.models.functions import Collate

from kozkincs.core.memory import release_free_memory
from kozkincs.search.fulltext import fulltext_tokens
from kozkincs.search.models import SearchDocument
from kozkincs.search.terms import TermBitmaps

DOCUMENT_COLUMNS = ("record_id", "catalog", "lat", "lon", "facet_lines")
STATE_AND_CHANGES_SQL = (
    "SELECT s.version, s.token, c.version, c.previous_token, c.record_id "
    "FROM search_searchstate s LEFT JOIN search_searchchange c ON c.version > %s "
    "WHERE s.id = 1 ORDER BY c.version"
)
NO_SNAPSHOT = 2**62
"""Version passed when there is no snapshot yet: only the state row is read."""
INCREMENTAL_LIMIT = 900
"""More changed records than this (one query's worth) are loaded with everything else."""
LOAD_CHUNK = 5000
SHARED_FACETS = ("catalog", "settlement", "priority")

IDS = np.uint32
NOWHERE = np.float32("nan")


FEW_RECORDS_PER_PAIR = 8
"""A facet count looks up the pairs of each matching record (binary search) when there are
at least this many pairs per matching record; else it scans every pair once."""


@dataclass(frozen=True)
class FacetColumn:
    """The values of one facet: ``values[code]`` is a value's text; the arrays ``docs`` and
    ``codes`` hold one (record id, value code) pair per value of a record, ordered by record id
    (:meth:`by_record` builds a column so)."""

    values: tuple[str, ...] = ()
    docs: np.ndarray = field(default_factory=lambda: np.zeros(0, IDS))
    codes: np.ndarray = field(default_factory=lambda: np.zeros(0, IDS))

    @classmethod
    def by_record(cls, values: tuple[str, ...], docs: np.ndarray, codes: np.ndarray):
        order = np.argsort(docs, kind="stable")
        return cls(values=values, docs=docs[order], codes=codes[order])

    def code_of(self) -> dict[str, int]:
        return {value: code for code, value in enumerate(self.values)}

    def counts(self, mask: np.ndarray, ids: np.ndarray | None = None) -> dict[str, int]:
        """``{value: number of records}`` among the records ``mask`` selects (zeros left out);
        ``ids``, the same records as ids, lets a search with few matches count their pairs
        alone instead of scanning every record's."""
        if not len(self.docs):
            return {}
        if ids is not None and len(ids) * FEW_RECORDS_PER_PAIR <= len(self.docs):
            codes = self.codes[_pair_positions(self.docs, ids)]
        else:
            codes = self.codes[mask[self.docs]]
        counted = np.bincount(codes, minlength=len(self.values))
        return {self.values[code]: int(counted[code]) for code in np.flatnonzero(counted)}

    def mask(self, values: Iterable[str], size: int) -> np.ndarray:
        """The records having any of ``values``."""
        code_of = self.code_of()
        wanted = [code_of[value] for value in values if value in code_of]
        selected = np.zeros(size, dtype=bool)
        if wanted:
            selected[self.docs[np.isin(self.codes, wanted)]] = True
        return selected

    def has(self, value: str) -> bool:
        return value in self.values


@dataclass(eq=False)
class Snapshot:
    """The indexed records of one data version (arrays indexed by record id)."""

    version: int
    token: int
    present: np.ndarray
    facets: dict[str, FacetColumn]
    name_order: np.ndarray
    """Record ids by (folded name, id)."""
    name_rank: np.ndarray
    """Position of each record id in ``name_order``."""
    date_order: np.ndarray
    """Record ids by (has a date, date, id); newest first is this reversed."""
    newest_rank: np.ndarray
    """Position of each record id in the newest-first order."""
    lat: np.ndarray
    lon: np.ndarray
    memo: dict = field(default_factory=dict)
    """Facet counts of query-less searches and facet labels, which repeat (``matching.py``,
    ``facets.py``); dropped with the snapshot."""
    terms: TermBitmaps = field(init=False)
    """The hits of common words found for this snapshot (``terms.py``); dropped with it."""

    def __post_init__(self) -> None:
        self.terms = TermBitmaps(size=len(self.present))

    @property
    def size(self) -> int:
        return len(self.present)

    @property
    def count(self) -> int:
        return len(self.name_order)

    def facet(self, name: str) -> FacetColumn:
        return self.facets.get(name) or FacetColumn()

    def mask_of(self, ids: np.ndarray) -> np.ndarray:
        """A boolean per record id, true for the indexed records among ``ids``."""
        mask = np.zeros(self.size, dtype=bool)
        ids = ids[ids < self.size]
        mask[ids] = True
        return mask & self.present


type Row = tuple[int, str, float | None, float | None, str]


class _Pairs:
    """Collects the (record, value) pairs of every facet while rows are read."""

    def __init__(self, start: dict[str, FacetColumn] | None = None) -> None:
        self.code_of: dict[str, dict[str, int]] = {
            name: column.code_of() for name, column in (start or {}).items()
        }
        # Four bytes per entry while loading (a list of ints would take nine times as much).
        self.docs: dict[str, array] = {}
        self.codes: dict[str, array] = {}

    def add(self, name: str, record_id: int, value: str) -> None:
        code_of = self.code_of.setdefault(name, {})
        code = code_of.setdefault(value, len(code_of))
        if name not in self.docs:
            self.docs[name], self.codes[name] = array("I"), array("I")
        self.docs[name].append(record_id)
        self.codes[name].append(code)

    def add_row(self, row: Row) -> None:
        record_id, catalog, _lat, _lon, facet_lines = row
        self.add("catalog", record_id, catalog)
        for line in facet_lines.split("\n"):
            name, _, value = line.partition("=")
            if name and name != "catalog":
                self.add(name, record_id, value)

    def columns(self, keep: dict[str, FacetColumn] | None = None, drop=None) -> dict:
        """The facet columns: ``keep``'s pairs (minus those of the ids ``drop`` selects)
        followed by the collected ones."""
        keep = keep or {}
        result = {}
        for name in set(keep) | set(self.code_of):
            old = keep.get(name, FacetColumn())
            docs, codes = old.docs, old.codes
            if drop is not None and len(docs):
                kept = ~drop[docs]
                docs, codes = docs[kept], codes[kept]
            code_of = self.code_of.get(name, {})
            values = tuple(code_of) if code_of else old.values
            result[name] = FacetColumn.by_record(
                values,
                np.concatenate([docs, np.frombuffer(self.docs.get(name, b""), dtype=IDS)]),
                np.concatenate([codes, np.frombuffer(self.codes.get(name, b""), dtype=IDS)]),
            )
        return result


def _pair_positions(docs: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """Positions in ``docs`` (sorted) of every pair whose record is among ``ids``."""
    starts = np.searchsorted(docs, ids, side="left")
    lengths = np.searchsorted(docs, ids, side="right") - starts
    total = int(lengths.sum())
    if not total:
        return np.zeros(0, dtype=np.intp)
    # Each pair's position: its run's start plus its place in the run.
    run_starts = np.repeat(starts - np.cumsum(lengths) + lengths, lengths)
    return run_starts + np.arange(total)


def _name_ordered(**filters: Any) -> QuerySet[SearchDocument]:
    """Index rows in name order: the folded names' byte order (``COLLATE "C"`` on PostgreSQL,
    SQLite's default), then the id."""
    sort_name = Collate("sort_name", "C") if connection.vendor == "postgresql" else "sort_name"
    return SearchDocument.objects.filter(**filters).order_by(sort_name, "record_id")


def _rows(queryset: QuerySet, *columns: str) -> Iterator[tuple]:
    """The ``columns`` of ``queryset``'s rows, read in chunks and never all held at once: on
    PostgreSQL through a server-side cursor (``QuerySet.iterator``), where a plain cursor would
    receive the whole result into the client library's memory first (about 300 MB for the
    documents of 1,000,000 records, which the process then keeps)."""
    return queryset.values_list(*columns).iterator(chunk_size=LOAD_CHUNK)


def _ids(queryset: QuerySet) -> np.ndarray:
    ids = (record_id for (record_id,) in _rows(queryset, "record_id"))
    return np.frombuffer(array("I", ids), dtype=IDS)


def _name_orders(size: int) -> tuple[np.ndarray, np.ndarray]:
    """Name order and its ranks of every indexed record."""
    order = _ids(_name_ordered())
    return order, _ranks(order, size)


def _date_orders(size: int) -> dict[str, np.ndarray]:
    """Publication order (records without a date first), then the id."""
    by_date = SearchDocument.objects.order_by(F("published_at").asc(nulls_first=True), "record_id")
    date_order = _ids(by_date)
    return {"date_order": date_order, "newest_rank": _ranks(date_order[::-1], size)}


def _ranks(order: np.ndarray, size: int) -> np.ndarray:
    ranks = np.zeros(size, dtype=IDS)
    ranks[order] = np.arange(len(order), dtype=IDS)
    return ranks


def _size_for(max_id: int, current: int = 0) -> int:
    """Array length for ids up to ``max_id``, grown by a quarter at a time."""
    needed = max_id + 1
    if needed <= current:
        return current
    return max(needed, current + current // 4)


def _grown(array: np.ndarray, size: int, fill: Any) -> np.ndarray:
    if len(array) >= size:
        return array.copy()
    grown = np.full(size, fill, dtype=array.dtype)
    grown[: len(array)] = array
    return grown


def _put(row: Row, present, lat, lon, pairs: _Pairs) -> None:
    record_id = row[0]
    present[record_id] = True
    if row[2] is not None and row[3] is not None:
        lat[record_id], lon[record_id] = row[2], row[3]
    pairs.add_row(row)


def load_snapshot(version: int, token: int) -> Snapshot:
    """Every indexed record, read in one query (in chunks), in name order; the date order."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT max(record_id) FROM search_searchdocument")
        size = _size_for(cursor.fetchone()[0] or 0)
    present = np.zeros(size, dtype=bool)
    lat = np.full(size, NOWHERE, dtype=np.float32)
    lon = np.full(size, NOWHERE, dtype=np.float32)
    pairs, name_order = _Pairs(), array("I")
    for row in _rows(_name_ordered(), *DOCUMENT_COLUMNS):
        if row[0] >= size:  # indexed after the size was read
            size = _size_for(row[0], size)
            present, lat, lon = (
                _grown(present, size, False),
                _grown(lat, size, NOWHERE),
                _grown(lon, size, NOWHERE),
            )
        name_order.append(row[0])
        _put(row, present, lat, lon, pairs)
    order = np.frombuffer(name_order, dtype=IDS)
    return Snapshot(
        version=version,
        token=token,
        present=present,
        facets=pairs.columns(),
        name_order=order,
        name_rank=_ranks(order, size),
        **_date_orders(size),
        lat=lat,
        lon=lon,
    )


def apply_changes(snapshot: Snapshot, version: int, token: int, record_ids: set[int]) -> Snapshot:
    """``snapshot`` with the current index rows of ``record_ids`` (three queries; a fourth
    reads their tokens when common words' hits are kept, ``terms.py``)."""
    ids = sorted(record_ids)
    rows = list(_rows(_name_ordered(record_id__in=ids), *DOCUMENT_COLUMNS)) if ids else []
    size = _size_for(max((row[0] for row in rows), default=0), snapshot.size)
    present = _grown(snapshot.present, size, False)
    lat = _grown(snapshot.lat, size, NOWHERE)
    lon = _grown(snapshot.lon, size, NOWHERE)
    changed = np.zeros(size, dtype=bool)
    changed[[pk for pk in ids if pk < size]] = True
    present[changed] = False
    lat[changed] = lon[changed] = NOWHERE
    pairs = _Pairs(snapshot.facets)
    for row in rows:
        _put(row, present, lat, lon, pairs)
    name_order, name_rank = _name_orders(size)
    applied = Snapshot(
        version=version,
        token=token,
        present=present,
        facets=pairs.columns(keep=snapshot.facets, drop=changed),
        name_order=name_order,
        name_rank=name_rank,
        **_date_orders(size),
        lat=lat,
        lon=lon,
    )
    if snapshot.terms.bitmaps:  # a fourth query only when common words are kept
        applied.terms = snapshot.terms.carried(size, ids, fulltext_tokens(ids))
    return applied


@dataclass(frozen=True)
class Change:
    version: int
    previous_token: int
    record_id: int | None


def _changed_ids(snapshot: Snapshot | None, version: int, changes: list[Change]) -> set | None:
    """The record ids to reload, or None when the log does not continue ``snapshot``."""
    if snapshot is None or not changes or version < snapshot.version:
        return None
    first = changes[0]
    if first.version != snapshot.version + 1 or first.previous_token != snapshot.token:
        return None
    versions = {change.version for change in changes}
    if len(versions) != version - snapshot.version or changes[-1].version != version:
        return None
    ids = {change.record_id for change in changes}
    if None in ids or len(ids) > INCREMENTAL_LIMIT:
        return None
    return ids


def _state_and_changes(since: int) -> tuple[tuple[int, int], list[Change]]:
    with connection.cursor() as cursor:
        cursor.execute(STATE_AND_CHANGES_SQL, [since])
        rows = cursor.fetchall()
    if not rows:
        return (0, 0), []
    state = (rows[0][0], rows[0][1])
    return state, [Change(*row[2:]) for row in rows if row[2] is not None]


_current: Snapshot | None = None
_lock = threading.Lock()


def _refreshed(snapshot: Snapshot | None, state: tuple[int, int], changes: list[Change]):
    record_ids = _changed_ids(snapshot, state[0], changes)
    if record_ids is None:
        loaded = load_snapshot(*state)
        # The load's temporaries (row chunks, the pairs before sorting) are as large as the
        # snapshot; without this the process keeps their pages (core/memory.py).
        release_free_memory()
        return loaded
    return apply_changes(snapshot, state[0], state[1], record_ids)


def index_snapshot() -> Snapshot:
    """The in-memory index at the current data version (one small query when unchanged)."""
    global _current
    snapshot = _current
    state, changes = _state_and_changes(snapshot.version if snapshot else NO_SNAPSHOT)
    if snapshot is not None and (snapshot.version, snapshot.token) == state:
        return snapshot
    with _lock:
        if _current is not snapshot:  # another thread refreshed meanwhile
            snapshot = _current
            state, changes = _state_and_changes(snapshot.version if snapshot else NO_SNAPSHOT)
            if snapshot is not None and (snapshot.version, snapshot.token) == state:
                return snapshot
        _current = _refreshed(snapshot, state, changes)
        return _current
