"""The OpenAPI document, the browsable docs from vendored files, and the generated reference."""

import re
from pathlib import Path

import pytest
import schemathesis
from django.contrib.staticfiles import finders

from kozkincs.api.reference import openapi_document, render_api_reference

REFERENCE = Path(__file__).resolve().parents[2] / "docs" / "reference" / "api.md"
OPERATIONS = 10
"""Seven reads (GET) and three writes (POST /records, PATCH /records/{id}, POST …/archive)."""
ENDPOINTS = {
    "/api/v1/catalogs",
    "/api/v1/catalogs/{key}",
    "/api/v1/records",
    "/api/v1/records.geojson",
    "/api/v1/records/{record_id}",
    "/api/v1/records/{record_id}/archive",
    "/api/v1/settlements",
    "/api/v1/settlements/{ksh_code}",
}


def test_openapi_document_is_served_and_lists_every_endpoint(client):
    response = client.get("/api/v1/openapi.json")

    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.")
    assert set(document["paths"]) == ENDPOINTS


def test_openapi_document_is_a_valid_schema(client):
    document = client.get("/api/v1/openapi.json").json()

    # Schemathesis refuses a document that is not valid OpenAPI.
    schema = schemathesis.openapi.from_dict(document)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == OPERATIONS


def test_every_operation_documents_its_400_answer(client):
    document = client.get("/api/v1/openapi.json").json()

    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            assert "400" in operation["responses"], (method, path)
            if "{" in path:
                assert "404" in operation["responses"], (method, path)


def test_docs_page_uses_vendored_files_only(client):
    response = client.get("/api/v1/docs")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Content-Security-Policy" in response.headers
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources
    assert all(source.startswith("/") for source in sources), sources
    for source in sources:
        if source.startswith("/static/"):
            assert finders.find(source.removeprefix("/static/")), source
    assert "<style" not in html and "style=" not in html
    assert re.search(r"<script>(?!</script>)", html) is None  # no inline script


def test_vendored_swagger_ui_ships_its_licence():
    assert finders.find("api/vendor/swagger-ui-5.35.0/LICENSE")


def test_api_reference_page_is_current():
    expected = render_api_reference(openapi_document())

    assert REFERENCE.read_text(encoding="utf-8") == expected, (
        "docs/reference/api.md is stale: run `kozkincs write_api_reference`."
    )


@pytest.mark.django_db
def test_unknown_api_path_is_not_an_html_page(client):
    response = client.get("/api/v1/records/1/nothing")

    assert response.status_code == 404


def test_write_api_reference_writes_the_page_and_check_spots_a_stale_one(tmp_path):
    from django.core.management import CommandError, call_command

    output = tmp_path / "api.md"
    call_command("write_api_reference", output=output)
    call_command("write_api_reference", output=output, check=True)
    output.write_text("stale\n", encoding="utf-8")

    with pytest.raises(CommandError, match="out of date"):
        call_command("write_api_reference", output=output, check=True)


def facet_parameters(document: dict, path: str) -> dict[str, dict]:
    parameters = document["paths"][path]["get"]["parameters"]
    return {p["name"]: p for p in parameters if p["name"].startswith("facet.")}


@pytest.mark.parametrize("path", ["/api/v1/records", "/api/v1/records.geojson"])
def test_every_facet_filter_of_the_catalogs_is_documented(client, path):
    from kozkincs.catalog.registry import catalog_list

    document = client.get("/api/v1/openapi.json").json()
    documented = facet_parameters(document, path)

    expected = {f"facet.{key}" for catalog in catalog_list() for key in catalog.facets}
    assert set(documented) == expected
    for parameter in documented.values():
        assert parameter["in"] == "query"
        assert parameter["required"] is False
        assert parameter["schema"]["type"] == "array"  # repeatable
        assert parameter["explode"] is True


def test_a_facet_filter_lists_the_values_its_catalogs_allow(client):
    document = client.get("/api/v1/openapi.json").json()
    kind = facet_parameters(document, "/api/v1/records")["facet.kind"]
    built = facet_parameters(document, "/api/v1/records")["facet.built"]

    # The test catalog (tests/api/definitions) documents itself, beside the built-in ones.
    assert {"church", "chapel", "mill", "cave"} <= set(kind["schema"]["items"]["enum"])
    assert "`api-test-places` (Kind): `church`, `chapel`, `mill`" in kind["description"]
    assert "enum" not in built["schema"]["items"]  # a year: any year in the field's range
    assert "`api-test-places` (Year built): any year" in built["description"]


def test_the_reference_page_documents_the_built_in_catalogs_only():
    document = openapi_document()

    facets = facet_parameters(document, "/api/v1/records")
    assert "facet.built" not in facets  # only the test catalog has it
    assert "`natural-values` (Kind)" in facets["facet.kind"]["description"]
