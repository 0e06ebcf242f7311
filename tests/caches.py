"""Emptying the caches between tests."""

from django.core.cache import caches


def caches_clear() -> None:
    """Empty every configured cache: the shared one (allauth's rate limits) and each process's
    own (answers keyed by the data version, which a test rolled back may repeat)."""
    for cache in caches.all():
        cache.clear()
