"""The narrow part of the index in memory: one copy per process, current with the data version.

Filtering, facet counting and ordering never read record rows, nor even the index tables: they
work on plain Python lists indexed by record id (catalog, settlements, priorities, facet field
values, sort name, publication time, position), sets of record ids per facet value and the ids
in name and date order. At 100,000 records that is a few tens of MB per process.

Every search reads the index state (version and token) together with any change-log rows
newer than the copy it holds, in one single-row query when nothing changed. After a change the
process reloads only the logged records and publishes a new snapshot; snapshots are never
modified once published, so threads that still use the previous one are not disturbed. A
rebuild, a large batch, a gap in the log or a different token (a rolled-back history, as in
tests) makes it load everything again.
"""

import sys
import threading
from array import array
from bisect import bisect_left, insort
from dataclasses import dataclass, field
from typing import Any

from django.db import connection

DOCUMENT_COLUMNS = "record_id, catalog, sort_name, published_at, lat, lon, facet_lines"
DOCUMENT_SQL = f"SELECT {DOCUMENT_COLUMNS} FROM search_searchdocument"
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
NOWHERE = float("nan")

type Row = tuple[int, str, str, Any, float | None, float | None, str]


@dataclass(frozen=True)
class Change:
    version: int
    previous_token: int
    record_id: int | None


def _date_key(published: Any, record_id: int) -> tuple:
    return (1, published, record_id) if published is not None else (0, 0, record_id)


@dataclass(eq=False)
class Snapshot:
    """The indexed records of one data version. Lists are indexed by record id; facet keys
    are ``"name=value"`` strings (``"settlement=12"``), shared between records."""

    version: int
    token: int
    ids: set[int] = field(default_factory=set)
    catalogs: list = field(default_factory=list)
    settlements: list = field(default_factory=list)
    priorities: list = field(default_factory=list)
    fields: list = field(default_factory=list)
    names: list = field(default_factory=list)
    published: list = field(default_factory=list)
    lat: array = field(default_factory=lambda: array("d"))
    lon: array = field(default_factory=lambda: array("d"))
    postings: dict[str, set[int]] = field(default_factory=dict)
    """Record ids per facet key."""
    name_order: array = field(default_factory=lambda: array("q"))
    """Record ids by (sort name, id)."""
    date_order: array = field(default_factory=lambda: array("q"))
    """Record ids by (has a date, date, id); newest first is this reversed."""
    memo: dict = field(default_factory=dict)
    """Facet counts of query-less searches, which repeat (see ``matching.py``)."""

    def name_key(self, record_id: int) -> tuple[str, int]:
        return (self.names[record_id], record_id)

    def date_key(self, record_id: int) -> tuple:
        return _date_key(self.published[record_id], record_id)

    def keys_of(self, record_id: int) -> tuple[str, ...]:
        return (
            self.catalogs[record_id],
            *self.settlements[record_id],
            *self.priorities[record_id],
            *self.fields[record_id],
        )


class _Loader:
    """Turns document rows into snapshot entries, sharing equal strings and tuples."""

    def __init__(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        self.tuples: dict[tuple, tuple] = {}
        self.copied: set[str] = set()

    def _shared(self, values: list[str]) -> tuple[str, ...]:
        values_tuple = tuple(values)
        return self.tuples.setdefault(values_tuple, values_tuple)

    def _grow(self, record_id: int) -> None:
        s = self.snapshot
        missing = record_id + 1 - len(s.names)
        if missing > 0:
            missing = max(missing, len(s.names) // 4)
            for column in (s.catalogs, s.names, s.published):
                column.extend([None] * missing)
            for column in (s.settlements, s.priorities, s.fields):
                column.extend([()] * missing)
            for column in (s.lat, s.lon):
                column.extend([NOWHERE] * missing)

    def _posting(self, key: str) -> set[int]:
        """The id set of ``key``, copied before its first change (the old snapshot keeps its
        own)."""
        postings = self.snapshot.postings
        if key not in self.copied:
            self.copied.add(key)
            postings[key] = set(postings.get(key, ()))
        return postings[key]

    def put(self, row: Row) -> None:
        record_id, catalog, sort_name, published, lat, lon, facet_lines = row
        groups: dict[str, list[str]] = {"settlement": [], "priority": [], "": []}
        for line in facet_lines.split("\n"):
            name = line.partition("=")[0]
            if name and name != "catalog":
                groups.get(name, groups[""]).append(sys.intern(line))
        s = self.snapshot
        self._grow(record_id)
        s.catalogs[record_id] = sys.intern(f"catalog={catalog}")
        s.settlements[record_id] = self._shared(groups["settlement"])
        s.priorities[record_id] = self._shared(groups["priority"])
        s.fields[record_id] = self._shared(groups[""])
        s.names[record_id] = sort_name
        s.published[record_id] = published
        s.lat[record_id] = NOWHERE if lat is None else lat
        s.lon[record_id] = NOWHERE if lon is None else lon
        s.ids.add(record_id)

    def add(self, row: Row) -> None:
        """``put`` into a snapshot whose postings and orders are already built."""
        self.put(row)
        s, record_id = self.snapshot, row[0]
        for key in s.keys_of(record_id):
            self._posting(key).add(record_id)
        insort(s.name_order, record_id, key=s.name_key)
        insort(s.date_order, record_id, key=s.date_key)

    def remove(self, record_id: int) -> None:
        s = self.snapshot
        if record_id not in s.ids:
            return
        for key in s.keys_of(record_id):
            self._posting(key).discard(record_id)
        for order, key in ((s.name_order, s.name_key), (s.date_order, s.date_key)):
            del order[bisect_left(order, key(record_id), key=key)]
        s.ids.discard(record_id)
        s.catalogs[record_id] = s.names[record_id] = s.published[record_id] = None
        s.settlements[record_id] = s.priorities[record_id] = s.fields[record_id] = ()

    def finish_full_load(self) -> None:
        s = self.snapshot
        postings: dict[str, set[int]] = {}
        for record_id in s.ids:
            for key in s.keys_of(record_id):
                postings.setdefault(key, set()).add(record_id)
        s.postings = postings
        s.name_order = array("q", sorted(s.ids, key=s.name_key))
        s.date_order = array("q", sorted(s.ids, key=s.date_key))


def _documents(record_ids: list[int]) -> list[Row]:
    if not record_ids:
        return []
    placeholders = ", ".join(["%s"] * len(record_ids))
    with connection.cursor() as cursor:
        cursor.execute(f"{DOCUMENT_SQL} WHERE record_id IN ({placeholders})", record_ids)
        return cursor.fetchall()


def load_snapshot(version: int, token: int) -> Snapshot:
    """Every indexed record, read in one query (in chunks, so the rows are not all held)."""
    snapshot = Snapshot(version=version, token=token)
    loader = _Loader(snapshot)
    with connection.cursor() as cursor:
        cursor.execute(DOCUMENT_SQL)
        while rows := cursor.fetchmany(LOAD_CHUNK):
            for row in rows:
                loader.put(row)
    loader.finish_full_load()
    return snapshot


def _copy(snapshot: Snapshot, version: int, token: int) -> Snapshot:
    """A new snapshot sharing what will not change (facet id sets are copied when changed)."""
    return Snapshot(
        version=version,
        token=token,
        ids=set(snapshot.ids),
        catalogs=snapshot.catalogs.copy(),
        settlements=snapshot.settlements.copy(),
        priorities=snapshot.priorities.copy(),
        fields=snapshot.fields.copy(),
        names=snapshot.names.copy(),
        published=snapshot.published.copy(),
        lat=array("d", snapshot.lat),
        lon=array("d", snapshot.lon),
        postings=snapshot.postings.copy(),
        name_order=array("q", snapshot.name_order),
        date_order=array("q", snapshot.date_order),
    )


def apply_changes(snapshot: Snapshot, version: int, token: int, record_ids: set[int]) -> Snapshot:
    """``snapshot`` with the current index rows of ``record_ids`` (one query)."""
    changed = _copy(snapshot, version, token)
    loader = _Loader(changed)
    rows = _documents(sorted(record_ids))
    for record_id in record_ids:
        loader.remove(record_id)
    for row in rows:
        loader.add(row)
    return changed


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
        return load_snapshot(*state)
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
