"""Writing the full-text rows: read once, as they come (a bulk index streams them into one
COPY on PostgreSQL); nothing to write, nothing written."""

import pytest

from kozkincs.search.fulltext import FulltextRow, fulltext_ids, fulltext_tokens, fulltext_write

pytestmark = pytest.mark.django_db


def _row(record_id: int, name: str) -> FulltextRow:
    return FulltextRow(record_id=record_id, name=name, settlement="zalaegerszeg",
                       summary="", description="malom", attributes="2010")  # fmt: skip


def test_rows_given_as_a_generator_are_each_stored():
    read = []

    def rows():
        for record_id in range(1, 1201):
            read.append(record_id)
            yield _row(record_id, f"templom{record_id}")

    fulltext_write(rows())
    assert read == list(range(1, 1201))  # each read once
    tokens = fulltext_tokens([1, 600, 1200])
    assert tokens[600] == (
        frozenset({"templom600", "zalaegerszeg", "malom", "2010"}),
        frozenset({"templom600", "zalaegerszeg"}),
    )
    assert fulltext_ids() == set(range(1, 1201))


def test_no_rows_write_nothing():
    fulltext_write(iter(()))
    fulltext_write([])
    assert fulltext_ids() == set()
