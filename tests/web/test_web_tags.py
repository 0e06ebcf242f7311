"""Template tags: localized texts with their language, embedded JSON-LD."""

import json

import pytest
from django.template import Context, Template
from django.urls import translate_url
from django.utils import translation

from kozkincs.strategy.models import StrategyPriority
from kozkincs.web.templatetags.web_tags import (
    language_alternates,
    ld_json,
    localized_field,
)


def test_localized_field_uses_the_translation_when_there_is_one():
    priority = StrategyPriority(name="Örökség", name_en="Heritage")

    with translation.override("en"):
        value = localized_field(priority, "name")

    assert (value.text, value.language, value.is_fallback) == ("Heritage", "en", False)


def test_localized_field_falls_back_to_hungarian_and_says_so():
    priority = StrategyPriority(name="Örökség", name_en="")

    with translation.override("en"):
        value = localized_field(priority, "name")

    assert (value.text, value.language, value.is_fallback) == ("Örökség", "hu", True)


def test_hungarian_text_on_the_hungarian_site_is_no_fallback():
    with translation.override("hu"):
        value = localized_field(StrategyPriority(name="Örökség"), "name")

    assert not value.is_fallback


def test_json_ld_cannot_close_its_script_element():
    html = ld_json({"csp_nonce": None}, {"name": "</script><script>alert(1)</script> & co"})

    assert html.count("</script>") == 1
    payload = html.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert json.loads(payload)["name"] == "</script><script>alert(1)</script> & co"


def test_language_alternates_tag_needs_a_request():
    rendered = Template("{% load web_tags %}{% language_alternates as a %}{{ a|length }}").render(
        Context({})
    )

    assert rendered == "0"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/hu/kereses/?q=kast%C3%A9ly&kind=castle&kind=church",
        "/en/telepulesek/bagod/",
        "/de/rolunk/",
        "/hu/nincs-ilyen-oldal/masik/harmadik/",
        "/en/web-test-sites/?q=v%C3%A1r&facet_all=settlement",
    ],
)
def test_language_alternates_equal_what_translate_url_gives(client, dataset, path):
    response = client.get(path)
    request = response.wsgi_request
    context = Context({"request": request})

    with translation.override(path.split("/")[1]):
        alternates = language_alternates(context)

    origin = request.build_absolute_uri("/").rstrip("/")
    expected = {
        code: origin + translate_url(request.get_full_path(), code) for code in ["hu", "en", "de"]
    }
    assert {alternate.code: alternate.url for alternate in alternates} == expected
