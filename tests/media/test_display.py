"""Photos where visitors meet them: the record page's gallery and JSON-LD, covers on lists,
cards and the map, the API; a fixed number of queries, and no image work during a page view."""

import json
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from kozkincs.media import imaging
from kozkincs.media.storage import media_storage
from tests.media import pictures

pytestmark = pytest.mark.django_db


def page_of(record, language: str = "en") -> str:
    with translation.override(language):
        return record.get_absolute_url()


def named(name: str, language: str = "en", **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def json_ld(html: str) -> dict:
    found = re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S)
    return json.loads(found.group(1))


@pytest.fixture
def no_image_work(monkeypatch):
    """Fail the test if anything decodes, encodes or stores a picture."""

    def forbidden(*args, **kwargs):
        raise AssertionError("image work during a page view")

    monkeypatch.setattr(imaging, "prepare_image", forbidden)
    monkeypatch.setattr(imaging.Image, "open", forbidden)
    monkeypatch.setattr(imaging.Image.Image, "save", forbidden)
    monkeypatch.setattr(media_storage(), "save", forbidden)


def test_the_record_page_shows_a_gallery_with_captions_and_srcset(client, record, add_photo):
    add_photo(record, pictures.photo(1600, 1200), alt_text="A kastély homlokzata",
              alt_text_en="The front of the mansion", credit="Kiss Péter")  # fmt: skip
    add_photo(record, alt_text="A park", licence="all-rights-reserved", credit="")

    html = client.get(page_of(record)).content.decode()

    gallery = html[
        html.index('<section class="gallery"') : html.index(
            "</section>", html.index('<section class="gallery"')
        )
    ]
    images = re.findall(r"<img [^>]+>", gallery)
    assert len(images) == 2 and gallery.count("<figure>") == 2
    cover, second = images
    assert 'alt="The front of the mansion"' in cover and "loading=" not in cover
    assert re.search(r'srcset="/media/images/\d+/w320\.webp 320w, [^"]*w640\.webp 640w, '
                     r'[^"]*w1280\.webp 1280w, [^"]*original\.jpg 1600w"', cover)  # fmt: skip
    assert 'sizes="(min-width: 72rem) 70rem, 100vw"' in cover
    assert 'width="640" height="480"' in cover
    # No English text: the Hungarian one, marked as such; later photos load lazily.
    assert 'alt="A park" lang="hu"' in second and 'loading="lazy"' in second
    assert "Photo: Kiss Péter" in gallery
    assert (
        '<a href="https://creativecommons.org/licenses/by/4.0/" rel="license">CC BY 4.0</a>'
        in gallery
    )
    assert "All rights reserved" in gallery
    assert re.search(r'<a href="/media/images/\d+/original\.jpg"><img', gallery)  # full size
    assert "Manage photos and files" not in html


def test_the_record_page_links_editors_to_the_photos_page(client, record, staff):
    client.force_login(staff)

    html = client.get(page_of(record)).content.decode()

    assert named("media:record_media", record_id=record.pk) in html
    assert "This record has no photos yet." in html


def test_the_record_json_ld_names_the_images(client, record, add_photo):
    add_photo(record, credit="Kiss Péter", licence="CC-BY-SA-4.0")

    data = json_ld(client.get(page_of(record)).content.decode())

    [image] = data["image"]
    assert image["@type"] == "ImageObject"
    assert re.fullmatch(r"http://testserver/media/images/\d+/original\.jpg", image["contentUrl"])
    assert image["thumbnailUrl"].endswith("/w320.webp")
    assert image["license"] == "https://creativecommons.org/licenses/by-sa/4.0/"
    assert image["creditText"] == "Kiss Péter"
    assert image["description"] == "A kastély homlokzata"


def test_documents_on_the_record_page_follow_their_visibility(record, add_document, member):
    add_document(record, title="Nyilvános forrás", visibility="public")
    add_document(record, title="Tagoknak szóló levél", visibility="members")
    add_document(record, title="Belső jegyzőkönyv", visibility="staff")

    anonymous = Client().get(page_of(record)).content.decode()
    client = Client()
    client.force_login(member)
    logged_in = client.get(page_of(record)).content.decode()

    assert "Nyilvános forrás" in anonymous and "Tagoknak" not in anonymous
    assert "Tagoknak szóló levél" in logged_in and "Belső" not in logged_in


def queries_of(client, url: str) -> int:
    """Queries of a repeated request (the first after a change also refreshes search state)."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_a_record_page_with_twenty_photos_runs_the_queries_of_one(
    client, record, make_record, add_photo, no_image_work_later, django_assert_max_num_queries
):
    other = make_record("Szent Mihály templom", values={"kind": "church"})
    add_photo(other, pictures.photo(400, 300))
    for number in range(20):
        add_photo(record, pictures.photo(400, 300), alt_text=f"Kép {number}")
    no_image_work_later()

    one = queries_of(client, page_of(other))
    client.get(page_of(record))

    with django_assert_max_num_queries(one):
        client.get(page_of(record))
    assert client.get(page_of(record)).content.decode().count("<figure>") == 20


@pytest.fixture
def no_image_work_later(monkeypatch):
    """Call it to forbid image work from then on (the fixture above, switched on late)."""

    def switch_on():
        def forbidden(*args, **kwargs):
            raise AssertionError("image work during a page view")

        monkeypatch.setattr(imaging, "prepare_image", forbidden)
        monkeypatch.setattr(imaging.Image, "open", forbidden)
        monkeypatch.setattr(imaging.Image.Image, "save", forbidden)
        monkeypatch.setattr(media_storage(), "save", forbidden)

    return switch_on


def test_list_pages_show_covers_with_one_query_for_the_page(
    client, make_record, add_photo, django_assert_max_num_queries, no_image_work_later
):
    records = [make_record(f"Kúria {number}", values={"kind": "castle"}) for number in range(8)]
    catalog_page = named("web:catalog_detail", catalog="media-test-sites")
    without_covers = queries_of(client, catalog_page + "?page_size=20")
    for record in records[:6]:
        add_photo(record, pictures.photo(400, 300), alt_text=f"{record.name} képe")
    no_image_work_later()

    client.get(catalog_page + "?page_size=20")  # the first request after a change refreshes
    with django_assert_max_num_queries(without_covers):
        client.get(catalog_page + "?page_size=20")
    assert queries_of(client, catalog_page + "?page_size=2") == without_covers
    html = client.get(catalog_page + "?page_size=20").content.decode()
    assert html.count('<li class="has-cover">') == 6
    assert re.search(r'<img class="cover" src="/media/images/\d+/w320\.webp"', html)
    assert 'alt="Kúria 0 képe" lang="hu"' in html  # the English page falls back, marked


def test_the_home_cards_the_map_list_and_search_show_covers(client, make_record, add_photo):
    located = make_record("Kastély", values={"kind": "castle"}, lat=46.88, lon=16.74)
    add_photo(located, alt_text="Homlokzat")

    for url in (named("web:home"), named("web:map"), named("web:search") + "?q=kastely"):
        html = client.get(url).content.decode()
        assert 'class="cover"' in html and 'alt="Homlokzat"' in html, url


def test_serving_a_photo_makes_no_image(client, record, add_photo, no_image_work_later):
    image = add_photo(record)
    no_image_work_later()

    response = client.get(f"/media/images/{image.pk}/w320.webp")

    assert response.status_code == 200


def test_the_api_record_lists_its_images_and_json_ld(client, record, add_photo):
    add_photo(record, pictures.photo(1600, 1200), alt_text_en="The front", credit="Kiss Péter")

    body = client.get(f"/api/v1/records/{record.pk}", {"lang": "en"}).json()

    [image] = body["images"]
    assert image["alt"] == "The front" and image["alt_lang"] == "en"
    assert image["credit"] == "Kiss Péter" and image["is_cover"] is True
    assert image["licence"] == {
        "key": "CC-BY-4.0",
        "label": "CC BY 4.0 (attribution)",
        "url": "https://creativecommons.org/licenses/by/4.0/",
    }
    assert (image["width"], image["height"]) == (1600, 1200)
    assert [t["width"] for t in image["thumbnails"]] == [320, 640, 1280]
    assert client.get(image["thumbnails"][0]["url"]).status_code == 200
    assert body["json_ld"]["image"][0]["contentUrl"] == image["url"]


def test_the_api_answer_changes_with_the_photos(client, record, add_photo):
    assert client.get(f"/api/v1/records/{record.pk}").json()["images"] == []

    add_photo(record)

    assert len(client.get(f"/api/v1/records/{record.pk}").json()["images"]) == 1


def test_map_features_carry_the_cover_for_the_popup(client, make_record, add_photo):
    located = make_record("Kúria", values={"kind": "castle"}, lat=46.88, lon=16.74)
    bare = make_record("Malom", values={"kind": "castle"}, lat=46.85, lon=16.80)
    add_photo(located, alt_text="A kúria")

    features = client.get("/api/v1/records.geojson").json()["features"]

    images = {f["properties"]["name"]: f["properties"]["image"] for f in features}
    assert images["Malom"] is None
    assert images["Kúria"]["alt"] == "A kúria"
    assert images["Kúria"]["url"].endswith("/w320.webp")
    assert bare.pk in {f["id"] for f in features}
