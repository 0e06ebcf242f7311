"""The strategy dashboard in a real browser: the demo strategy's charts each have their data
table, the settlement x priority chart is a table, and every page type is axe-clean, in
Hungarian and English, anonymous and as a moderator with the value form's errors."""

import json

import pytest

from tests.browser.test_accessibility import assert_accessible, url
from tests.processes import run_django

pytestmark = pytest.mark.browser

SETUP = """
import json
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.auth import load_backend
from django.contrib.sessions.backends.db import SessionStore
from kozkincs.strategy.models import Indicator

user = get_user_model().objects.create_user("strategia", "strategia@example.org", "x",
                                            is_staff=True)
store = SessionStore()
store[SESSION_KEY] = str(user.pk)
store[BACKEND_SESSION_KEY] = next(
    path for path in settings.AUTHENTICATION_BACKENDS if hasattr(load_backend(path), "get_user")
)
store[HASH_SESSION_KEY] = user.get_session_auth_hash()
store.create()
indicator = Indicator.objects.filter(unit="percent").order_by("id").first()
print(json.dumps({"cookie": settings.SESSION_COOKIE_NAME, "session": store.session_key,
                  "indicator": indicator.pk}))
"""


@pytest.fixture(scope="module")
def moderator(portal_environment, portal_url) -> dict:
    done = run_django(portal_environment, SETUP)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("language", ["hu", "en"])
def test_every_chart_has_its_table_and_the_dashboard_is_accessible(page, language):
    response = page.goto(url("dashboard:index", language))
    assert response.status == 200
    charts = page.locator("svg.trend-chart")
    assert charts.count() >= 10
    assert page.locator("table.trend-table").count() == charts.count()
    assert page.locator("table.heat-table tbody tr").count() >= 60  # the region's settlements
    assert_accessible(page)


@pytest.mark.parametrize("name", ["dashboard:print", "dashboard:priority"])
def test_the_printable_and_the_priority_pages_are_accessible(page, name):
    kwargs = {"number": 3} if name == "dashboard:priority" else {}
    assert page.goto(url(name, "hu", **kwargs)).status == 200
    assert_accessible(page)


def test_the_value_form_with_a_wrong_unit_is_accessible(page, portal_url, moderator):
    page.context.add_cookies(
        [{"name": moderator["cookie"], "value": moderator["session"], "url": portal_url}]
    )
    page.goto(url("dashboard:value_new", "hu", indicator_id=moderator["indicator"]))
    page.fill("#id_year", "2014")
    page.fill("#id_value", "140")
    with page.expect_navigation():
        page.click("button[type=submit]")
    assert "0 és 100" in page.locator(".errorlist").inner_text()
    assert_accessible(page)
