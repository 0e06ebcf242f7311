"""The home page: the region at a glance."""

import json
import re

import pytest

from kozkincs.web.views import home
from tests.web.html_structure import accessibility_problems, read
from tests.web.urls import named_url, page_url


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["hu", "en"])
def test_home_page_renders_with_a_clean_structure(client, dataset, language):
    response = client.get(named_url("web:home", language))

    assert response.status_code == 200
    page = read(response.content)
    assert page.html_lang == language
    assert accessibility_problems(page) == []
    assert set(page.alternates) == {"hu", "en", "de", "x-default"}


@pytest.mark.django_db
def test_home_page_embeds_the_region_boundaries_and_lists_the_settlements(client, dataset):
    html = client.get(named_url("web:home", "hu")).content.decode()

    collection = json.loads(re.search(r'id="region-geojson"[^>]*>(.*?)</script>', html).group(1))
    names = {feature["properties"]["name"] for feature in collection["features"]}
    assert names == {"Bagod", "Zalaegerszeg"}
    # Bagod has a boundary polygon; Zalaegerszeg only a centre point.
    types = {f["properties"]["name"]: f["geometry"]["type"] for f in collection["features"]}
    assert types == {"Bagod": "Polygon", "Zalaegerszeg": "Point"}
    assert f'href="{page_url(dataset.village, "hu")}"' in html
    assert 'href="#region-settlements"' in html  # the way past the map to its list


@pytest.mark.django_db
def test_home_page_counts_public_records_per_catalog(client, dataset):
    page = read(client.get(named_url("web:home", "en")).content)

    card = next(link for link in page.links if link["href"] == "/en/web-test-sites/")
    assert card["text"] == "Test sites"
    assert "3 records" in client.get(named_url("web:home", "en")).content.decode()


@pytest.mark.django_db
def test_home_page_shows_the_newest_records_and_the_five_priorities(client, dataset):
    html = client.get(named_url("web:home", "en")).content.decode()

    assert page_url(dataset.chapel, "en") in html
    assert "Titkos" not in html
    assert html.count('href="/en/kereses/?priority=') == 5


@pytest.mark.django_db
def test_home_page_works_before_the_gazetteer_is_imported(client, db):
    response = client.get(named_url("web:home", "hu"))

    assert response.status_code == 200
    assert 'id="region-geojson"' not in response.content.decode()


def counted_searches(monkeypatch) -> list[dict]:
    """The arguments of every ``record_search`` the home page runs from now on."""
    searches = []
    real_search = home.record_search

    def search(**arguments):
        searches.append(arguments)
        return real_search(**arguments)

    monkeypatch.setattr(home, "record_search", search)
    return searches


@pytest.mark.django_db
def test_home_page_counts_come_from_the_cache_until_a_record_changes(
    client, dataset, make_record, monkeypatch
):
    searches = counted_searches(monkeypatch)
    client.get(named_url("web:home", "en"))
    html = client.get(named_url("web:home", "en")).content.decode()

    assert len(searches) == 1
    assert "3 records" in html
    make_record("Új kúria", settlement=dataset.village)
    html = client.get(named_url("web:home", "en")).content.decode()

    assert len(searches) == 2
    assert "4 records" in html
    assert "Új kúria" in html


@pytest.mark.django_db
def test_home_page_searches_every_time_when_the_response_cache_is_off(
    client, dataset, settings, monkeypatch
):
    settings.KOZKINCS_RESPONSE_CACHE = False
    searches = counted_searches(monkeypatch)
    for _ in range(2):
        assert "3 records" in client.get(named_url("web:home", "en")).content.decode()

    assert len(searches) == 2


@pytest.mark.django_db
def test_demo_entries_never_lead_the_newest_records_while_real_ones_exist(
    client, dataset, django_capture_on_commit_callbacks
):
    from kozkincs.catalog.services import record_create, record_publish

    with django_capture_on_commit_callbacks(execute=True):
        for number in range(3):  # published after every real record
            demo = record_create(
                catalog="web-test-sites", data={"name": f"Bemutató {number}"}, is_demo=True
            )
            record_publish(record=demo)
    page = read(client.get(named_url("web:home", "en")).content)

    newest = [link["text"] for link in page.links if "/en/web-test-sites/" in link["href"]]
    newest = [name for name in newest if name != "Test sites"]
    real = {"Deák Mansion", "Szent Mihály templom", "Szent Anna kápolna"}
    assert set(newest[:3]) == real
    assert newest[3:] == ["Bemutató 2", "Bemutató 1", "Bemutató 0"]


@pytest.mark.django_db
def test_demo_entries_fill_the_newest_records_when_there_are_no_real_ones(
    client, db, django_capture_on_commit_callbacks
):
    from kozkincs.catalog.services import record_create, record_publish

    with django_capture_on_commit_callbacks(execute=True):
        demo = record_create(catalog="web-test-sites", data={"name": "Bemutató"}, is_demo=True)
        record_publish(record=demo)
    assert "Bemutató" in client.get(named_url("web:home", "en")).content.decode()
