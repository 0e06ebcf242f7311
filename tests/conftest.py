"""Fixtures shared by every app's tests."""

from pathlib import Path

import pytest


@pytest.fixture(scope="session", autouse=True)
def _compiled_message_catalogs():
    """`pytest` alone works like `make test`: missing or stale .mo files are compiled first."""
    from django.conf import settings
    from django.core.management import call_command
    from django.core.signals import setting_changed
    from django.test import signals  # noqa: F401  (its receivers reset the translation caches)

    catalogs = [po for d in settings.LOCALE_PATHS for po in Path(d).glob("*/LC_MESSAGES/*.po")]
    if not all(_compiled_after(po) for po in catalogs):
        call_command("compilemessages", verbosity=0)
        # Forget translations Django may have loaded before the catalogs existed.
        setting_changed.send(None, setting="LOCALE_PATHS", value=settings.LOCALE_PATHS, enter=False)


def _compiled_after(po: Path) -> bool:
    mo = po.with_suffix(".mo")
    return mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime


@pytest.fixture(autouse=True)
def _fresh_catalog_registry():
    """Each test sees the catalog definitions as its settings name them."""
    from kozkincs.catalog.registry import reset_registry

    reset_registry()
    yield
    reset_registry()


@pytest.fixture(autouse=True)
def _english_outside_requests():
    """Code called outside a request speaks English (the msgids) unless a test overrides it.

    Requests still take their language from the URL prefix or the Accept-Language header, so
    pages under /hu/ and the admin render in Hungarian, the default language.
    """
    from django.utils import translation

    with translation.override("en"):
        yield


def pytest_collection_modifyitems(config, items):
    """Run the browser tests last.

    Playwright's sync API keeps an event loop running in the main thread while a browser is
    open, and Django refuses database work from a thread with a running loop; so the
    session-scoped browser must only start after every other test has run.
    """
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


@pytest.fixture(autouse=True)
def _empty_caches():
    """Every test starts and ends with empty caches (see ``tests/caches.py``)."""
    from tests.caches import caches_clear

    caches_clear()
    yield
    caches_clear()
