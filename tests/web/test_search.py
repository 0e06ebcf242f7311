"""Search across catalogs, suggestions, and the visitor's path from a search to the map."""

import json
import re

import pytest

from tests.web.html_structure import accessibility_problems, read
from tests.web.urls import named_url, page_url


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["hu", "en"])
def test_search_page_renders_with_a_clean_structure(client, dataset, language):
    response = client.get(named_url("web:search", language), {"q": "templom"})

    assert response.status_code == 200
    page = read(response.content)
    assert page.html_lang == language
    assert accessibility_problems(page) == []
    assert dataset.church.slug in response.content.decode()


@pytest.mark.django_db
def test_search_highlights_the_matched_words(client, dataset):
    html = client.get(named_url("web:search", "hu"), {"q": "kastelyok"}).content.decode()

    assert "<mark>kastélyok</mark>" in html


@pytest.mark.django_db
def test_search_offers_the_catalog_facet_and_then_the_catalogs_own_facets(client, dataset):
    everything = read(client.get(named_url("web:search", "en"), {"q": "szent"}).content)
    one_catalog = read(
        client.get(
            named_url("web:search", "en"), {"q": "szent", "catalog": "web-test-sites"}
        ).content
    )

    assert "Catalog" in [text for level, text in everything.headings if level == 3]
    assert "Kind" not in [text for level, text in everything.headings if level == 3]
    assert "Kind" in [text for level, text in one_catalog.headings if level == 3]


@pytest.mark.django_db
def test_search_never_shows_drafts_or_archived_records(client, dataset):
    html = client.get(named_url("web:search", "hu"), {"q": "kastély"}).content.decode()

    assert dataset.mansion.slug in html
    assert "Titkos" not in html
    assert "Archivált" not in html


@pytest.mark.django_db
def test_search_with_an_unknown_catalog_is_a_400_naming_the_parameter(client, dataset):
    response = client.get(named_url("web:search", "en"), {"q": "x", "catalog": "nope"})

    assert response.status_code == 400
    assert "“catalog”" in response.content.decode()


@pytest.mark.django_db
def test_search_page_htmx_request_returns_the_results_region(client, dataset):
    response = client.get(
        named_url("web:search", "en"), {"q": "kastely"}, headers={"HX-Request": "true"}
    )

    html = response.content.decode()
    assert html.lstrip().startswith('<div id="listing"')
    assert "1 record found" in html


@pytest.mark.django_db
def test_search_box_asks_for_suggestions_through_htmx(client, dataset):
    html = client.get(named_url("web:search", "hu")).content.decode()

    assert f'hx-get="{named_url("web:search_suggestions", "hu")}"' in html
    assert 'action="/hu/kereses/"' in html


@pytest.mark.django_db
def test_suggestions_are_links_to_matching_records_by_prefix(client, dataset):
    response = client.get(named_url("web:search_suggestions", "en"), {"q": "kast"})

    page = read(response.content)
    assert [link["text"] for link in page.links] == ["Deák Mansion"]
    assert page.links[0]["href"] == page_url(dataset.mansion, "en")


@pytest.mark.django_db
def test_empty_suggestion_query_gives_an_empty_fragment(client, dataset):
    response = client.get(named_url("web:search_suggestions", "hu"), {"q": ""})

    assert response.status_code == 200
    assert response.content.strip() == b""


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["hu", "en"])
def test_visitor_finds_the_mansion_by_typing_kastelyok_and_follows_it_to_the_map(
    client, dataset, language
):
    # 1. Search without accents, with a plural ending.
    search = read(client.get(named_url("web:search", language), {"q": "kastelyok"}).content)
    record_link = next(link for link in search.links if dataset.mansion.slug in link["href"])
    # 2. Open the record.
    record_response = client.get(record_link["href"])
    assert record_response.status_code == 200
    record_page = read(record_response.content)
    assert record_page.html_lang == language
    settlement_link = next(
        link for link in record_page.links if link["href"] == page_url(dataset.village, language)
    )
    # 3. Jump to its settlement and see it on the map (its boundary) with the record listed.
    settlement_response = client.get(settlement_link["href"])
    html = settlement_response.content.decode()
    assert settlement_response.status_code == 200
    assert read(html).h1s == ["Bagod"]
    boundary = json.loads(re.search(r'id="settlement-geojson"[^>]*>(.*?)</script>', html).group(1))
    assert boundary["features"][0]["geometry"]["type"] == "Polygon"
    assert 'data-features="settlement-geojson"' in html
    assert record_link["href"] in html
