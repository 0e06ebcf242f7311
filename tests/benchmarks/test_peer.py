import asyncio
import json
import sqlite3
import urllib.parse

import pytest
from benchmarks.dataset import dataset_create

from benchmarks import peer
from kozkincs.catalog.models import Record
from kozkincs.catalog.registry import catalog_get
from tests.gazetteer.factories import SettlementFactory


@pytest.fixture
def built(tmp_path):
    SettlementFactory.create_batch(6)
    dataset_create(records=120, seed=4, batch_size=60, log=lambda line: None)
    # One record that is not public must not reach the peer.
    Record.objects.filter(pk=Record.objects.order_by("pk").first().pk).update(status="draft")
    return peer.datasette_database_build(
        tmp_path / "peer" / "kozkincs.db", batch_size=50, log=lambda line: None
    )


def rows(path, sql, *params):
    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql, params).fetchall()
    finally:
        connection.close()


@pytest.mark.django_db
def test_the_peer_table_holds_every_published_record_with_its_columns(built):
    published = Record.objects.filter(status="published")
    assert built.records == published.count() == 119
    assert built.size_bytes > 0
    columns = {row[1] for row in rows(built.path, "PRAGMA table_info(records)")}
    assert set(peer.BASE_COLUMNS) <= columns
    record = published.select_related("settlement").order_by("pk").last()
    name, catalog, settlement, ksh, values = rows(
        built.path,
        'SELECT name, catalog, settlement, settlement_ksh, "values" FROM records WHERE id = ?',
        record.pk,
    )[0]
    assert (name, catalog) == (record.name, record.catalog)
    assert (settlement, ksh) == (record.settlement.name, record.settlement.ksh_code)
    definition = catalog_get(record.catalog)
    public = {k for k in record.values if definition.field_map[k].public}
    assert set(json.loads(values)) == public - {
        k for k in public if definition.field_map[k].personal
    }
    # The catalogs' facet fields are columns of their own.
    facet_fields = {key for d in [catalog_get(c) for c in ("built-values",)] for key in d.facets}
    assert facet_fields & columns


@pytest.mark.django_db
def test_priorities_are_a_json_array_per_record(built):
    with_priorities = Record.objects.filter(status="published", priorities__isnull=False).first()
    stored = rows(built.path, "SELECT priorities FROM records WHERE id = ?", with_priorities.pk)
    expected = sorted(with_priorities.priorities.values_list("number", flat=True))
    assert json.loads(stored[0][0]) == expected


@pytest.mark.django_db
def test_full_text_table_is_built_as_sqlite_utils_documents_it(built):
    import sqlite_utils

    table = sqlite_utils.Database(built.path)["records"]
    assert table.detect_fts() == "records_fts"
    sql = rows(built.path, "SELECT sql FROM sqlite_master WHERE name = 'records_fts'")[0][0]
    assert "fts5" in sql.lower()
    for column in peer.FTS_COLUMNS:
        assert column in sql
    record = Record.objects.filter(status="published").order_by("pk").last()
    word = record.name.split()[0].strip(",.:").lower()
    hits = rows(
        built.path,
        "SELECT rowid FROM records_fts WHERE records_fts MATCH ?",
        f'"{word}"',
    )
    assert (record.pk,) in hits


def datasette_get(path, database_path):
    from datasette.app import Datasette

    settings = {key: value for key, value in peer.SETTINGS.items() if key != "suggest_facets"}
    datasette = Datasette(immutables=[str(database_path)], settings={**settings})

    async def fetch():
        await datasette.invoke_startup()
        return await datasette.client.get(path)

    return asyncio.run(fetch())


@pytest.mark.django_db
def test_datasette_answers_the_search_with_the_three_facets(built):
    assert built.path.stem == peer.DATABASE_NAME
    answer = datasette_get(peer.search_path("templom"), built.path)
    assert answer.status_code == 200
    body = answer.json()
    assert peer.search_answer_problems(body) == []
    assert body["filtered_table_rows_count"] > 0
    assert len(body["rows"]) <= peer.PAGE_SIZE
    # What wrk checks in each answer is in the real text of one.
    assert all(text in answer.text for text in peer.SEARCH_REQUIRED)
    assert not any(text in answer.text for text in peer.SEARCH_FORBIDDEN)
    # unicode61 removes accents: a folded query finds the same records.
    folded = datasette_get(peer.search_path("kapolna"), built.path).json()
    accented = datasette_get(peer.search_path("kápolna"), built.path).json()
    assert folded["filtered_table_rows_count"] == accented["filtered_table_rows_count"] > 0


@pytest.mark.django_db
def test_datasette_answers_a_row_by_the_records_id(built):
    record = Record.objects.filter(status="published").order_by("pk").last()
    body = datasette_get(peer.row_path(record.pk), built.path).json()
    assert len(body["rows"]) == 1
    assert record.name in json.dumps(body, ensure_ascii=False)


def test_search_paths_ask_the_facets_koz_kincs_answers():
    path = peer.search_path("két szó")
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(path).query)
    assert path.startswith("/kozkincs/records.json?")
    assert query["_search"] == ["két szó"]
    assert query["_facet"] == ["catalog", "settlement"]
    assert query["_facet_array"] == ["priorities"]
    assert query["_size"] == ["20"]
    assert query["_facet_size"] == ["100"]
    assert peer.row_path(42) == "/kozkincs/records/42.json"


def test_a_dropped_facet_or_a_missing_count_is_reported():
    complete = {
        "rows": [],
        "filtered_table_rows_count": 0,
        "facet_results": {"catalog": {}, "settlement": {}, "priorities": {}},
    }
    assert peer.search_answer_problems(complete) == []
    timed_out = {**complete, "facet_results": {"catalog": {}, "priorities": {}}}
    assert peer.search_answer_problems(timed_out) == [
        "facet settlement missing (timed out or not computed)"
    ]
    no_count = {**complete, "filtered_table_rows_count": None}
    assert peer.search_answer_problems(no_count) == ["no count (timed out)"]


def test_the_server_command_raises_the_time_limits_and_serves_immutably(tmp_path):
    command = peer.datasette_command(port=8123, database=tmp_path / "kozkincs.db")
    assert command[1:3] == ["serve", "-i"]
    assert command[3] == str(tmp_path / "kozkincs.db")
    assert command[4:8] == ["--host", "127.0.0.1", "--port", "8123"]
    assert command[8::3] == ["--setting"] * len(peer.SETTINGS)
    settings = dict(zip(command[9::3], command[10::3], strict=True))
    assert settings["sql_time_limit_ms"] == settings["facet_time_limit_ms"] == "60000"
    assert settings["suggest_facets"] == "off"
