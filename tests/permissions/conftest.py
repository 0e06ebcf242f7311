"""Fixtures of the role matrix: the test catalogs, a media directory of each test's own, the
world of roles and objects (``world.py``)."""

import pytest

from kozkincs.catalog.registry import reset_registry
from tests.permissions.world import CATALOG, CATALOG_DIRS, world_build


@pytest.fixture(autouse=True)
def matrix_catalogs(settings, tmp_path):
    settings.KOZKINCS_CATALOG_DIRS = CATALOG_DIRS
    # The test catalog's organisations can be actors of the network.
    settings.KOZKINCS_NETWORK_ACTOR_CATALOGS = [*settings.KOZKINCS_NETWORK_ACTOR_CATALOGS, CATALOG]
    settings.MEDIA_ROOT = tmp_path / "media"
    reset_registry()
    yield
    reset_registry()


@pytest.fixture
def world(db, settings, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return world_build(settings.KOZKINCS_HOME_REGION)
