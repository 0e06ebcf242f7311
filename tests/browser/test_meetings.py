"""The roundtable pages in a real browser: the demo meeting of 13 May 2010 in the list, the
month calendar (and its 320 px reflow), the meeting page and the open decisions pass axe in
Hungarian and English; the coordinator's management page, with its rich-text editors, passes axe
with form errors shown."""

import json

import pytest

from tests.browser.accessibility import axe_violations
from tests.browser.sessions import SESSION_FOR_USER, log_in
from tests.browser.test_accessibility import assert_accessible, url
from tests.processes import run_django

pytestmark = pytest.mark.browser

SETUP = (
    SESSION_FOR_USER
    + """
import json
from django.contrib.auth import get_user_model
from kozkincs.meetings.models import Meeting

user = get_user_model().objects.create_user("kerekasztal", password="x", is_staff=True)
meeting = Meeting.objects.get(is_demo=True)
print(json.dumps({"meeting": meeting.pk, **session_for(user)}))
"""
)


@pytest.fixture(scope="module")
def roundtable(portal_environment, portal_url) -> dict:
    done = run_django(portal_environment, SETUP)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("language", ["hu", "en"])
def test_the_public_roundtable_pages_are_accessible(page, roundtable, language):
    assert page.goto(url("meetings:list", language)).status == 200
    assert page.locator("table tbody tr").count() >= 1
    assert_accessible(page)
    page.goto(url("meetings:calendar", language) + "?ev=2010&ho=5")
    assert page.locator(".meeting-calendar li a").count() == 1
    assert_accessible(page)
    page.goto(url("meetings:detail", language, meeting_id=roundtable["meeting"]))
    assert page.locator("ol.agenda > li").count() == 4
    assert_accessible(page)
    page.goto(url("meetings:decisions", language))
    assert page.locator(".overdue").count() >= 1
    assert_accessible(page)


def test_the_calendar_reflows_at_320_px(page, roundtable):
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(url("meetings:calendar", "hu") + "?ev=2010&ho=5")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320
    assert not axe_violations(page)


def test_the_coordinators_page_with_errors_is_accessible(page, roundtable, portal_url):
    log_in(page, roundtable, portal_url)
    page.goto(url("meetings:manage", "hu", meeting_id=roundtable["meeting"]))
    # The rich-text editor's toolbar (with its unavailable undo/redo buttons) is checked too:
    # wait for the editor, so that the result never depends on how fast its module loads.
    page.locator(".prose-menubar__button").first.wait_for()
    assert_accessible(page)
    page.locator("button", has_text="Határozat rögzítése").click()
    page.wait_for_load_state()
    page.locator(".prose-menubar__button").first.wait_for()
    assert page.locator(".error-box").count() >= 1
    assert "felelős szereplő" in page.locator(".error-box").first.inner_text().lower() or (
        page.locator("text=Minden határozatnak kell felelős szereplő").count() >= 1
    )
    assert_accessible(page)
