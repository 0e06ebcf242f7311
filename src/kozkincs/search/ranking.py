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

from kozkincs.search.fulltext import fulltext_hits, fulltext_ranked
from kozkincs.search.matching import Match, first_by_rank
from kozkincs.search.normalization import ParsedQuery

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


def query_hits(query: ParsedQuery) -> tuple[np.ndarray, dict[int, float] | None]:
    """The ids of every record matching ``query`` and, when there are at most ``RANK_ALL``,
    their costs (one query); else the ids alone (a second query)."""
    costs = fulltext_ranked(query, limit=RANK_ALL)
    if costs is None:
        return fulltext_hits(query), None
    return np.fromiter(costs.keys(), dtype=np.uint32, count=len(costs)), costs


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
    tier_costs = fulltext_ranked(query, limit=RANK_ALL, names_only=True)
    if tier_costs is not None:
        tier = np.fromiter(tier_costs.keys(), dtype=np.int64, count=len(tier_costs))
        first = _ranked(tier_costs, matched, wanted)
    else:
        tier = fulltext_hits(query, names_only=True).astype(np.int64)
        first = _by_name(tier, matched, wanted)
    if len(first) >= wanted:
        return first[offset:wanted]
    rest = matched.mask.copy()
    rest[tier[tier < len(rest)]] = False
    others = first_by_rank(np.flatnonzero(rest), matched.snapshot.name_rank, wanted - len(first))
    return [*first, *(int(pk) for pk in others)][offset:]
