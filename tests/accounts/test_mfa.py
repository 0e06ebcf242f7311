"""Two-factor authentication is required of moderators, administrators and staff: without an
authenticator they are sent to set one up; a login without the second factor (the admin's
password form included) is asked for the code first. Editors and members need none."""

import pytest
from allauth.mfa.models import Authenticator
from django.test import Client

from kozkincs.accounts.models import Role
from kozkincs.accounts.services import role_grant_create
from tests.accounts.conftest import PASSWORD, totp_code

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def mfa_required(settings):
    settings.KOZKINCS_MFA_REQUIRED = True


@pytest.fixture
def moderator(make_account):
    user = make_account("moderator@example.org")
    role_grant_create(user=user, role=Role.MODERATOR, granted_by=None)
    return user


def log_in(client: Client, email: str) -> None:
    answer = client.post("/hu/fiok/login/", {"login": email, "password": PASSWORD})
    assert answer.status_code == 302, answer.content.decode()[:2000]


def activate_totp(client: Client) -> str:
    asked = client.get("/hu/fiok/2fa/totp/activate/")
    # Changing a second factor asks for the password once more (allauth).
    assert asked.status_code == 302 and asked["Location"].startswith("/hu/fiok/reauthenticate/")
    assert client.post(asked["Location"], {"password": PASSWORD}).status_code == 302
    form = client.get("/hu/fiok/2fa/totp/activate/")
    assert form.status_code == 200
    secret = form.context["form"].secret
    activated = client.post("/hu/fiok/2fa/totp/activate/", {"code": totp_code(secret)})
    assert activated.status_code == 302, activated.content.decode()[:3000]
    return secret


def test_a_moderator_without_an_authenticator_is_sent_to_set_one_up(moderator):
    client = Client()
    log_in(client, moderator.email)
    for page in ("/hu/ertektar/bizottsag/", "/hu/lomtar/", "/hu/"):
        answer = client.get(page)
        assert answer.status_code == 302
        assert answer["Location"].startswith("/hu/fiok/?next=")
    overview = client.get("/en/fiok/")
    assert overview.status_code == 200
    assert "Set up two-factor authentication first" in overview.content.decode()
    secret = activate_totp(client)
    assert Authenticator.objects.filter(user=moderator, type=Authenticator.Type.TOTP).exists()
    # This session was opened with the password only: the code is asked for once.
    asked = client.get("/hu/ertektar/bizottsag/")
    assert asked.status_code == 302 and asked["Location"].startswith("/hu/fiok/2fa/reauthenticate/")
    confirmed = client.post(asked["Location"], {"code": totp_code(secret)})
    assert confirmed.status_code == 302
    assert client.get("/hu/ertektar/bizottsag/").status_code == 200


def test_the_next_login_asks_for_the_code(moderator):
    client = Client()
    log_in(client, moderator.email)
    secret = activate_totp(client)
    client.post("/hu/fiok/logout/")
    answer = client.post("/hu/fiok/login/", {"login": moderator.email, "password": PASSWORD})
    assert answer.status_code == 302 and answer["Location"] == "/hu/fiok/2fa/authenticate/"
    assert "_auth_user_id" not in client.session
    wrong = client.post("/hu/fiok/2fa/authenticate/", {"code": "000000"})
    assert wrong.status_code == 200 and "_auth_user_id" not in client.session
    right = client.post("/hu/fiok/2fa/authenticate/", {"code": totp_code(secret)})
    assert right.status_code == 302 and client.session["_auth_user_id"] == str(moderator.pk)
    assert client.get("/hu/ertektar/bizottsag/").status_code == 200


def test_a_password_login_through_the_admin_is_asked_for_the_code(django_user_model):
    administrator = django_user_model.objects.create_superuser("kozkincs-1a2b3c4d", "", PASSWORD)
    client = Client()
    answer = client.post(
        "/admin/login/?next=/admin/", {"username": administrator.username, "password": PASSWORD}
    )
    assert answer.status_code == 302  # the first administrator's login keeps working …
    admin = client.get("/admin/")
    assert admin.status_code == 302 and admin["Location"].startswith("/hu/fiok/?next=")
    # … and leads to the account page, which explains the steps (e-mail, then the app).
    page = client.get(admin["Location"]).content.decode()
    assert "/hu/fiok/email/" in page and "/hu/fiok/2fa/totp/activate/" in page
    Authenticator.objects.create(
        user=administrator, type=Authenticator.Type.TOTP, data={"secret": "x"}
    )
    again = client.get("/admin/")
    assert again.status_code == 302 and again["Location"].startswith("/hu/fiok/2fa/reauthenticate/")


def test_editors_and_members_need_no_second_factor(make_account):
    editor = make_account("konyvtaros@example.org")
    editor.role_grants.create(role=Role.EDITOR, catalogs=["civil-organisations"])
    client = Client()
    log_in(client, editor.email)
    assert client.get("/hu/").status_code == 200
    assert client.get("/hu/fiok/").status_code == 200
