"""Fixtures of the API tests: a test catalog, a small public dataset, and what must stay hidden.

Records are made through the catalog services (as staff would make them), inside
``django_capture_on_commit_callbacks(execute=True)`` so the search index follows the commit.
"""

from dataclasses import dataclass
from pathlib import Path

import pytest
from django.test import Client

from kozkincs.catalog.models import Record
from kozkincs.catalog.registry import reset_registry
from kozkincs.catalog.services import record_archive
from kozkincs.gazetteer.models import Settlement
from kozkincs.strategy.models import StrategyPriority
from tests.gazetteer.factories import RegionFactory, RegionMembershipFactory, SettlementFactory
from tests.record_makers import record_maker

DEFINITIONS = Path(__file__).resolve().parent / "definitions"
CATALOG = "api-test-places"


@pytest.fixture(autouse=True)
def api_test_catalog(settings):
    settings.KOZKINCS_CATALOG_DIRS = [str(DEFINITIONS)]
    reset_registry()
    yield
    reset_registry()


@pytest.fixture
def client() -> Client:
    return Client()


@pytest.fixture
def make_record(django_capture_on_commit_callbacks):
    """``make_record(name, publish=True, values={...}, **columns)``: a test catalog record."""

    return record_maker(django_capture_on_commit_callbacks, CATALOG)


@dataclass
class Dataset:
    settlement: Settlement
    other_settlement: Settlement
    church: Record
    chapel: Record
    mill: Record
    draft: Record
    archived: Record


@pytest.fixture
def priorities(db) -> list[StrategyPriority]:
    return [
        StrategyPriority.objects.get_or_create(
            number=number, defaults={"name": f"Prioritás {number}", "name_en": f"Priority {number}"}
        )[0]
        for number in range(1, 6)
    ]


@pytest.fixture
def dataset(db, make_record, priorities, django_capture_on_commit_callbacks) -> Dataset:
    region = RegionFactory(key="api-test-region", name="Próbatérség")
    village = SettlementFactory(name="Bagod", slug="bagod", lat=46.88, lon=16.74)
    town = SettlementFactory(name="Zalaegerszeg", slug="zalaegerszeg", lat=46.84, lon=16.84)
    RegionMembershipFactory(region=region, settlement=village)
    church = make_record(
        "Szent Mihály templom",
        summary="Barokk templom a falu közepén.",
        name_en="St Michael's church",
        settlement=village,
        lat=46.881,
        lon=16.741,
        priorities=[1],
        values={"kind": "church", "built": 1760, "caretaker": "Kovács Anna"}
        | {"internal_note": "kulcs a plébánián"},
        sources=[{"title": "Zala megye templomai", "url": "https://example.org/templomok"}],
    )
    chapel = make_record(
        "Szent Anna kápolna",
        summary="Kis kápolna a templom mellett.",
        settlement=town,
        values={
            "kind": "chapel",
            "built": 1820,
            "part_of": [church.pk],
            "caretaker": "Szabó Péter",
        },
        privacy={"caretaker": {"consent": True, "visibility": "public"}},
    )
    mill = make_record(
        "Vízimalom", settlement=village, lat=46.89, lon=16.75, values={"kind": "mill"}
    )
    church_kind = {"kind": "church"}
    draft = make_record(
        "Titkos templom vázlat", publish=False, settlement=village, values=church_kind
    )
    archived = make_record("Archivált templom", settlement=village, values=church_kind)
    with django_capture_on_commit_callbacks(execute=True):
        record_archive(record=archived)
    archived.refresh_from_db()
    return Dataset(village, town, church, chapel, mill, draft, archived)
