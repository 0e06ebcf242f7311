"""The in-memory index follows the data version: incrementally from the change log, in full
when the log does not continue the copy it holds."""

import math

import numpy as np
import pytest

from kozkincs.catalog.services import record_archive, record_update
from kozkincs.search import snapshot as snapshots
from kozkincs.search.index import index_records, index_state, rebuild_index
from kozkincs.search.models import SearchChange
from kozkincs.search.selectors import record_search
from kozkincs.search.snapshot import apply_changes, index_snapshot, load_snapshot


def ids_with(snapshot, facet: str, value: str) -> set[int]:
    return set(np.flatnonzero(snapshot.facet(facet).mask([value], snapshot.size)).tolist())


def contents(snapshot) -> dict:
    """What a snapshot says about its records, independent of array sizes and value codes."""
    ids = np.flatnonzero(snapshot.present).tolist()
    facets = {}
    for name, column in snapshot.facets.items():
        pairs = sorted(
            (int(pk), column.values[code])
            for pk, code in zip(column.docs, column.codes, strict=True)
        )
        if pairs:
            facets[name] = pairs
    return {
        "ids": ids,
        "points": [
            (
                None if math.isnan(snapshot.lat[pk]) else float(snapshot.lat[pk]),
                None if math.isnan(snapshot.lon[pk]) else float(snapshot.lon[pk]),
            )
            for pk in ids
        ],
        "facets": facets,
        "name_order": snapshot.name_order.tolist(),
        "name_rank": [int(snapshot.name_rank[pk]) for pk in ids],
        "date_order": snapshot.date_order.tolist(),
        "newest_rank": [int(snapshot.newest_rank[pk]) for pk in ids],
    }


def test_changes_are_applied_incrementally_and_equal_a_full_load(
    corpus, places, committed, make_record, monkeypatch
):
    before = index_snapshot()
    loads = []
    monkeypatch.setattr(snapshots, "load_snapshot", lambda *a: loads.append(a) or before)

    committed(
        record_update,
        record=corpus["castle"],
        data={"name": "Aszalói kastély", "settlement": places["andrashida"], "priorities": [3]},
    )
    committed(record_archive, record=corpus["chapel"])
    added = make_record(name="Új kereszt", settlement=places["zeg"], values={"kind": "other"})
    after = index_snapshot()

    assert loads == []
    assert after is not before
    assert (after.version, after.token) == index_state()
    assert contents(after) == contents(load_snapshot(*index_state()))
    assert not after.present[corpus["chapel"].id]
    assert added.id in ids_with(after, "settlement", places["zeg"].ksh_code)
    assert corpus["castle"].id in ids_with(after, "priority", "3")
    # The old snapshot, which another thread may still be using, is unchanged.
    assert before.present[corpus["chapel"].id]
    assert corpus["castle"].id not in ids_with(before, "priority", "3")


def test_an_unchanged_index_is_read_with_one_query(corpus, django_assert_num_queries):
    index_snapshot()
    with django_assert_num_queries(1):
        assert index_snapshot() is snapshots._current


def test_a_change_costs_a_fixed_number_of_queries(corpus, committed, django_assert_num_queries):
    index_snapshot()
    committed(record_update, record=corpus["museum"], data={"summary": "Skanzen."})
    # The state with the log, the changed rows, the name order, the date order.
    with django_assert_num_queries(4):
        index_snapshot()


def test_a_rebuild_or_a_foreign_history_loads_everything(corpus, monkeypatch):
    first = index_snapshot()
    rebuild_index()
    calls = []
    original = snapshots.load_snapshot
    monkeypatch.setattr(snapshots, "load_snapshot", lambda *a: calls.append(a) or original(*a))
    rebuilt = index_snapshot()
    assert calls == [index_state()]
    assert contents(rebuilt) == contents(first)

    # Same version number, other token: as after a rolled-back transaction.
    SearchChange.objects.all().delete()
    index_records(record_ids=[corpus["church"].id])
    version, _token = index_state()
    monkeypatch.setattr(snapshots, "_current", apply_changes(rebuilt, version, 12345, set()))
    index_snapshot()
    assert len(calls) == 2


def test_search_results_follow_an_incremental_change(corpus, committed):
    assert record_search(query="aszaloi").total == 0
    committed(record_update, record=corpus["castle"], data={"name": "Aszalói kastély"})
    result = record_search(query="aszaloi")
    assert [record.id for record in result.items] == [corpus["castle"].id]
    by_name = [record.id for record in record_search(sort="name").items]
    assert by_name.index(corpus["castle"].id) == 0


@pytest.mark.parametrize("matching", [0, 3, 40, 400, 1000])
def test_counting_the_pairs_of_few_records_equals_scanning_every_pair(matching):
    """A facet count over few matching records looks up their pairs by binary search; it must
    give exactly what the scan of every pair gives (records with no value, several values, ids
    beyond the last record with a value)."""
    rng = np.random.default_rng(matching)
    size = 1200
    docs = rng.integers(0, 1000, 3000).astype(snapshots.IDS)
    codes = rng.integers(0, 7, 3000).astype(snapshots.IDS)
    column = snapshots.FacetColumn.by_record(tuple("abcdefg"), docs, codes)
    assert list(column.docs) == sorted(docs)
    mask = np.zeros(size, dtype=bool)
    mask[rng.choice(size, matching, replace=False)] = True
    ids = np.flatnonzero(mask).astype(snapshots.IDS)
    expected = dict.fromkeys("abcdefg", 0)
    for doc, code in zip(docs, codes, strict=True):
        if mask[doc]:
            expected["abcdefg"[code]] += 1
    expected = {value: count for value, count in expected.items() if count}
    assert column.counts(mask, ids) == expected
    assert column.counts(mask) == expected


def test_a_full_load_of_the_index_snapshot_releases_its_temporaries(corpus, monkeypatch):
    calls = []
    monkeypatch.setattr(snapshots, "release_free_memory", lambda: calls.append(1))
    monkeypatch.setattr(snapshots, "_current", None)
    snapshots.index_snapshot()
    assert calls == [1]
    snapshots.index_snapshot()  # unchanged: nothing loaded, nothing to release
    assert calls == [1]
