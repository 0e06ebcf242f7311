"""``check_index`` finds every kind of difference between the index and the records and
``--repair`` removes them; a gazetteer import re-indexes the records of changed settlements."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from kozkincs.catalog.models import Record
from kozkincs.gazetteer.models import Settlement
from kozkincs.gazetteer.services import gazetteer_import
from kozkincs.search.consistency import index_check, index_repair
from kozkincs.search.fulltext import FULLTEXT_TABLE, NAMES_TABLE, is_postgresql
from kozkincs.search.index import index_state
from kozkincs.search.models import SearchDocument
from kozkincs.search.selectors import record_search


def found_ids(query: str) -> set[int]:
    return {record.id for record in record_search(query=query, page_size=100).items}


def damage_the_index(corpus) -> dict[str, int]:
    """Four kinds of damage made behind the services' back, as a restore or SQL would."""
    church, castle, museum = corpus["church"], corpus["castle"], corpus["museum"]
    SearchDocument.objects.filter(record_id=church.id).delete()
    Record.objects.filter(pk=castle.id).update(status="draft")
    SearchDocument.objects.filter(record_id=museum.id).update(attributes="hamis")
    with connection.cursor() as cursor:
        if is_postgresql():
            cursor.execute(
                f"UPDATE {FULLTEXT_TABLE} SET document = 'hamis'::tsvector WHERE record_id = %s",
                [corpus["chapel"].id],
            )
        else:
            cursor.execute(
                f"UPDATE {FULLTEXT_TABLE} SET name = 'hamis' WHERE rowid = %s",
                [corpus["chapel"].id],
            )
    return {
        "missing": church.id,
        "not_public": castle.id,
        "outdated_document": museum.id,
        "outdated_tokens": corpus["chapel"].id,
    }


def test_an_index_written_by_the_services_agrees_with_the_records(corpus):
    differences = index_check()
    assert differences.agrees
    assert differences.checked == Record.objects.filter(status="published").count()


def test_the_check_names_every_damaged_record_and_the_repair_fixes_them(corpus):
    damaged = damage_the_index(corpus)

    differences = index_check()

    assert differences.missing == [damaged["missing"]]
    assert differences.not_public == [damaged["not_public"]]
    assert sorted(differences.outdated) == sorted(
        [damaged["outdated_document"], damaged["outdated_tokens"]]
    )
    assert not differences.agrees
    version = index_state()[0]

    index_repair(differences)

    assert index_check().agrees
    assert index_state()[0] > version  # every process reloads what changed
    assert damaged["missing"] in found_ids("templom")
    assert damaged["not_public"] not in found_ids("kastely")
    assert found_ids("hamis") == set()


def test_the_quick_check_compares_only_which_records_are_indexed(corpus):
    damaged = damage_the_index(corpus)

    quick = index_check(contents=False)

    assert (quick.missing, quick.not_public, quick.outdated) == (
        [damaged["missing"]],
        [damaged["not_public"]],
        [],
    )
    assert quick.checked == 0


def test_token_rows_without_a_document_are_found_and_removed(corpus):
    with connection.cursor() as cursor:
        if is_postgresql():
            cursor.execute(
                f"INSERT INTO {FULLTEXT_TABLE} (record_id, document, names) "
                "VALUES (987654, 'arva'::tsvector, ''::tsvector)"
            )
        else:
            cursor.execute(
                f"INSERT INTO {FULLTEXT_TABLE} "
                "(rowid, name, settlement, summary, description, attributes) "
                "VALUES (987654, 'arva', '', '', '', '')"
            )
    differences = index_check()
    assert differences.orphan_tokens == [987654]
    index_repair(differences)
    assert index_check().agrees


def test_the_command_reports_fails_and_repairs(corpus, capsys):
    damaged = damage_the_index(corpus)

    with pytest.raises(CommandError, match="check_index --repair"):
        call_command("check_index")
    report = capsys.readouterr().out
    assert f"public records missing from the index: 1 ({damaged['missing']})" in report
    assert f"indexed records that are not public: 1 ({damaged['not_public']})" in report

    call_command("check_index", repair=True)
    assert "the index now agrees" in capsys.readouterr().out
    call_command("check_index")
    assert "agrees with the records" in capsys.readouterr().out


def test_a_gazetteer_import_reindexes_the_records_of_settlements_it_renames(db, make_record):
    gazetteer_import()
    town = Settlement.objects.get(ksh_code="32054")
    Settlement.objects.filter(pk=town.pk).update(name="Egerszeg")  # a local change...
    record = make_record(name="Városi könyvtár", settlement=Settlement.objects.get(pk=town.pk))
    labels = {value.label for value in record_search(query="konyvtar").facets["settlement"]}
    assert "Egerszeg" in labels
    version = index_state()[0]

    report = gazetteer_import(overwrite=True)  # ...that the shipped data overwrites

    assert report.settlements.updated_keys == ["32054"]
    assert index_state()[0] > version
    labels = {value.label for value in record_search(query="konyvtar").facets["settlement"]}
    assert labels == {"Zalaegerszeg"}
    assert index_check().agrees
    assert record.id in found_ids("konyvtar")


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's table of the names only")
def test_a_damaged_or_missing_names_row_is_found_and_written_again(corpus):
    church, chapel = corpus["church"], corpus["chapel"]
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {NAMES_TABLE} SET name = 'hamis' WHERE rowid = %s", [church.id])
        cursor.execute(f"DELETE FROM {NAMES_TABLE} WHERE rowid = %s", [chapel.id])
        cursor.execute(
            f"INSERT INTO {NAMES_TABLE} (rowid, name, settlement) VALUES (987655, 'arva', '')"
        )

    differences = index_check()

    assert sorted(differences.outdated) == sorted([church.id, chapel.id])
    assert differences.orphan_tokens == [987655]
    index_repair(differences)
    assert index_check().agrees
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {NAMES_TABLE} WHERE {NAMES_TABLE} MATCH 'hamis'")
        assert cursor.fetchone() == (0,)
