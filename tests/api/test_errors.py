"""Every answer under ``/api/v1/`` that is an error is JSON in the language of ``lang=`` (never
an HTML page or a traceback), and the read API, alone, answers browsers of other sites (CORS)."""

import pytest
from django.test import Client

from kozkincs.api import records
from tests.api.conftest import CATALOG

pytestmark = pytest.mark.django_db


def detail(response) -> str:
    assert response["Content-Type"].startswith("application/json"), response.content[:200]
    body = response.json()
    assert set(body) >= {"detail"}
    return body["detail"]


@pytest.mark.parametrize(
    ("path", "english"),
    [
        ("/api/v1/nothing-here", "Not found."),
        ("/api/v1/records/1/2/3", "Not found."),
        ("/api/v1/", "Not found."),
        ("/api/v1/records/999999", "There is no public record with id 999999."),
    ],
)
def test_an_unknown_path_or_id_is_a_json_404(client, path, english):
    response = client.get(path, {"lang": "en"})
    assert response.status_code == 404
    assert detail(response) == english
    assert detail(client.get(path)).startswith(("Nem található", "Nincs"))  # Hungarian default


@pytest.mark.parametrize(
    "method, path, allowed",
    [("put", "/api/v1/records", "GET, POST"), ("delete", "/api/v1/records", "GET, POST"),
     ("post", "/api/v1/records.geojson", "GET"), ("put", "/api/v1/records/1", "GET, PATCH")],
)  # fmt: skip
def test_a_wrong_method_is_a_json_405_naming_the_allowed_ones(
    client, method, path, allowed, dataset
):
    response = getattr(client, method)(f"{path}?lang=de")
    assert response.status_code == 405
    assert set(response["Allow"].split(", ")) == set(allowed.split(", "))
    assert detail(response) == f"Diese Methode ist nicht erlaubt. Erlaubt: {response['Allow']}."


def test_a_server_error_is_a_json_500_without_a_traceback(monkeypatch, dataset, settings):
    def broken(**kwargs):
        raise RuntimeError("a secret detail of the failure")

    monkeypatch.setattr(records, "record_search", broken)
    for debug in (False, True):
        settings.DEBUG = debug
        response = Client(raise_request_exception=False).get("/api/v1/records", {"lang": "en"})
        assert response.status_code == 500
        assert detail(response) == "Server error. It has been logged; please try again later."
        assert b"secret detail" not in response.content and b"Traceback" not in response.content


def test_a_refused_host_gets_json_too(client):
    response = client.get("/api/v1/catalogs", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert detail(response) == "A kérés érvénytelen."


def test_the_site_keeps_its_html_error_pages(client):
    response = client.get("/hu/nincs-ilyen-oldal/ennyi/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_the_read_api_answers_any_origin_without_credentials(client, dataset):
    origin = "https://museum.example"
    response = client.get(f"/api/v1/records?catalog={CATALOG}", HTTP_ORIGIN=origin)
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    error = client.get("/api/v1/records/999999", HTTP_ORIGIN=origin)
    assert error["Access-Control-Allow-Origin"] == "*"  # the client can read the error


def test_a_preflight_allows_reading_only(client):
    response = client.options(
        "/api/v1/records",
        HTTP_ORIGIN="https://museum.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert set(response["Access-Control-Allow-Methods"].split(", ")) == {"GET", "HEAD", "OPTIONS"}


@pytest.mark.parametrize("path", ["/hu/", "/admin/login/", "/i18n/setlang/"])
def test_the_site_and_the_admin_are_not_open_to_other_origins(client, path):
    response = client.get(path, HTTP_ORIGIN="https://museum.example")
    assert "Access-Control-Allow-Origin" not in response


def test_a_cached_api_answer_carries_the_cors_headers_of_its_own_origin(client, dataset):
    path = f"/api/v1/records?catalog={CATALOG}"
    plain = [client.get(path) for _ in range(2)]
    cross = [client.get(path, HTTP_ORIGIN="https://museum.example") for _ in range(2)]
    for answer, expected in [*((a, None) for a in plain), *((a, "*") for a in cross)]:
        assert answer.status_code == 200
        assert answer.headers.get("Access-Control-Allow-Origin") == expected
    assert len({a.content for a in [*plain, *cross]}) == 1
