"""Which matches of a query come first: relevance as the database ranks it, where it is worth it.

A query with at most ``RANK_ALL`` (2,000) hits has every hit ranked by the database over all columns
(``bm25`` on SQLite, ``ts_rank`` on PostgreSQL; name > settlement > summary > description >
attributes), ties by name. A query with more hits (a word found in most records, a two-letter
prefix) is ranked in two tiers: first the records whose name or settlement matches, ranked by
the database over those columns (by name when even they are more than ``RANK_ALL``), then
every other match by name. Ranking each of 100,000 hits costs more than the rest of the
search together (docs/explanation/performance.md), and for a word that most records contain
the scores say little about which record is wanted; the records named after it or located in
it are what a visitor expects first.
"""

import numpy as np

from kozkincs.search.fulltext import fulltext_costs
from kozkincs.search.matching import Match, first_by_rank
from kozkincs.search.normalization import ParsedQuery
from kozkincs.search.snapshot import Snapshot
from kozkincs.search.terms import term_hits

RANK_ALL = 2000


def _ranked(costs: dict[int, float], matched: Match, wanted: int) -> list[int]:
    """The ``wanted`` best of the matches among ``costs`` by (cost, name, id)."""
    snapshot = matched.snapshot
    ids = np.fromiter(costs.keys(), dtype=np.int64, count=len(costs))
    scores = np.fromiter(costs.values(), dtype=np.float64, count=len(costs))
    inside = ids < snapshot.size
    ids, scores = ids[inside], scores[inside]
    kept = matched.mask[ids]
    ids, scores = ids[kept], scores[kept]
    order = np.lexsort((ids, snapshot.name_rank[ids], scores))[:wanted]
    return [int(pk) for pk in ids[order]]


def _by_name(ids: np.ndarray, matched: Match, wanted: int) -> list[int]:
    snapshot = matched.snapshot
    ids = ids[ids < snapshot.size]
    ids = np.unique(ids[matched.mask[ids]])
    return [int(pk) for pk in first_by_rank(ids, snapshot.name_rank, wanted)]


def _costs_if_few(
    query: ParsedQuery, hits: np.ndarray, *, names_only: bool = False
) -> dict[int, float] | None:
    if len(hits) > RANK_ALL:
        return None
    return fulltext_costs(query, hits, names_only=names_only)


def query_hits(
    query: ParsedQuery, snapshot: Snapshot
) -> tuple[np.ndarray, dict[int, float] | None]:
    """The ids of every record matching ``query`` and, when there are at most ``RANK_ALL``,
    their costs. The hits come first (one pass over the index, or the bitmaps of common words
    kept with ``snapshot``: ``terms.py``), so a very common word never pays for ranking that
    would be thrown away; the few hits of the other queries are then ranked by a second, cheap
    query."""
    hits = term_hits(snapshot.terms, query)
    return hits, _costs_if_few(query, hits)


def relevance_page(
    matched: Match,
    query: ParsedQuery,
    costs: dict[int, float] | None,
    *,
    limit: int,
    offset: int,
) -> list[int]:
    """The record ids of one page of ``matched`` (a search for ``query``, with the ``costs``
    ``query_hits`` gave) by relevance."""
    wanted = offset + limit
    if offset >= matched.total or matched.hits is None:
        return []
    if costs is not None:
        return _ranked(costs, matched, wanted)[offset:]
    tier = term_hits(matched.snapshot.terms, query, names_only=True).astype(np.int64)
    tier_costs = _costs_if_few(query, tier, names_only=True)
    if tier_costs is not None:
        first = _ranked(tier_costs, matched, wanted)
    else:
        first = _by_name(tier, matched, wanted)
    if len(first) >= wanted:
        return first[offset:wanted]
    rest = matched.mask.copy()
    rest[tier[tier < len(rest)]] = False
    others = first_by_rank(np.flatnonzero(rest), matched.snapshot.name_rank, wanted - len(first))
    return [*first, *(int(pk) for pk in others)][offset:]
