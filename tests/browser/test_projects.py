"""The project pages in a real browser: the list, an idea's page (a visitor's, and the lead's
member's with every form and with a refused form), the idea form, the calls and the topics of
a call pass axe in Hungarian and English; the idea's page reflows at 320 px; the member
reports progress with the keyboard."""

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
from django.contrib.auth import get_user_model
from kozkincs.projects.models import FundingCall, ProjectIdea

idea = ProjectIdea.objects.get(status="preparation", is_demo=True)
user = get_user_model().objects.create_user("alapitvany", "alapitvany@example.org", "x")
idea.lead.accounts.add(user)
call = FundingCall.objects.get(programme="LEADER", is_demo=True)
print(json.dumps({"idea": idea.pk, "call": call.pk, **session_for(user)}))
"""
)


@pytest.fixture(scope="module")
def member(portal_environment, portal_url) -> dict:
    """A demo idea in preparation and a session of an account linked to its lead."""
    done = run_django(portal_environment, SETUP)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def assert_accessible(page) -> None:
    violations = axe_violations(page)
    assert not violations, "\n".join(violations)
    assert not page.javascript_errors, page.javascript_errors


def addresses(member, language: str) -> dict[str, str]:
    return {
        "list": f"/{language}/projektotletek/",
        "idea": f"/{language}/projektotletek/{member['idea']}/",
        "calls": f"/{language}/palyazatok/",
        "topics": f"/{language}/palyazatok/{member['call']}/temak/",
    }


@pytest.mark.parametrize("language", ["hu", "en"])
@pytest.mark.parametrize("which", ["list", "idea", "calls", "topics"])
def test_a_visitor_sees_accessible_project_pages(page, member, language, which):
    response = page.goto(addresses(member, language)[which])
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == language
    assert_accessible(page)


@pytest.mark.parametrize("language", ["hu", "en"])
def test_the_leads_member_sees_every_form_accessibly(page, member, portal_url, language):
    log_in(page, member, portal_url)
    page.goto(addresses(member, language)["idea"])
    for slug in ("allapot", "partnerek", "merfoldkovek", "elorehaladas", "hozzaszolasok"):
        assert page.locator(f"form[action$='/{member['idea']}/{slug}/']").count() == 1, slug
    assert_accessible(page)
    page.goto(f"/{language}/projektotletek/uj/")
    assert_accessible(page)


@pytest.mark.parametrize("language", ["hu", "en"])
def test_a_refused_progress_report_shows_its_message_accessibly(page, member, portal_url,
                                                                 language):  # fmt: skip
    log_in(page, member, portal_url)
    page.goto(addresses(member, language)["idea"])
    form = page.locator(f"form[action$='/{member['idea']}/elorehaladas/']")
    form.locator("input[type=date]").fill("2999-01-01")
    form.locator("textarea").fill("Majd lesz.")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert page.locator(".error-box").count() == 1
    assert_accessible(page)


def test_the_member_reports_progress_with_the_keyboard(page, member, portal_url):
    log_in(page, member, portal_url)
    page.goto(addresses(member, "en")["idea"])
    form = page.locator(f"form[action$='/{member['idea']}/elorehaladas/']")
    form.locator("input[type=date]").fill("2010-07-01")
    form.locator("textarea").fill("Keyboard report: the map's draft is ready.")
    form.locator("textarea").focus()
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("#progress + ul", has_text="Keyboard report").count() == 1


def test_the_idea_page_reflows_at_320_px(page, member, portal_url):
    log_in(page, member, portal_url)
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(addresses(member, "hu")["idea"])
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 320, f"horizontal scrolling at 320 px ({scroll_width} px wide)"
    assert_accessible(page)
