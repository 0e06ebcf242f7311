"""Fixtures of the nomination tests: a test catalog, the home region with two settlements,
a storage directory of each test's own, committee members and ready-made nominations."""

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from kozkincs.catalog.registry import reset_registry
from kozkincs.media.licences import Licence
from kozkincs.nominations.models import Nomination, ValueCategory
from kozkincs.nominations.services import DocumentUpload, PhotoUpload, nomination_submit
from tests.gazetteer.factories import RegionFactory, RegionMembershipFactory, SettlementFactory
from tests.media import pictures

DEFINITIONS = Path(__file__).resolve().parent / "definitions"
CATALOG = "nomination-test-values"


@pytest.fixture(autouse=True)
def nomination_test_catalog(settings):
    settings.KOZKINCS_CATALOG_DIRS = [str(DEFINITIONS)]
    reset_registry()
    yield
    reset_registry()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def region(db, settings):
    region = RegionFactory(key=settings.KOZKINCS_HOME_REGION, name="Zalaegerszegi kistérség")
    for name, slug in (("Bagod", "bagod"), ("Söjtör", "sojtor")):
        RegionMembershipFactory(region=region, settlement=SettlementFactory(name=name, slug=slug))
    return region


@pytest.fixture
def bagod(region):
    return region.memberships.get(settlement__slug="bagod").settlement


@pytest.fixture
def category(db) -> ValueCategory:
    category = ValueCategory.objects.get(key="built-environment")
    category.catalog = CATALOG
    category.save()
    return category


def nomination_fields(bagod, category, **changes) -> dict:
    fields = {
        "proposer_name": "Kiss Ilona",
        "email": "kiss.ilona@example.hu",
        "value_name": "A bagodi harangláb",
        "category": category,
        "settlement": bagod,
        "description": "Fából ácsolt harangláb 1820-ból.",
        "justification": "A falu legrégebbi épített emléke.",
        "sources": "Zala megye műemlékei\nA falu krónikája",
        "consent": True,
        "language": "hu",
    }
    return fields | changes


@pytest.fixture
def submit(region, bagod, category, django_capture_on_commit_callbacks):
    """``submit(photos=0, documents=0, **fields)``: a nomination sent through the service."""

    def make(photos: int = 0, documents: int = 0, sender: str = "", **changes) -> Nomination:
        with django_capture_on_commit_callbacks(execute=True):
            return nomination_submit(
                nomination=Nomination(**nomination_fields(bagod, category, **changes)),
                photos=[
                    PhotoUpload(
                        upload=pictures.upload(pictures.photo(), f"kep{i}.jpg"),
                        alt_text="A harangláb a templomkert felől",
                        credit="Kiss Ilona",
                        licence=Licence.CC_BY,
                    )
                    for i in range(photos)
                ],
                documents=[
                    DocumentUpload(
                        upload=pictures.upload(pictures.pdf(), "level.pdf", "application/pdf"),
                        title="A polgármester támogató levele",
                    )
                    for _ in range(documents)
                ],
                sender=sender,
            )

    return make


@pytest.fixture
def committee_member(db):
    return get_user_model().objects.create_user(
        "bizottsag", "bizottsag@example.hu", "hosszu-jelszo-123", is_staff=True
    )


@pytest.fixture
def committee(committee_member) -> Client:
    client = Client()
    client.force_login(committee_member)
    return client


@pytest.fixture
def outsider(db) -> Client:
    user = get_user_model().objects.create_user("lakos", "lakos@example.hu", "hosszu-jelszo-123")
    client = Client()
    client.force_login(user)
    return client
