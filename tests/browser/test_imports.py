"""The import pages in a real browser: the start page, a preview with problems and mapping
choices, an imported batch pass axe in Hungarian and English, and reflow at 320 px."""

import json

import pytest

from tests.browser.accessibility import axe_violations
from tests.processes import run_django

pytestmark = pytest.mark.browser

SETUP = """
import json
from pathlib import Path
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.auth import load_backend
from django.contrib.sessions.backends.db import SessionStore
from kozkincs.imports.services import (
    import_batch_apply, import_batch_create, import_batch_preview)

user = get_user_model().objects.create_user("importalo", password="x", is_staff=True)
directory = Path(settings.KOZKINCS_IMPORT_DIR)
directory.mkdir(parents=True, exist_ok=True)
bad = directory / "hibas.csv"
bad.write_text("Épített értékek\\n\\nNév;Típus;Település;Megjegyzés\\n"
               "Kápolna;Kápolna;Zalaegerszg;x\\nMalom;nincs;Bak;y\\n", encoding="utf-8")
problems = import_batch_create(catalog="built-values", source=bad, file_name="hibas.csv", user=user)
import_batch_preview(batch=problems)
good = directory / "jo.csv"
good.write_text("Név;Típus;Település\\nÚj kápolna;Kápolna;Zalaegerszeg\\n", encoding="utf-8")
done = import_batch_create(catalog="built-values", source=good, file_name="jo.csv", user=user)
import_batch_preview(batch=done)
import_batch_apply(batch=done, user=user)
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = next(
    path for path in settings.AUTHENTICATION_BACKENDS if hasattr(load_backend(path), "get_user")
)
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
print(json.dumps({"problems": problems.pk, "done": done.pk, "session": session.session_key,
                  "cookie": settings.SESSION_COOKIE_NAME}))
"""


@pytest.fixture(scope="module")
def imports(portal_environment, portal_url) -> dict:
    """A batch with problems and an unknown column, an imported batch; a staff session."""
    done = run_django(portal_environment, SETUP)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def _open(page, imports, portal_url, address):
    page.context.add_cookies(
        [{"name": imports["cookie"], "value": imports["session"], "url": portal_url}]
    )
    return page.goto(address)


def _pages(imports, language):
    return {
        "start": f"/{language}/import/",
        "problems": f"/{language}/import/{imports['problems']}/",
        "done": f"/{language}/import/{imports['done']}/",
    }


@pytest.mark.parametrize("language", ["hu", "en"])
@pytest.mark.parametrize("which", ["start", "problems", "done"])
def test_import_pages_have_no_axe_violations(page, imports, portal_url, language, which):
    response = _open(page, imports, portal_url, _pages(imports, language)[which])
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == language
    violations = axe_violations(page)
    assert not violations, "\n".join(violations)
    assert not page.javascript_errors, page.javascript_errors


def test_the_preview_names_the_near_miss_and_the_unknown_column(page, imports, portal_url):
    _open(page, imports, portal_url, _pages(imports, "hu")["problems"])
    assert page.get_by_text("Erre gondolt: „Zalaegerszeg”?").count() >= 1
    assert page.get_by_text("ismeretlen oszlop").count() == 1


@pytest.mark.parametrize("which", ["start", "problems"])
def test_import_pages_reflow_at_320_px(page, imports, portal_url, which):
    page.set_viewport_size({"width": 320, "height": 640})
    _open(page, imports, portal_url, _pages(imports, "hu")[which])
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 320, f"horizontal scrolling at 320 px ({scroll_width} px wide)"
