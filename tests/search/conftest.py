"""Fixtures of the search tests: two small catalogs, a corpus of records, index helpers."""

from pathlib import Path

import pytest

from kozkincs.catalog import hooks
from kozkincs.catalog.models import Record
from kozkincs.catalog.registry import reset_registry
from kozkincs.catalog.services import record_create
from kozkincs.strategy.models import StrategyPriority
from tests.gazetteer.factories import SettlementFactory

DEFINITIONS = Path(__file__).resolve().parent / "definitions"


@pytest.fixture(autouse=True)
def search_catalogs(settings):
    settings.KOZKINCS_CATALOG_DIRS = [str(DEFINITIONS)]
    reset_registry()


@pytest.fixture
def notify(django_capture_on_commit_callbacks):
    """Tell the catalog hook that records changed, running the committed callbacks."""

    def notify(records: list[Record], action: str) -> None:
        with django_capture_on_commit_callbacks(execute=True):
            hooks.record_changed([record.id for record in records], action)

    return notify


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a service and the after-commit hook listeners it schedules."""

    def committed(service, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return service(**kwargs)

    return committed


@pytest.fixture
def make_record(django_capture_on_commit_callbacks):
    """Create a record through the catalog service; the index follows through the hook."""

    def make_record(*, catalog: str = "search-heritage", status: str = "published", **data):
        with django_capture_on_commit_callbacks(execute=True):
            return record_create(catalog=catalog, data=data, status=status)

    return make_record


@pytest.fixture
def priorities(db):
    return {
        number: StrategyPriority.objects.update_or_create(
            number=number,
            defaults={"name": f"Prioritás {number}", "name_en": f"Priority {number}"},
        )[0]
        for number in (1, 2, 3)
    }


@pytest.fixture
def places(db):
    return {
        "zeg": SettlementFactory(name="Zalaegerszeg", lat=46.84, lon=16.84),
        "bocfolde": SettlementFactory(name="Bocfölde", lat=46.77, lon=16.75),
        "andrashida": SettlementFactory(name="Andráshida", lat=46.83, lon=16.88),
    }


@pytest.fixture
def corpus(places, priorities, make_record):
    """Six published records in two catalogs, one draft, one archived; all indexed."""
    records = {
        "church": make_record(
            name="Szent Mihály-templom",
            name_en="St Michael's Church",
            summary="A város barokk temploma.",
            description="Zalaegerszeg belvárosában áll, 1760-ban épült.",
            settlement=places["zeg"],
            priorities=[1],
            lat=46.8405,
            lon=16.8440,
            values={"kind": "church", "listed": True},
        ),
        "castle": make_record(
            name="Szegedy-kastély",
            summary="Klasszicista kastély a faluban.",
            description="Göcsej kapujában, parkkal.",
            settlement=places["bocfolde"],
            settlements=[places["zeg"]],
            priorities=[1, 2],
            lat=46.77,
            lon=16.75,
            values={"kind": "castle", "listed": True},
        ),
        "museum": make_record(
            name="Göcseji Falumúzeum",
            summary="Skanzen Zalaegerszegen, a göcseji népi építészet emlékeivel.",
            settlement=places["zeg"],
            priorities=[2],
            lat=46.85,
            lon=16.83,
            values={"kind": "museum", "listed": False},
        ),
        "chapel": make_record(
            name="Kálvária-kápolna",
            description="A kápolna mellett régi templomok romjai állnak.",
            settlement=places["andrashida"],
            values={"kind": "other", "listed": False},
        ),
        "belfry": make_record(
            name="Harangláb",
            summary="Fából épült harangláb.",
            settlement=places["andrashida"],
            values={"kind": "other", "note": "A harang egykor a templomban szólt."},
        ),
        "library": make_record(
            catalog="search-library",
            name="Deák Ferenc Megyei Könyvtár",
            summary="A megye legnagyobb könyvtára.",
            settlement=places["zeg"],
            priorities=[3],
            values={"kind": "public"},
        ),
        "draft": make_record(
            name="Tervezett templom", summary="Kastély és templom.", status=Record.Status.DRAFT
        ),
        "archived": make_record(
            name="Lebontott templom", summary="Kastély volt.", status=Record.Status.ARCHIVED
        ),
    }
    return records
