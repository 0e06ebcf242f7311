"""Anonymous reads (pages, the API, GeoJSON) carry an ETag made from the data version, the
language and the request's variant, and answer a matching ``If-None-Match`` with 304; a stale or
malformed validator gets the full answer; logged-in visitors get ``private, no-store``."""

import pytest

from kozkincs.catalog.services import record_update

pytestmark = pytest.mark.django_db

READS = [
    "/hu/",
    "/en/",
    "/hu/kereses/?q=templom",
    "/hu/terkep/",
    "/hu/web-test-sites/",
    "/hu/web-test-sites/deak-kastely/",
    "/hu/telepulesek/bagod/",
    "/api/v1/records?q=templom",
    "/api/v1/records.geojson",
    "/api/v1/catalogs",
    "/api/v1/settlements",
]


def etag_of(client, path: str, **headers) -> str:
    response = client.get(path, headers=headers)
    assert response.status_code == 200, path
    assert response["Cache-Control"] == "public, max-age=0, must-revalidate"
    return response["ETag"]


@pytest.mark.parametrize("path", READS)
def test_a_repeated_anonymous_read_is_not_modified(client, dataset, path):
    etag = etag_of(client, path)
    again = client.get(path, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag


@pytest.mark.parametrize("path", ["/hu/web-test-sites/deak-kastely/", "/api/v1/records.geojson"])
def test_an_edit_changes_the_etag_and_the_old_one_gets_the_new_answer(client, dataset, path):
    etag = etag_of(client, path)
    record_update(record=dataset.mansion, data={"name": "Deák-kúria"})
    response = client.get(path.replace("deak-kastely", dataset.mansion.slug),
                          headers={"If-None-Match": etag})  # fmt: skip
    assert response.status_code == 200
    assert response["ETag"] != etag
    assert "Deák-kúria" in response.content.decode()


@pytest.mark.parametrize(
    "validator", ['"nonsense"', "W/", "garbage without quotes", '"' + "x" * 5000, ",,,", "*x"]
)
def test_a_malformed_or_foreign_validator_gets_the_full_answer(client, dataset, validator):
    for path in ("/hu/web-test-sites/", "/api/v1/records"):
        response = client.get(path, headers={"If-None-Match": validator})
        assert response.status_code == 200, (path, validator)
        assert response.content


def test_the_etag_differs_by_language_query_and_htmx_variant(client, dataset):
    tags = {
        etag_of(client, "/hu/kereses/?q=templom"),
        etag_of(client, "/en/kereses/?q=templom"),
        etag_of(client, "/hu/kereses/?q=kastely"),
        etag_of(client, "/hu/kereses/?q=templom", HX_Request="true"),
        etag_of(client, "/api/v1/records?q=templom&lang=en"),
        etag_of(client, "/api/v1/records?q=templom&lang=de"),
    }
    assert len(tags) == 6
    partial = client.get("/hu/kereses/?q=templom", headers={"HX-Request": "true"})
    assert "HX-Request" in partial["Vary"]


def test_a_logged_in_visitor_gets_private_uncached_answers(client, dataset, django_user_model):
    user = django_user_model.objects.create_user("tag", password="x")
    client.force_login(user)
    for path in ("/hu/web-test-sites/deak-kastely/", "/api/v1/records"):
        response = client.get(path, headers={"If-None-Match": "*"})
        assert response.status_code == 200
        assert "ETag" not in response
        assert set(response["Cache-Control"].split(", ")) == {"private", "no-store"}


def test_an_error_answer_is_not_marked_public(client, dataset):
    for path in (
        "/hu/web-test-sites/nincs-ilyen/",
        "/api/v1/records/999999",
        "/hu/kereses/?page=x",
    ):
        response = client.get(path)
        assert response.status_code in (400, 404)
        assert "public" not in response.get("Cache-Control", "")


def test_a_compressed_answer_revalidates_with_its_weak_etag(client, dataset):
    gzip = {"Accept-Encoding": "gzip"}
    first = client.get("/hu/web-test-sites/", headers=gzip)
    assert first["Content-Encoding"] == "gzip"
    assert first["ETag"].startswith("W/")
    again = client.get("/hu/web-test-sites/", headers={**gzip, "If-None-Match": first["ETag"]})
    assert again.status_code == 304
