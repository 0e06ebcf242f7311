"""The indexer's reads follow indexes whatever the planner statistics say: on SQLite without
``ANALYZE`` no query of a batch reads the records table through ``status`` or whole. The
documents a bulk create builds from the records in hand equal those read back."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kozkincs.catalog.hooks import (
    register_record_listener,
    unregister_record_listener,
    written_records,
)
from kozkincs.catalog.models import Record, RecordRelation
from kozkincs.catalog.selectors import record_index_documents, record_index_documents_written
from kozkincs.catalog.services import record_bulk_create

pytestmark = pytest.mark.django_db

sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="EXPLAIN QUERY PLAN is SQLite's"
)
RECORD_TABLE_READ_WHOLE = re.compile(
    r"SCAN (catalog_record|T\d+)( |$)|USING (COVERING )?INDEX record_status\b"
)


def reads_every_record(sql: str) -> list[str]:
    """The steps of the plan of ``sql`` that read the records table through ``status`` or
    from end to end (the relation and many-to-many tables are searched by their ids)."""
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
        steps = [row[-1] for row in cursor.fetchall()]
    return [step for step in steps if RECORD_TABLE_READ_WHOLE.search(step)]


def no_statistics() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if not cursor.fetchone()[0]:
            return True
        cursor.execute("SELECT count(*) FROM sqlite_stat1")
        return not cursor.fetchone()[0]


@pytest.fixture
def batch(test_catalogs, zalaegerszeg, village):
    organisations = record_bulk_create(
        catalog="test-organisations", items=[{"name": f"Egyesület {n}"} for n in range(5)]
    )
    items = [
        {
            "name": f"Templom {n}",
            "settlement": zalaegerszeg,
            "settlements": [village],
            "priorities": [1, 2],
            "values": {
                "kind": "church",
                "venue": "13514",
                "maintainer": organisations[n % 5].pk,
                "partners": [o.pk for o in organisations[:2]],
            },
        }
        for n in range(20)
    ]
    return [record.pk for record in record_bulk_create(catalog="test-heritage", items=items)]


@sqlite_only
def test_no_query_of_a_batch_reads_every_record_without_statistics(batch):
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM sqlite_stat1")
        cursor.execute("ANALYZE sqlite_schema")  # reload: no statistics from here on
    assert no_statistics()
    with CaptureQueriesContext(connection) as queries:
        documents = record_index_documents(record_ids=batch)
    assert len(documents) == 20
    assert all("Egyesület 0" in d.attributes_text for d in documents[::5])
    for query in queries.captured_queries:
        assert reads_every_record(query["sql"]) == [], query["sql"]


@sqlite_only
def test_the_check_catches_the_join_on_the_targets_status(batch):
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM sqlite_stat1")
        cursor.execute("ANALYZE sqlite_schema")
    joined = (
        RecordRelation.objects.filter(source_id__in=batch)
        .filter(target__status=Record.Status.PUBLISHED)
        .select_related("target")
    )
    assert reads_every_record(str(joined.query).replace("= published", "= 'published'"))


def test_related_drafts_stay_out_of_the_documents(batch):
    target = Record.objects.get(name="Egyesület 0")
    Record.objects.filter(pk=target.pk).update(status=Record.Status.DRAFT)
    documents = record_index_documents(record_ids=batch)
    assert not any("Egyesület 0" in d.attributes_text for d in documents)
    assert all("Egyesület 1" in d.attributes_text for d in documents)


@sqlite_only
def test_bulk_create_leaves_statistics_for_the_planner(batch):
    assert not no_statistics()
    with connection.cursor() as cursor:
        cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = 'catalog_record' LIMIT 1")
        rows = int(cursor.fetchone()[0].split()[0])
        cursor.execute("PRAGMA analysis_limit")
        limit = cursor.fetchone()[0]
    assert rows == 25
    assert limit == 0  # the connection's setting is given back


def _written_by_bulk_create(**arguments) -> tuple[list[int], list]:
    """The ids ``record_bulk_create`` returns and the records it told the listeners of."""
    told = []

    def listener(record_ids, action):
        told.extend(written_records() or [])

    register_record_listener(listener)
    try:
        records = record_bulk_create(**arguments)
    finally:
        unregister_record_listener(listener)
    return [record.pk for record in records], told


def test_documents_built_from_a_bulk_create_equal_the_documents_read_back(
    test_catalogs, zalaegerszeg, village
):
    organisations = record_bulk_create(
        catalog="test-organisations", items=[{"name": f"Egyesület {n}"} for n in range(3)]
    )
    draft = record_bulk_create(catalog="test-organisations", items=[{"name": "Vázlat"}],
                               status="draft")[0]  # fmt: skip
    values = {
        "kind": "church", "features": ["tower", "organ"], "inscription": "Soli Deo gloria",
        "history": "Barokk templom.\n\nA tornya 1820-ban épült.", "floors": 2,
        "area_ha": "1 234,5", "built_year": 1747, "listed_on": "2001.05.01.",
        "built": "1747-1769", "open_to_public": False, "website": "example.org",
        "email": "plebania@example.org", "phones": ["06 92 510 123"], "venue": "13514",
        "contact": {"name": "Kiss Anna", "role": "plébános"},
        "awards": [{"body": "Örökség Alapítvány", "level": "gold", "year": 2004}],
        "internal_note": "kulcs", "secret_code": "XYZ-123",
        "maintainer": organisations[0].pk,
        "partners": [organisations[2].pk, draft.pk, organisations[1].pk],
    }  # fmt: skip
    items = [
        {"name": "Templom", "name_en": "Church", "summary": "<b>Barokk</b> templom",
         "description": "<p>Egy <em>szép</em> templom.</p>", "settlement": zalaegerszeg,
         "settlements": [village, zalaegerszeg], "priorities": [2, 1], "tags": ["barokk"],
         "lat": 46.84, "lon": 16.84, "values": values,
         "privacy": {"contact": {"consent": True, "visibility": "public"}}},
        {"name": "Kápolna", "values": {"kind": "mansion", "contact": {"name": "Nagy Béla"}}},
        {"name": "Forrás", "settlements": [zalaegerszeg, village], "values": {"kind": "spring"}},
    ]  # fmt: skip
    ids, written = _written_by_bulk_create(catalog="test-heritage", items=items)
    assert sorted(item.record.pk for item in written) == sorted(ids)
    built = record_index_documents_written(written=written)
    assert built == record_index_documents(record_ids=ids)
    assert "Egyesület 2" in built[0].attributes_text and "Vázlat" not in built[0].attributes_text


def test_documents_built_together_equal_each_built_alone(test_catalogs, zalaegerszeg, village):
    """A batch's documents compute each field's search text and facets once per distinct
    value: the same value in another record's field of another type, stored with another
    type, or behind other privacy settings must still give each record its own document."""
    organisations = record_bulk_create(
        catalog="test-organisations",
        items=[{"name": "church", "values": {"founded": 1747, "tax_number": "10773381-2-44"}}],
    )
    heritage = record_bulk_create(
        catalog="test-heritage",
        items=[
            {"name": "A", "values": {
                "kind": "church", "floors": 1, "built_year": 1747, "open_to_public": True,
                "venue": "13514", "features": ["tower", "organ"],
                "contact": {"name": "Kiss Anna"}, "maintainer": organisations[0].pk}},
            {"name": "B", "values": {
                "kind": "mansion", "inscription": "1", "floors": 2, "built_year": 1748,
                "venue": "32054", "features": ["organ", "tower"],
                "contact": {"name": "Kiss Anna"}},
             "privacy": {"contact": {"consent": True, "visibility": "public"}}},
            {"name": "C", "tags": ["church"], "values": {
                "kind": "spring", "inscription": "church", "history": "church",
                "venue": "13514", "tax_number": "10773381-2-44"}},
        ],
    )  # fmt: skip
    # B's floors as a field of another type stored it: true (equal to 1 as a dict key).
    stored = {**heritage[1].values, "floors": True}
    Record.objects.filter(pk=heritage[1].pk).update(values=stored)
    ids = sorted(record.pk for record in [*organisations, *heritage])
    together = record_index_documents(record_ids=ids)
    alone = [record_index_documents(record_ids=[pk])[0] for pk in ids]
    assert together == alone
    by_name = {document.names["hu"]: document for document in together}
    assert by_name["C"].attribute_texts.count("church") == 3  # text, long text, tag
    assert "templom" not in by_name["C"].attributes_text  # not the choice's labels
    assert "templom" in by_name["A"].attributes_text
    assert "True" in by_name["B"].attribute_texts and "1" in by_name["A"].attribute_texts
    assert "Kiss Anna" in by_name["B"].attributes_text  # public with consent
    assert "Kiss Anna" not in by_name["A"].attributes_text  # the same value, no consent
    assert by_name["A"].facets["features"] == ["tower", "organ"]
