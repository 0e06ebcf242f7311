"""The hits of common words kept as bitmaps with the snapshot: the same answers as asking the
full-text index, fewer questions to it, never past the snapshot's data version."""

import numpy as np
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kozkincs.catalog.services import record_update
from kozkincs.search import terms
from kozkincs.search.fulltext import fulltext_hits
from kozkincs.search.index import rebuild_index
from kozkincs.search.normalization import parse_query
from kozkincs.search.selectors import record_search
from kozkincs.search.snapshot import index_snapshot

QUERIES = [
    "templom",  # common (in several records' texts)
    "zalaegerszeg",
    "templom zalaegerszeg",
    "a templom",
    "kastely",  # rare
    "kastely zalaegerszeg",  # rare and common
    "temp",  # a prefix
    "gocseji falu",
    "nincsilyenszo",
    "a",
]


@pytest.fixture
def common_from_two(monkeypatch):
    monkeypatch.setattr(terms, "COMMON_HITS", 2)


def full_text_questions(queries) -> int:
    """How many of the captured queries asked the full-text index for every hit (ranking the
    few hits of a small corpus is another question, asked in both cases)."""
    needle = "search_fulltext_ids" if connection.vendor == "postgresql" else "group_concat(rowid)"
    return sum(needle in query["sql"] for query in queries)


def sorted_ids(ids) -> list[int]:
    return sorted(int(pk) for pk in ids)


@pytest.mark.parametrize("names_only", [False, True])
def test_the_hits_are_those_of_the_full_text_index_asked_or_kept(
    corpus, common_from_two, names_only
):
    snapshot = index_snapshot()
    size = snapshot.size
    for _round in ("asked and kept", "from the kept bitmaps"):
        for text in QUERIES:
            query = parse_query(text)
            expected = sorted_ids(fulltext_hits(query, names_only=names_only))
            got = terms.term_hits(snapshot.terms, query, names_only=names_only)
            assert sorted_ids(got) == [pk for pk in expected if pk < size], text
    assert snapshot.terms.bitmaps  # common words were kept
    assert all(kept_names_only == names_only for _, kept_names_only in snapshot.terms.bitmaps)


def test_a_common_word_asked_again_is_answered_without_the_full_text_index(corpus, common_from_two):
    first = record_search(query="zalaegerszeg")
    with CaptureQueriesContext(connection) as captured:
        again = record_search(query="zalaegerszeg")
    assert full_text_questions(captured.captured_queries) == 0
    assert [r.id for r in again.items] == [r.id for r in first.items]
    assert (again.total, again.facets) == (first.total, first.facets)
    # A rare word is still asked (with the kept common one intersected in memory).
    with CaptureQueriesContext(connection) as captured:
        rare = record_search(query="kastely zalaegerszeg")
    assert full_text_questions(captured.captured_queries) == 1
    assert [r.id for r in rare.items] == [corpus["castle"].id]


def test_only_common_words_are_kept_and_only_within_the_budget(
    corpus, common_from_two, monkeypatch
):
    snapshot = index_snapshot()
    terms.term_hits(snapshot.terms, parse_query("kastely"))  # one hit: not common
    assert not snapshot.terms.bitmaps
    terms.term_hits(snapshot.terms, parse_query("templom"))
    (kept,) = snapshot.terms.bitmaps.values()
    assert snapshot.terms.used == kept.nbytes
    monkeypatch.setattr(terms, "MEMORY_BUDGET", kept.nbytes)
    terms.term_hits(snapshot.terms, parse_query("zalaegerszeg"))
    assert len(snapshot.terms.bitmaps) == 1
    assert snapshot.terms.used == kept.nbytes
    # Over the budget the answer is still complete, asked of the index every time.
    query = parse_query("zalaegerszeg")
    assert sorted_ids(terms.term_hits(snapshot.terms, query)) == sorted_ids(fulltext_hits(query))


def test_the_kept_hits_follow_each_change_of_the_records(corpus, common_from_two, committed):
    kept_queries = ["templom", "zalaegerszeg", "a", "gocseji falu"]
    for text in kept_queries:
        record_search(query=text)
    kept = index_snapshot().terms
    assert corpus["castle"].id not in {r.id for r in record_search(query="templom").items}
    committed(record_update, record=corpus["castle"], data={"name": "Szegedy-templom"})
    committed(record_update, record=corpus["chapel"], data={"description": ""})
    carried = index_snapshot().terms
    assert carried is not kept and set(carried.bitmaps) == set(kept.bitmaps)
    with CaptureQueriesContext(connection) as captured:
        found = {r.id for r in record_search(query="templom").items}
    assert full_text_questions(captured.captured_queries) == 0  # carried, not asked again
    assert corpus["castle"].id in found and corpus["chapel"].id not in found
    snapshot = index_snapshot()
    for text in [*kept_queries, *QUERIES]:
        for names_only in (False, True):
            query = parse_query(text)
            expected = sorted_ids(fulltext_hits(query, names_only=names_only))
            got = terms.term_hits(snapshot.terms, query, names_only=names_only)
            assert sorted_ids(got) == [pk for pk in expected if pk < snapshot.size], text


def test_a_full_load_starts_without_kept_hits(corpus, common_from_two):
    record_search(query="templom")
    assert index_snapshot().terms.bitmaps
    rebuild_index()
    assert not index_snapshot().terms.bitmaps
    assert {r.id for r in record_search(query="templom").items} == set(
        sorted_ids(fulltext_hits(parse_query("templom")))
    )


def test_a_kept_term_takes_the_smaller_of_a_bitmap_and_its_ids(corpus, common_from_two):
    snapshot = index_snapshot()
    terms.term_hits(snapshot.terms, parse_query("zalaegerszeg"))
    (kept,) = snapshot.terms.bitmaps.values()
    hits = len(fulltext_hits(parse_query("zalaegerszeg")))
    assert kept.nbytes == min(4 * hits, (snapshot.size + 7) // 8)
    assert kept.dtype == (np.uint32 if 4 * hits < (snapshot.size + 7) // 8 else np.uint8)


@pytest.mark.parametrize("hits", [10, 3_000, 50_000])
def test_sparse_hits_are_kept_as_ids_and_dense_ones_as_bits(hits):
    size = 100_000
    ids = np.random.default_rng(hits).choice(size, hits, replace=False).astype(np.uint32)
    kept = terms.TermBitmaps(size=size)
    key = (parse_query("malom").terms[0], False)
    kept.keep(key, ids)
    stored = kept.bitmaps[key]
    as_ids, as_bits = hits * 4, (size + 7) // 8
    assert stored.nbytes == min(as_ids, as_bits) == kept.used
    assert sorted_ids(np.flatnonzero(kept.get(key))) == sorted_ids(ids)
    # Carried to a larger snapshot after one record gained the word and one lost it.
    gained = int(np.setdiff1d(np.arange(size), ids)[0])
    lost = int(ids[0])
    words = {gained: (frozenset({"malom"}), frozenset()), lost: (frozenset({"mas"}), frozenset())}
    carried = kept.carried(size + 10, [gained, lost, size + 5], words)
    expected = sorted({*sorted_ids(ids), gained} - {lost})
    assert sorted_ids(np.flatnonzero(carried.get(key))) == expected
