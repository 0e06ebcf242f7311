"""The database-specific half of the index: write, delete and match pre-normalised tokens.

SQLite keeps the tokens in the FTS5 table ``search_fulltext`` (``rowid`` = record id, the
``ascii`` tokenizer, which never splits or changes our tokens), the name and settlement tokens
once more in ``search_fulltext_names`` (the first ranking tier reads only these: a common
word's entries in the whole table are long), and ranks with ``bm25``.
PostgreSQL keeps them in the table ``search_fulltext`` too: a ``document`` tsvector of every
column and a ``names`` tsvector of the name and settlement columns, each with a GIN index,
built here as literals (not by a text-search parser), so both databases see exactly the same
tokens; it ranks with ``ts_rank``. Both weigh the columns name > settlement > summary >
description > attributes.

Matching returns every hit as a NumPy array of record ids, read in one row of text
(``group_concat`` / ``string_agg``): fetching tens of thousands of one-column rows would cost
more than finding them. Ranking is asked for only where it is affordable (see
``search/ranking.py``): ``fulltext_costs`` ranks the hits once their number is known to be
small.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from django.db import connection

from kozkincs.core.bulk_rows import copy_rows
from kozkincs.core.id_lists import bigint_array_literal
from kozkincs.search.normalization import ParsedQuery

FULLTEXT_TABLE = "search_fulltext"
COLUMNS = ("name", "settlement", "summary", "description", "attributes")
NAME_COLUMNS = ("name", "settlement")
"""The columns of the first ranking tier: a record named so, or located there (the first
ones of ``COLUMNS``, which ``tsvector_literals`` relies on)."""
NAMES_TABLE = "search_fulltext_names"
"""SQLite only: the ``NAME_COLUMNS`` of every row of ``FULLTEXT_TABLE`` (PostgreSQL keeps
them as the ``names`` tsvector of the same table, with its own index)."""
PG_WEIGHTS = {"name": "A", "settlement": "A", "summary": "B", "description": "C", "attributes": "D"}
COLUMN_WEIGHTS = {
    "name": 10.0, "settlement": 8.0, "summary": 4.0, "description": 2.0, "attributes": 1.0,
}  # fmt: skip
"""Relative importance of the columns; bm25 takes them per column, ts_rank per letter."""
PG_RANK_WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"
"""ts_rank's weights of the letters D, C, B, A (attributes … name), as COLUMN_WEIGHTS / 10."""
PG_MAX_POSITION = 16383
PG_MAX_POSITIONS_PER_LEXEME = 255

NO_IDS = np.zeros(0, dtype=np.uint32)


@dataclass(frozen=True)
class FulltextRow:
    """The token text (space separated, from ``normalization.index_text``) of one record."""

    record_id: int
    name: str
    settlement: str
    summary: str
    description: str
    attributes: str


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


# --- Writing ---------------------------------------------------------------------------------
def tsvector_literals(row: FulltextRow) -> tuple[str, str]:
    """The ``document`` and ``names`` tsvectors of ``row`` as literals (``'token':1A,4A
    'other':2B …``), positions running across the columns, in one pass: the name columns
    come first, so the ``names`` literal is the document's as it stands after them."""
    positions: dict[str, list[str]] = defaultdict(list)
    position = 0
    names = ""
    for column in COLUMNS:
        weight = PG_WEIGHTS[column]
        for token in getattr(row, column).split():
            position = min(position + 1, PG_MAX_POSITION)
            if len(positions[token]) < PG_MAX_POSITIONS_PER_LEXEME:
                positions[token].append(f"{position}{weight}")
        if column == NAME_COLUMNS[-1]:
            names = _literal(positions)
    return _literal(positions), names


def _literal(positions: dict[str, list[str]]) -> str:
    # Tokens are letters and digits only (normalisation guarantees it), so quoting is safe.
    return " ".join(f"'{token}':{','.join(where)}" for token, where in positions.items())


def fulltext_write(rows: Iterable[FulltextRow]) -> None:
    """Store the tokens of ``rows`` (after ``fulltext_delete`` of the same ids).

    On PostgreSQL one COPY reads ``rows`` as they come: given a generator, the server stores
    the rows already sent while the next ones are computed."""
    with connection.cursor() as cursor:
        if is_postgresql():
            # COPY reads each tsvector in the literal form the cast would.
            values = ((row.record_id, *tsvector_literals(row)) for row in rows)
            copy_rows(cursor, FULLTEXT_TABLE, ("record_id", "document", "names"), values)
        else:
            rows = list(rows)
            for table, columns in ((FULLTEXT_TABLE, COLUMNS), (NAMES_TABLE, NAME_COLUMNS)):
                cursor.executemany(
                    f"INSERT INTO {table} (rowid, {', '.join(columns)}) "
                    f"VALUES (%s, {', '.join(['%s'] * len(columns))})",
                    [
                        (row.record_id, *(getattr(row, column) for column in columns))
                        for row in rows
                    ],
                )


def _id_column() -> str:
    return "record_id" if is_postgresql() else "rowid"


def _tables() -> tuple[str, ...]:
    return (FULLTEXT_TABLE,) if is_postgresql() else (FULLTEXT_TABLE, NAMES_TABLE)


def fulltext_delete(record_ids: list[int]) -> None:
    """Forget the tokens of ``record_ids``."""
    if not record_ids:
        return
    placeholders = ", ".join(["%s"] * len(record_ids))
    with connection.cursor() as cursor:
        for table in _tables():
            cursor.execute(
                f"DELETE FROM {table} WHERE {_id_column()} IN ({placeholders})",
                list(record_ids),
            )


def fulltext_clear() -> None:
    with connection.cursor() as cursor:
        for table in _tables():
            cursor.execute(f"DELETE FROM {table}")


# --- Checking --------------------------------------------------------------------------------
def fulltext_differing(rows: list[FulltextRow]) -> set[int]:
    """The record ids among ``rows`` whose stored tokens differ from the row (or are missing)."""
    if not rows:
        return set()
    with connection.cursor() as cursor:
        if is_postgresql():
            values = ", ".join(["(%s::bigint, %s::tsvector, %s::tsvector)"] * len(rows))
            cursor.execute(
                f"SELECT v.id FROM (VALUES {values}) AS v(id, document, names) "
                f"LEFT JOIN {FULLTEXT_TABLE} f ON f.record_id = v.id "
                "WHERE f.document IS DISTINCT FROM v.document "
                "OR f.names IS DISTINCT FROM v.names",
                [item for row in rows for item in (row.record_id, *tsvector_literals(row))],
            )
            return {pk for (pk,) in cursor.fetchall()}
        placeholders = ", ".join(["%s"] * len(rows))
        differing = set()
        for table, columns in ((FULLTEXT_TABLE, COLUMNS), (NAMES_TABLE, NAME_COLUMNS)):
            cursor.execute(
                f"SELECT rowid, {', '.join(columns)} FROM {table} WHERE rowid IN ({placeholders})",
                [row.record_id for row in rows],
            )
            stored = {pk: tuple(texts) for pk, *texts in cursor.fetchall()}
            differing |= {
                row.record_id
                for row in rows
                if stored.get(row.record_id) != tuple(getattr(row, column) for column in columns)
            }
    return differing


def fulltext_tokens(record_ids: list[int]) -> dict[int, tuple[frozenset, frozenset]]:
    """The stored tokens of ``record_ids`` (those indexed): every column's, and the name and
    settlement columns' (what the names tier searches)."""
    if not record_ids:
        return {}
    with connection.cursor() as cursor:
        if is_postgresql():
            cursor.execute(
                f"SELECT record_id, tsvector_to_array(document), tsvector_to_array(names) "
                f"FROM {FULLTEXT_TABLE} WHERE record_id = ANY(%s::bigint[])",
                [bigint_array_literal(record_ids)],
            )
            return {
                pk: (frozenset(every), frozenset(names)) for pk, every, names in cursor.fetchall()
            }
        placeholders = ", ".join(["%s"] * len(record_ids))
        cursor.execute(
            f"SELECT rowid, {', '.join(COLUMNS)} FROM {FULLTEXT_TABLE} "
            f"WHERE rowid IN ({placeholders})",
            list(record_ids),
        )
        tokens = {}
        for pk, *texts in cursor.fetchall():
            by_column = dict(zip(COLUMNS, texts, strict=True))
            tokens[pk] = (
                frozenset(" ".join(texts).split()),
                frozenset(" ".join(by_column[column] for column in NAME_COLUMNS).split()),
            )
        return tokens


def fulltext_ids() -> set[int]:
    """Every record id that has tokens (in any of the full-text tables)."""
    with connection.cursor() as cursor:
        ids: set[int] = set()
        for table in _tables():
            cursor.execute(f"SELECT {_id_column()} FROM {table}")
            ids.update(pk for (pk,) in cursor.fetchall())
        return ids


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


def _ids(text: str | None) -> np.ndarray:
    """The ids of ``group_concat`` / ``string_agg``'s comma-separated text, parsed in C
    (NumPy's text mode of ``fromstring``: 100,000 ids in about 3 ms, against 60 ms through
    ``str.split``)."""
    if not text:
        return NO_IDS
    return np.fromstring(text, dtype=np.uint32, sep=",")


def fulltext_hits(query: ParsedQuery, *, names_only: bool = False) -> np.ndarray:
    """The ids of every record matching ``query`` (in its names and settlements only, with
    ``names_only``), unordered."""
    with connection.cursor() as cursor:
        if is_postgresql():
            return _ids(_postgresql_ids(cursor, query, names_only=names_only))
        table = NAMES_TABLE if names_only else FULLTEXT_TABLE
        cursor.execute(
            f"SELECT group_concat(rowid) FROM {table} WHERE {table} MATCH %s",
            [fts5_expression(query)],
        )
        return _ids(cursor.fetchone()[0])


def fulltext_costs(
    query: ParsedQuery, hits: np.ndarray, *, names_only: bool = False
) -> dict[int, float]:
    """``{record id: cost}`` of ``hits``, the records ``fulltext_hits`` found for ``query``
    (with the same ``names_only``), ranked over every column (over the name and settlement
    only, with ``names_only``); a lower cost ranks higher.

    The caller asks only when the hits are few (``search/ranking.py``): finding every hit is
    one cheap pass over the index, while ranking reads each hit's columns, so it is not spent
    on a word that most records contain."""
    if not len(hits):
        return {}
    with connection.cursor() as cursor:
        if is_postgresql():
            return _postgresql_costs(cursor, query, hits, names_only=names_only)
        table, columns = (NAMES_TABLE, NAME_COLUMNS) if names_only else (FULLTEXT_TABLE, COLUMNS)
        weights = ", ".join(str(COLUMN_WEIGHTS[c]) for c in columns)
        # Every hit of the same MATCH (bm25 is only computed inside a MATCH); the LIMIT keeps
        # a record indexed since ``fulltext_hits`` from growing the answer.
        cursor.execute(
            f"SELECT rowid, bm25({table}, {weights}) FROM {table} WHERE {table} MATCH %s LIMIT %s",
            [fts5_expression(query), len(hits)],
        )
        return dict(cursor.fetchall())


def _postgresql_ids(cursor, query: ParsedQuery, *, names_only: bool):
    """The ids of every hit as one text, read through the GIN index by the function
    ``search_fulltext_ids`` (see migration 0005; no row limit)."""
    cursor.execute(
        "SELECT search_fulltext_ids(%s::tsquery, %s, %s)",
        [tsquery_literal(query), "names" if names_only else "document", None],
    )
    return cursor.fetchone()[0]


def _postgresql_costs(cursor, query: ParsedQuery, hits: np.ndarray, *, names_only: bool):
    literal = tsquery_literal(query)
    if names_only:
        rank, params = "ts_rank(names, %s::tsquery)", [literal]
    else:
        rank, params = "ts_rank(%s::float4[], document, %s::tsquery)", [PG_RANK_WEIGHTS, literal]
    # The ids go as one array literal: psycopg adapts a list of Python ints one element at a
    # time, several times slower (figures in docs/explanation/performance.md).
    cursor.execute(
        f"SELECT record_id, -{rank} FROM {FULLTEXT_TABLE} WHERE record_id = ANY(%s::bigint[])",
        [*params, bigint_array_literal(hits.tolist())],
    )
    return dict(cursor.fetchall())
