"""The index follows every record change made through the catalog services."""

import pytest
from django.core.management import call_command

from kozkincs.catalog.models import Record
from kozkincs.catalog.services import (
    record_archive,
    record_delete,
    record_publish,
    record_unpublish,
    record_update,
)
from kozkincs.search.index import data_version, index_records, rebuild_index
from kozkincs.search.models import SearchDocument
from kozkincs.search.selectors import record_search


def found_ids(query: str) -> set[int]:
    return {record.id for record in record_search(query=query, page_size=100).items}


@pytest.mark.django_db
def test_create_update_publish_archive_delete_are_followed(make_record, committed):
    record = make_record(name="Bagodi malom", status="draft")
    assert found_ids("malom") == set()

    record = committed(record_publish, record=record)
    assert found_ids("malmok") == {record.id}

    record = committed(
        record_update, record=record, data={"name": "Bagodi vízimalom", "summary": "Kastély."}
    )
    assert found_ids("malom") == set()
    assert found_ids("vizimalom") == {record.id}
    assert found_ids("kastely") == {record.id}

    record = committed(record_unpublish, record=record)
    assert found_ids("vizimalom") == set()
    record = committed(record_publish, record=record)
    record = committed(record_archive, record=record)
    assert found_ids("vizimalom") == set()
    assert not SearchDocument.objects.filter(record_id=record.id).exists()

    record = committed(record_publish, record=record)
    assert found_ids("vizimalom") == {record.id}
    record_id = record.id
    committed(record_delete, record=record)
    assert found_ids("vizimalom") == set()
    assert not SearchDocument.objects.filter(record_id=record_id).exists()


@pytest.mark.django_db
def test_every_index_change_bumps_the_data_version(make_record):
    record = make_record(name="Kereszt")
    before = data_version()
    index_records(record_ids=[record.id])
    assert data_version() == before + 1
    index_records(record_ids=[record.id + 1000])  # unknown ids are removed, still a change
    assert data_version() == before + 2


@pytest.mark.django_db
def test_personal_fields_are_searchable_only_with_public_consent(make_record):
    hidden = make_record(
        name="Öreg tölgy",
        values={"note": "Százéves fa", "keeper": {"name": "Kovács Jolán"}},
        privacy={"keeper": {"consent": False, "visibility": "public"}},
    )
    shown = make_record(
        name="Hárs",
        values={"keeper": {"name": "Szabó Piroska"}},
        privacy={"keeper": {"consent": True, "visibility": "public"}},
    )
    assert found_ids("szazeves") == {hidden.id}
    assert found_ids("kovacs") == set()
    assert found_ids("jolan") == set()
    assert found_ids("piroska") == {shown.id}


@pytest.mark.django_db
def test_rebuild_indexes_every_published_record_in_batches(make_record, capsys):
    published = [make_record(name=f"Feszület {n}") for n in range(7)]
    make_record(name="Feszület vázlat", status="draft")
    SearchDocument.objects.all().delete()
    report = rebuild_index(batch_size=3)
    assert report.records == 7
    assert found_ids("feszulet") == {record.id for record in published}
    call_command("rebuild_search_index", "--batch-size", "2")
    assert "7" in capsys.readouterr().out
    assert found_ids("feszulet") == {record.id for record in published}


@pytest.mark.django_db
def test_ranking_prefers_name_then_summary_then_description_then_attributes(make_record):
    attribute = make_record(name="Negyedik", values={"note": "malom"})
    description = make_record(name="Harmadik", description="Egy malom.")
    summary = make_record(name="Második", summary="Egy malom.")
    name = make_record(name="Malom")
    ranked = [record.id for record in record_search(query="malom").items]
    assert ranked == [name.id, summary.id, description.id, attribute.id]


def test_records_are_indexed_only_when_published(corpus):
    indexed = set(SearchDocument.objects.values_list("record_id", flat=True))
    published = set(Record.objects.filter(status="published").values_list("id", flat=True))
    assert indexed == published
    assert corpus["draft"].id not in indexed
    assert corpus["archived"].id not in indexed


@pytest.mark.django_db
def test_index_rows_of_many_records_equal_each_record_indexed_alone(make_record):
    """The index normalises a text repeated across a batch once, and the attributes part by
    part: the rows equal those of each record on its own, and the attributes' tokens equal
    the tokens of the attribute text as a whole."""
    from kozkincs.search.index import expected_rows
    from kozkincs.search.normalization import index_text

    texts = ["templom", "Templomok", "ﬁnom Őrség", "e\u0301lo\u0308", "①②", "", "  ",
             "a" * 70 + " b", "x-y_z", "\u0301kezdő jel", "Söjtör; Bak"]  # fmt: skip
    records = [
        make_record(name=f"Rekord {n}", tags=[texts[(n + 3) % len(texts)][:60], "templom"],
                    values={"kind": "church" if n % 2 else "castle", "listed": n % 3 == 0,
                            "note": texts[n % len(texts)]})
        for n in range(len(texts))
    ]  # fmt: skip
    records.append(make_record(catalog="search-library", name="Könyvtár",
                               values={"kind": "public"}, tags=["Templom"]))  # fmt: skip
    ids = [record.pk for record in records]
    documents, rows = expected_rows(ids)
    assert len(rows) == len(ids)
    for document, row in zip(documents, rows, strict=True):
        assert ([document], [row]) == expected_rows([document.record_id])
        assert row.attributes == index_text(document.attributes)
    stored = dict(SearchDocument.objects.filter(record_id__in=ids).values_list("pk", "attributes"))
    assert stored == {document.record_id: document.attributes for document in documents}
