"""Throttling of the site's login: allauth's per-address and per-account limits, and the
django-axes lock-out (the admin's) covering the portal's login too."""

import pytest
from axes.models import AccessAttempt
from django.test import Client

from tests.accounts.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def log_in(client: Client, email: str, password: str, **headers):
    return client.post("/en/fiok/login/", {"login": email, "password": password}, **headers)


def test_five_wrong_passwords_for_one_account_hold_it_back(make_account):
    user = make_account("anna@example.org")
    client = Client(REMOTE_ADDR="192.0.2.30")
    for attempt in range(5):
        assert log_in(client, user.email, f"rossz {attempt}").status_code == 200
    refused = log_in(Client(REMOTE_ADDR="192.0.2.31"), user.email, PASSWORD)
    assert refused.status_code == 200
    assert "Too many failed login attempts" in refused.content.decode()
    assert "_auth_user_id" not in client.session


def test_ten_failures_from_one_address_lock_the_portal_login_out(make_account):
    user = make_account("bela@example.org")
    client = Client(REMOTE_ADDR="192.0.2.40")
    for attempt in range(9):  # different accounts: allauth's per-account limit stays out
        assert log_in(client, f"nobody{attempt}@example.org", "rossz").status_code == 200
    assert log_in(client, "nobody9@example.org", "rossz").status_code == 429
    locked = log_in(client, user.email, PASSWORD)
    assert locked.status_code == 429 and "Too many failed logins" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    assert AccessAttempt.objects.get().failures_since_start == 11
    # The admin's login from that address is locked out as well, another address is not.
    admin = client.post("/admin/login/", {"username": user.username, "password": PASSWORD})
    assert admin.status_code == 429
    assert log_in(Client(REMOTE_ADDR="192.0.2.41"), user.email, PASSWORD).status_code == 302


def test_password_reset_requests_are_limited(make_account, django_capture_on_commit_callbacks):
    user = make_account("cecil@example.org")
    client = Client(REMOTE_ADDR="192.0.2.50")
    answers = []
    with django_capture_on_commit_callbacks(execute=True):
        for _attempt in range(6):
            answers.append(client.post("/en/fiok/password/reset/", {"email": user.email}))
    assert [a.status_code for a in answers[:5]] == [302] * 5
    assert answers[5].status_code == 429
