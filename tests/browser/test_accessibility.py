"""axe-core finds no WCAG 2.x A/AA violation on any page type, in Hungarian and English,
including the states HTMX swaps in; the 320 px reflow keeps every page free of them too."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.browser.accessibility import axe_violations

pytestmark = pytest.mark.browser

LANGUAGES = ["hu", "en"]


def url(name: str, language: str, **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def assert_accessible(page) -> None:
    violations = axe_violations(page)
    assert not violations, "\n".join(violations)
    assert not page.javascript_errors, page.javascript_errors


STATIC_PAGES = [
    ("web:home", {}),
    ("web:catalog_detail", {"catalog": "built-values"}),
    ("web:catalog_detail", {"catalog": "amateur-art"}),
    ("web:settlement_list", {}),
    ("web:settlement_detail", {"slug": "zalaegerszeg"}),
    ("web:map", {}),
    ("web:search", {}),
    ("web:about", {}),
    ("web:accessibility", {}),
    ("web:privacy", {}),
    ("opendata_site:open_data", {}),
    ("nominations:register", {}),
    ("nominations:nominate", {}),
]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("name", "kwargs"), STATIC_PAGES, ids=lambda v: str(v))
def test_page_has_no_axe_violations(page, language, name, kwargs):
    response = page.goto(url(name, language, **kwargs))
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == language
    assert_accessible(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_refused_nomination_form_has_no_axe_violations(page, language):
    page.goto(url("nominations:nominate", language))
    page.locator("#id_value_name").fill("A bagodi harangláb")
    page.locator(".nomination-form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".error-box").count() == 1
    assert_accessible(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_record_page_has_no_axe_violations(page, language):
    page.goto(url("web:catalog_detail", language, catalog="built-values"))
    page.locator("ol.results h3 a").first.click()
    page.wait_for_load_state()
    assert page.locator("h1").count() == 1
    assert_accessible(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_search_results_have_no_axe_violations(page, language):
    query = {"hu": "kastelyok", "en": "castle"}[language]  # words in that language's texts
    page.goto(url("web:search", language) + f"?q={query}")
    assert page.locator("mark").count() > 0
    assert_accessible(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_htmx_facet_state_has_no_axe_violations(page, language):
    page.goto(url("web:catalog_detail", language, catalog="built-values"))
    before = page.url
    facet = page.locator(".facets a").first
    with page.expect_response(lambda r: r.request.headers.get("hx-request") == "true"):
        facet.click()
    page.wait_for_function("() => !document.querySelector('.htmx-request')")
    page.wait_for_url(lambda current: current != before)
    assert_accessible(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_search_suggestions_state_has_no_axe_violations(page, language):
    page.goto(url("web:search", language))
    box = page.get_by_role("searchbox").first
    with page.expect_response(lambda r: "javaslatok" in r.url):
        box.press_sequentially("temp", delay=50)
    page.wait_for_function("() => !document.querySelector('.htmx-request')")
    assert_accessible(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_not_found_page_has_no_axe_violations(page, language):
    response = page.goto(url("web:catalog_detail", language, catalog="no-such-catalog"))
    assert response.status == 404
    assert_accessible(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_export_problem_page_has_no_axe_violations(page, language):
    page.set_extra_http_headers({"Accept-Language": language})
    response = page.goto("/opendata/built-values.pdf")
    assert response.status == 400
    assert page.locator("html").get_attribute("lang") == language
    assert_accessible(page)


@pytest.mark.parametrize(
    ("name", "kwargs"), [*STATIC_PAGES[:6], STATIC_PAGES[-1]], ids=lambda v: str(v)
)
def test_page_reflows_at_320_px_without_violations(page, name, kwargs):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(url(name, "hu", **kwargs))
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 320, f"horizontal scrolling at 320 px ({scroll_width} px wide)"
    assert_accessible(page)
