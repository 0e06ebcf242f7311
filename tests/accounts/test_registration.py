"""Registration with a confirmed e-mail address, login by e-mail, password reset: mail goes
out through Django's tasks after the commit, and the session is rotated on login."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from tests.accounts.conftest import PASSWORD

pytestmark = pytest.mark.django_db

EMAIL = "kovacs.anna@example.org"


def _link(message, pattern: str) -> str:
    found = re.search(rf"https?://[^/\s]+(/\S*{pattern}\S*)", message.body)
    assert found, message.body
    return found.group(1)


def test_register_confirm_by_mail_then_log_in(mailoutbox, django_capture_on_commit_callbacks):
    client = Client()
    form = client.get("/hu/fiok/signup/")
    assert form.status_code == 200
    page = form.content.decode()
    assert '<html lang="hu">' in page and 'for="id_email"' in page
    assert "username" not in page  # no user names on the site
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        answer = client.post(
            "/hu/fiok/signup/", {"email": EMAIL, "password1": PASSWORD, "password2": PASSWORD}
        )
    assert answer.status_code == 302
    # The mail is handed to a task when the transaction commits, not sent inside it.
    assert mailoutbox == [] and len(callbacks) == 1
    callbacks[0]()
    assert len(mailoutbox) == 1 and mailoutbox[0].to == [EMAIL]
    user = get_user_model().objects.get(email=EMAIL)
    assert user.username and user.username != EMAIL
    # Before confirming, logging in only sends another confirmation.
    with django_capture_on_commit_callbacks(execute=True):
        early = client.post("/hu/fiok/login/", {"login": EMAIL, "password": PASSWORD})
    assert early.status_code == 302 and "_auth_user_id" not in client.session
    confirm = _link(mailoutbox[0], "confirm-email")
    assert client.get(confirm).status_code == 200
    assert client.post(confirm).status_code == 302
    assert user.emailaddress_set.get().verified
    client.get("/hu/fiok/login/")
    before = client.session.session_key
    logged_in = client.post("/hu/fiok/login/", {"login": EMAIL, "password": PASSWORD})
    assert logged_in.status_code == 302 and logged_in["Location"] == "/hu/fiok/"
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.session.session_key != before  # rotated on login
    overview = client.get("/hu/fiok/").content.decode()
    assert EMAIL in overview
    assert not re.search(rf"\b{re.escape(user.username)}\b(?!@)", overview)  # never shown


def test_signup_with_a_bad_form_says_why_and_creates_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        answer = Client().post(
            "/en/fiok/signup/", {"email": "not-an-address", "password1": "x", "password2": "y"}
        )
    assert answer.status_code == 200
    assert "Enter a valid email address." in answer.content.decode()
    assert not get_user_model().objects.exists()


def test_password_reset_by_mail(make_account, mailoutbox, django_capture_on_commit_callbacks):
    user = make_account(EMAIL)
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post("/hu/fiok/password/reset/", {"email": EMAIL})
    assert sent.status_code == 302 and len(mailoutbox) == 1
    link = client.get(_link(mailoutbox[0], "password/reset/key"))
    assert link.status_code == 302  # allauth hides the key from the address bar
    new = "Egerszegi-könyvtár-olvasóterem"
    changed = client.post(link["Location"], {"password1": new, "password2": new})
    assert changed.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new)


def test_login_page_speaks_the_visitors_language():
    page = Client().get("/de/fiok/login/").content.decode()
    assert '<html lang="de">' in page and "Anmelden" in page
