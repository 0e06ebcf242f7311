"""The partner finder and the contact requests in a real browser: the finder with its
suggestions, with the weaker matches and with refused wishes, the contact-request form (from a
suggestion and from an actor's page) with its errors, a member's "My network" page with its
contact requests and the page that creates an organisation's network profile pass axe in
Hungarian and English; the finder and "My network" reflow at 320 px; the finder works without
JavaScript; a settlement's profile links to the project ideas concerning it."""

import json

import pytest

from tests.browser.sessions import SESSION_FOR_USER, log_in
from tests.browser.test_accessibility import assert_accessible, url
from tests.processes import run_django

pytestmark = pytest.mark.browser

SETUP = (
    SESSION_FOR_USER
    + """
import json
from django.contrib.auth import get_user_model
from kozkincs.accounts.models import Role
from kozkincs.accounts.services import role_grant_create
from kozkincs.catalog.services import record_create, record_publish
from kozkincs.network.models import Actor
from kozkincs.network.services import contact_request_send

users = get_user_model().objects
staff = users.create_superuser("halozat-admin", "halozat-admin@example.org", "x")
member = users.create_user("halozat", "halozat@example.org", "x", first_name="Kata")
choir = Actor.objects.filter(is_demo=True, record__catalog="amateur-art").order_by("id").first()
choir.accounts.add(member)
others = Actor.objects.filter(is_demo=True).exclude(pk=choir.pk).order_by("id")
contact_request_send(sender=member, to_actor=others[0], from_actor=choir,
                     message="Közös falunapot szerveznénk.", idea=None)
record = record_publish(record=record_create(
    catalog="civil-organisations", user=staff,
    data={"name": "Bagodi Hagyományőrző Egyesület", "settlement": "30368",
          "values": {"legal_form": "association"}},
))
role_grant_create(user=member, role=Role.MEMBER, granted_by=staff, record=record)
print(json.dumps({"record": record.pk, "actor": others[1].pk, "own": choir.pk,
                  **session_for(member)}))
"""
)

FINDER_QUERY = "?need=equipment&need=volunteers&priority=5"
"""Wishes that several demo actors meet, some of them only weakly."""


@pytest.fixture(scope="module")
def member(portal_environment, portal_url) -> dict:
    """A member acting for a demo choir, with a contact request sent and an organisation of
    its own that has no network profile yet."""
    done = run_django(portal_environment, SETUP)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def suggestions(page):
    return page.locator("ol.partner-suggestions > li")


@pytest.mark.parametrize("language", ["hu", "en"])
def test_the_finder_with_its_suggestions_and_the_weaker_matches_is_accessible(page, language):
    response = page.goto(url("network:partner_finder", language) + FINDER_QUERY)
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == language
    strong = suggestions(page).count()
    assert strong >= 1
    assert suggestions(page).first.locator("table.score-table th[scope=row]").count() >= 1
    assert_accessible(page)
    with page.expect_navigation():
        page.locator("a[href*='weaker=1']").click()
    assert suggestions(page).count() > strong
    assert_accessible(page)


@pytest.mark.parametrize("language", ["hu", "en"])
def test_refused_wishes_are_shown_accessibly(page, language):
    response = page.goto(url("network:partner_finder", language) + "?settlement=99999&priority=x")
    assert response.status == 400
    assert page.locator(".error-box").count() == 1
    assert_accessible(page)


def test_the_members_finder_is_filled_in_from_the_profile(page, member, portal_url):
    log_in(page, member, portal_url)
    page.goto(url("network:partner_finder", "hu"))
    assert page.locator("input[name=need]:checked").count() >= 1
    assert suggestions(page).count() >= 1
    assert_accessible(page)


@pytest.mark.parametrize("language", ["hu", "en"])
def test_a_contact_request_from_a_suggestion_shows_its_errors_accessibly(
    page, member, portal_url, language
):
    log_in(page, member, portal_url)
    page.goto(url("network:partner_finder", language) + FINDER_QUERY)
    with page.expect_navigation():
        suggestions(page).locator("a[href*='/megkereses/']").first.click()
    assert page.locator("textarea[name=message]").count() == 1
    assert_accessible(page)
    with page.expect_navigation():
        page.locator("main button[type=submit]").click()
    assert page.locator(".error-box").count() == 1
    assert page.locator("textarea[name=message][aria-invalid=true]").count() == 1
    assert_accessible(page)


def test_a_contact_request_from_an_actors_page_is_sent(page, member, portal_url):
    log_in(page, member, portal_url)
    page.goto(url("network:actor_detail", "en", actor_id=member["actor"]))
    with page.expect_navigation():
        page.locator("a[href*='/megkereses/']").click()
    assert_accessible(page)
    page.locator("textarea[name=message]").fill("Would you host our choir's rehearsals?")
    with page.expect_navigation():
        page.locator("main button[type=submit]").click()
    assert page.locator(".error-box, .errorlist").count() == 0, page.locator("main").inner_text()
    assert page.url.endswith(url("network:my_network", "en"))
    assert page.locator("[role=status] .message").count() == 1
    assert_accessible(page)


@pytest.mark.parametrize("language", ["hu", "en"])
def test_my_network_with_contact_requests_is_accessible(page, member, portal_url, language):
    log_in(page, member, portal_url)
    assert page.goto(url("network:my_network", language)).status == 200
    table = page.locator("table.contact-requests")
    assert table.locator("tbody tr").count() >= 1
    assert table.locator("tbody th[scope=row]").count() == table.locator("tbody tr").count()
    assert page.locator(f"a[href$='/uj-profil/{member['record']}/']").count() == 1
    assert_accessible(page)


@pytest.mark.parametrize("language", ["hu", "en"])
def test_the_profile_creation_page_is_accessible(page, member, portal_url, language):
    log_in(page, member, portal_url)
    response = page.goto(url("network:actor_create", language, record_id=member["record"]))
    assert response.status == 200
    assert page.locator("main form button[type=submit]").count() == 1
    assert_accessible(page)


@pytest.mark.parametrize("which", ["finder", "my_network"])
def test_the_finder_and_my_network_reflow_at_320_px(page, member, portal_url, which):
    log_in(page, member, portal_url)
    page.set_viewport_size({"width": 320, "height": 640})
    address = {
        "finder": url("network:partner_finder", "hu") + FINDER_QUERY,
        "my_network": url("network:my_network", "hu"),
    }[which]
    page.goto(address)
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 320, f"horizontal scrolling at 320 px ({scroll_width} px wide)"
    assert_accessible(page)


def test_the_finder_works_without_javascript(browser, portal_url):
    context = browser.new_context(base_url=portal_url, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(url("network:partner_finder", "hu"))
        page.locator("#finder-need-venue").check()
        with page.expect_navigation():
            page.locator("main form button[type=submit]").click()
        assert "need=venue" in page.url
        assert suggestions(page).count() >= 1
    finally:
        context.close()


@pytest.mark.parametrize("language", ["hu", "en"])
def test_the_settlement_profile_lists_its_project_ideas_accessibly(page, language):
    page.goto(url("web:settlement_detail", language, slug="zalaegerszeg"))
    ideas = page.locator("section[aria-labelledby=ideas-heading] li a")
    assert ideas.count() >= 1  # a demo idea concerns Zalaegerszeg
    with page.expect_navigation():
        ideas.first.click()
    assert "/projektotletek/" in page.url
    page.go_back()
    assert_accessible(page)
