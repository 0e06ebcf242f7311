"""The record page: public fields by type, shared texts, relations, sources, JSON-LD, map."""

import json
import re

import pytest

from tests.web.html_structure import accessibility_problems, read
from tests.web.urls import page_url


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["hu", "en"])
def test_record_page_renders_with_a_clean_structure(client, dataset, language):
    response = client.get(page_url(dataset.mansion, language))

    assert response.status_code == 200
    page = read(response.content)
    assert page.html_lang == language
    assert accessibility_problems(page) == []
    assert set(page.alternates) == {"hu", "en", "de", "x-default"}


@pytest.mark.django_db
def test_record_page_shows_translated_texts_and_marks_hungarian_fallbacks(client, dataset):
    html = client.get(page_url(dataset.mansion, "en")).content.decode()

    assert '<h1 id="record-title">Deák Mansion</h1>' in html
    assert "One of the classicist mansions" in html
    # No English description: the Hungarian original, marked as Hungarian.
    assert '<div class="rich-text" lang="hu"><p>A kastélyt 1820 körül építették.</p></div>' in html


@pytest.mark.django_db
def test_record_page_renders_public_fields_and_hides_the_rest(client, dataset):
    html = client.get(page_url(dataset.mansion, "hu")).content.decode()

    assert "Építés éve" in html
    assert "1820" in html
    assert "kastély" in html
    assert "kulcs a hivatalban" not in html  # public: false
    assert "Kovács Anna" not in html  # personal, no consent


@pytest.mark.django_db
def test_record_page_shows_consented_personal_data(client, dataset):
    html = client.get(page_url(dataset.chapel, "hu")).content.decode()

    assert "Szabó Péter" in html


@pytest.mark.django_db
def test_related_records_appear_from_both_ends(client, dataset):
    chapel_html = client.get(page_url(dataset.chapel, "en")).content.decode()
    church_html = client.get(page_url(dataset.church, "en")).content.decode()

    assert page_url(dataset.church, "en")[3:] in chapel_html
    assert page_url(dataset.chapel, "en")[3:] in church_html
    assert "<h3>Parts</h3>" in church_html


@pytest.mark.django_db
def test_record_page_lists_sources_permanent_link_and_breadcrumbs(client, dataset):
    response = client.get(page_url(dataset.mansion, "hu"))
    html = response.content.decode()

    assert '<a href="https://example.org/kastelyok">Zala megye kastélyai</a>' in html
    permalink = f"http://testserver/hu/r/{dataset.mansion.pk}/"
    assert f'<a href="{permalink}">{permalink}</a>' in html
    page = read(html)
    assert any(link["href"] == "/hu/web-test-sites/" for link in page.links)
    assert 'aria-current="page">Deák-kastély</span>' in html


@pytest.mark.django_db
def test_permanent_link_redirects_to_the_record_page(client, dataset):
    response = client.get(f"/en/r/{dataset.mansion.pk}/")

    assert response.status_code == 302
    assert response.headers["Location"] == page_url(dataset.mansion, "en")


@pytest.mark.django_db
def test_permanent_link_of_a_draft_is_not_found(client, dataset):
    assert client.get(f"/hu/r/{dataset.draft.pk}/").status_code == 404


@pytest.mark.django_db
def test_record_page_embeds_json_ld_with_the_catalog_type_and_the_csp_nonce(client, dataset):
    response = client.get(page_url(dataset.mansion, "hu"))
    page = read(response.content)

    [script] = [s for s in page.scripts if s.get("type") == "application/ld+json"]
    data = json.loads(script["text"])
    assert data["@type"] == "LandmarksOrHistoricalBuildings"
    assert data["name"] == "Deák-kastély"
    assert data["url"] == "http://testserver" + page_url(dataset.mansion, "hu")
    nonce = re.search(r"'nonce-([^']+)'", response.headers["Content-Security-Policy"])
    assert nonce is not None
    assert script["nonce"] == nonce.group(1)


@pytest.mark.django_db
def test_record_with_coordinates_gets_a_map_with_its_point(client, dataset):
    html = client.get(page_url(dataset.mansion, "hu")).content.decode()

    location = json.loads(re.search(r'id="record-location"[^>]*>(.*?)</script>', html).group(1))
    assert location["features"][0]["geometry"]["coordinates"] == [16.741, 46.881]
    assert location["features"][0]["properties"]["approximate"] is False
    assert 'data-map role="region"' in html
    assert "vendor/leaflet-1.9.4/leaflet.js" in html


@pytest.mark.django_db
def test_record_without_coordinates_marks_its_settlement_as_approximate(client, dataset):
    html = client.get(page_url(dataset.church, "hu")).content.decode()

    location = json.loads(re.search(r'id="record-location"[^>]*>(.*?)</script>', html).group(1))
    assert location["features"][0]["geometry"]["coordinates"] == [16.84, 46.84]
    assert location["features"][0]["properties"]["approximate"] is True


@pytest.mark.django_db
@pytest.mark.parametrize("attribute", ["draft", "archived"])
def test_drafts_and_archived_records_are_not_found(client, dataset, attribute):
    record = getattr(dataset, attribute)

    response = client.get(f"/hu/{record.catalog}/{record.slug}/")

    assert response.status_code == 404


@pytest.mark.django_db
def test_unknown_record_and_catalog_give_the_friendly_404_in_the_visitors_language(client, db):
    for path in ("/en/web-test-sites/nincs-ilyen/", "/en/no-such-catalog/", "/en/x/y/"):
        response = client.get(path)
        assert response.status_code == 404
        page = read(response.content)
        assert page.html_lang == "en"
        assert page.h1s == ["Page not found"]
        assert accessibility_problems(page) == []
