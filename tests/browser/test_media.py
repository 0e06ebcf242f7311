"""Photos and files in a real browser: the record page's gallery and the "Photos and files"
page pass axe (with form errors and HTMX-swapped states too), work by keyboard, and the upload
works without JavaScript."""

import json

import pytest

from tests.browser.accessibility import axe_violations
from tests.processes import run_django

pytestmark = pytest.mark.browser

SETUP = """
import io, json
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.auth import load_backend
from django.contrib.sessions.backends.db import SessionStore
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image, ImageDraw
from kozkincs.catalog.models import Record
from kozkincs.media.services import attachment_upload, image_upload

def picture(colour, width=1400, height=900):
    image = Image.new("RGB", (width, height), colour)
    draw = ImageDraw.Draw(image)
    draw.rectangle((width // 4, height // 4, width // 2, height // 2), fill=(240, 230, 200))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return SimpleUploadedFile("photo.jpg", buffer.getvalue(), content_type="image/jpeg")

record = (
    Record.objects.filter(status="published", catalog="built-values", lat__isnull=False)
    .order_by("name").first()
)
texts = [
    ("A kastély főhomlokzata", "The main front of the mansion", "Kiss Péter", "CC-BY-4.0"),
    ("A park fái a kastély mögött", "", "Nagy Éva", "CC-BY-SA-4.0"),
    ("A bejárat részlete", "Detail of the entrance", "", "CC0-1.0"),
]
for index, (alt, alt_en, credit, licence) in enumerate(texts):
    image_upload(record=record, upload=picture((60 + 60 * index, 90, 70)), alt_text=alt,
                 alt_text_en=alt_en, credit=credit, licence=licence)
pdf = b"%PDF-1.4\\n% forras\\ntrailer << >>\\n%%EOF\\n"
attachment_upload(record=record, upload=SimpleUploadedFile("f.pdf", pdf), title="Forrás",
                  visibility="public")
user = get_user_model().objects.create_user("fotos", "fotos@example.org", "x", is_staff=True)
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
# As Django's test client does: the first backend that can load a user.
session[BACKEND_SESSION_KEY] = next(
    path for path in settings.AUTHENTICATION_BACKENDS if hasattr(load_backend(path), "get_user")
)
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
urls = {}
for language in ("hu", "en"):
    with translation.override(language):
        urls[language] = record.get_absolute_url()
print(json.dumps({"record": record.pk, "urls": urls, "session": session.session_key,
                  "cookie": settings.SESSION_COOKIE_NAME}))
"""


@pytest.fixture(scope="module")
def photographed(portal_environment, portal_url) -> dict:
    """A demo record with three photos and a public document; a staff session."""
    done = run_django(portal_environment, SETUP)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def manage_url(photographed, language: str) -> str:
    return f"/{language}/kepek-es-fajlok/{photographed['record']}/"


def log_in(page, photographed, portal_url) -> None:
    page.context.add_cookies(
        [{"name": photographed["cookie"], "value": photographed["session"], "url": portal_url}]
    )


def assert_accessible(page) -> None:
    violations = axe_violations(page)
    assert not violations, "\n".join(violations)
    assert not page.javascript_errors, page.javascript_errors


BROKEN_IMAGES = """(selector) => [...document.querySelectorAll(selector)]
    .filter(img => !img.complete || img.naturalWidth === 0).map(img => img.src)"""


@pytest.mark.parametrize("language", ["hu", "en"])
def test_record_page_with_a_gallery_has_no_axe_violations(page, photographed, language):
    response = page.goto(photographed["urls"][language])
    assert response.status == 200
    gallery = page.locator("section.gallery")
    assert gallery.locator("figure").count() == 3
    gallery.locator("img").last.scroll_into_view_if_needed()
    page.wait_for_load_state("networkidle")
    assert page.evaluate(BROKEN_IMAGES, "section.gallery img") == []
    assert_accessible(page)


def test_gallery_photos_are_reached_by_keyboard_with_a_visible_focus(page, photographed):
    page.goto(photographed["urls"]["en"])
    first = page.locator("section.gallery a").first
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('section.gallery') !== null"):
            break
    else:
        pytest.fail("the gallery was not reached by Tab")
    assert page.evaluate("document.activeElement.href") == first.evaluate("a => a.href")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/original.jpg")


@pytest.mark.parametrize("language", ["hu", "en"])
def test_photos_and_files_page_has_no_axe_violations(page, photographed, portal_url, language):
    log_in(page, photographed, portal_url)
    response = page.goto(manage_url(photographed, language))
    assert response.status == 200
    assert page.locator(".media-list > li").count() >= 3
    assert_accessible(page)


def test_upload_errors_and_success_swapped_by_htmx_have_no_axe_violations(
    page, photographed, portal_url, tmp_path
):
    log_in(page, photographed, portal_url)
    page.goto(manage_url(photographed, "en"))
    before = page.locator(".media-list > li").count()
    svg = tmp_path / "drawing.svg"
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    page.set_input_files("#id_photo-file", str(svg))
    page.fill("#id_photo-alt_text", "Rajz")
    with page.expect_response(lambda r: r.request.headers.get("hx-request") == "true"):
        page.get_by_role("button", name="Add the photo").click()
    page.wait_for_function("() => !document.querySelector('.htmx-request')")
    assert "SVG images are not accepted" in page.locator("#id_photo-file_error").inner_text()
    assert page.locator("#id_photo-file").get_attribute("aria-invalid") == "true"
    assert_accessible(page)

    photo = tmp_path / "photo.png"
    from PIL import Image

    Image.new("RGB", (500, 400), (30, 120, 60)).save(photo)
    page.set_input_files("#id_photo-file", str(photo))
    page.fill("#id_photo-alt_text", "Zöld próbakép")
    page.select_option("#id_photo-licence", "CC0-1.0")
    with page.expect_response(lambda r: r.request.headers.get("hx-request") == "true"):
        page.get_by_role("button", name="Add the photo").click()
    page.wait_for_function("() => !document.querySelector('.htmx-request')")
    assert page.locator(".media-list > li").count() == before + 1
    assert "The photo was added." in page.locator("#media-messages").inner_text()
    added = page.locator(".media-list img").last
    added.scroll_into_view_if_needed()  # loaded lazily
    added.evaluate("img => img.decode()")  # rejects if the thumbnail does not load
    assert added.evaluate("img => img.naturalWidth") == 320
    assert_accessible(page)


def test_moving_a_photo_keeps_the_keyboard_focus(page, photographed, portal_url):
    log_in(page, photographed, portal_url)
    page.goto(manage_url(photographed, "en"))
    second = page.locator(".media-list > li").nth(1)
    button = second.get_by_role("button", name="Move later")
    button_id = button.get_attribute("id")
    button.focus()
    with page.expect_response(lambda r: r.request.headers.get("hx-request") == "true"):
        page.keyboard.press("Enter")
    page.wait_for_function("() => !document.querySelector('.htmx-request')")
    assert page.evaluate("document.activeElement.id") == button_id
    assert "moved later" in page.locator("#media-messages").inner_text()


def test_upload_works_without_javascript(browser, photographed, portal_url, tmp_path):
    context = browser.new_context(base_url=portal_url, java_script_enabled=False)
    context.add_cookies(
        [{"name": photographed["cookie"], "value": photographed["session"], "url": portal_url}]
    )
    page = context.new_page()
    try:
        page.goto(manage_url(photographed, "hu"))
        before = page.locator(".media-list > li").count()
        photo = tmp_path / "photo.jpg"
        from PIL import Image

        Image.new("RGB", (400, 300), (200, 120, 60)).save(photo)
        page.set_input_files("#id_photo-file", str(photo))
        page.fill("#id_photo-alt_text", "Narancssárga próbakép")
        page.fill("#id_photo-credit", "Teszt Elek")
        with page.expect_navigation():
            page.locator("form.media-form button[type=submit]").first.click()
        assert page.locator(".media-list > li").count() == before + 1
        assert "A fotó hozzáadása megtörtént." in page.content()
    finally:
        context.close()


@pytest.mark.parametrize("which", ["record", "manage"])
def test_media_pages_reflow_at_320_px(page, photographed, portal_url, which):
    log_in(page, photographed, portal_url)
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(photographed["urls"]["hu"] if which == "record" else manage_url(photographed, "hu"))
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 320, f"horizontal scrolling at 320 px ({scroll_width} px wide)"
    assert_accessible(page)
