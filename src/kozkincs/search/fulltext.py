"""The database-specific half of the index: write, delete and match pre-normalised tokens.

SQLite keeps the tokens in the FTS5 table ``search_fulltext`` (``rowid`` = record id, the
``ascii`` tokenizer, which never splits or changes our tokens) and ranks with ``bm25``.
PostgreSQL keeps them in the ``document`` tsvector column of ``search_searchdocument``, built
here as a literal (not by a text-search parser), so both databases see exactly the same tokens,
and ranks with ``ts_rank``. Both give the columns the weights name > summary > description >
attributes.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db import connection

from kozkincs.search.normalization import ParsedQuery

FULLTEXT_TABLE = "search_fulltext"
COLUMNS = ("name", "summary", "description", "attributes")
PG_WEIGHTS = {"name": "A", "summary": "B", "description": "C", "attributes": "D"}
# Relative importance of the columns; bm25 takes them per column, ts_rank per letter {D,C,B,A}.
COLUMN_WEIGHTS = {"name": 10.0, "summary": 4.0, "description": 2.0, "attributes": 1.0}
PG_MAX_POSITION = 16383
PG_MAX_POSITIONS_PER_LEXEME = 255


@dataclass(frozen=True)
class FulltextRow:
    """The token text (space separated, from ``normalization.index_text``) of one record."""

    record_id: int
    name: str
    summary: str
    description: str
    attributes: str


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


# --- Writing ---------------------------------------------------------------------------------
def tsvector_literal(row: FulltextRow) -> str:
    """``'token':1A,4A 'other':2B …`` with positions running across the four columns."""
    positions: dict[str, list[str]] = defaultdict(list)
    position = 0
    for column in COLUMNS:
        weight = PG_WEIGHTS[column]
        for token in getattr(row, column).split():
            position = min(position + 1, PG_MAX_POSITION)
            if len(positions[token]) < PG_MAX_POSITIONS_PER_LEXEME:
                positions[token].append(f"{position}{weight}")
    # Tokens are letters and digits only (normalisation guarantees it), so quoting is safe.
    return " ".join(f"'{token}':{','.join(where)}" for token, where in positions.items())


def fulltext_write(rows: list[FulltextRow]) -> None:
    """Store the tokens of ``rows``; their search documents already exist."""
    if not rows:
        return
    with connection.cursor() as cursor:
        if is_postgresql():
            cursor.executemany(
                "UPDATE search_searchdocument SET document = %s::tsvector WHERE record_id = %s",
                [(tsvector_literal(row), row.record_id) for row in rows],
            )
        else:
            cursor.executemany(
                f"INSERT INTO {FULLTEXT_TABLE} (rowid, name, summary, description, attributes) "
                "VALUES (%s, %s, %s, %s, %s)",
                [
                    (row.record_id, row.name, row.summary, row.description, row.attributes)
                    for row in rows
                ],
            )


def fulltext_delete(record_ids: list[int]) -> None:
    """Forget the tokens of ``record_ids`` (on PostgreSQL they go with the document row)."""
    if not record_ids or is_postgresql():
        return
    placeholders = ", ".join(["%s"] * len(record_ids))
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {FULLTEXT_TABLE} WHERE rowid IN ({placeholders})", list(record_ids)
        )


def fulltext_clear() -> None:
    if is_postgresql():
        return
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {FULLTEXT_TABLE}")


# --- Checking --------------------------------------------------------------------------------
def fulltext_differing(rows: list[FulltextRow]) -> set[int]:
    """The record ids among ``rows`` whose stored tokens differ from the row (or are missing)."""
    if not rows:
        return set()
    with connection.cursor() as cursor:
        if is_postgresql():
            values = ", ".join(["(%s::bigint, %s::tsvector)"] * len(rows))
            cursor.execute(
                f"SELECT v.id FROM (VALUES {values}) AS v(id, document) "
                "LEFT JOIN search_searchdocument d ON d.record_id = v.id "
                "WHERE d.document IS DISTINCT FROM v.document",
                [item for row in rows for item in (row.record_id, tsvector_literal(row))],
            )
            return {pk for (pk,) in cursor.fetchall()}
        placeholders = ", ".join(["%s"] * len(rows))
        cursor.execute(
            f"SELECT rowid, {', '.join(COLUMNS)} FROM {FULLTEXT_TABLE} "
            f"WHERE rowid IN ({placeholders})",
            [row.record_id for row in rows],
        )
        stored = {pk: tuple(texts) for pk, *texts in cursor.fetchall()}
    return {
        row.record_id
        for row in rows
        if stored.get(row.record_id) != tuple(getattr(row, column) for column in COLUMNS)
    }


def fulltext_orphans() -> list[int]:
    """Token rows without a search document (only SQLite keeps them apart)."""
    if is_postgresql():
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT rowid FROM {FULLTEXT_TABLE} WHERE rowid NOT IN "
            "(SELECT record_id FROM search_searchdocument) ORDER BY rowid"
        )
        return [pk for (pk,) in cursor.fetchall()]


# --- Matching --------------------------------------------------------------------------------
def fts5_expression(query: ParsedQuery) -> str:
    """``"templ" AND ("kastely" OR "kastelyok"*)``: every term quoted, so nothing in it is an
    operator whatever the user typed."""
    parts = []
    for term in query.terms:
        if term.prefix:
            parts.append(f'("{term.key}" OR "{term.prefix}"*)')
        else:
            parts.append(f'"{term.key}"')
    return " AND ".join(parts)


def tsquery_literal(query: ParsedQuery) -> str:
    """``'templ' & ('kastely' | 'kastelyok':*)``, parsed by PostgreSQL's tsquery input."""
    parts = []
    for term in query.terms:
        if term.prefix:
            parts.append(f"('{term.key}' | '{term.prefix}':*)")
        else:
            parts.append(f"'{term.key}'")
    return " & ".join(parts)


def fulltext_costs(query: ParsedQuery) -> dict[int, float]:
    """``{record id: cost}`` of every record matching ``query``; a lower cost ranks higher.

    One query returns every hit with its score; filtering, ranking and paging happen in memory
    (``search/matching.py``). ``ORDER BY rank LIMIT`` plus an id-only query for the facets took
    about as long (4.7 against 5.1 ms for 4,329 hits) and would need a retry loop for ties and
    selective filters.
    """
    if is_postgresql():
        literal = tsquery_literal(query)
        ratios = (COLUMN_WEIGHTS[c] / COLUMN_WEIGHTS["name"] for c in reversed(COLUMNS))
        weights = "{" + ", ".join(str(ratio) for ratio in ratios) + "}"
        sql = (
            "SELECT record_id, -ts_rank(%s::float4[], document, %s::tsquery) "
            "FROM search_searchdocument WHERE document @@ %s::tsquery"
        )
        params = [weights, literal, literal]
    else:
        weights = ", ".join(str(COLUMN_WEIGHTS[c]) for c in COLUMNS)
        sql = (
            f"SELECT rowid, bm25({FULLTEXT_TABLE}, {weights}) FROM {FULLTEXT_TABLE} "
            f"WHERE {FULLTEXT_TABLE} MATCH %s"
        )
        params = [fts5_expression(query)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return dict(cursor.fetchall())
