"""The OpenAPI document, the browsable docs from vendored files, and the generated reference."""

import re
from pathlib import Path

import pytest
import schemathesis
from django.contrib.staticfiles import finders

from kozkincs.api.reference import openapi_document, render_api_reference

REFERENCE = Path(__file__).resolve().parents[2] / "docs" / "reference" / "api.md"
ENDPOINTS = {
    "/api/v1/catalogs",
    "/api/v1/catalogs/{key}",
    "/api/v1/records",
    "/api/v1/records.geojson",
    "/api/v1/records/{record_id}",
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
    assert len(operations) == len(ENDPOINTS)


def test_every_operation_documents_its_400_answer(client):
    document = client.get("/api/v1/openapi.json").json()

    for path, operations in document["paths"].items():
        assert "400" in operations["get"]["responses"], path
        if "{" in path:
            assert "404" in operations["get"]["responses"], path


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
