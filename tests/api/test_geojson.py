"""``/api/v1/records.geojson``: the geolocated public records, with the same filters."""

import pytest

from kozkincs.api.schemas import FeatureCollectionOut
from tests.api.conftest import CATALOG

pytestmark = pytest.mark.django_db


def get_geojson(client, **params):
    response = client.get("/api/v1/records.geojson", params)
    assert response.status_code == 200, response.content
    body = response.json()
    FeatureCollectionOut.model_validate(body)
    return body


def test_every_public_record_is_a_feature_approximate_where_it_has_no_point(client, dataset):
    body = get_geojson(client, catalog=CATALOG)

    assert body["type"] == "FeatureCollection"
    # The draft and the archived record are not public; the chapel has no coordinates of its
    # own and is placed at its settlement's centre.
    features = {feature["id"]: feature for feature in body["features"]}
    assert set(features) == {dataset.church.pk, dataset.chapel.pk, dataset.mill.pk}
    church, chapel = features[dataset.church.pk], features[dataset.chapel.pk]
    assert church["geometry"] == {"type": "Point", "coordinates": [16.741, 46.881]}
    assert (church["properties"]["settlement"], church["properties"]["approximate"]) == (
        "Bagod",
        False,
    )
    settlement = dataset.chapel.settlement
    assert chapel["geometry"]["coordinates"] == [settlement.lon, settlement.lat]
    assert chapel["properties"]["approximate"] is True
    assert body["total"] == 3


def test_geojson_takes_the_same_filters(client, dataset):
    body = get_geojson(client, catalog=CATALOG, **{"facet.kind": "mill"})

    assert [feature["id"] for feature in body["features"]] == [dataset.mill.pk]
    assert get_geojson(client, q="templom", bbox="16.745,46.885,16.76,46.9")["features"] == []


def test_geojson_is_not_taken_for_a_record_id(client, dataset):
    # /records.geojson and /records/{id} must not shadow one another.
    assert client.get("/api/v1/records.geojson").json()["type"] == "FeatureCollection"
    assert client.get(f"/api/v1/records/{dataset.church.pk}").json()["id"] == dataset.church.pk


def test_geojson_bad_bbox_is_a_400(client, dataset):
    response = client.get("/api/v1/records.geojson", {"bbox": "16,47,15,46"})

    assert response.status_code == 400
    assert response.json()["parameter"] == "bbox"
