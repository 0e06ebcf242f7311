"""The security settings: password rules, session length, Permissions-Policy, HSTS preload, and
``check --deploy`` passing with production settings."""

import json
import os
import subprocess
import sys
import uuid

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

BIN_KOZKINCS = os.path.join(os.path.dirname(sys.executable), "kozkincs")


def production_environment(tmp_path, **extra: str) -> dict[str, str]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("KOZKINCS_", "DJANGO_", "DATABASE_URL", "SECRET_KEY"))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="kozkincs.config.settings",
        KOZKINCS_VAR_DIR=str(tmp_path / "var"),
        KOZKINCS_HTTPS="true",
        KOZKINCS_SECRET_KEY=uuid.uuid4().hex + uuid.uuid4().hex,
        KOZKINCS_ALLOWED_HOSTS="kozkincs.example.hu",
        KOZKINCS_DEBUG="false",
        # Production sends mail (Django's deploy check refuses the console backend).
        KOZKINCS_EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        KOZKINCS_EMAIL_HOST="smtp.example.hu",
    )
    return {**environment, **extra}


@pytest.mark.parametrize(
    "password",
    ["1", "kozkincs1", "123456789012345", "password1234", "jelszo", "kovacs.anna.szerk"],
)
def test_weak_passwords_are_refused(django_user_model, password):
    user = django_user_model(username="kovacs.anna.szerk", first_name="Anna")
    with pytest.raises(ValidationError):
        validate_password(password, user)


def test_a_long_uncommon_password_is_accepted(django_user_model):
    validate_password("Pannon-tölgy-2026-őszén", django_user_model(username="anna"))


def test_sessions_last_hours_not_weeks():
    assert settings.SESSION_COOKIE_AGE == 12 * 3600 < 14 * 24 * 3600


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/hu/", "/api/v1/catalogs", "/admin/login/", "/nincs-ilyen/"])
def test_every_response_has_a_permissions_policy(client, path):
    policy = client.get(path)["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"):
        assert feature in policy


def settings_in_subprocess(tmp_path, **extra: str) -> dict:
    code = (
        "import json, kozkincs.config.settings as s;"
        "print(json.dumps({name: getattr(s, name) for name in ("
        "'SECURE_HSTS_SECONDS', 'SECURE_HSTS_PRELOAD', 'SECURE_HSTS_INCLUDE_SUBDOMAINS',"
        "'SESSION_COOKIE_AGE', 'SESSION_COOKIE_SECURE', 'SILENCED_SYSTEM_CHECKS')}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        env=production_environment(tmp_path, **extra),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def test_hsts_preload_is_off_unless_asked_for_and_needs_https(tmp_path):
    default = settings_in_subprocess(tmp_path)
    assert default["SECURE_HSTS_SECONDS"] == 31536000 and default["SECURE_HSTS_PRELOAD"] is False
    assert settings_in_subprocess(tmp_path, KOZKINCS_HSTS_PRELOAD="1")["SECURE_HSTS_PRELOAD"]
    without_https = settings_in_subprocess(
        tmp_path, KOZKINCS_HTTPS="false", KOZKINCS_HSTS_PRELOAD="1"
    )
    assert without_https["SECURE_HSTS_PRELOAD"] is False
    assert without_https["SECURE_HSTS_SECONDS"] == 0


def test_the_session_length_is_configurable(tmp_path):
    loaded = settings_in_subprocess(tmp_path, KOZKINCS_SESSION_HOURS="2")
    assert loaded["SESSION_COOKIE_AGE"] == 7200 and loaded["SESSION_COOKIE_SECURE"]


CLIENT_ADDRESS = """
import django
django.setup()
from axes.helpers import get_client_ip_address
from django.test import RequestFactory
forwarded = "8.8.4.4, 81.182.10.20, 1.1.1.1"  # forged, the client, a CDN; then our proxy
request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR="10.0.0.2")
print(get_client_ip_address(request))
"""


@pytest.mark.parametrize(
    ("proxies", "client"),
    [("0", "10.0.0.2"), ("1", "1.1.1.1"), ("2", "81.182.10.20"), ("4", "None")],
)
def test_the_login_throttling_believes_exactly_the_configured_proxies(tmp_path, proxies, client):
    """With N proxies the client is the N-th address from the right of X-Forwarded-For; an
    entry further left was sent by the client itself and is never believed. More proxies
    configured than there are (a misconfiguration): no address is believed at all."""
    done = subprocess.run(
        [sys.executable, "-c", CLIENT_ADDRESS],
        env=production_environment(tmp_path, KOZKINCS_PROXY_COUNT=proxies),
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == client


@pytest.mark.parametrize("preload", ["false", "true"])
def test_check_deploy_passes_with_production_settings(tmp_path, preload):
    done = subprocess.run(
        [BIN_KOZKINCS, "check", "--deploy", "--fail-level", "WARNING"],
        env=production_environment(tmp_path, KOZKINCS_HSTS_PRELOAD=preload),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_check_deploy_fails_with_debug_on(tmp_path):
    """The test above could not fail if the check saw nothing: with DEBUG it must."""
    done = subprocess.run(
        [BIN_KOZKINCS, "check", "--deploy", "--fail-level", "WARNING"],
        env=production_environment(tmp_path, KOZKINCS_DEBUG="true"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode != 0 and "security.W018" in done.stderr
