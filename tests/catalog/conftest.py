"""Fixtures of the catalog engine's tests: the test-only catalogs and a few settlements."""

from pathlib import Path

import pytest

from kozkincs.catalog.registry import catalog_get, reset_registry
from tests.gazetteer.factories import SettlementFactory

TEST_DEFINITIONS = Path(__file__).resolve().parent / "definitions"


@pytest.fixture
def test_catalogs(settings):
    """The catalogs of tests/catalog/definitions (besides the built-in ones)."""
    settings.KOZKINCS_CATALOG_DIRS = [str(TEST_DEFINITIONS)]
    reset_registry()
    yield
    reset_registry()


@pytest.fixture
def heritage(test_catalogs):
    return catalog_get("test-heritage")


@pytest.fixture
def organisations(test_catalogs):
    return catalog_get("test-organisations")


@pytest.fixture
def zalaegerszeg(db):
    return SettlementFactory(ksh_code="32054", name="Zalaegerszeg", slug="zalaegerszeg")


@pytest.fixture
def village(db):
    return SettlementFactory(ksh_code="13514", name="Bak", slug="bak")


@pytest.fixture
def staff_user(django_user_model):
    return django_user_model.objects.create_user("editor", password="x", is_staff=True)
