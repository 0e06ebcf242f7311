"""The hits of common words, kept as bitmaps beside the snapshot they were found for.

Finding every hit of a word that most records contain is the dearest part of a search on
PostgreSQL: the GIN index finds them quickly, but the id of each hit is read from the table's
row, and the rows (each record's whole ``tsvector``) are too wide to stay in a small server's
shared buffers, so a word found in 80,000 of 100,000 records reads most of the table's pages
(about 200 ms here; docs/explanation/performance.md). Such words are few and asked for again
and again, and their hit lists are dense: as one bit per record id, a word found anywhere in
100,000 records takes 12.5 KB.

So a term (one word of a query, with its prefix alternative) whose hits reach
``COMMON_HITS`` is kept, per snapshot and per column set (every column, or the names tier),
as a packed bitmap over the snapshot's record ids, up to ``MEMORY_BUDGET`` bytes per
snapshot. A query whose terms are all kept is answered by ``&`` of their bitmaps; its other
terms are asked of the database together, and what the database returns is intersected with
the kept ones. The bitmaps belong to one snapshot, which is one data version. When the next
snapshot applies a few changed records (``snapshot.apply_changes``), it carries them on with
each changed record's bit set again from its stored tokens (one query); after a full load
(a rebuild, a large batch) it starts without them. The first search for a common word in a
process pays the database's cost; the next ones do not.

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
MEMORY_BUDGET = 4 * 1024 * 1024
"""Bytes of bitmaps per snapshot: 335 terms at 100,000 records, 33 at 1,000,000. Beyond it,
further common terms are asked of the database each time."""

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
        packed = self.bitmaps.get(key)
        if packed is None:
            return None
        return np.unpackbits(packed, count=self.size).view(bool)

    def has_room(self, terms: int) -> bool:
        return self.used + terms * ((self.size + 7) // 8) <= MEMORY_BUDGET

    def keep(self, key: TermKey, hits: np.ndarray) -> None:
        """Keep the term's ``hits`` (ids) if the budget allows."""
        mask = np.zeros(self.size, dtype=bool)
        mask[hits[hits < self.size]] = True
        packed = np.packbits(mask)
        with self.lock:
            if key not in self.bitmaps and self.used + packed.nbytes <= MEMORY_BUDGET:
                self.bitmaps[key] = packed
                self.used += packed.nbytes

    def carried(
        self, size: int, changed: list[int], tokens: dict[int, tuple[frozenset, frozenset]]
    ) -> "TermBitmaps":
        """These bitmaps for the next snapshot (``size`` ids), after the records ``changed``
        whose stored tokens are now ``tokens`` (``fulltext_tokens``: every column's, the
        names'; a changed record without tokens is no longer indexed). Each changed record's
        bit is set again from its tokens, so a bitmap read while those changes were being
        written is corrected too."""
        carried = TermBitmaps(size=size)
        width = (size + 7) // 8
        with self.lock:
            kept = list(self.bitmaps.items())
        for (term, names_only), packed in kept:
            if carried.used + width > MEMORY_BUDGET:
                break
            old = np.unpackbits(packed, count=self.size).view(bool)
            mask = np.zeros(size, dtype=bool)
            mask[: min(size, self.size)] = old[:size]
            for pk in changed:
                if pk < size:
                    words = tokens.get(pk, (frozenset(), frozenset()))[1 if names_only else 0]
                    mask[pk] = _matches(term, words)
            carried.bitmaps[(term, names_only)] = np.packbits(mask)
            carried.used += width
        return carried


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
    if len(hits) >= COMMON_HITS and bitmaps.has_room(1):
        # Every asked term has at least as many hits as their intersection: each is common.
        # One of them is kept per search (alone, it needs a question of its own when others
        # were asked with it), so a first search of several common words costs at most two
        # questions; the next searches with them learn the others.
        term = asked[0][0]
        alone = (
            hits if len(asked) == 1 else fulltext_hits(ParsedQuery((term,)), names_only=names_only)
        )
        bitmaps.keep((term, names_only), alone)
    if not kept:
        return hits
    result = np.zeros(bitmaps.size, dtype=bool)
    result[hits[hits < bitmaps.size]] = True
    for _term, mask in kept:
        result &= mask
    return _ids(result)
