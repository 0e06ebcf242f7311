"""Fixtures of the history tests: the test catalogs of tests/catalog, records made through the
services, staff and administrator accounts."""

from pathlib import Path

import pytest

from kozkincs.catalog.registry import reset_registry
from kozkincs.catalog.services import record_create
from tests.gazetteer.factories import SettlementFactory

DEFINITIONS = Path(__file__).resolve().parent.parent / "catalog" / "definitions"


@pytest.fixture(autouse=True)
def test_catalogs(settings):
    settings.KOZKINCS_CATALOG_DIRS = [str(DEFINITIONS)]
    reset_registry()
    yield
    reset_registry()


@pytest.fixture
def zalaegerszeg(db):
    return SettlementFactory(ksh_code="32054", name="Zalaegerszeg", slug="zalaegerszeg")


@pytest.fixture
def bak(db):
    return SettlementFactory(ksh_code="13514", name="Bak", slug="bak")


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user(
        "szerkeszto", password="x", is_staff=True, first_name="Kata", last_name="Szabó"
    )


@pytest.fixture
def administrator(django_user_model):
    return django_user_model.objects.create_superuser("admin", password="x")


@pytest.fixture
def maintainer(db):
    return record_create(catalog="test-organisations", data={"name": "Plébánia"})


@pytest.fixture
def church(zalaegerszeg, maintainer, editor):
    return record_create(
        catalog="test-heritage",
        data={
            "name": "Szent Mária Magdolna-templom",
            "description": "<p>Barokk templom a <strong>főtéren</strong>.</p>",
            "settlement": "32054",
            "values": {"kind": "church", "maintainer": maintainer.pk},
        },
        user=editor,
    )
