"""``/api/v1/settlements``: the gazetteer by region and name, one settlement with its boundary."""

import pytest

from kozkincs.api.schemas import SettlementDetailOut, SettlementPageOut

pytestmark = pytest.mark.django_db


def get_settlements(client, **params):
    response = client.get("/api/v1/settlements", params)
    assert response.status_code == 200, response.content
    body = response.json()
    SettlementPageOut.model_validate(body)
    return body


def test_lists_settlements_filtered_by_region_and_name(client, dataset):
    everything = get_settlements(client)
    in_region = get_settlements(client, region="api-test-region")
    by_name = get_settlements(client, q="zalaeger")

    assert {"Bagod", "Zalaegerszeg"} <= {item["name"] for item in everything["items"]}
    assert [item["name"] for item in in_region["items"]] == ["Bagod"]
    assert [item["name"] for item in by_name["items"]] == ["Zalaegerszeg"]
    assert by_name["items"][0]["url"] == f"/api/v1/settlements/{dataset.other_settlement.ksh_code}"


def test_settlement_list_pages(client, dataset):
    body = get_settlements(client, page_size=1, page=2, q="a")

    assert body["page"] == 2
    assert len(body["items"]) == 1
    assert body["num_pages"] == body["total"]


def test_settlement_detail_has_boundary_regions_and_record_count(client, dataset):
    settlement = dataset.settlement
    settlement.boundary = {
        "type": "Polygon",
        "coordinates": [[[16.7, 46.8], [16.8, 46.8], [16.8, 46.9], [16.7, 46.8]]],
    }
    settlement.save()

    response = client.get(f"/api/v1/settlements/{settlement.ksh_code}")

    assert response.status_code == 200
    body = response.json()
    SettlementDetailOut.model_validate(body)
    assert body["boundary"]["type"] == "Polygon"
    assert [region["key"] for region in body["regions"]] == ["api-test-region"]
    assert body["record_count"] == 2  # church and mill; not the draft nor the archived record


def test_unknown_settlement_is_a_json_404(client, db):
    response = client.get("/api/v1/settlements/99999")

    assert response.status_code == 404
    assert "99999" in response.json()["detail"]


@pytest.mark.parametrize(
    ("path", "params", "parameter"),
    [
        ("/api/v1/settlements/12ab5", {}, "ksh_code"),
        ("/api/v1/settlements", {"region": "no-such-region"}, "region"),
        ("/api/v1/settlements", {"page_size": "500"}, "page_size"),
        ("/api/v1/settlements", {"q": "\x00"}, "q"),
    ],
)
def test_bad_parameters_are_a_400_naming_the_parameter(client, db, path, params, parameter):
    response = client.get(path, params)

    assert response.status_code == 400
    assert response.json()["parameter"] == parameter


@pytest.mark.parametrize("page_size", [1, 100])
def test_settlement_list_query_count_is_fixed(
    client, dataset, django_assert_max_num_queries, page_size
):
    with django_assert_max_num_queries(4):  # 3 and the data version of the answer's ETag
        get_settlements(client, page_size=page_size, region="api-test-region")
