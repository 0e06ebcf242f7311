"""Replay finished API responses in front of Django, keyed by the data version.

A cached API answer costs ~0.6 ms of CPU when it goes through Django (middleware, URL
resolving, ninja, an ORM read of the data version); :class:`ReplayApplication` answers a
repeated anonymous read in a few tens of microseconds instead. It wraps the WSGI application
(``config/wsgi.py``):

* A request is *eligible* when it is a ``GET`` under ``/api/v1/`` without ``Cookie`` or
  ``Authorization``: no session, no user, so the answer is the same for everyone.
* On the way out, an eligible response is stored when the API marked it as built from the data
  version ``v`` (:func:`mark_replayable`, called by ``response_cache.cached_json``), its status
  is 200, it sets no cookie and it varies on nothing but the request parts in the key. What is
  stored is exactly what Django sent (status, every header the middleware added, body), so a
  replay is byte-identical.
* On the way in, the current data version is read with one plain SQL query on the thread's
  persistent database connection. The version lives in the database and grows in the
  transaction of every index change, so both worker processes see an edit at once; an entry is
  only ever found under the version it was built from. Anything unexpected (no entry, a
  database error) falls through to Django.

The store is per process and holds one data version at a time (older ones are never asked for
again), bounded by entries and bytes.
"""

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote_plus

from django.db import DatabaseError, connection

from kozkincs.search.models import SearchState

API_PREFIX = "/api/v1/"
ENVIRON_KEY = "kozkincs.api.data_version"
MAX_ENTRIES = 5000
MAX_BYTES = 64 * 1024 * 1024
# Request headers a stored answer may depend on; they are part of the key. The CORS headers
# of an API answer depend on the request's Origin (django-cors-headers adds "Vary: origin").
KEY_HEADERS = ("HTTP_HOST", "HTTP_ACCEPT_LANGUAGE", "HTTP_X_FORWARDED_PROTO", "HTTP_ORIGIN")
ALLOWED_VARY = frozenset({"accept-language", "cookie", "origin"})
VERSION_SQL = f"SELECT version FROM {SearchState._meta.db_table} WHERE id = 1"

WSGIApp = Callable[[dict, Callable], Iterable[bytes]]
Headers = list[tuple[str, str]]


def mark_replayable(meta: dict[str, Any], version: int) -> None:
    """Tell the replay layer that this request's response was built from data ``version``."""
    meta[ENVIRON_KEY] = version


@dataclass(frozen=True)
class StoredResponse:
    status: str
    headers: tuple[tuple[str, str], ...]
    body: bytes


class ResponseStore:
    """Finished responses of one data version, least recently used dropped first."""

    def __init__(self, *, max_entries: int = MAX_ENTRIES, max_bytes: int = MAX_BYTES) -> None:
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._lock = threading.Lock()
        self._entries: OrderedDict[str, StoredResponse] = OrderedDict()
        self._version: int | None = None
        self._bytes = 0

    def get(self, version: int, key: str) -> StoredResponse | None:
        with self._lock:
            if version != self._version:
                return None
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def put(self, version: int, key: str, response: StoredResponse) -> None:
        size = len(response.body)
        if size > self.max_bytes:
            return
        with self._lock:
            if version != self._version:
                # Another version is current now: the old entries will never be asked for.
                self._entries.clear()
                self._bytes = 0
                self._version = version
            previous = self._entries.pop(key, None)
            if previous is not None:
                self._bytes -= len(previous.body)
            self._entries[key] = response
            self._bytes += size
            while len(self._entries) > self.max_entries or self._bytes > self.max_bytes:
                _, dropped = self._entries.popitem(last=False)
                self._bytes -= len(dropped.body)

    def __len__(self) -> int:
        return len(self._entries)


def read_data_version() -> int:
    """The data version with one plain query on this thread's persistent connection.

    The same value as ``kozkincs.search.index.data_version()`` without building an ORM query
    (tens of microseconds instead of most of a millisecond). Database errors propagate.
    """
    with connection.cursor() as cursor:
        cursor.execute(VERSION_SQL)
        row = cursor.fetchone()
    return int(row[0] or 0) if row else 0


def is_eligible(environ: dict) -> bool:
    """An anonymous, cookie-less GET of the API."""
    return (
        environ.get("REQUEST_METHOD") == "GET"
        and environ.get("PATH_INFO", "").startswith(API_PREFIX)
        and not environ.get("HTTP_COOKIE")
        and not environ.get("HTTP_AUTHORIZATION")
    )


def normalised_query(query_string: str) -> str:
    """The query string with its parameters ordered by name.

    Values of one name keep their order (the API may read the first or the last), and each
    part keeps its encoding, so two strings map to one key only when Django parses them into
    the same parameters.
    """
    parts = [part for part in query_string.split("&") if part]
    return "&".join(sorted(parts, key=lambda part: unquote_plus(part.partition("=")[0])))


def request_key(environ: dict) -> str:
    """Everything of the request an API answer may depend on (the version aside)."""
    fields = [
        environ.get("wsgi.url_scheme", ""),
        *(environ.get(name, "") for name in KEY_HEADERS),
        environ.get("PATH_INFO", ""),
        normalised_query(environ.get("QUERY_STRING", "")),
    ]
    return "\n".join(fields)


def _storable(status: str, headers: Headers) -> bool:
    if not status.startswith("200 "):
        return False
    for name, value in headers:
        lower = name.lower()
        if lower == "set-cookie":
            return False
        if lower == "vary":
            tokens = {token.strip().lower() for token in value.split(",")}
            if not tokens <= ALLOWED_VARY:
                return False
    return True


class ReplayApplication:
    """The WSGI application ``inner`` with stored API answers replayed in front of it."""

    def __init__(self, inner: WSGIApp, *, store: ResponseStore | None = None) -> None:
        self.inner = inner
        self.store = store if store is not None else ResponseStore()

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        if not is_eligible(environ):
            return self.inner(environ, start_response)
        key = request_key(environ)
        try:
            version = read_data_version()
        except DatabaseError:
            # Django reports (or recovers from) a database problem better than this layer.
            return self.inner(environ, start_response)
        stored = self.store.get(version, key)
        if stored is not None:
            start_response(stored.status, list(stored.headers))
            return [stored.body]
        return self._call_and_store(environ, start_response, key)

    def _call_and_store(self, environ: dict, start_response: Callable, key: str) -> Iterable:
        captured: list = []

        def capture(status: str, headers: Headers, exc_info: Any = None) -> Callable:
            captured[:] = [status, headers, exc_info]
            return start_response(status, headers, exc_info)

        # Django calls start_response before returning its body, and nothing is written
        # before the body is iterated, so the headers can be inspected here.
        result = self.inner(environ, capture)
        version = environ.get(ENVIRON_KEY)
        if version is None or not captured or not _storable(captured[0], captured[1]):
            return result
        try:
            body = b"".join(result)
        finally:
            close = getattr(result, "close", None)
            if close is not None:
                close()
        status, headers, _ = captured
        self.store.put(version, key, StoredResponse(status, tuple(headers), body))
        return [body]
