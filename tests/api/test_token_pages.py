"""The account's API tokens page: create (the key shown once), use, revoke; only one's own."""

import re

import pytest

from kozkincs.api.models import ApiToken
from kozkincs.api.tokens import api_token_check

PAGE = "/hu/fiok/api-kulcsok/"


@pytest.fixture
def owner(django_user_model):
    return django_user_model.objects.create_user("tulaj", email="t@example.org", password="x")


@pytest.fixture
def other(django_user_model):
    return django_user_model.objects.create_user("masik", email="m@example.org", password="x")


@pytest.mark.django_db
def test_the_page_is_for_signed_in_users_only(client):
    response = client.get(PAGE)
    assert response.status_code == 302
    assert "login" in response["Location"] or "belep" in response["Location"]


@pytest.mark.django_db
def test_a_created_key_is_shown_once_and_works(client, owner):
    client.force_login(owner)
    response = client.post(PAGE, {"name": "Excel makró", "days": "90"})
    assert response.status_code == 200
    html = response.content.decode()
    key = re.search(r'id="new-key"[^>]*value="(kk_[^"]+)"', html).group(1)
    assert api_token_check(key).user == owner
    token = ApiToken.objects.get(user=owner)
    assert key not in (token.digest, token.prefix) and key.startswith(token.prefix)
    again = client.get(PAGE).content.decode()
    assert key not in again and "Excel makró" in again


@pytest.mark.django_db
def test_a_revoked_key_stops_working(client, owner):
    client.force_login(owner)
    client.post(PAGE, {"name": "Szkript", "days": "30"})
    token = ApiToken.objects.get(user=owner)
    response = client.post(PAGE, {"revoke": str(token.pk)})
    assert response.status_code == 200
    token.refresh_from_db()
    assert token.revoked_at is not None


@pytest.mark.django_db
@pytest.mark.parametrize("forged", ["not-a-number", "999999"])
def test_nobody_revokes_a_token_that_is_not_theirs(client, owner, other, forged):
    client.force_login(owner)
    client.post(PAGE, {"name": "Szkript", "days": "30"})
    token = ApiToken.objects.get(user=owner)
    client.force_login(other)
    for value in (forged, str(token.pk)):
        response = client.post(PAGE, {"revoke": value})
        assert response.status_code == 400
        assert 'role="alert"' in response.content.decode()
    token.refresh_from_db()
    assert token.revoked_at is None
    assert "Szkript" not in client.get(PAGE).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data, field",
    [({"name": "", "days": "30"}, "name"), ({"name": "X", "days": "10000"}, "days"),
     ({"name": "X", "days": "soha"}, "days"), ({"name": "x" * 101, "days": "30"}, "name")],
)  # fmt: skip
def test_bad_input_is_explained_and_creates_nothing(client, owner, data, field):
    client.force_login(owner)
    response = client.post("/en/account/api-tokens/", data)
    assert response.status_code == 400
    assert f'id="token-{field}-error"' in response.content.decode()
    assert not ApiToken.objects.exists()
