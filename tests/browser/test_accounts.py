"""The account pages in a real browser: login, registration, password reset (with an error
state), my account, download and delete my data, two-factor authentication and the
administrators' account pages pass axe in Hungarian and English."""

import json

import pytest

from tests.browser.accessibility import axe_violations
from tests.browser.sessions import SESSION_FOR_USER, log_in
from tests.processes import run_django

pytestmark = pytest.mark.browser

SETUP = (
    SESSION_FOR_USER
    + """
import json
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

user = get_user_model().objects.create_superuser("fiokok", "fiokok@example.org", "x")
EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
print(json.dumps({"account": user.pk, **session_for(user)}))
"""
)

ANONYMOUS = ["fiok/login/", "fiok/signup/", "fiok/password/reset/"]
LOGGED_IN = [
    "fiok/",
    "fiok/adataim/",
    "fiok/torles/",
    "fiok/email/",
    "fiok/password/change/",
    "fiok/2fa/",
    "fiokok/",
]


@pytest.fixture(scope="module")
def administrator(portal_environment, portal_url) -> dict:
    done = run_django(portal_environment, SETUP)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def assert_accessible(page, language: str) -> None:
    assert page.locator("html").get_attribute("lang") == language
    violations = axe_violations(page)
    assert not violations, "\n".join(violations)
    assert not page.javascript_errors, page.javascript_errors


@pytest.mark.parametrize("language", ["hu", "en"])
@pytest.mark.parametrize("path", ANONYMOUS)
def test_entrance_pages_have_no_axe_violations(page, language, path):
    assert page.goto(f"/{language}/{path}").status == 200
    assert_accessible(page, language)


@pytest.mark.parametrize("language", ["hu", "en"])
def test_a_failed_login_has_no_axe_violations(page, language):
    page.goto(f"/{language}/fiok/login/")
    page.locator("#id_login").fill("senki@example.org")
    page.locator("#id_password").fill("rossz jelszó")
    page.locator("form button[type=submit]").first.click()
    page.wait_for_load_state()
    assert page.locator("#id_password").count() == 1  # the form again, with its error
    assert_accessible(page, language)


@pytest.mark.parametrize("language", ["hu", "en"])
@pytest.mark.parametrize("path", [*LOGGED_IN, "fiokok/{account}/"])
def test_account_pages_have_no_axe_violations(page, administrator, portal_url, language, path):
    log_in(page, administrator, portal_url)
    assert page.goto(f"/{language}/{path.format(**administrator)}").status == 200
    assert_accessible(page, language)


@pytest.mark.parametrize("language", ["hu", "en"])
def test_the_prepared_download_link_has_no_axe_violations(
    page, administrator, portal_url, language
):
    log_in(page, administrator, portal_url)
    page.goto(f"/{language}/fiok/adataim/")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("a[download]").count() == 1
    assert_accessible(page, language)
