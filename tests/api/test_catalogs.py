"""``/api/v1/catalogs``: definitions, labels, facets and counts of published records only."""

import pytest

from tests.api.conftest import CATALOG

pytestmark = pytest.mark.django_db


def catalog_from_list(client, lang="hu"):
    response = client.get("/api/v1/catalogs", {"lang": lang})
    assert response.status_code == 200
    return next(item for item in response.json() if item["key"] == CATALOG)


def test_catalog_list_describes_fields_facets_and_schema_type(client):
    catalog = catalog_from_list(client)

    assert catalog["label"] == "API-próbahelyek"
    assert catalog["labels"] == {
        "hu": "API-próbahelyek",
        "en": "API test places",
        "de": "API-Testorte",
    }
    assert catalog["schema_org_type"] == "LandmarksOrHistoricalBuildings"
    assert [facet["parameter"] for facet in catalog["facets"]] == ["facet.kind", "facet.built"]
    kind = next(field for field in catalog["fields"] if field["key"] == "kind")
    assert kind["facet"] is True
    assert [term["key"] for term in kind["terms"]] == ["church", "chapel", "mill"]
    assert catalog["url"] == f"/api/v1/catalogs/{CATALOG}"


def test_catalog_list_leaves_out_fields_that_are_never_public(client):
    keys = [field["key"] for field in catalog_from_list(client)["fields"]]

    assert "internal_note" not in keys
    assert "caretaker" in keys  # personal, shown with consent: its definition is public


def test_catalog_labels_follow_lang(client):
    catalog = catalog_from_list(client, lang="en")

    assert catalog["label"] == "API test places"
    assert next(f for f in catalog["fields"] if f["key"] == "kind")["terms"][0]["label"] == "church"


def test_record_counts_count_published_records_only(client, dataset):
    # church, chapel and mill are published; the draft and the archived record are not.
    assert catalog_from_list(client)["record_count"] == 3


def test_catalog_detail_matches_the_list_entry(client, dataset):
    response = client.get(f"/api/v1/catalogs/{CATALOG}")

    assert response.status_code == 200
    assert response.json() == catalog_from_list(client)


def test_unknown_catalog_is_a_json_404(client):
    response = client.get("/api/v1/catalogs/no-such-catalog")

    assert response.status_code == 404
    assert "no-such-catalog" in response.json()["detail"]


def test_invalid_lang_is_a_400_naming_it(client):
    response = client.get("/api/v1/catalogs", {"lang": "fr"})

    assert response.status_code == 400
    assert response.json()["parameter"] == "lang"


def test_catalog_list_runs_a_fixed_number_of_queries(
    client, dataset, django_assert_max_num_queries
):
    with django_assert_max_num_queries(2):
        assert client.get("/api/v1/catalogs").status_code == 200
