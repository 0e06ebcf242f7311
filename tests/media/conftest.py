"""Fixtures of the media tests: a test catalog, records made through the services, users,
and a storage directory of each test's own."""

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from kozkincs.catalog.registry import reset_registry
from kozkincs.media.licences import Licence
from kozkincs.media.services import attachment_upload, image_upload
from tests.media import pictures
from tests.record_makers import record_maker

DEFINITIONS = Path(__file__).resolve().parent / "definitions"
CATALOG = "media-test-sites"


@pytest.fixture(autouse=True)
def media_test_catalog(settings):
    settings.KOZKINCS_CATALOG_DIRS = [str(DEFINITIONS)]
    reset_registry()
    yield
    reset_registry()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path) -> Path:
    """Every test stores its files in a directory of its own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def make_record(django_capture_on_commit_callbacks):
    return record_maker(django_capture_on_commit_callbacks, CATALOG)


@pytest.fixture
def record(db, make_record):
    return make_record("Deák-kastély", name_en="Deák Mansion", values={"kind": "castle"})


@pytest.fixture
def draft(db, make_record):
    return make_record("Titkos vázlat", publish=False, values={"kind": "castle"})


@pytest.fixture
def staff(db):
    return get_user_model().objects.create_user("szerkeszto", "s@example.org", "x", is_staff=True)


@pytest.fixture
def member(db):
    return get_user_model().objects.create_user("tag", "t@example.org", "x")


@pytest.fixture
def add_photo(django_capture_on_commit_callbacks):
    """``add_photo(record, content=None, alt_text=…, **texts)``: a photo through the service."""

    def add(record, content: bytes | None = None, *, alt_text: str = "A kastély homlokzata",
            licence: str = Licence.CC_BY, credit: str = "Kiss Péter", **texts):  # fmt: skip
        with django_capture_on_commit_callbacks(execute=True):
            return image_upload(
                record=record,
                upload=pictures.upload(content or pictures.photo()),
                alt_text=alt_text,
                licence=licence,
                credit=credit,
                **texts,
            )

    return add


@pytest.fixture
def add_document(django_capture_on_commit_callbacks):
    def add(record, *, title: str = "Támogató levél", visibility: str = "public"):
        with django_capture_on_commit_callbacks(execute=True):
            return attachment_upload(
                record=record,
                upload=pictures.upload(pictures.pdf(), "level.pdf", "application/pdf"),
                title=title,
                visibility=visibility,
            )

    return add
