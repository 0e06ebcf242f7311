"""The pages of the security measures are accessible too: the login lock-out (reached the real
way, ten wrong passwords in the admin's login form) and the "busy, try again" page."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from tests.browser.test_accessibility import assert_accessible

pytestmark = pytest.mark.browser

BIN = Path(sys.executable).parent


@pytest.fixture
def unlock_afterwards(portal_environment):
    yield
    subprocess.run(
        [str(BIN / "kozkincs"), "axes_reset"], env=portal_environment, check=True, timeout=60
    )


def test_the_lock_out_page_has_no_axe_violations(page, unlock_afterwards):
    page.set_extra_http_headers({"Accept-Language": "en"})
    for attempt in range(10):
        page.goto("/admin/login/")
        page.fill("#id_username", "kozkincs-nobody")
        page.fill("#id_password", f"wrong password {attempt}")
        with page.expect_navigation():
            page.click("input[type=submit]")
    assert page.locator("h1").inner_text() == "Too many failed logins"
    assert page.locator("html").get_attribute("lang") == "en"
    assert_accessible(page)


@pytest.mark.parametrize("language", ["hu", "en"])
def test_the_busy_page_has_no_axe_violations(page, portal_url, language):
    with translation.override(language):
        html = render_to_string("503.html", {"retry_after": 10, "method": "POST"})
    page.goto(portal_url + "/hu/rolunk/")  # a page of the portal: its origin, for the CSS
    page.set_content(html.replace('href="/static/', f'href="{portal_url}/static/'))
    assert page.locator("html").get_attribute("lang") == language
    assert_accessible(page)
