"""Maps in a real browser: markers show their images with the hashed static file names."""

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.browser

BROKEN_MARKERS = """() => [...document.querySelectorAll('img.leaflet-marker-icon')]
    .filter(img => !img.complete || img.naturalWidth === 0).map(img => img.src)"""


def test_record_map_markers_load_their_images(page):
    with translation.override("hu"):
        url = reverse("web:catalog_detail", kwargs={"catalog": "built-values"})
    page.goto(url + "?q=Festetics")
    page.locator("ol.results h3 a").first.click()
    page.wait_for_selector("img.leaflet-marker-icon")
    page.wait_for_load_state("networkidle")
    assert page.evaluate(BROKEN_MARKERS) == []
