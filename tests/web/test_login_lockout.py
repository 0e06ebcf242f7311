"""Login throttling (django-axes): ten failures from one address lock its logins out, with a
clear page in the visitor's language; every failure is kept and logged, never the password."""

import logging
from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.conf import settings
from django.contrib.auth import authenticate
from django.test import Client, RequestFactory
from django.utils import timezone

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"
USERNAME = "kozkincs-4f2a9c1e"
PASSWORD = "Pannon-tölgy-2026-őszén"


@pytest.fixture
def administrator(django_user_model):
    return django_user_model.objects.create_superuser(USERNAME, "", PASSWORD)


def log_in(client: Client, password: str, **headers):
    return client.post(LOGIN, {"username": USERNAME, "password": password}, **headers)


def test_the_axes_backend_comes_first():
    assert settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"
    assert settings.AXES_FAILURE_LIMIT <= 10


def test_ten_wrong_passwords_then_the_right_one_is_refused(administrator, caplog):
    client = Client()
    with caplog.at_level(logging.WARNING, logger="axes"):
        for attempt in range(9):
            response = log_in(client, f"rossz jelszó {attempt}")
            assert response.status_code == 200  # the login form again, with its error
        tenth = log_in(client, "rossz jelszó 9", HTTP_ACCEPT_LANGUAGE="en")
        assert tenth.status_code == 429
        refused = log_in(client, PASSWORD, HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 429
    assert "Too many failed logins" in refused.content.decode()
    assert "_auth_user_id" not in client.session  # not logged in
    assert client.get("/admin/").status_code == 302  # still sent to the login page
    # Every failure is kept (admin: Axes) and logged; the password never is.
    # The refused right password counts as a failure too (and starts the cool-off again).
    assert AccessAttempt.objects.get().failures_since_start == 11
    assert AccessFailureLog.objects.count() == 11
    assert AccessFailureLog.objects.filter(locked_out=True).count() == 2
    failures = [r for r in caplog.records if " login failure by " in r.getMessage()]
    assert len(failures) == 11
    assert any("Locking out" in r.getMessage() for r in caplog.records)
    stored = " ".join(AccessAttempt.objects.values_list("post_data", flat=True))
    assert "rossz jelszó" not in caplog.text + stored and PASSWORD not in caplog.text + stored


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("hu", "Túl sok sikertelen bejelentkezés"),
        ("en", "You can try again in 30 minutes."),
        ("de", "Zu viele fehlgeschlagene Anmeldungen"),
    ],
)
def test_the_lock_out_page_speaks_the_visitors_language(administrator, language, text):
    client = Client()
    for attempt in range(10):
        log_in(client, f"rossz {attempt}")
    response = log_in(client, PASSWORD, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 429
    page = response.content.decode()
    assert f'<html lang="{language}">' in page and text in page


def test_the_lock_out_holds_for_the_cool_off_only_and_for_that_address_only(administrator):
    locked, elsewhere = Client(REMOTE_ADDR="192.0.2.10"), Client(REMOTE_ADDR="192.0.2.20")
    for attempt in range(10):
        log_in(locked, f"rossz {attempt}")
    assert log_in(locked, PASSWORD).status_code == 429
    assert log_in(elsewhere, PASSWORD).status_code == 302  # another address logs in
    earlier = timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(seconds=1)
    AccessAttempt.objects.update(attempt_time=earlier)
    assert log_in(locked, PASSWORD).status_code == 302  # the cool-off has passed


def test_every_authenticate_with_a_request_is_throttled(administrator):
    """What the site login (django-allauth) will call goes through the same lock-out."""
    factory = RequestFactory()
    for attempt in range(10):
        request = factory.post("/bejelentkezes/")
        assert authenticate(request, username=USERNAME, password=f"rossz {attempt}") is None
    request = factory.post("/bejelentkezes/")
    assert authenticate(request, username=USERNAME, password=PASSWORD) is None
    assert request.axes_locked_out
