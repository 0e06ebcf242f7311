"""GeoJSON the pages embed: the region's settlements, serialised once per boundary."""

import json

import pytest
from django.utils import translation

from kozkincs.gazetteer.services import settlement_update
from kozkincs.web.geojson import settlements_collection, settlements_collection_json
from kozkincs.web.record_items import RecordAddresses
from kozkincs.web.views.home import region_map_settlements


def region_json(region) -> dict:
    return json.loads(
        settlements_collection_json(
            region_map_settlements(region), urls=RecordAddresses().settlement
        )
    )


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["hu", "en"])
def test_serialised_collection_equals_the_collection_built_from_the_objects(dataset, language):
    with translation.override(language):
        expected = settlements_collection([dataset.village, dataset.town])
        assert region_json(dataset.region) == expected


@pytest.mark.django_db
def test_a_changed_boundary_shows_at_once(dataset):
    before = region_json(dataset.region)
    moved = {
        "type": "Polygon",
        "coordinates": [[[16.5, 46.5], [16.6, 46.5], [16.6, 46.6], [16.5, 46.5]]],
    }

    settlement_update(settlement=dataset.village, boundary=moved)

    after = region_json(dataset.region)
    bagod = next(f for f in after["features"] if f["properties"]["name"] == "Bagod")
    assert bagod["geometry"] == moved
    assert before != after
