"""Discovery: the sitemaps with language alternates, robots.txt, the Atom feeds of newly
published records and the links to them, and the schema.org JSON-LD of every shipped catalog."""

import json
import re
from xml.etree import ElementTree

import pytest

from kozkincs.catalog.models import Record
from kozkincs.catalog.registry import catalog_get
from tests.demo_database import demo_database
from tests.web.conftest import CATALOG

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
ATOM = "{http://www.w3.org/2005/Atom}"


def sitemap_entries(client, path: str) -> dict[str, dict[str, str]]:
    """Each ``<loc>`` of a sitemap page with its alternates (language → URL)."""
    response = client.get(path)
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    return {
        url.find(f"{SITEMAP}loc").text: {
            link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")
        }
        for url in root.findall(f"{SITEMAP}url")
    }


def page(record: Record, language: str) -> str:
    return f"http://testserver/{language}/{record.catalog}/{record.slug}/"


@pytest.mark.django_db
def test_sitemap_index_names_every_section(client, dataset):
    root = ElementTree.fromstring(client.get("/sitemap.xml").content)
    locations = {element.text for element in root.iter(f"{SITEMAP}loc")}
    assert {
        "http://testserver/sitemap-pages.xml",
        "http://testserver/sitemap-catalogs.xml",
        "http://testserver/sitemap-settlements.xml",
        "http://testserver/sitemap-records.xml",
    } <= locations


@pytest.mark.django_db
def test_record_sitemap_lists_public_records_in_three_languages_with_alternates(client, dataset):
    entries = sitemap_entries(client, "/sitemap-records.xml")

    alternates = {code: page(dataset.mansion, code) for code in ("hu", "en", "de")}
    for url in alternates.values():
        assert entries[url] == alternates
    listed = " ".join(entries)
    for hidden in (dataset.draft, dataset.archived):
        assert f"/{hidden.slug}/" not in listed


@pytest.mark.django_db
def test_page_catalog_and_settlement_sitemaps_list_the_pages(client, dataset):
    pages = sitemap_entries(client, "/sitemap-pages.xml")
    assert {"http://testserver/hu/", "http://testserver/de/rolunk/"} <= set(pages)
    assert pages["http://testserver/en/kereses/"]["hu"] == "http://testserver/hu/kereses/"
    catalogs = sitemap_entries(client, "/sitemap-catalogs.xml")
    assert f"http://testserver/en/{CATALOG}/" in catalogs
    assert "http://testserver/hu/natural-values/" in catalogs
    settlements = sitemap_entries(client, "/sitemap-settlements.xml")
    assert "http://testserver/hu/telepulesek/bagod/" in settlements
    assert "http://testserver/de/telepulesek/zalaegerszeg/" in settlements


@pytest.mark.django_db
def test_an_unknown_sitemap_section_is_not_found(client, dataset):
    assert client.get("/sitemap-nothing.xml").status_code == 404


@pytest.mark.django_db
def test_sitemap_is_served_from_the_cache_until_the_data_changes(
    client, dataset, make_record, django_assert_max_num_queries
):
    first = client.get("/sitemap-records.xml")
    with django_assert_max_num_queries(1):  # the data version; the XML comes from the cache
        again = client.get("/sitemap-records.xml")
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"]
    make_record("Frissen közzétett kúria")
    assert "frissen-kozzetett-kuria" in client.get("/sitemap-records.xml").content.decode()


@pytest.mark.django_db
def test_sitemap_answers_a_conditional_request_with_not_modified(client, dataset):
    response = client.get("/sitemap.xml")
    assert "public" in response["Cache-Control"]
    repeat = client.get("/sitemap.xml", headers={"if-none-match": response["ETag"]})
    assert repeat.status_code == 304


@pytest.mark.django_db
def test_cached_sitemap_keeps_the_host_it_was_asked_for(client, dataset, settings):
    settings.ALLOWED_HOSTS = ["testserver", "kozkincs.example"]
    client.get("/sitemap-catalogs.xml")
    other = client.get("/sitemap-catalogs.xml", headers={"host": "kozkincs.example"})
    assert "http://kozkincs.example/" in other.content.decode()
    assert "testserver" not in other.content.decode()


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_admin(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Disallow: /admin/" in lines
    assert "Disallow: /hu/kepek-es-fajlok/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def feed_entries(client, path: str) -> tuple[ElementTree.Element, list[dict[str, str]]]:
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ElementTree.fromstring(response.content)
    entries = [
        {
            "title": entry.find(f"{ATOM}title").text,
            "link": entry.find(f"{ATOM}link").get("href"),
            "published": entry.find(f"{ATOM}published").text,
        }
        for entry in root.findall(f"{ATOM}entry")
    ]
    return root, entries


@pytest.mark.django_db
def test_feed_lists_published_records_newest_first_in_the_prefix_language(client, dataset):
    root, entries = feed_entries(client, "/en/hirfolyam/")

    assert root.find(f"{ATOM}title").text == "Közkincs: newly published records"
    titles = [entry["title"] for entry in entries]
    assert titles == ["Szent Anna kápolna", "Szent Mihály templom", "Deák Mansion"]
    assert entries[2]["link"] == page(dataset.mansion, "en")
    published = [entry["published"] for entry in entries]
    assert published == sorted(published, reverse=True)


@pytest.mark.django_db
def test_catalog_feed_holds_only_that_catalogs_records(client, dataset, make_record):
    make_record("Kányavári-sziget", catalog="natural-values", values={"kind": "lake"})
    _root, entries = feed_entries(client, f"/hu/hirfolyam/{CATALOG}/")
    assert "Kányavári-sziget" not in [entry["title"] for entry in entries]
    assert len(entries) == 3
    _root, entries = feed_entries(client, "/hu/hirfolyam/natural-values/")
    assert [entry["title"] for entry in entries] == ["Kányavári-sziget"]


@pytest.mark.django_db
def test_feed_of_an_unknown_catalog_is_a_not_found_page_in_the_language(client, dataset):
    response = client.get("/de/hirfolyam/no-such-catalog/")
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.content.decode()


@pytest.mark.django_db
def test_pages_link_the_feeds_as_alternates(client, dataset):
    html = client.get("/hu/").content.decode()
    assert re.search(
        r'<link rel="alternate" type="application/atom\+xml" [^>]*href="/hu/hirfolyam/"', html
    )
    html = client.get(f"/en/{CATALOG}/").content.decode()
    assert f'href="/en/hirfolyam/{CATALOG}/"' in html


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker):
    """The gazetteer and the demo entries of every shipped catalog, rolled back after the class."""
    with demo_database(django_db_blocker) as report:
        yield report


BASE_KEYS = {
    "@context", "@type", "name", "inLanguage", "description", "url", "geo",
    "containedInPlace", "keywords", "citation", "image",
}  # fmt: skip


@pytest.mark.django_db
@pytest.mark.usefixtures("demo")
class TestShippedCatalogsJsonLd:
    def test_every_record_page_declares_its_catalogs_schema_org_type(self, client):
        records = Record.objects.filter(status=Record.Status.PUBLISHED).order_by("catalog", "id")
        seen = set()
        for record in records:
            definition = catalog_get(record.catalog)
            html = client.get(f"/hu/{record.catalog}/{record.slug}/").content.decode()
            [payload] = re.findall(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html)
            data = json.loads(payload)
            assert data["@type"] == definition.schema_org_type, record.slug
            declared = {f.schema_property for f in definition.fields if f.schema_property}
            assert set(data) <= BASE_KEYS | declared, (record.slug, set(data) - BASE_KEYS)
            seen.add(record.catalog)
        assert len(seen) == 10
