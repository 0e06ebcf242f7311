"""PostgreSQL's tsvector literals of a record's tokens: positions across the columns, each
column's weight, PostgreSQL's limits; the names literal is the document's first columns."""

from hypothesis import given, settings
from hypothesis import strategies as st

from kozkincs.search.fulltext import (
    COLUMNS,
    NAME_COLUMNS,
    PG_MAX_POSITION,
    PG_MAX_POSITIONS_PER_LEXEME,
    PG_WEIGHTS,
    FulltextRow,
    tsvector_literals,
)

TOKENS = st.lists(st.sampled_from(["templom", "malom", "ko", "2010", "zala"]), max_size=12)


def _parsed(literal: str) -> dict[str, list[str]]:
    parsed = {}
    for lexeme in literal.split():
        token, _, where = lexeme.partition(":")
        parsed[token.strip("'")] = where.split(",")
    return parsed


def _expected(columns: dict[str, list[str]], names_only: bool = False) -> dict[str, list[str]]:
    """Each token with the position (counted across the columns, capped) and weight of each
    of its occurrences, at most PostgreSQL's number per lexeme."""
    tokens = [
        (token, PG_WEIGHTS[column])
        for column in (NAME_COLUMNS if names_only else COLUMNS)
        for token in columns[column]
    ]
    expected: dict[str, list[str]] = {}
    for number, (token, weight) in enumerate(tokens, start=1):
        where = expected.setdefault(token, [])
        if len(where) < PG_MAX_POSITIONS_PER_LEXEME:
            where.append(f"{min(number, PG_MAX_POSITION)}{weight}")
    return expected


@settings(max_examples=300, deadline=None)
@given(st.fixed_dictionaries(dict.fromkeys(COLUMNS, TOKENS)))
def test_the_literals_give_every_token_its_positions_and_weights(columns):
    row = FulltextRow(record_id=1, **{column: " ".join(columns[column]) for column in COLUMNS})
    document, names = tsvector_literals(row)
    assert _parsed(document) == _expected(columns)
    assert _parsed(names) == _expected(columns, names_only=True)


def test_postgresql_limits_are_kept():
    many = " ".join(["ko"] * 300)
    row = FulltextRow(record_id=1, name=many, settlement="", summary="", description="",
                      attributes=" ".join(f"w{n}" for n in range(17000)))  # fmt: skip
    document, names = tsvector_literals(row)
    assert len(_parsed(names)["ko"]) == PG_MAX_POSITIONS_PER_LEXEME
    assert _parsed(document)["w16999"] == [f"{PG_MAX_POSITION}D"]
    assert _parsed(document)["w0"] == ["301D"]
    assert "w0" not in names
