"""A real harvester (oaipmh-scythe) against a live server: every record in both formats,
every response valid, and a harvest that edits, withdraws and adds records between its pages
still collects each record exactly once."""

import time

import pytest
from benchmarks.exports import harvest
from oaipmh_scythe import Scythe
from oaipmh_scythe.config import HTTPConfig
from oaipmh_scythe.iterator import OAIResponseIterator

from kozkincs.catalog.services import record_archive, record_create, record_update
from kozkincs.opendata.oai import verbs
from tests.opendata.conftest import CATALOG, OAI, RDF
from tests.opendata.validators import assert_valid, assert_valid_edm, oai_schema

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def harvester(live_server):
    with Scythe(live_server.url + "/oai", http_config=HTTPConfig(timeout=30)) as scythe:
        yield scythe


@pytest.fixture
def collection(make_committed_record, settlements):
    """Twelve public records in two catalogs, one withdrawn, one draft."""
    records = [
        make_committed_record(
            f"Útmenti kereszt {n}",
            summary=f"A {n}. kereszt.",
            settlement=settlements["bagod"],
            values={"kind": "cross", "period": "19. század", "places": ["32054"]},
        )
        for n in range(10)
    ]
    records += [
        make_committed_record(
            f"Forrás {n}",
            catalog="natural-values",
            settlement=settlements["zalaegerszeg"],
            values={"kind": "spring", "protection": ["ex_lege"]},
        )
        for n in range(2)
    ]
    record_archive(record=records[3])
    make_committed_record("Vázlat", publish=False)
    return records


@pytest.mark.parametrize("metadata_prefix", ["oai_dc", "edm"])
def test_a_harvester_collects_every_record_and_every_response_is_valid(
    harvester, collection, monkeypatch, metadata_prefix
):
    monkeypatch.setattr(verbs, "RECORDS_PER_PAGE", 5)
    schema = oai_schema()
    responses = list(
        OAIResponseIterator(harvester, {"verb": "ListRecords", "metadataPrefix": metadata_prefix})
    )
    assert len(responses) == 3
    headers = []
    for response in responses:
        assert_valid(schema, response.xml)
        for rdf in response.xml.iter(f"{RDF}RDF"):
            assert_valid_edm(rdf)
        headers += response.xml.iter(f"{OAI}header")
    harvested = {h.findtext(f"{OAI}identifier"): h.get("status") for h in headers}
    assert len(headers) == len(harvested) == 12
    assert harvested[f"oai:kozkincs.test:{collection[3].pk}"] == "deleted"
    assert list(harvested.values()).count("deleted") == 1


def test_the_harvester_reads_records_sets_and_formats(harvester, collection):
    records = list(harvester.list_records(metadata_prefix="edm", set_="natural-values"))
    assert sorted(r.header.identifier for r in records) == sorted(
        f"oai:kozkincs.test:{r.pk}" for r in collection[10:]
    )
    live = list(harvester.list_records(metadata_prefix="oai_dc", ignore_deleted=True))
    assert len(live) == 11 and all(r.metadata["title"] for r in live)
    assert [s.setSpec for s in harvester.list_sets()][-1] == CATALOG
    assert [f.metadataPrefix for f in harvester.list_metadata_formats()] == ["oai_dc", "edm"]
    record = harvester.get_record(
        identifier=f"oai:kozkincs.test:{collection[0].pk}", metadata_prefix="oai_dc"
    )
    assert record.metadata["title"] == ["Útmenti kereszt 0"]
    assert harvester.identify().deletedRecord == "persistent"


def test_edits_made_during_a_harvest_do_not_repeat_or_lose_records(
    harvester, collection, make_committed_record, monkeypatch
):
    """The harvester reads three records a page; between its pages editors change a record
    already harvested, a record not yet harvested, withdraw one ahead and add a new one."""
    monkeypatch.setattr(verbs, "RECORDS_PER_PAGE", 3)
    seen: list[str] = []
    harvested = {}
    added = None
    for number, record in enumerate(harvester.list_records(metadata_prefix="oai_dc"), start=1):
        seen.append(record.header.identifier)
        harvested[record.header.identifier] = record
        if number == 4:  # in the middle of the second page
            record_update(record=collection[0], data={"summary": "Már learatva, most szerkesztve."})
            record_update(record=collection[8], data={"summary": "Még nem learatva."})
            record_archive(record=collection[9])
            added = record_create(catalog=CATALOG, data={"name": "Új kereszt"}, status="published")
    assert len(seen) == len(set(seen)) == 13
    assert set(seen) == {f"oai:kozkincs.test:{r.pk}" for r in [*collection, added]}
    assert harvested[f"oai:kozkincs.test:{collection[9].pk}"].deleted
    ahead = harvested[f"oai:kozkincs.test:{collection[8].pk}"]
    assert "Még nem learatva." in ahead.metadata["description"]


def test_an_incremental_harvest_from_the_last_response_date_gets_the_changes(harvester, collection):
    response_date = harvester.harvest({"verb": "Identify"}).xml.findtext(f"{OAI}responseDate")
    time.sleep(1.1)  # datestamps have seconds granularity
    record_update(record=collection[1], data={"summary": "Frissítve."})
    record_archive(record=collection[2])
    changed = list(harvester.list_identifiers(metadata_prefix="oai_dc", from_=response_date))
    assert {(h.identifier, h.deleted) for h in changed} >= {
        (f"oai:kozkincs.test:{collection[1].pk}", False),
        (f"oai:kozkincs.test:{collection[2].pk}", True),
    }


def test_the_benchmark_harvests_every_page_like_a_harvester(live_server, collection, monkeypatch):
    """``make bench`` times a complete ``edm`` harvest with ``benchmarks.exports.harvest``: it
    follows every resumption token and counts what a harvester gets (deleted ones included)."""
    monkeypatch.setattr(verbs, "RECORDS_PER_PAGE", 5)
    records, seconds, pages = harvest(live_server.url, "edm")
    assert (records, pages) == (12, 3) and seconds > 0
