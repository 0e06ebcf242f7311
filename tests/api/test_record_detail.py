"""``/api/v1/records/{id}``: public fields only, relations both ways, sources, JSON-LD."""

import pytest

from kozkincs.api.schemas import RecordDetailOut

pytestmark = pytest.mark.django_db


def get_record(client, record, **params):
    response = client.get(f"/api/v1/records/{record.pk}", params)
    assert response.status_code == 200, response.content
    body = response.json()
    RecordDetailOut.model_validate(body)
    return body


def field_values(body):
    return {field["key"]: field["value"] for field in body["fields"]}


def test_detail_shows_the_public_fields_and_sources(client, dataset):
    body = get_record(client, dataset.church)

    assert body["name"] == "Szent Mihály templom"
    assert body["settlement"]["ksh_code"] == dataset.settlement.ksh_code
    assert field_values(body)["kind"] == "church"
    assert body["sources"] == [
        {"title": "Zala megye templomai", "url": "https://example.org/templomok"}
    ]
    assert [priority["number"] for priority in body["priorities"]] == [1]


def test_detail_hides_non_public_and_non_consented_personal_fields(client, dataset):
    church = get_record(client, dataset.church)
    chapel = get_record(client, dataset.chapel)

    assert "internal_note" not in field_values(church)
    assert "caretaker" not in field_values(church)  # no consent
    assert field_values(chapel)["caretaker"] == "Szabó Péter"  # consented, public
    assert "Kovács Anna" not in str(church)


def test_relations_are_readable_from_both_ends(client, dataset):
    church = get_record(client, dataset.church)
    chapel = get_record(client, dataset.chapel)

    def pairs(body):
        return [
            (group["direction"], group["label"], [record["id"] for record in group["records"]])
            for group in body["relations"]
        ]

    assert pairs(chapel) == [("outgoing", "Része ennek", [dataset.church.pk])]
    assert pairs(church) == [("incoming", "Részei", [dataset.chapel.pk])]


def test_detail_has_json_ld_of_the_catalog_type_and_localised_names(client, dataset):
    body = get_record(client, dataset.church, lang="en")

    assert body["json_ld"]["@type"] == "LandmarksOrHistoricalBuildings"
    assert body["name"] == "St Michael's church"
    assert body["html_url"].startswith("/en/")


@pytest.mark.parametrize("which", ["draft", "archived"])
def test_drafts_and_archived_records_are_404(client, dataset, which):
    response = client.get(f"/api/v1/records/{getattr(dataset, which).pk}")

    assert response.status_code == 404
    assert response.json()["detail"]


def test_unknown_id_is_a_json_404(client, dataset):
    response = client.get("/api/v1/records/987654321")

    assert response.status_code == 404
    assert set(response.json()) == {"detail"}


@pytest.mark.parametrize("value", ["abc", "0", str(2**64)])
def test_malformed_id_is_a_400_naming_it(client, value):
    response = client.get(f"/api/v1/records/{value}")

    assert response.status_code == 400
    assert response.json()["parameter"] == "record_id"


def test_detail_runs_a_few_queries(client, dataset, settings, django_assert_max_num_queries):
    settings.KOZKINCS_RESPONSE_CACHE = False
    with django_assert_max_num_queries(12):
        get_record(client, dataset.chapel)


def test_publishing_shows_in_the_next_detail_response(
    client, dataset, django_capture_on_commit_callbacks
):
    from kozkincs.catalog.services import record_publish

    assert client.get(f"/api/v1/records/{dataset.draft.pk}").status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        record_publish(record=dataset.draft)

    assert get_record(client, dataset.draft)["name"] == "Titkos templom vázlat"
