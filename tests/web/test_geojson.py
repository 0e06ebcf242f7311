"""GeoJSON the pages embed: the region's settlements, built as data and serialised by json."""

import json

import pytest
from django.utils import translation

from kozkincs.gazetteer.services import settlement_update
from kozkincs.web.geojson import settlements_collection


def region_json(client) -> dict:
    page = client.get("/hu/")
    assert page.status_code == 200
    text = page.content.decode()
    start = text.index('<script id="region-geojson" type="application/json">')
    payload = text[start:].split(">", 1)[1].split("</script>", 1)[0]
    return json.loads(payload)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["hu", "en"])
def test_the_home_page_embeds_the_collection_built_from_the_objects(client, dataset, language):
    with translation.override(language):
        expected = settlements_collection([dataset.village, dataset.town])
    client.cookies.clear()
    page = client.get(f"/{language}/")
    text = page.content.decode()
    start = text.index('<script id="region-geojson" type="application/json">')
    payload = text[start:].split(">", 1)[1].split("</script>", 1)[0]
    assert json.loads(payload) == json.loads(json.dumps(expected))


@pytest.mark.django_db
def test_a_changed_boundary_shows_at_once(client, dataset):
    before = region_json(client)
    moved = {
        "type": "Polygon",
        "coordinates": [[[16.5, 46.5], [16.6, 46.5], [16.6, 46.6], [16.5, 46.5]]],
    }

    settlement_update(settlement=dataset.village, boundary=moved)

    after = region_json(client)
    bagod = next(f for f in after["features"] if f["properties"]["name"] == "Bagod")
    assert bagod["geometry"] == moved
    assert before != after
