"""The write API: tokens, roles and moderation, version conflicts, refusals that change nothing."""

import json
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone

from kozkincs.api.models import ApiToken
from kozkincs.api.tokens import api_token_create
from kozkincs.catalog.models import Record
from kozkincs.editing.models import ChangeRequest
from tests.api.conftest import CATALOG


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user(
        "szerkeszto", email="szerk@example.org", password="x", is_staff=True
    )


@pytest.fixture
def resident(django_user_model):
    """A contributor: an account with a confirmed e-mail address."""
    user = django_user_model.objects.create_user("lakos", email="lakos@example.org", password="x")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def key_of(user, days: int = 30) -> str:
    return api_token_create(user=user, name="Táblázat", days=days)[1]


def send(client, method: str, path: str, key: str | None, body: dict, **headers):
    if key is not None:
        headers["authorization"] = f"Bearer {key}"
    return getattr(client, method)(
        f"/api/v1{path}", data=json.dumps(body), content_type="application/json", headers=headers
    )


def snapshot() -> list[tuple]:
    return list(Record.objects.order_by("pk").values_list("pk", "name", "version", "status"))


NEW = {"catalog": CATALOG, "name": "Új kőkereszt", "values": {"kind": "chapel", "built": 1901}}


@pytest.mark.django_db
def test_a_publisher_creates_a_record_that_appears_in_the_read_api(
    client, dataset, staff, django_capture_on_commit_callbacks
):
    body = NEW | {"settlement": dataset.settlement.ksh_code, "publish": True}
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, "post", "/records", key_of(staff), body)
    assert response.status_code == 201, response.content
    answer = response.json()
    assert answer["outcome"] == "saved" and answer["status"] == "published"
    record = Record.objects.get(pk=answer["record_id"])
    assert record.updated_by == staff
    detail = client.get(f"/api/v1/records/{record.pk}").json()
    assert detail["name"] == "Új kőkereszt"
    assert record.history.count() == 2  # created, published: history like any edit


@pytest.mark.django_db
def test_a_contributor_gets_a_change_request_and_nothing_is_published(client, dataset, resident):
    before = snapshot()
    response = send(client, "post", "/records", key_of(resident), NEW)
    assert response.status_code == 202, response.content
    answer = response.json()
    assert answer["outcome"] == "submitted" and answer["record_id"] is None
    request = ChangeRequest.objects.get(pk=answer["change_request"]["id"])
    assert request.author == resident and request.record is None
    assert snapshot() == before


@pytest.mark.django_db
def test_a_contributors_change_of_a_published_record_waits_for_a_moderator(
    client, dataset, resident
):
    church = dataset.church
    body = {"version": church.version, "summary": "Átírt összefoglaló."}
    response = send(client, "patch", f"/records/{church.pk}", key_of(resident), body)
    assert response.status_code == 202, response.content
    church.refresh_from_db()
    assert church.summary == "Barokk templom a falu közepén."
    assert ChangeRequest.objects.get(record=church).author == resident


@pytest.mark.django_db
def test_a_publisher_changes_only_the_parts_given(client, dataset, staff):
    church = dataset.church
    body = {"version": church.version, "summary": "Felújított barokk templom."}
    response = send(client, "patch", f"/records/{church.pk}", key_of(staff), body)
    assert response.status_code == 200, response.content
    church.refresh_from_db()
    assert church.summary == "Felújított barokk templom."
    assert church.name == "Szent Mihály templom"
    assert church.values["built"] == 1760
    assert response.json()["version"] == church.version


@pytest.mark.django_db
def test_a_stale_version_is_a_conflict_and_overwrites_nothing(client, dataset, staff):
    church = dataset.church
    body = {"version": church.version - 1, "summary": "Régi változatból."}
    before = snapshot()
    response = send(client, "patch", f"/records/{church.pk}?lang=en", key_of(staff), body)
    assert response.status_code == 409
    assert response.json()["current_version"] == church.version
    assert "Nothing was overwritten" in response.json()["detail"]
    assert snapshot() == before


@pytest.mark.django_db
def test_invalid_values_name_the_field_in_the_requested_language(client, dataset, staff):
    before = snapshot()
    body = NEW | {"values": {"kind": "castle", "built": "soon"}}
    response = send(client, "post", "/records?lang=en", key_of(staff), body)
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) >= {"kind", "built"}
    hungarian = send(client, "post", "/records", key_of(staff), body).json()
    assert hungarian["detail"] != response.json()["detail"]
    assert snapshot() == before


@pytest.mark.django_db
def test_ids_beyond_any_database_column_are_unknown_references_not_errors(client, dataset, staff):
    church = dataset.church
    before = snapshot()
    body = {"version": church.version, "priorities": [2276599548474166272, 501]}
    response = send(client, "patch", f"/records/{church.pk}?lang=en", key_of(staff), body)
    assert response.status_code == 400, response.content
    assert "priorities" in response.json()["errors"]
    assert snapshot() == before


@pytest.mark.django_db
def test_a_null_list_of_settlements_means_none(client, dataset, staff):
    """Found by the schema fuzzer: ``"settlements": null`` was a 500."""
    church = dataset.church
    body = {"version": church.version, "settlements": None}
    response = send(client, "patch", f"/records/{church.pk}?lang=en", key_of(staff), body)
    assert response.status_code == 200, response.content
    church.refresh_from_db()
    assert not church.settlements.exists()


@pytest.mark.django_db
def test_an_unknown_catalog_is_refused_with_a_message(client, dataset, staff):
    response = send(client, "post", "/records?lang=en", key_of(staff), NEW | {"catalog": "nope"})
    assert response.status_code == 400
    assert "Unknown catalog" in response.json()["errors"]["catalog"][0]


@pytest.mark.django_db
def test_rich_text_is_sanitised_on_the_way_in(client, dataset, staff):
    body = NEW | {"description": '<p onclick="x()">Szép<script>alert(1)</script></p>'}
    response = send(client, "post", "/records", key_of(staff), body)
    assert response.status_code == 201
    description = Record.objects.get(pk=response.json()["record_id"]).description
    assert "script" not in description and "onclick" not in description
    assert "Szép" in description


@pytest.mark.django_db
@pytest.mark.parametrize(
    "header, reason",
    [
        (None, "Authorization: Bearer"),
        ("Bearer kk_nonsense", "not valid"),
        ("Basic dXNlcjpwYXNz", "Bearer"),
    ],
)
def test_requests_without_a_usable_token_are_refused(client, dataset, header, reason):
    before = snapshot()
    headers = {"authorization": header} if header else {}
    response = send(client, "post", "/records?lang=en", None, NEW, **headers)
    assert response.status_code == 401
    assert reason in response.json()["detail"]
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert snapshot() == before


@pytest.mark.django_db
def test_revoked_expired_and_deactivated_tokens_are_refused_saying_why(client, dataset, staff):
    revoked_key, expired_key, inactive_key = key_of(staff), key_of(staff), key_of(staff)
    tokens = list(ApiToken.objects.order_by("pk"))
    tokens[0].revoked_at = timezone.now()
    tokens[0].save()
    tokens[1].expires_at = timezone.now() - timedelta(seconds=1)
    tokens[1].save()
    for key, reason in ((revoked_key, "revoked"), (expired_key, "expired")):
        response = send(client, "post", "/records?lang=en", key, NEW)
        assert response.status_code == 401 and reason in response.json()["detail"]
    staff.is_active = False
    staff.save()
    response = send(client, "post", "/records?lang=en", inactive_key, NEW)
    assert response.status_code == 401 and "deactivated" in response.json()["detail"]
    assert not Record.objects.filter(name=NEW["name"]).exists()


@pytest.mark.django_db
def test_only_moderators_archive_and_the_version_must_match(client, dataset, staff, resident):
    mill = dataset.mill
    refused = send(
        client, "post", f"/records/{mill.pk}/archive", key_of(resident), {"version": mill.version}
    )
    assert refused.status_code == 403
    stale = send(
        client, "post", f"/records/{mill.pk}/archive", key_of(staff), {"version": mill.version + 5}
    )
    assert stale.status_code == 409
    mill.refresh_from_db()
    assert mill.status == Record.Status.PUBLISHED
    done = send(
        client, "post", f"/records/{mill.pk}/archive", key_of(staff), {"version": mill.version}
    )
    assert done.status_code == 200 and done.json()["status"] == "archived"
    assert client.get(f"/api/v1/records/{mill.pk}").status_code == 404


@pytest.mark.django_db
def test_an_unknown_record_is_a_json_not_found(client, dataset, staff):
    response = send(client, "patch", "/records/999999", key_of(staff), {"version": 1})
    assert response.status_code == 404
    assert "999999" in response.json()["detail"]


@pytest.mark.django_db
def test_too_many_requests_with_one_token_are_throttled(client, dataset, staff, settings):
    settings.KOZKINCS_API_WRITE_RATE = "2/min"
    key = key_of(staff)
    body = {"version": 0}
    statuses = [
        send(client, "patch", f"/records/{dataset.mill.pk}", key, body).status_code
        for _ in range(3)
    ]
    assert statuses[:2] == [409, 409]
    assert statuses[2] == 429
    third = send(client, "patch", f"/records/{dataset.mill.pk}?lang=en", key, body)
    assert "Too many requests" in third.json()["detail"]
    assert int(third["Retry-After"]) > 0
    assert (
        send(client, "patch", f"/records/{dataset.mill.pk}", key_of(staff), body).status_code == 409
    )


@pytest.mark.django_db
def test_the_read_api_stays_open_without_a_token(client, dataset):
    assert client.get("/api/v1/records").status_code == 200


@pytest.mark.django_db
def test_the_openapi_document_describes_the_write_operations_and_the_token(client):
    document = client.get("/api/v1/openapi.json").json()
    assert {"post", "get"} <= set(document["paths"]["/api/v1/records"])
    assert "patch" in document["paths"]["/api/v1/records/{record_id}"]
    assert "/api/v1/records/{record_id}/archive" in document["paths"]
    schemes = document["components"]["securitySchemes"]
    assert any(scheme.get("scheme") == "bearer" for scheme in schemes.values())
    assert "409" in document["paths"]["/api/v1/records/{record_id}"]["patch"]["responses"]
