"""The history pages in a real browser: the versions, a comparison, the trash, the purge
confirmation and an error state pass axe in Hungarian and English, and reflow at 320 px."""

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
from kozkincs.catalog.models import Record
from kozkincs.catalog.services import record_archive, record_create, record_update

user = get_user_model().objects.create_superuser("tortenet", "tortenet@example.org", "x")
data = {"name": "Pölöskei Dalkör", "description": "<p>Alakult <strong>1950</strong>-ben.</p>",
        "settlement": "32054", "values": {"legal_form": "association"}}
record = record_create(catalog="civil-organisations", data=data, user=user)
record = record_update(record=record, user=user,
                       data={"description": "<p>Alakult 1951-ben, a faluházban.</p>",
                             "settlement": "33093", "summary": "Vegyeskar."})
record = record_update(record=record, user=user, data={"name": "Pölöskei Dalkör Egyesület"})
trashed = record_create(catalog="civil-organisations", user=user,
                        data={"name": "Megszűnt Kör", "values": {"legal_form": "association"}})
record_archive(record=trashed, user=user)
versions = list(Record.history.filter(id=record.pk).order_by("history_date")
                .values_list("history_id", flat=True))
print(json.dumps({"record": record.pk, "trashed": trashed.pk, "versions": versions,
                  **session_for(user)}))
"""
)


@pytest.fixture(scope="module")
def history(portal_environment, portal_url) -> dict:
    """A record with three versions, one in the trash; an administrator's session."""
    done = run_django(portal_environment, SETUP)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def pages(history, language: str) -> dict[str, tuple[str, int]]:
    record, first, last = history["record"], history["versions"][0], history["versions"][-1]
    return {
        "versions": (f"/{language}/valtozatok/{record}/", 200),
        "compare": (f"/{language}/valtozatok/{record}/osszevetes/?from={first}&to={last}", 200),
        "bad-version": (f"/{language}/valtozatok/{record}/osszevetes/?from=x&to={last}", 400),
        "trash": (f"/{language}/lomtar/", 200),
        "purge": (f"/{language}/lomtar/{history['trashed']}/vegleges-torles/", 200),
    }


def assert_accessible(page) -> None:
    violations = axe_violations(page)
    assert not violations, "\n".join(violations)
    assert not page.javascript_errors, page.javascript_errors


@pytest.mark.parametrize("language", ["hu", "en"])
@pytest.mark.parametrize("which", ["versions", "compare", "bad-version", "trash", "purge"])
def test_history_pages_have_no_axe_violations(page, history, portal_url, language, which):
    log_in(page, history, portal_url)
    address, status = pages(history, language)[which]
    response = page.goto(address)
    assert response.status == status
    assert page.locator("html").get_attribute("lang") == language
    assert_accessible(page)


def test_the_comparison_marks_the_changed_words(page, history, portal_url):
    log_in(page, history, portal_url)
    page.goto(pages(history, "en")["compare"][0])
    assert page.locator("table.compare del", has_text="1950-ben.").count() == 1
    assert page.locator("table.compare ins", has_text="1951-ben,").count() == 1


@pytest.mark.parametrize("which", ["versions", "compare", "trash"])
def test_history_pages_reflow_at_320_px(page, history, portal_url, which):
    log_in(page, history, portal_url)
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(pages(history, "hu")[which][0])
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 320, f"horizontal scrolling at 320 px ({scroll_width} px wide)"
    assert_accessible(page)
