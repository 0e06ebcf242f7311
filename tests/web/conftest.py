"""Fixtures of the public-site tests: a test catalog, a home region and a small dataset.

Records are made through the catalog services, inside
``django_capture_on_commit_callbacks(execute=True)`` so the search index follows the commit.
"""

from dataclasses import dataclass
from pathlib import Path

import pytest

from kozkincs.catalog.models import Record
from kozkincs.catalog.registry import reset_registry
from kozkincs.catalog.services import record_archive
from kozkincs.gazetteer.models import Region, Settlement
from kozkincs.strategy.models import StrategyPriority
from tests.gazetteer.factories import RegionFactory, RegionMembershipFactory, SettlementFactory
from tests.record_makers import record_maker

DEFINITIONS = Path(__file__).resolve().parent / "definitions"
CATALOG = "web-test-sites"
SQUARE = {
    "type": "Polygon",
    "coordinates": [
        [[16.70, 46.85], [16.78, 46.85], [16.78, 46.91], [16.70, 46.91], [16.70, 46.85]]
    ],
}


@pytest.fixture(autouse=True)
def web_test_catalog(settings):
    settings.KOZKINCS_CATALOG_DIRS = [str(DEFINITIONS)]
    reset_registry()
    yield
    reset_registry()


@pytest.fixture
def make_record(django_capture_on_commit_callbacks):
    """``make_record(name, publish=True, values={...}, **columns)``: a test catalog record."""

    return record_maker(django_capture_on_commit_callbacks, CATALOG)


@pytest.fixture
def priorities(db) -> list[StrategyPriority]:
    names = [
        ("Kulturális közösségfejlesztés", "Cultural community development"),
        ("Kulturális örökség védelme", "Protecting the cultural heritage"),
        ("Közművelődési terek fejlesztése", "Community-culture spaces"),
        ("Egész életen át tartó tanulás", "Lifelong learning"),
        ("Kultúra és turizmus", "Culture and tourism"),
    ]
    return [
        StrategyPriority.objects.get_or_create(number=number, defaults={"name": hu, "name_en": en})[
            0
        ]
        for number, (hu, en) in enumerate(names, start=1)
    ]


@dataclass
class Dataset:
    region: Region
    village: Settlement
    town: Settlement
    mansion: Record
    church: Record
    chapel: Record
    draft: Record
    archived: Record


@pytest.fixture
def dataset(db, settings, make_record, priorities, django_capture_on_commit_callbacks) -> Dataset:
    region = RegionFactory(key=settings.KOZKINCS_HOME_REGION, name="Zalaegerszegi kistérség")
    village = SettlementFactory(
        name="Bagod", slug="bagod", lat=46.88, lon=16.74, boundary=SQUARE, population=1234
    )
    town = SettlementFactory(
        name="Zalaegerszeg", slug="zalaegerszeg", lat=46.84, lon=16.84,
        status=Settlement.Status.CITY_WITH_COUNTY_RIGHTS,
    )  # fmt: skip
    RegionMembershipFactory(region=region, settlement=village)
    RegionMembershipFactory(region=region, settlement=town)
    mansion = make_record(
        "Deák-kastély",
        name_en="Deák Mansion",
        summary="Klasszicista kastélyok egyike a falu szélén.",
        summary_en="One of the classicist mansions at the edge of the village.",
        description="A kastélyt 1820 körül építették.",
        settlement=village,
        lat=46.881,
        lon=16.741,
        priorities=[2, 5],
        values={"kind": "castle", "built": 1820, "caretaker": "Kovács Anna"}
        | {"internal_note": "kulcs a hivatalban"},
        sources=[{"title": "Zala megye kastélyai", "url": "https://example.org/kastelyok"}],
    )
    church = make_record(
        "Szent Mihály templom",
        summary="Barokk templom.",
        settlement=town,
        priorities=[2],
        values={"kind": "church", "built": 1760},
    )
    chapel = make_record(
        "Szent Anna kápolna",
        settlement=town,
        values={"kind": "chapel", "part_of": [church.pk], "caretaker": "Szabó Péter"},
        privacy={"caretaker": {"consent": True, "visibility": "public"}},
    )
    draft = make_record("Titkos vázlat kastély", publish=False, values={"kind": "castle"})
    archived = make_record("Archivált kastély", settlement=village, values={"kind": "castle"})
    with django_capture_on_commit_callbacks(execute=True):
        record_archive(record=archived)
    archived.refresh_from_db()
    return Dataset(region, village, town, mansion, church, chapel, draft, archived)
