"""The base layout and the pages about the portal: about, accessibility statement, privacy."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.web.html_structure import accessibility_problems, read

LANGUAGES = ["hu", "en"]


def url(name: str, language: str, **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


@pytest.mark.django_db
@pytest.mark.parametrize("language", [*LANGUAGES, "de"])
@pytest.mark.parametrize("name", ["web:about", "web:accessibility", "web:privacy"])
def test_static_pages_render_in_each_language_with_a_clean_structure(client, name, language):
    response = client.get(url(name, language))

    assert response.status_code == 200
    page = read(response.content)
    assert page.html_lang == language
    assert accessibility_problems(page) == []


@pytest.mark.django_db
def test_layout_has_skip_link_landmarks_and_language_links_to_the_same_page(client):
    response = client.get("/en/rolunk/?x=1")
    page = read(response.content)
    html = response.content.decode()

    assert '<a class="skip-link" href="#main">' in html
    assert 'id="main"' in html
    assert page.alternates == {
        "hu": "http://testserver/hu/rolunk/?x=1",
        "x-default": "http://testserver/hu/rolunk/?x=1",
        "en": "http://testserver/en/rolunk/?x=1",
        "de": "http://testserver/de/rolunk/?x=1",
    }
    language_links = {link["hreflang"]: link for link in page.links if link.get("hreflang")}
    assert language_links["de"]["href"] == "http://testserver/de/rolunk/?x=1"
    assert language_links["de"]["lang"] == "de"
    assert language_links["en"].get("aria-current") == "true"
    assert "aria-current" not in language_links["hu"]


@pytest.mark.django_db
def test_layout_footer_credits_the_data_sources_and_links_the_legal_pages(client):
    html = client.get("/hu/rolunk/").content.decode()

    assert "Forrás: KSH" in html
    assert "© OpenStreetMap contributors (ODbL)" in html
    for name in ("web:about", "web:accessibility", "web:privacy"):
        assert f'href="{url(name, "hu")}"' in html


@pytest.mark.django_db
def test_pages_carry_a_content_security_policy_without_unsafe_inline(client):
    response = client.get("/hu/rolunk/")

    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy


@pytest.mark.django_db
def test_about_page_lists_every_data_source_with_its_attribution(client, priorities):
    from kozkincs.gazetteer.attribution import data_sources

    html = client.get("/en/rolunk/").content.decode()

    for source in data_sources():
        assert source.attribution in html
        assert source.url in html
    assert len(priorities) == 5
    for priority in priorities:
        assert priority.name_en in html


@pytest.mark.django_db
def test_about_page_falls_back_to_hungarian_priority_names_marked_as_hungarian(client, db):
    from kozkincs.strategy.models import StrategyPriority

    StrategyPriority.objects.update_or_create(
        number=1, defaults={"name": "Kulturális közösségfejlesztés", "name_en": ""}
    )

    html = client.get("/en/rolunk/").content.decode()

    assert '<strong lang="hu">Kulturális közösségfejlesztés</strong>' in html


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_accessibility_statement_has_the_legally_required_sections(client, language):
    page = read(client.get(url("web:accessibility", language)).content)
    html = client.get(url("web:accessibility", language)).content.decode()

    for section in (
        "compliance-status",
        "non-accessible-content",
        "preparation",
        "feedback",
        "enforcement",
    ):
        assert f'id="{section}"' in html
    assert len([level for level, _text in page.headings if level == 2]) == 5
    assert "ajbh.hu" in html


@pytest.mark.django_db
def test_accessibility_statement_names_the_operator_and_contact_from_settings(client, settings):
    settings.KOZKINCS_OPERATOR_NAME = "Példa Társulás"
    settings.KOZKINCS_CONTACT_EMAIL = "kultura@example.hu"

    html = client.get("/hu/akadalymentesseg/").content.decode()

    assert "Példa Társulás" in html
    assert 'href="mailto:kultura@example.hu"' in html


@pytest.mark.django_db
def test_privacy_notice_names_the_configured_tile_server(client, settings):
    settings.KOZKINCS_TILE_URL = "https://tiles.example.net/osm/{z}/{x}/{y}.png"

    html = client.get("/en/adatvedelem/").content.decode()

    assert "<strong>tiles.example.net</strong>" in html
    assert "https://tiles.example.net/osm/{z}/{x}/{y}.png" in html


def test_root_redirects_to_the_hungarian_site_by_default(client, db):
    response = client.get("/")

    assert response.status_code == 302
    assert response.headers["Location"] == "/hu/"


def test_server_error_page_renders_without_a_request_or_database():
    from django.template.loader import get_template

    html = get_template("500.html").render()

    page = read(html)
    assert len(page.h1s) == 1
    assert page.html_lang


@pytest.mark.django_db
def test_bad_request_handler_renders_the_400_page_in_the_layout(rf):
    from django.core.exceptions import SuspiciousOperation

    from kozkincs.web.views.errors import bad_request

    response = bad_request(rf.get("/hu/"), SuspiciousOperation())

    assert response.status_code == 400
    assert read(response.content).h1s == ["Invalid request"]
