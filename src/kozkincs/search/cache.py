"""Cache serialised search (and other record) responses, keyed by the data version.

The data version lives in the database (``SearchState``) and grows in the same transaction as
every index change, so every worker process sees a new version at once and never reuses a
response computed from older data: no time-based staleness. Reading it is one single-row query
by primary key (about 20 µs on SQLite). The key also holds the random token drawn with each
version, so a version number repeated after a rolled-back transaction never finds an entry.
The cache itself may then be per process (the default LocMemCache): a process-local entry is
only ever found under the version it was computed for.
"""

import hashlib
import json
from collections.abc import Callable, Mapping
from typing import Any

from django.conf import settings
from django.core.cache import cache

from kozkincs.search.index import index_state
from kozkincs.search.normalization import parse_query

KEY_PREFIX = "kozkincs:response"
# Entries of older versions are never read again; the timeout only frees their memory.
ENTRY_SECONDS = 3600
_MISSING = object()


def response_cache_key(
    *, kind: str, params: Mapping[str, Any], language: str, version: int, token: int = 0
) -> str:
    """A key from the data version, the response kind, the normalised parameters, the language.

    A ``q`` (or ``query``) parameter is normalised first, so "Kastélyok" and "kastelyok" share
    one entry; other values are compared as given (callers pass validated values).
    """
    normalised = dict(params)
    for name in ("q", "query"):
        if isinstance(normalised.get(name), str):
            normalised[name] = parse_query(normalised[name]).normalized
    encoded = json.dumps(normalised, sort_keys=True, default=str, ensure_ascii=False)
    digest = hashlib.blake2b(encoded.encode(), digest_size=16).hexdigest()
    return f"{KEY_PREFIX}:{version}.{token}:{kind}:{language}:{digest}"


def cached_response[T](
    *, kind: str, params: Mapping[str, Any], language: str, build: Callable[[], T]
) -> T:
    """``build()``, or the value it returned for the same arguments at the same data version.

    ``build`` should return something cheap to send again (serialised bytes or a plain dict).
    With ``KOZKINCS_RESPONSE_CACHE`` off it is simply called.
    """
    if not settings.KOZKINCS_RESPONSE_CACHE:
        return build()
    version, token = index_state()
    key = response_cache_key(
        kind=kind, params=params, language=language, version=version, token=token
    )
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = build()
        cache.set(key, value, ENTRY_SECONDS)
    return value
