"""The map page: a filter form, the clustered map and the equivalent list."""

import pytest

from tests.web.html_structure import accessibility_problems, read
from tests.web.urls import named_url, page_url


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["hu", "en"])
def test_map_page_renders_with_a_clean_structure(client, dataset, language):
    response = client.get(named_url("web:map", language))

    assert response.status_code == 200
    page = read(response.content)
    assert accessibility_problems(page) == []
    assert page.html_lang == language


@pytest.mark.django_db
def test_map_list_has_every_placed_record_and_marks_the_approximate_ones(client, dataset):
    html = client.get(named_url("web:map", "en")).content.decode()

    assert page_url(dataset.mansion, "en") in html
    church = html.index(page_url(dataset.church, "en"))  # no coordinates of its own
    item = html[church : html.index("</li>", church)]
    assert "centre (approximate)" in item
    mansion = html.index(page_url(dataset.mansion, "en"))
    assert "approximate" not in html[mansion : html.index("</li>", mansion)]
    assert "Titkos" not in html


@pytest.mark.django_db
def test_map_filters_reach_the_list_and_the_geojson_source(client, dataset):
    html = client.get(
        named_url("web:map", "en"), {"catalog": "web-test-sites", "priority": "2"}
    ).content.decode()

    assert page_url(dataset.mansion, "en") in html
    assert (
        'data-source="/api/v1/records.geojson?lang=en&amp;catalog=web-test-sites&amp;priority=2"'
    ) in html
    assert 'data-cluster="true"' in html
    assert '<option value="web-test-sites" selected>' in html


@pytest.mark.django_db
def test_map_uses_the_configured_tiles_and_attribution(client, dataset, settings):
    settings.KOZKINCS_TILE_URL = "https://tiles.example.net/{z}/{x}/{y}.png"
    settings.KOZKINCS_TILE_ATTRIBUTION = "© Example tiles"

    html = client.get(named_url("web:map", "hu")).content.decode()

    assert 'data-tile-url="https://tiles.example.net/{z}/{x}/{y}.png"' in html
    assert 'data-tile-attribution="© Example tiles"' in html


@pytest.mark.django_db
def test_map_offers_a_way_past_the_map_to_the_list(client, dataset):
    html = client.get(named_url("web:map", "hu")).content.decode()

    assert html.index('href="#map-list-heading"') < html.index('id="records-map"')
    assert 'id="map-list-heading" tabindex="-1"' in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "parameter"),
    [({"catalog": "nope"}, "catalog"), ({"priority": "x"}, "priority"), ({"page": "0x"}, "page")],
)
def test_map_bad_filters_give_a_400(client, dataset, params, parameter):
    response = client.get(named_url("web:map", "en"), params)

    assert response.status_code == 400
    assert f"“{parameter}”" in response.content.decode()
