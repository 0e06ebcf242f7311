import urllib.parse

import pytest
from benchmarks.dataset import dataset_create
from benchmarks.generate import fingerprint, plain_counts
from benchmarks.paths import case_paths, case_paths_write, random_search_queries, record_texts

from kozkincs.catalog.models import Record
from tests.gazetteer.factories import SettlementFactory


@pytest.fixture
def records():
    SettlementFactory.create_batch(6)
    dataset_create(records=200, seed=2, batch_size=100, log=lambda line: None)


@pytest.mark.django_db
def test_every_case_gets_request_paths(records, tmp_path):
    paths = case_paths(seed=2)
    assert paths["a"] == ["/api/v1/records?q=templom"]
    assert len(set(paths["b"])) >= 1000
    assert all(path.startswith("/api/v1/records?q=") for path in paths["b"])
    record = Record.objects.get(pk=int(paths["d"][0].rsplit("/", 1)[1]))
    assert record.status == "published"
    catalog, settlement = (
        urllib.parse.parse_qs(urllib.parse.urlsplit(paths["c"][0]).query)[key][0]
        for key in ("catalog", "settlement")
    )
    assert Record.objects.filter(catalog=catalog, settlement__ksh_code=settlement).exists()
    assert all(path.startswith("/hu/") for path in paths["e"] + paths["f"] + paths["g"])
    # Case r: queries drawn from the records' words; Datasette gets the same queries and ids.
    assert len(set(paths["r"])) >= 1000
    assert all(path.startswith("/api/v1/records?q=") for path in paths["r"])
    queries = [urllib.parse.parse_qs(urllib.parse.urlsplit(p).query)["q"][0] for p in paths["r"]]
    peer_queries = [
        urllib.parse.parse_qs(urllib.parse.urlsplit(p).query)["_search"][0]
        for p in paths["r-datasette"]
    ]
    assert peer_queries == queries
    assert [p.rsplit("/", 1)[1] for p in paths["d"]] == [
        p.rsplit("/", 1)[1].removesuffix(".json") for p in paths["d-datasette"]
    ]
    files = case_paths_write(tmp_path, paths)
    lines = (tmp_path / "paths-b.txt").read_text().splitlines()
    assert files["b"] == str(tmp_path / "paths-b.txt")
    assert lines == paths["b"]


@pytest.mark.django_db
def test_plain_counts_match_whole_words_exactly_as_typed(records):
    texts = [" ".join(row) for row in Record.objects.values_list("name", "summary", "description")]
    counts = plain_counts(("templomban", "kastelyok"))
    assert counts["kastelyok"] == 0  # the texts are accented
    expected = sum(1 for text in texts if "templomban" in text.lower().replace(".", " ").split())
    assert counts["templomban"] == expected


def test_fingerprint_changes_with_the_parameters_and_the_code(tmp_path):
    extra = tmp_path / "generator.py"
    extra.write_text("A = 1")
    first = fingerprint(("catalog/definitions/*.yaml",), extra=(extra,), salt="100:1")
    assert first == fingerprint(("catalog/definitions/*.yaml",), extra=(extra,), salt="100:1")
    assert first != fingerprint(("catalog/definitions/*.yaml",), extra=(extra,), salt="100:2")
    extra.write_text("A = 2")
    assert first != fingerprint(("catalog/definitions/*.yaml",), extra=(extra,), salt="100:1")


@pytest.mark.django_db
def test_random_queries_come_from_the_published_records_words(records):
    texts = " ".join(record_texts()).lower()
    queries = random_search_queries(seed=2)
    assert random_search_queries(seed=2) == queries
    for kind, query in queries:
        if kind in {"top", "frequent", "uniform", "two words"}:
            assert all(word in texts for word in query.split())
    # Every summary says "közül": the most frequent word is always asked.
    assert ("top", "közül") in queries
