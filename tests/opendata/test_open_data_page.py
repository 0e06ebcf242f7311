"""The open-data page (every dataset with licence, last change and formats), its place in the
footer and the sitemap, and the download links of the lists and settlement pages."""

import re

import pytest

from tests.opendata.conftest import CATALOG


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "heading"),
    [("/hu/nyilt-adatok/", "Nyílt adatok"), ("/en/open-data/", "Open data"),
     ("/de/offene-daten/", "Offene Daten")],
)  # fmt: skip
def test_open_data_page_has_a_translated_path_in_each_language(client, path, heading):
    response = client.get(path)
    assert response.status_code == 200
    assert f"<h1>{heading}</h1>" in response.content.decode()


@pytest.mark.django_db
def test_open_data_page_lists_every_dataset_with_licence_change_and_formats(
    client, make_record, settlements
):
    make_record("Szent Anna kápolna", values={"kind": "chapel"})
    html = client.get("/en/open-data/").content.decode()

    row = re.search(rf'<tr>\s*<th scope="row"><a href="/en/{CATALOG}/">(.*?)</tr>', html, re.S)
    assert row, html
    cells = row.group(1)
    assert "Test heritage" in cells
    assert re.search(r"<td>1</td>", cells)
    assert 'href="https://creativecommons.org/licenses/by-sa/4.0/"' in cells
    assert "<time datetime=" in cells
    for key in ("csv", "xlsx", "json", "geojson", "jsonld"):
        assert f'href="/opendata/{CATALOG}.{key}"' in cells
    assert 'href="/opendata/natural-values.csv"' in html
    assert 'href="/opendata/records.geojson"' in html
    assert "Every database together" in html


@pytest.mark.django_db
def test_open_data_page_is_not_modified_until_a_record_changes(client, make_record, settlements):
    response = client.get("/en/open-data/")
    assert "public" in response["Cache-Control"]
    etag = response["ETag"]
    assert client.get("/en/open-data/", headers={"if-none-match": etag}).status_code == 304
    make_record("Szent Anna kápolna", values={"kind": "chapel"})
    changed = client.get("/en/open-data/", headers={"if-none-match": etag})
    assert changed.status_code == 200
    assert re.search(r"<td>1</td>", changed.content.decode())


@pytest.mark.django_db
def test_every_page_links_the_open_data_page_from_its_footer(client):
    html = client.get("/de/rolunk/").content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    assert '<a href="/de/offene-daten/">Offene Daten</a>' in footer


@pytest.mark.django_db
def test_language_links_of_the_open_data_page_follow_the_translated_path(client):
    html = client.get("/hu/nyilt-adatok/").content.decode()
    assert 'hreflang="en" href="http://testserver/en/open-data/"' in html
    assert 'hreflang="de" href="http://testserver/de/offene-daten/"' in html


@pytest.mark.django_db
def test_open_data_page_is_in_the_sitemap_in_each_language(client):
    xml = client.get("/sitemap-pages.xml").content.decode()
    for path in ("/hu/nyilt-adatok/", "/en/open-data/", "/de/offene-daten/"):
        assert f"<loc>http://testserver{path}</loc>" in xml


@pytest.mark.django_db
def test_catalog_list_offers_downloads_with_its_current_filters(client, make_record, settlements):
    make_record("Szent Anna kápolna", settlement=settlements["bagod"], values={"kind": "chapel"})
    html = client.get(f"/en/{CATALOG}/?settlement=23737&page=1&sort=name").content.decode()
    assert f'href="/opendata/{CATALOG}.csv?settlement=23737&amp;sort=name"' in html
    excel = (
        f'href="/opendata/{CATALOG}.csv?settlement=23737&amp;sort=name'
        '&amp;separator=semicolon&amp;encoding=windows-1250"'
    )
    assert excel in html
    assert f'href="/opendata/{CATALOG}.xlsx?settlement=23737&amp;sort=name"' in html


@pytest.mark.django_db
def test_search_page_offers_downloads_of_every_catalog_with_its_query(client, make_record):
    make_record("Szent Anna kápolna", values={"kind": "chapel"})
    html = client.get("/hu/kereses/?q=kapolna").content.decode()
    assert 'href="/opendata/records.json?q=kapolna"' in html


@pytest.mark.django_db
def test_settlement_page_offers_the_downloads_of_its_records(client, make_record, settlements):
    make_record("Szent Anna kápolna", settlement=settlements["bagod"], values={"kind": "chapel"})
    html = client.get("/hu/telepulesek/bagod/").content.decode()
    assert 'href="/opendata/records.geojson?settlement=23737"' in html


@pytest.mark.django_db
def test_the_download_links_serve_what_the_page_lists(client, make_record, settlements):
    make_record("Szent Anna kápolna", settlement=settlements["bagod"], values={"kind": "chapel"})
    make_record("Kőkereszt", settlement=settlements["zalaegerszeg"], values={"kind": "cross"})
    html = client.get("/hu/telepulesek/bagod/").content.decode()
    link = re.search(r'href="(/opendata/records\.json\?[^"]+)"', html).group(1)
    import json

    data = json.loads(b"".join(client.get(link.replace("&amp;", "&")).streaming_content))
    assert [r["name"]["hu"] for r in data["records"]] == ["Szent Anna kápolna"]
