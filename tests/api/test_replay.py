"""The replay layer in front of Django (``api/replay.py``, installed by ``config/wsgi.py``).

Requests go through a real ``WSGIHandler`` wrapped in :class:`ReplayApplication`; a counter in
between tells whether Django answered or the layer did. Two layers over one database stand for
the two worker processes: each has its own store and learns of an edit only via the database.
"""

import io
import sys
from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import DatabaseError, close_old_connections

from kozkincs.api import replay
from kozkincs.api.replay import ReplayApplication, ResponseStore, StoredResponse
from kozkincs.catalog.services import record_publish, record_update
from tests.api.conftest import CATALOG


@dataclass
class Answer:
    status: str
    headers: list[tuple[str, str]]
    body: bytes


class CountingDjango:
    """Django's WSGI handler, counting the requests that reach it."""

    def __init__(self) -> None:
        self.handler = WSGIHandler()
        self.calls = 0

    def __call__(self, environ, start_response):
        self.calls += 1
        return self.handler(environ, start_response)


def environ_for(path: str, *, method: str = "GET", **extra: str) -> dict:
    path_info, _, query = path.partition("?")
    return {
        "REQUEST_METHOD": method,
        "PATH_INFO": path_info,
        "QUERY_STRING": query,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "testserver",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        "wsgi.version": (1, 0),
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        **extra,
    }


def call(app, path: str, **options: str) -> Answer:
    """One request through ``app``; the test's transaction must survive it (as in Client)."""
    started: list = []
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        result = app(environ_for(path, **options), lambda s, h, e=None: started.append((s, h)))
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    status, headers = started[-1]
    return Answer(status, list(headers), body)


@pytest.fixture
def django_app() -> CountingDjango:
    return CountingDjango()


@pytest.fixture
def app(django_app) -> ReplayApplication:
    return ReplayApplication(django_app, store=ResponseStore())


LIST = f"/api/v1/records?q=templom&catalog={CATALOG}"


@pytest.mark.parametrize("path", [LIST, "/api/v1/records.geojson?lang=en", "DETAIL"])
def test_a_replayed_answer_is_identical_to_the_built_one(app, django_app, dataset, path):
    path = f"/api/v1/records/{dataset.church.pk}?lang=de" if path == "DETAIL" else path
    built = call(app, path)
    replayed = call(app, path)

    assert built.status == "200 OK"
    assert django_app.calls == 1
    assert replayed == built
    header_names = {name for name, _ in replayed.headers}
    assert {"Content-Type", "X-Content-Type-Options", "Referrer-Policy"} <= header_names
    assert {"Cross-Origin-Opener-Policy", "Content-Language", "Vary"} <= header_names


def test_a_replayed_answer_equals_one_built_with_every_cache_off(app, dataset, settings):
    replayed = call(app, LIST)
    replayed = call(app, LIST)
    settings.KOZKINCS_RESPONSE_CACHE = False
    cache.clear()

    uncached = call(WSGIHandler(), LIST)

    assert uncached == replayed


def test_parameter_order_does_not_matter_but_the_language_does(app, django_app, dataset):
    first = call(app, f"/api/v1/records?catalog={CATALOG}&q=templom")
    reordered = call(app, f"/api/v1/records?q=templom&catalog={CATALOG}")
    english = call(app, f"/api/v1/records?q=templom&catalog={CATALOG}&lang=en")

    assert reordered == first
    assert django_app.calls == 2
    assert english.body != first.body


def test_an_edit_shows_in_the_next_answer_of_both_processes(
    dataset, django_capture_on_commit_callbacks
):
    first, second = (ReplayApplication(CountingDjango(), store=ResponseStore()) for _ in "12")
    detail = f"/api/v1/records/{dataset.church.pk}"
    for app in (first, second):
        for _ in range(2):
            assert b"Szent Mih" in call(app, detail).body
            assert b"Titkos" not in call(app, "/api/v1/records?q=templom").body

    with django_capture_on_commit_callbacks(execute=True):
        record_update(record=dataset.church, data={"name": "Szent Mihály-templom (felújítva)"})
        record_publish(record=dataset.draft)

    for app in (first, second):
        assert "felújítva".encode() in call(app, detail).body
        assert b"Titkos templom" in call(app, "/api/v1/records?q=templom").body


@pytest.mark.parametrize(
    "options",
    [
        {"HTTP_COOKIE": "sessionid=abc"},
        {"HTTP_COOKIE": "django_language=en"},
        {"HTTP_AUTHORIZATION": "Bearer token"},
        {"method": "HEAD"},
        {"method": "POST"},
        {"method": "OPTIONS"},
    ],
)
def test_only_anonymous_cookie_less_gets_are_replayed(app, django_app, dataset, options):
    call(app, LIST)
    call(app, LIST)
    assert django_app.calls == 1

    call(app, LIST, **options)
    call(app, LIST, **options)

    assert django_app.calls == 3


@pytest.mark.parametrize(
    "path",
    ["/api/v1/records?page=0", "/api/v1/records/999999", "/api/v1/catalogs", "/api/v1/docs"],
)
def test_errors_and_unmarked_answers_always_reach_django(app, django_app, dataset, path):
    answers = [call(app, path) for _ in range(3)]

    assert django_app.calls == 3
    assert len(app.store) == 0
    assert answers[0].status == answers[2].status


def test_a_host_django_refuses_is_refused_even_when_another_host_is_stored(
    app, django_app, dataset
):
    assert call(app, LIST).status == "200 OK"
    assert call(app, LIST, HTTP_HOST="evil.example").status.startswith("400")
    assert call(app, LIST, HTTP_HOST="evil.example").status.startswith("400")
    assert django_app.calls == 3


def test_the_browser_language_picks_its_own_entry(app, django_app, dataset):
    hungarian = call(app, LIST, HTTP_ACCEPT_LANGUAGE="hu")
    english = call(app, LIST, HTTP_ACCEPT_LANGUAGE="en")
    call(app, LIST, HTTP_ACCEPT_LANGUAGE="en")

    assert django_app.calls == 2
    assert ("Content-Language", "en") in english.headers
    assert ("Content-Language", "hu") in hungarian.headers
    assert english.body == hungarian.body  # labels follow lang=, not the browser


def test_a_database_error_falls_through_to_django(app, django_app, dataset, monkeypatch):
    call(app, LIST)

    def broken() -> int:
        raise DatabaseError("database is locked")

    monkeypatch.setattr(replay, "read_data_version", broken)
    call(app, LIST)

    assert django_app.calls == 2


def test_with_the_response_cache_off_nothing_is_stored(app, django_app, dataset, settings):
    settings.KOZKINCS_RESPONSE_CACHE = False
    call(app, LIST)
    call(app, LIST)

    assert django_app.calls == 2
    assert len(app.store) == 0


def test_the_wsgi_application_replays_api_answers():
    from kozkincs.config.wsgi import application

    assert isinstance(application, ReplayApplication)
    assert isinstance(application.inner, WSGIHandler)


# --- Pieces ---------------------------------------------------------------------------------


def stored(size: int) -> StoredResponse:
    return StoredResponse("200 OK", (("Content-Type", "application/json"),), b"x" * size)


def test_the_store_keeps_one_version_only():
    store = ResponseStore()
    store.put(7, "a", stored(1))

    assert store.get(7, "a") == stored(1)
    assert store.get(8, "a") is None
    store.put(8, "b", stored(2))
    assert store.get(7, "a") is None
    assert len(store) == 1


def test_the_store_drops_the_least_recently_used_beyond_its_bounds():
    store = ResponseStore(max_entries=2, max_bytes=10)
    store.put(1, "a", stored(4))
    store.put(1, "b", stored(4))
    store.get(1, "a")
    store.put(1, "c", stored(4))  # 12 bytes: "b" (least recently used) goes

    assert store.get(1, "b") is None
    assert store.get(1, "a") is not None
    store.put(1, "huge", stored(11))
    assert store.get(1, "huge") is None


@pytest.mark.parametrize(
    ("query", "normalised"),
    [
        ("q=templom&catalog=x", "catalog=x&q=templom"),
        ("q=b&lang=en&q=a", "lang=en&q=b&q=a"),  # one name's values keep their order
        ("%71=a&q=b", "%71=a&q=b"),  # the same name, encoded: order kept
        ("q=templom&&", "q=templom"),
        ("", ""),
    ],
)
def test_the_query_string_is_ordered_by_parameter_name(query, normalised):
    assert replay.normalised_query(query) == normalised


@pytest.mark.parametrize(
    ("method", "path", "extra", "eligible"),
    [
        ("GET", "/api/v1/records", {}, True),
        ("GET", "/hu/kereses/", {}, False),
        ("GET", "/api/v1/records", {"HTTP_COOKIE": "a=b"}, False),
        ("GET", "/api/v1/records", {"HTTP_AUTHORIZATION": "Basic eDp5"}, False),
        ("PUT", "/api/v1/records", {}, False),
    ],
)
def test_eligible_requests(method, path, extra, eligible):
    assert replay.is_eligible(environ_for(path, method=method, **extra)) is eligible


@pytest.mark.parametrize(
    ("status", "headers", "storable"),
    [
        ("200 OK", [("Vary", "Accept-Language")], True),
        ("200 OK", [("Vary", "Accept-Language, Cookie")], True),
        ("200 OK", [("Set-Cookie", "csrftoken=x")], False),
        ("200 OK", [("Vary", "Accept-Language, HX-Request")], False),
        ("304 Not Modified", [], False),
        ("404 Not Found", [], False),
    ],
)
def test_only_plain_successful_answers_are_stored(status, headers, storable):
    assert replay._storable(status, headers) is storable
