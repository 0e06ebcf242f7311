"""The index follows every record change told through the catalog hook."""

import pytest
from django.core.management import call_command

from kozkincs.catalog.models import Record
from kozkincs.search.index import data_version, index_records, rebuild_index
from kozkincs.search.models import SearchDocument, SearchFacet
from kozkincs.search.selectors import record_search
from tests.search.conftest import make_record


def found_ids(query: str) -> set[int]:
    return {record.id for record in record_search(query=query, page_size=100).items}


@pytest.mark.django_db
def test_create_update_archive_publish_delete_are_followed(notify):
    record = make_record(name="Bagodi malom", status=Record.Status.DRAFT)
    notify([record], "created")
    assert found_ids("malom") == set()

    record.status = Record.Status.PUBLISHED
    record.save()
    notify([record], "published")
    assert found_ids("malmok") == {record.id}

    record.name = "Bagodi vízimalom"
    record.summary = "Kastély mellett."
    record.save()
    notify([record], "updated")
    assert found_ids("malom") == set()
    assert found_ids("vizimalom") == {record.id}
    assert found_ids("kastely") == {record.id}

    record.status = Record.Status.ARCHIVED
    record.save()
    notify([record], "archived")
    assert found_ids("vizimalom") == set()
    assert not SearchDocument.objects.filter(record_id=record.id).exists()

    record.status = Record.Status.PUBLISHED
    record.save()
    notify([record], "published")
    record_id = record.id
    record.delete()
    notify([Record(id=record_id)], "deleted")
    assert found_ids("vizimalom") == set()
    assert not SearchFacet.objects.filter(document_id=record_id).exists()


@pytest.mark.django_db
def test_every_index_change_bumps_the_data_version():
    record = make_record(name="Kereszt")
    before = data_version()
    index_records(record_ids=[record.id])
    assert data_version() == before + 1
    index_records(record_ids=[record.id + 1000])  # unknown ids are removed, still a change
    assert data_version() == before + 2


@pytest.mark.django_db
def test_personal_fields_without_consent_are_not_searchable():
    record = make_record(
        name="Öreg tölgy",
        values={"note": "Százéves fa", "keeper": "Kovács Jolán"},
        privacy={"keeper": {"consent": False, "visibility": "public"}},
    )
    index_records(record_ids=[record.id])
    assert found_ids("szazeves") == {record.id}
    assert found_ids("kovacs") == set()
    assert found_ids("jolan") == set()


@pytest.mark.django_db
def test_rebuild_indexes_every_published_record_in_batches(capsys):
    published = [make_record(name=f"Feszület {n}") for n in range(7)]
    make_record(name="Feszület vázlat", status=Record.Status.DRAFT)
    SearchDocument.objects.all().delete()
    report = rebuild_index(batch_size=3)
    assert report.records == 7
    assert found_ids("feszulet") == {record.id for record in published}
    call_command("rebuild_search_index", "--batch-size", "2")
    assert "7" in capsys.readouterr().out
    assert found_ids("feszulet") == {record.id for record in published}


@pytest.mark.django_db
def test_ranking_prefers_name_then_summary_then_description_then_attributes():
    attribute = make_record(name="Negyedik", values={"note": "malom"})
    description = make_record(name="Harmadik", description="Egy malom.")
    summary = make_record(name="Második", summary="Egy malom.")
    name = make_record(name="Malom")
    index_records(record_ids=[attribute.id, description.id, summary.id, name.id])
    ranked = [record.id for record in record_search(query="malom").items]
    assert ranked == [name.id, summary.id, description.id, attribute.id]
