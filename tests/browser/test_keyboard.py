"""Keyboard use: the skip link comes first, focus is always visible, the map never traps it."""

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.browser

FOCUS_STATE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const visible = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0)
                  || style.boxShadow !== 'none';
  const map = el.closest('.leaflet-container, [data-map]');
  return {tag: el.tagName, text: (el.innerText || el.getAttribute('aria-label') || '').trim(),
          visible, inMap: !!map, inMain: !!el.closest('main')};
}"""


def url(name: str, language: str = "hu", **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


@pytest.mark.parametrize("name", ["web:home", "web:search", "web:map", "web:about"])
def test_first_tab_reaches_the_skip_link_which_moves_focus_to_main(page, name):
    page.goto(url(name))
    page.keyboard.press("Tab")
    state = page.evaluate(FOCUS_STATE)
    assert state["tag"] == "A"
    assert state["visible"]
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [("web:home", {}), ("web:catalog_detail", {"catalog": "built-values"}), ("web:map", {}),
     ("web:settlement_detail", {"slug": "zalaegerszeg"})],
)  # fmt: skip
def test_tab_order_shows_focus_everywhere_and_leaves_the_map(page, name, kwargs):
    page.goto(url(name, **kwargs))
    # The map adds its markers when its GeoJSON arrives; walk the finished page.
    page.wait_for_load_state("networkidle")
    seen_map = left_map = False
    for _ in range(80):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STATE)
        if state is None:
            break
        assert state["visible"], f"focus is invisible on {state}"
        if state["inMap"]:
            seen_map = True
        elif seen_map:
            left_map = True
            break
    if seen_map:
        assert left_map, "Tab never left the map: keyboard trap"


@pytest.mark.parametrize("language", ["hu", "en"])
def test_visitor_finds_a_castle_typing_without_accents_and_follows_it_to_the_map(page, language):
    page.goto(url("web:home", language))
    box = page.get_by_role("searchbox").first
    box.fill("kastelyok")
    box.press("Enter")
    page.wait_for_load_state()
    castle = {"hu": "kastély", "en": "Castle"}[language]
    result = page.locator("ol.results h3 a").filter(has_text=castle).first
    result.click()
    page.wait_for_load_state()
    assert castle in page.locator("h1").inner_text()
    settlement_link = page.locator("#main a[href*='/telepulesek/']").first
    settlement_name = settlement_link.inner_text().strip()
    settlement_link.click()
    page.wait_for_load_state()
    assert settlement_name in page.locator("h1").inner_text()
    assert page.locator(".leaflet-container").count() >= 1
    assert page.locator("html").get_attribute("lang") == language
