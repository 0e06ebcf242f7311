"""SQL over the narrow index tables: matched ids for one page, totals and facet counts.

Every statement reads ``search_searchdocument d`` (one narrow row per published record), the
full-text structure of the database (``fulltext.match_clause``) and ``search_searchfacet``;
never the wide record rows. Facet counts come from the matched ids in one GROUP BY over the
facet table. All user values travel as parameters.
"""

from dataclasses import dataclass, field

from django.db import connection

from kozkincs.search.fulltext import match_clause, name_order
from kozkincs.search.normalization import ParsedQuery

DOCUMENT_TABLE = "search_searchdocument"
FACET_TABLE = "search_searchfacet"


@dataclass(frozen=True)
class SearchFilters:
    """Validated filters; see ``selectors.record_search``."""

    catalog: str | None = None
    settlement: int | None = None
    priority: int | None = None
    facets: dict[str, tuple[str, ...]] = field(default_factory=dict)
    bbox: tuple[float, float, float, float] | None = None


@dataclass(frozen=True)
class Matched:
    """The FROM/WHERE of "documents matching the query and the filters"."""

    sql: str
    params: list
    score: str
    score_params: list
    everything: bool = False
    """No query and no filter: every indexed record matches."""

    @classmethod
    def build(cls, query: ParsedQuery, filters: SearchFilters) -> "Matched":
        joins, where, params = "", [], []
        score, score_params = "0", []
        if not query.is_empty:
            clause = match_clause(query)
            joins, score, score_params = clause.join, clause.score, clause.score_params
            where.append(clause.where)
            params.extend(clause.params)
        if filters.catalog is not None:
            where.append("d.catalog = %s")
            params.append(filters.catalog)
        facet_filters = [
            ("settlement", (str(filters.settlement),)) if filters.settlement is not None else None,
            ("priority", (str(filters.priority),)) if filters.priority is not None else None,
            *filters.facets.items(),
        ]
        for name, values in filter(None, facet_filters):
            placeholders = ", ".join(["%s"] * len(values))
            where.append(
                f"d.record_id IN (SELECT document_id FROM {FACET_TABLE} "
                f"WHERE name = %s AND value IN ({placeholders}))"
            )
            params.extend([name, *values])
        if filters.bbox is not None:
            west, south, east, north = filters.bbox
            where.append("d.lat BETWEEN %s AND %s AND d.lon BETWEEN %s AND %s")
            params.extend([south, north, west, east])
        sql = f"FROM {DOCUMENT_TABLE} d {joins} WHERE {' AND '.join(where) or '1 = 1'}"
        return cls(
            sql=sql, params=params, score=score, score_params=score_params, everything=not where
        )


ORDERINGS = {
    "relevance": "score DESC, {name}, d.record_id",
    "name": "{name}, d.record_id",
    "newest": "d.published_at DESC NULLS LAST, d.record_id DESC",
}


def page_of_ids(
    matched: Matched, *, sort: str, limit: int, offset: int, with_total: bool
) -> tuple[list[int], int | None]:
    """The record ids of one page in order and, if ``with_total``, how many match in all."""
    total_sql = ", COUNT(*) OVER ()" if with_total else ""
    order = ORDERINGS[sort].format(name=name_order())
    sql = (
        f"SELECT d.record_id, {matched.score} AS score{total_sql} {matched.sql} "
        f"ORDER BY {order} LIMIT %s OFFSET %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*matched.score_params, *matched.params, limit, offset])
        rows = cursor.fetchall()
    total = (rows[0][2] if rows else None) if with_total else None
    return [row[0] for row in rows], total


def count_matched(matched: Matched) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) {matched.sql}", matched.params)
        return cursor.fetchone()[0]


def facet_counts(matched: Matched, names: list[str]) -> dict[str, dict[str, int]]:
    """``{facet name: {value: number of matched records}}`` for the facets ``names``."""
    placeholders = ", ".join(["%s"] * len(names))
    # Drive the lookup from the matched ids (SQLite's CROSS JOIN keeps that order); its planner
    # would otherwise walk the facet index by name over every indexed record.
    join = "JOIN" if connection.vendor == "postgresql" else "CROSS JOIN"
    source = (
        f"{FACET_TABLE} f"
        if matched.everything
        else f"(SELECT d.record_id {matched.sql}) m "
        f"{join} {FACET_TABLE} f ON f.document_id = m.record_id"
    )
    sql = (
        f"SELECT f.name, f.value, COUNT(*) FROM {source} "
        f"WHERE f.name IN ({placeholders}) GROUP BY f.name, f.value"
    )
    counts: dict[str, dict[str, int]] = {name: {} for name in names}
    with connection.cursor() as cursor:
        cursor.execute(sql, [*matched.params, *names])
        for name, value, count in cursor.fetchall():
            counts[name][value] = count
    return counts
