"""The hits of common words, kept beside the snapshot they were found for.

Finding every hit of a word that most records contain is the dearest part of a search on
PostgreSQL: the GIN index finds them quickly, but the id of each hit is read from the table's
row, and the rows (each record's whole ``tsvector``) are too wide to stay in a small server's
shared buffers, so a word found in 80,000 of 100,000 records reads most of the table's pages
(about 200 ms here; docs/explanation/search.md). Such words are searched again and again.

So a term (one word of a query, with its prefix alternative) whose hits reach
``COMMON_HITS`` is kept, per snapshot and per column set (every column, or the names tier),
in the smaller of two forms: a packed bitmap over the snapshot's record ids (one bit per id:
12.5 KB at 100,000 records, whatever the hits) or its sorted ids (4 bytes per hit, smaller
below one hit in 32 ids), up to ``MEMORY_BUDGET`` bytes per snapshot. A query whose terms
are all kept is answered by ``&`` of their masks; its other terms are asked of the database
together, and what the database returns is intersected with the kept ones. The kept hits
belong to one snapshot, which is one data version. When the next snapshot applies a few
changed records (``snapshot.apply_changes``), it carries them on with each changed record's
bit set again from its stored tokens (one query); after a full load (a rebuild, a large
batch) it starts without them. The first search for a common word in a process pays the
database's cost; the next ones do not.

Both databases go through here; on SQLite, whose full-text index returns a word's hits
without reading any row, the saving is smaller.
"""

import threading
from dataclasses import dataclass, field

import numpy as np

from kozkincs.search.fulltext import fulltext_hits
from kozkincs.search.normalization import ParsedQuery, QueryTerm

COMMON_HITS = 2000
"""A term with at least this many hits is kept (the ranking's ``RANK_ALL``: a query with more
hits than this is not ranked hit by hit, so its hits are only ever used as a set)."""
MEMORY_BUDGET = 16 * 1024 * 1024
"""Bytes of kept hits per snapshot: at least 1,340 terms at 100,000 records, 134 at
1,000,000 (more where they are kept as ids). Beyond it, further common terms are asked of the
database each time."""

type TermKey = tuple[QueryTerm, bool]


@dataclass(eq=False)
class TermBitmaps:
    """The kept bitmaps of one snapshot (``Snapshot.terms``), shared by its threads."""

    size: int
    """Bits per bitmap: the snapshot's array length (ids at or beyond it are not indexed)."""
    bitmaps: dict[TermKey, np.ndarray] = field(default_factory=dict)
    used: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def get(self, key: TermKey) -> np.ndarray | None:
        """The term's hits as a boolean mask, or None when it is not kept."""
        kept = self.bitmaps.get(key)
        if kept is None:
            return None
        return _mask(kept, self.size)

    def has_room(self, terms: int) -> bool:
        return self.used + terms * _bitmap_bytes(self.size) <= MEMORY_BUDGET

    def keep(self, key: TermKey, hits: np.ndarray) -> None:
        """Keep the term's ``hits`` (ids) if the budget allows."""
        mask = np.zeros(self.size, dtype=bool)
        mask[hits[hits < self.size]] = True
        self._store(key, _compact(mask))

    def _store(self, key: TermKey, kept: np.ndarray) -> None:
        with self.lock:
            if key not in self.bitmaps and self.used + kept.nbytes <= MEMORY_BUDGET:
                self.bitmaps[key] = kept
                self.used += kept.nbytes

    def carried(
        self, size: int, changed: list[int], tokens: dict[int, tuple[frozenset, frozenset]]
    ) -> "TermBitmaps":
        """These bitmaps for the next snapshot (``size`` ids), after the records ``changed``
        whose stored tokens are now ``tokens`` (``fulltext_tokens``: every column's, the
        names'; a changed record without tokens is no longer indexed). Each changed record's
        bit is set again from its tokens, so a bitmap read while those changes were being
        written is corrected too."""
        carried = TermBitmaps(size=size)
        with self.lock:
            kept = list(self.bitmaps.items())
        for (term, names_only), hits in kept:
            old = _mask(hits, self.size)
            mask = np.zeros(size, dtype=bool)
            mask[: min(size, self.size)] = old[:size]
            for pk in changed:
                if pk < size:
                    words = tokens.get(pk, (frozenset(), frozenset()))[1 if names_only else 0]
                    mask[pk] = _matches(term, words)
            carried._store((term, names_only), _compact(mask))
        return carried


def _bitmap_bytes(size: int) -> int:
    return (size + 7) // 8


def _compact(mask: np.ndarray) -> np.ndarray:
    """``mask`` as a packed bitmap (``uint8``) or as its ids (``uint32``), the smaller."""
    hits = int(np.count_nonzero(mask))
    if hits * 4 < _bitmap_bytes(len(mask)):
        return np.flatnonzero(mask).astype(np.uint32)
    return np.packbits(mask)


def _mask(kept: np.ndarray, size: int) -> np.ndarray:
    if kept.dtype == np.uint8:
        return np.unpackbits(kept, count=size).view(bool)
    mask = np.zeros(size, dtype=bool)
    mask[kept] = True
    return mask


def _matches(term: QueryTerm, words: frozenset) -> bool:
    """Whether a record with these stored tokens matches ``term``, as the full-text index
    matches it (the key itself, or any token starting with the prefix)."""
    if term.key in words:
        return True
    return term.prefix is not None and any(word.startswith(term.prefix) for word in words)


def _ids(mask: np.ndarray) -> np.ndarray:
    return np.flatnonzero(mask).astype(np.uint32)


def term_hits(bitmaps: TermBitmaps, query: ParsedQuery, *, names_only: bool = False):
    """The ids of every record matching ``query`` (``fulltext_hits``'s answer, unordered for
    it and ascending here), using and filling ``bitmaps``."""
    kept, asked = [], []
    for term in query.terms:
        mask = bitmaps.get((term, names_only))
        (asked if mask is None else kept).append((term, mask))
    if not asked:
        result = kept[0][1]
        for _term, mask in kept[1:]:
            result = result & mask
        return _ids(result)
    hits = fulltext_hits(ParsedQuery(tuple(term for term, _ in asked)), names_only=names_only)
    if len(hits) >= COMMON_HITS and bitmaps.has_room(len(asked)):
        # Every asked term has at least as many hits as their intersection: each is common.
        # Each is kept (alone it needs a question of its own when others were asked with it:
        # a first search of two common words costs three questions, the next ones none).
        for term, _mask in asked:
            alone = (
                hits
                if len(asked) == 1
                else fulltext_hits(ParsedQuery((term,)), names_only=names_only)
            )
            bitmaps.keep((term, names_only), alone)
    if not kept:
        return hits
    result = np.zeros(bitmaps.size, dtype=bool)
    result[hits[hits < bitmaps.size]] = True
    for _term, mask in kept:
        result &= mask
    return _ids(result)
