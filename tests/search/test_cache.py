import pytest

from kozkincs.catalog.services import record_update
from kozkincs.search.cache import cached_response, response_cache_key
from kozkincs.search.selectors import record_search


def test_the_key_normalises_the_query_and_includes_version_and_language():
    key = response_cache_key(kind="search", params={"q": "Kastélyok"}, language="hu", version=3)
    assert key == response_cache_key(
        kind="search", params={"q": "kastelyok"}, language="hu", version=3
    )
    assert key != response_cache_key(
        kind="search", params={"q": "kastelyok"}, language="en", version=3
    )
    assert key != response_cache_key(
        kind="search", params={"q": "kastelyok"}, language="hu", version=4
    )


@pytest.mark.django_db
def test_a_cached_response_is_reused_until_the_data_changes(
    corpus, settings, django_capture_on_commit_callbacks
):
    settings.KOZKINCS_RESPONSE_CACHE = True
    calls = []

    def build():
        calls.append(1)
        return record_search(query="kastely").total

    def get():
        return cached_response(kind="search", params={"q": "kastely"}, language="hu", build=build)

    assert (get(), get()) == (1, 1)
    assert len(calls) == 1

    with django_capture_on_commit_callbacks(execute=True):
        record_update(record=corpus["chapel"], data={"summary": "Egykor kastély kápolnája."})
    assert get() == 2
    assert len(calls) == 2


@pytest.mark.django_db
def test_the_cache_can_be_switched_off(corpus, settings):
    settings.KOZKINCS_RESPONSE_CACHE = False
    calls = []
    for _ in range(2):
        cached_response(kind="x", params={}, language="hu", build=lambda: calls.append(1))
    assert len(calls) == 2
