"""What an editor types into a description never brings a script or a ``javascript:`` link to
the record page, the API or a search snippet; the allowed markup is shown as HTML."""

import re

import pytest

from kozkincs.catalog.registry import reset_registry
from tests.api.conftest import DEFINITIONS

pytestmark = pytest.mark.django_db

TEST_CATALOGS = DEFINITIONS.parent.parent / "catalog" / "definitions"
ATTACK = (
    "<h2>Története</h2><p>A <strong>malom</strong> 1820-ban épült."
    '<a href="javascript:alert(1)">kattints</a> <img src=x onerror=alert(2)>'
    '<a href="https://example.org/malom">forrás</a></p><script>alert(3)</script>'
)


@pytest.fixture
def mill(settings, make_record):
    settings.KOZKINCS_CATALOG_DIRS = [str(DEFINITIONS), str(TEST_CATALOGS)]
    reset_registry()
    return make_record(
        "Vízimalom",
        summary="<em>Régi</em> vízimalom <script>alert(4)</script>",
        description=ATTACK,
        description_en="The mill was built in 1820.\nIt still grinds.",
        catalog="test-heritage",
        values={"kind": "spring", "history": f"<p>Őrlés</p>{ATTACK}"},
    )


def assert_no_attack(text: str) -> None:
    assert not re.search(r"alert\(|javascript:|onerror|<img", text, re.I), text


def test_the_record_page_shows_the_allowed_markup_as_html(client, mill):
    html = client.get(mill.get_absolute_url()).content.decode()
    assert_no_attack(html)
    assert "<h2>Története</h2><p>A <strong>malom</strong> 1820-ban épült." in html
    assert '<a href="https://example.org/malom" rel="noopener noreferrer">forrás</a>' in html
    assert "&lt;p&gt;" not in html and "&lt;strong&gt;" not in html  # not shown as text
    english = client.get(mill.get_absolute_url().replace("/hu/", "/en/")).content.decode()
    assert "<p>The mill was built in 1820.<br>It still grinds.</p>" in english


def test_the_api_returns_only_the_sanitised_form(client, mill):
    body = client.get(f"/api/v1/records/{mill.pk}").json()
    assert body["description"].startswith("<h2>Története</h2><p>A <strong>malom</strong>")
    assert body["summary"] == "Régi vízimalom"
    history = next(field for field in body["fields"] if field["key"] == "history")
    for text in (body["description"], history["value"], history["display"], str(body)):
        assert_no_attack(text)
    assert "<script" not in str(body)


def test_search_snippets_and_list_excerpts_use_the_text_without_tags(client, mill):
    hits = client.get("/api/v1/records", {"q": "kattints"}).json()["items"]
    assert [hit["id"] for hit in hits] == [mill.pk]
    assert hits[0]["snippet"] == "Története A malom 1820-ban épült.<mark>kattints</mark> forrás"
    for query in ("malom", "alert", "script"):
        body = client.get("/api/v1/records", {"q": query}).content.decode()
        assert_no_attack(body)
        assert "&lt;" not in body and "<script" not in body
    page = client.get("/hu/kereses/", {"q": "kattints"})
    assert page.status_code == 200
    html = page.content.decode()
    assert_no_attack(html)
    assert "<mark>kattints</mark>" in html
