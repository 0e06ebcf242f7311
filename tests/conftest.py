"""Fixtures shared by every app's tests."""

import pytest


@pytest.fixture(autouse=True)
def _fresh_catalog_registry():
    """Each test sees the catalog definitions as its settings name them."""
    from kozkincs.catalog.registry import reset_registry

    reset_registry()
    yield
    reset_registry()
