"""On a phone (375 by 667 px) the first result shows without scrolling past the facets: they sit
behind a disclosure button that the keyboard opens and closes; both states are axe-clean."""

import pytest

from tests.browser.accessibility import axe_violations
from tests.browser.test_keyboard import url

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 667}
LISTS = [
    ("web:search", {}, "?q=templom"),
    ("web:search", {}, "?q=templom&catalog=built-values"),  # with the catalog's own facets
]


@pytest.fixture
def phone(page):
    page.set_viewport_size(PHONE)
    return page


def first_result_bottom(page) -> float:
    box = page.locator(".results > li h3 a").first.bounding_box()
    assert box is not None
    return box["y"] + box["height"]


@pytest.mark.parametrize(("name", "kwargs", "query"), LISTS)
def test_the_first_result_is_visible_without_scrolling(phone, name, kwargs, query):
    phone.goto(url(name, **kwargs) + query)
    assert phone.evaluate("window.scrollY") == 0
    assert first_result_bottom(phone) <= PHONE["height"]
    # The menu is one row that scrolls sideways; the page itself never does (reflow).
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    toggle = phone.locator("#facets-toggle")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert phone.locator("#facets-body").is_hidden()
    assert axe_violations(phone) == []
    assert phone.javascript_errors == []


def test_a_catalog_page_shows_its_results_right_below_the_closed_facets(phone):
    phone.goto(url("web:catalog_detail", catalog="built-values"))
    toggle = phone.locator("#facets-toggle").bounding_box()
    results = phone.locator("#results-heading").bounding_box()
    assert phone.locator("#facets-body").is_hidden()
    assert results["y"] - (toggle["y"] + toggle["height"]) < 40
    assert axe_violations(phone) == []


def test_the_keyboard_opens_the_facets_and_a_filter_keeps_them_open(phone):
    phone.goto(url("web:catalog_detail", catalog="built-values"))
    toggle = phone.locator("#facets-toggle")
    toggle.focus()
    phone.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    assert phone.locator("#facets-body").is_visible()
    assert axe_violations(phone) == []

    before = phone.url
    with phone.expect_response(lambda r: r.request.headers.get("hx-request") == "true"):
        phone.locator("#facets-body .facet a").first.click()
    phone.wait_for_function("() => !document.querySelector('.htmx-request')")
    phone.wait_for_url(lambda current: current != before)
    assert phone.locator("#facets-toggle").get_attribute("aria-expanded") == "true"
    assert phone.locator("#facets-body").is_visible()

    phone.locator("#facets-toggle").focus()
    phone.keyboard.press("Space")
    assert phone.locator("#facets-toggle").get_attribute("aria-expanded") == "false"
    assert phone.locator("#facets-body").is_hidden()
    assert axe_violations(phone) == []


def test_on_a_wide_screen_the_facets_are_shown_without_a_button(page):
    page.goto(url("web:catalog_detail", catalog="built-values"))
    assert page.locator("#facets-toggle").count() == 0
    assert page.locator("#facets-body").is_visible()
    page.set_viewport_size(PHONE)
    page.wait_for_selector("#facets-toggle")
    assert page.locator("#facets-body").is_hidden()
