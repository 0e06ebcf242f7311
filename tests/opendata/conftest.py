"""Fixtures of the open-data tests: the built-in catalogs plus a test catalog, settlements,
and records made through the catalog services as editors make them."""

from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kozkincs.catalog.registry import reset_registry
from tests.gazetteer.factories import SettlementFactory
from tests.record_makers import record_maker

DEFINITIONS = Path(__file__).resolve().parent / "definitions"
CATALOG = "oai-test-heritage"


@pytest.fixture(autouse=True)
def opendata_test_catalog(settings):
    settings.KOZKINCS_CATALOG_DIRS = [str(DEFINITIONS)]
    settings.KOZKINCS_OAI_REPOSITORY_IDENTIFIER = "kozkincs.test"
    reset_registry()
    yield
    reset_registry()


@contextmanager
def _in_transaction(execute: bool = True):
    """The record listeners run inside the writing transaction: nothing waits for a commit."""
    yield []


@pytest.fixture
def make_record(db):
    """``make_record(name, publish=True, catalog=CATALOG, values={...}, **columns)``."""
    return record_maker(_in_transaction, CATALOG)


@pytest.fixture
def make_committed_record(transactional_db):
    """``make_record`` for tests whose data a live server must see (committed for real).

    Afterwards the SQLite full-text table is emptied: the flush that ends a transactional
    test empties the model tables only, and its rows would haunt later tests."""
    from kozkincs.search.fulltext import fulltext_clear

    yield record_maker(_in_transaction, CATALOG)
    fulltext_clear()


@pytest.fixture
def settlements(db):
    return {
        "bagod": SettlementFactory(
            name="Bagod", slug="bagod", ksh_code="23737", lat=46.88, lon=16.74,
            wikidata_id="Q851347",
        ),
        "zalaegerszeg": SettlementFactory(
            name="Zalaegerszeg", slug="zalaegerszeg", ksh_code="32054", lat=46.84, lon=16.84
        ),
        "nagykutas": SettlementFactory(name="Nagykutas", slug="nagykutas", lat=None, lon=None),
    }  # fmt: skip


class Clock:
    """The datestamps the tracking listener writes: ``advance()`` moves time on."""

    def __init__(self):
        self.now = datetime(2026, 3, 1, 9, 0, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta) -> datetime:
        self.now += timedelta(**delta)
        return self.now


@pytest.fixture
def clock(monkeypatch) -> Clock:
    from kozkincs.opendata.oai import tracking

    fixed = Clock()
    monkeypatch.setattr(tracking, "datestamp_now", fixed)
    return fixed


OAI = "{http://www.openarchives.org/OAI/2.0/}"
RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"


@pytest.fixture
def oai(client):
    """``oai(verb=..., **arguments)``: the parsed response, checked against OAI-PMH.xsd (with
    the metadata) and, for every EDM record in it, against EDM.xsd and the Schematron rules.
    ``_post=True`` sends the arguments as a form, ``_raw`` a query string as it is."""
    from lxml import etree

    from tests.opendata.validators import assert_valid, assert_valid_edm, oai_schema

    schema = oai_schema()

    def request(_post: bool = False, _raw: str | None = None, **arguments):
        if _raw is not None:
            response = client.get("/oai?" + _raw)
        elif _post:
            response = client.post("/oai", arguments)
        else:
            response = client.get("/oai", arguments)
        assert response.status_code == 200
        assert response["Content-Type"] == "text/xml; charset=utf-8"
        document = etree.fromstring(response.content)
        assert_valid(schema, document)
        for rdf in document.iter(f"{RDF}RDF"):
            assert_valid_edm(rdf)
        return document

    return request


def error_code(document) -> str | None:
    error = document.find(f"{OAI}error")
    return None if error is None else error.get("code")
