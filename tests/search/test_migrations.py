"""Migration 0004 turns the settlement facet lines of an existing index into KSH codes in place
and starts a new data version; 0005 recreates the full-text tables (settlement column,
PostgreSQL's own table) empty, which ``check_index --repair`` fills again; 0006 gives SQLite a
table of the name and settlement tokens, filled from the tokens already stored."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from kozkincs.search.consistency import index_check, index_repair
from kozkincs.search.fulltext import NAMES_TABLE, fulltext_clear
from kozkincs.search.index import index_state
from kozkincs.search.models import SearchDocument

BEFORE = [("search", "0003_in_memory_facets")]
AFTER = [("search", "0004_settlement_facet_by_ksh_code")]
FULLTEXT_LAYOUT = [("search", "0005_settlement_column_and_postgresql_fulltext_table")]
LATEST = [("search", "0006_sqlite_names_table")]


@pytest.fixture(autouse=True)
def _fulltext_emptied_after(transactional_db):
    """These tests commit. The flush after them empties every model's table but not the
    full-text table (no model of its own): empty it too, or its rows would outlive the records
    and a later test's ``check_index`` would find them."""
    yield
    fulltext_clear()


def migrate(targets) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


@pytest.mark.django_db(transaction=True)
def test_settlement_ids_become_ksh_codes_and_the_version_moves_on(corpus, places):
    castle = corpus["castle"]  # main settlement Bocfölde, further settlement Zalaegerszeg
    current = SearchDocument.objects.get(record_id=castle.pk).facet_lines
    migrate(BEFORE)
    zeg, bocfolde = places["zeg"], places["bocfolde"]
    old_lines = current.replace(zeg.ksh_code, str(zeg.pk)).replace(
        bocfolde.ksh_code, str(bocfolde.pk)
    )
    assert old_lines != current
    # Migrating back through 0005 emptied the index: the row as 0003 left it.
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO search_searchdocument "
            "(record_id, catalog, sort_name, lat, lon, facet_lines, attributes) "
            "VALUES (%s, %s, %s, NULL, NULL, %s, '')",
            [castle.pk, castle.catalog, "szegedy-kastely", old_lines],
        )
    version = index_state()[0]

    migrate(AFTER)

    lines = SearchDocument.objects.filter(record_id=castle.pk).values_list("facet_lines")
    assert lines.get() == (current,)
    assert f"settlement={bocfolde.ksh_code}" in current
    assert f"settlement={zeg.ksh_code}" in current
    assert index_state()[0] == version + 1
    migrate(LATEST)


@pytest.mark.django_db(transaction=True)
def test_the_new_fulltext_layout_empties_the_index_and_the_repair_fills_it(corpus):
    migrate(AFTER)
    version = index_state()[0]

    migrate(LATEST)

    assert index_state()[0] == version + 1
    assert not SearchDocument.objects.exists()
    differences = index_check(contents=False)
    assert sorted(differences.missing) == sorted(
        record.id for record in corpus.values() if record.status == "published"
    )
    index_repair(differences)
    assert index_check().agrees


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's table of the names only")
def test_the_names_table_is_filled_from_the_stored_tokens_without_a_new_version(corpus):
    migrate(FULLTEXT_LAYOUT)
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE name = %s", [NAMES_TABLE])
        assert cursor.fetchone() is None
    version = index_state()[0]

    migrate(LATEST)

    assert index_state()[0] == version
    assert index_check().agrees
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {NAMES_TABLE}")
        assert cursor.fetchone()[0] == SearchDocument.objects.count() > 0
