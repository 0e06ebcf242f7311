"""Fixtures of the editing tests: the test catalogs of tests/catalog (every field type),
settlements, a contributor, a moderator (staff), records made through the services."""

from pathlib import Path

import pytest
from allauth.account.models import EmailAddress

from kozkincs.catalog.registry import reset_registry
from kozkincs.catalog.services import record_create, record_publish
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
def contributor(django_user_model):
    """Any account with a confirmed e-mail address may propose (accounts.permissions)."""
    user = django_user_model.objects.create_user(
        "lakos", email="lakos@example.org", password="x", first_name="Lili", last_name="Lakos"
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.fixture
def moderator(django_user_model):
    return django_user_model.objects.create_user(
        "moderator", email="mod@example.org", password="x", is_staff=True
    )


@pytest.fixture
def maintainer(db):
    return record_publish(
        record=record_create(catalog="test-organisations", data={"name": "Plébánia"})
    )


@pytest.fixture
def church(zalaegerszeg, maintainer, moderator):
    record = record_create(
        catalog="test-heritage",
        data={
            "name": "Szent Mária Magdolna-templom",
            "description": "<p>Barokk templom a <strong>főtéren</strong>.</p>",
            "settlement": "32054",
            "values": {"kind": "church", "maintainer": maintainer.pk},
        },
        user=moderator,
    )
    return record_publish(record=record, user=moderator)
