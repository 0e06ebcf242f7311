"""The editing pages in a real browser: the rich-text editor, the pickers (search as you type,
keyboard choice), the map picker, inline validation, and axe on every page type, logged in as
a contributor and as a moderator, with form errors and HTMX-swapped states."""

import json

import pytest

from tests.browser.accessibility import axe_violations
from tests.processes import run_django

pytestmark = pytest.mark.browser

SETUP = """
import json
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.auth import load_backend
from django.contrib.sessions.backends.db import SessionStore
from allauth.account.models import EmailAddress
from kozkincs.catalog.services import record_create, record_publish
from kozkincs.editing.models import ChangeRequest

User = get_user_model()
moderator = User.objects.create_user("szerk", "szerk@example.org", "x", is_staff=True)
contributor = User.objects.create_user("lakos", "lakos@example.org", "x")
EmailAddress.objects.create(user=contributor, email=contributor.email, verified=True, primary=True)
centre = record_publish(record=record_create(catalog="cultural-centres", user=moderator,
                        data={"name": "Pölöskei Faluház", "settlement": "32054",
                              "values": {"kind": "village_hall"}}))
proposal = ChangeRequest.objects.create(
    catalog="cultural-centres", record=centre, base_version=centre.version, author=contributor,
    name="Pölöskei Faluház", data={"summary": "Felújított közösségi ház."}, state="submitted",
    settlement=centre.settlement)

def session(user):
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = next(
        path for path in settings.AUTHENTICATION_BACKENDS if hasattr(load_backend(path), "get_user")
    )
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key

print(json.dumps({"centre": centre.pk, "proposal": proposal.pk,
                  "cookie": settings.SESSION_COOKIE_NAME,
                  "moderator": session(moderator), "contributor": session(contributor)}))
"""

CREATE = "/{language}/szerkesztes/uj/civil-organisations/?settlement=32054"


@pytest.fixture(scope="module")
def editing(portal_environment, portal_url) -> dict:
    done = run_django(portal_environment, SETUP)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def log_in(page, editing, portal_url, who: str) -> None:
    page.context.add_cookies(
        [{"name": editing["cookie"], "value": editing[who], "url": portal_url}]
    )


def assert_accessible(page) -> None:
    violations = axe_violations(page)
    assert not violations, "\n".join(violations)
    assert not page.javascript_errors, page.javascript_errors


@pytest.mark.parametrize("language", ["hu", "en"])
def test_the_create_form_with_editor_pickers_and_map_is_accessible(
    page, editing, portal_url, language
):
    log_in(page, editing, portal_url, "contributor")
    response = page.goto(CREATE.format(language=language))
    assert response.status == 200
    page.locator(".ProseMirror[contenteditable=true]").first.wait_for()
    page.locator("#map-picker.leaflet-container").wait_for()
    assert page.locator("#id_settlement").input_value().startswith("Zalaegerszeg")
    assert_accessible(page)


def test_the_settlement_picker_searches_as_one_types_and_is_keyboard_usable(
    page, editing, portal_url
):
    log_in(page, editing, portal_url, "contributor")
    page.goto(CREATE.format(language="en"))
    field = page.locator("#id_settlement")
    field.fill("")
    field.press_sequentially("Zalaeger", delay=30)
    page.locator("#id_settlement-matches [role=option]").first.wait_for()
    assert field.get_attribute("aria-expanded") == "true"
    assert page.locator("#id_settlement-matches [role=option]").count() <= 20
    assert_accessible(page)  # the HTMX-swapped list of matches
    field.press("ArrowDown")
    field.press("Enter")
    assert field.input_value() == "Zalaegerszeg (32054)"
    assert page.locator("#id_settlement-matches [role=option]").count() == 0


def test_the_record_picker_finds_published_records(page, editing, portal_url):
    log_in(page, editing, portal_url, "contributor")
    page.goto(CREATE.format(language="en"))
    field = page.locator("#id_value__venue")
    field.press_sequentially("Pölösk", delay=30)
    option = page.locator("#id_value__venue-matches [role=option]").first
    option.wait_for()
    option.click()
    assert field.input_value() == f"Pölöskei Faluház [#{editing['centre']}]"


def test_the_map_picker_sets_the_coordinates(page, editing, portal_url):
    log_in(page, editing, portal_url, "contributor")
    page.goto(CREATE.format(language="en"))
    page.locator("#map-picker.leaflet-container").wait_for()
    page.locator("#map-picker").click(position={"x": 150, "y": 100})
    lat, lon = (
        float(page.locator("#id_lat").input_value()),
        float(page.locator("#id_lon").input_value()),
    )
    assert 45.7 < lat < 48.6 and 16.1 < lon < 22.9
    assert page.locator("#map-picker .leaflet-marker-icon").count() == 1
    page.locator("#id_lat").fill("46.9")
    page.locator("#id_lat").dispatch_event("change")
    assert page.locator("#map-picker .leaflet-marker-icon").count() == 1


def test_inline_validation_and_the_editor_send_a_proposal(
    page, editing, portal_url, portal_environment
):
    log_in(page, editing, portal_url, "contributor")
    page.goto(CREATE.format(language="en"))
    website = page.locator("#id_value__website")
    website.fill("nem cím")
    website.blur()
    page.locator("#errors-value__website li").wait_for()
    assert "not a web address" in page.locator("#errors-value__website").inner_text()
    assert_accessible(page)  # with an inline error
    website.fill("")
    page.locator("#id_name").fill("Pölöskei Dalkör Egyesület")
    page.locator("#id_value__legal_form").select_option("association")
    editor = page.locator(".ProseMirror[contenteditable=true]").first
    editor.click()
    page.keyboard.type("Alakult ")
    page.keyboard.press("Control+b")
    page.keyboard.type("1950")
    page.keyboard.press("Control+b")
    page.keyboard.type("-ben.")
    page.get_by_role("button", name="Send for review").click()
    page.wait_for_url("**/hozzajarulasaim/")
    assert_accessible(page)
    done = run_django(
        portal_environment,
        "from kozkincs.editing.models import ChangeRequest\n"
        "proposal = ChangeRequest.objects.get(name='Pölöskei Dalkör Egyesület')\n"
        "print(proposal.data['description'])",
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "<strong>" in done.stdout and "1950</strong>" in done.stdout


def test_a_form_with_errors_is_accessible(page, editing, portal_url):
    log_in(page, editing, portal_url, "contributor")
    page.goto(CREATE.format(language="hu"))
    page.locator("#id_name").fill("")
    page.locator("#id_settlement").fill("Sehol")
    page.locator("button[name=_propose]").click()
    page.locator("#form-errors").wait_for()
    assert_accessible(page)


@pytest.mark.parametrize("language", ["hu", "en"])
@pytest.mark.parametrize("which", ["queue", "review", "edit"])
def test_the_moderators_pages_are_accessible(page, editing, portal_url, language, which):
    log_in(page, editing, portal_url, "moderator")
    address = {
        "queue": f"/{language}/moderalas/",
        "review": f"/{language}/moderalas/{editing['proposal']}/",
        "edit": f"/{language}/szerkesztes/{editing['centre']}/",
    }[which]
    assert page.goto(address).status == 200
    assert_accessible(page)
