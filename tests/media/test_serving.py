"""Who gets which file: public photos of published records for everyone; everything else only
for those allowed, a 404 for the others (which does not reveal that the file exists)."""

import pytest
from django.test import Client

from kozkincs.catalog.services import record_unpublish
from kozkincs.media.selectors import image_view

pytestmark = pytest.mark.django_db


def url_of(image, variant: str = "original") -> str:
    view = image_view(image)
    return view.url if variant == "original" else view.renditions[0].url


def content_of(response) -> bytes:
    return b"".join(response.streaming_content)


def test_a_published_records_photo_is_public_and_cacheable(client, record, add_photo):
    image = add_photo(record)

    response = client.get(url_of(image))
    thumbnail = client.get(url_of(image, "thumbnail"))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("inline")
    assert "public" in response["Cache-Control"] and "max-age=600" in response["Cache-Control"]
    assert "Cookie" not in response.get("Vary", "")
    assert content_of(response)[:2] == b"\xff\xd8"
    assert thumbnail.status_code == 200 and thumbnail["Content-Type"] == "image/webp"


def test_a_repeated_request_is_answered_not_modified(client, record, add_photo):
    image = add_photo(record)
    first = client.get(url_of(image))

    again = client.get(url_of(image), HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304


def test_a_draft_records_photos_are_hidden_from_visitors_but_not_from_staff(
    client, draft, add_photo, staff, member
):
    image = add_photo(draft)

    assert Client().get(url_of(image)).status_code == 404
    client.force_login(member)
    assert client.get(url_of(image)).status_code == 404
    client.force_login(staff)
    response = client.get(url_of(image))
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_unpublishing_hides_the_photos_at_once(
    client, record, add_photo, django_capture_on_commit_callbacks
):
    image = add_photo(record)
    assert client.get(url_of(image)).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        record_unpublish(record=record)

    assert client.get(url_of(image)).status_code == 404
    assert client.get(url_of(image, "thumbnail")).status_code == 404


def test_only_the_photos_own_files_are_served(client, record, add_photo):
    image = add_photo(record)
    other = add_photo(record)
    foreign_name = image_view(other).url.rsplit("/", 1)[-1]  # "original.jpg" exists for both

    assert client.get(f"/media/images/{image.pk}/w9999.webp").status_code == 404
    assert client.get(f"/media/images/{image.pk}/..%2F..%2Fsecret_key").status_code == 404
    assert client.get(f"/media/images/{image.pk + 1000}/{foreign_name}").status_code == 404
    assert client.get(f"/media/{image.file.name}").status_code == 404  # never straight


def test_a_missing_file_is_a_404_not_a_crash(client, record, add_photo, media_root):
    image = add_photo(record)
    (media_root / image.file.name).unlink()

    assert client.get(url_of(image)).status_code == 404


def test_the_web_server_can_send_the_bytes(client, record, add_photo, settings):
    settings.KOZKINCS_MEDIA_ACCEL_REDIRECT = "/protected-media/"
    image = add_photo(record)

    response = client.get(url_of(image))

    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/protected-media/{image.file.name}"
    assert response.content == b""
    assert response["Content-Type"] == "image/jpeg"


@pytest.mark.parametrize(
    ("visibility", "anonymous", "member_sees", "staff_sees"),
    [("public", 200, 200, 200), ("members", 404, 200, 200), ("staff", 404, 404, 200)],
)
def test_documents_reach_only_those_their_visibility_allows(
    record, add_document, member, staff, visibility, anonymous, member_sees, staff_sees
):
    document = add_document(record, title="Támogató levél, 2024", visibility=visibility)
    url = f"/media/files/{document.pk}/"

    def status(user) -> int:
        client = Client()
        if user is not None:
            client.force_login(user)
        return client.get(url).status_code

    assert (status(None), status(member), status(staff)) == (anonymous, member_sees, staff_sees)
    client = Client()
    client.force_login(staff)
    response = client.get(url)
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == ('attachment; filename="tamogato-level-2024.pdf"')
    assert content_of(response).startswith(b"%PDF-")
    if visibility != "public":
        assert "no-store" in response["Cache-Control"]


def test_a_draft_records_public_document_is_hidden_from_visitors(draft, add_document, member):
    document = add_document(draft, visibility="public")
    client = Client()

    assert client.get(f"/media/files/{document.pk}/").status_code == 404
    client.force_login(member)
    assert client.get(f"/media/files/{document.pk}/").status_code == 404


def test_files_are_only_read(client, record, add_photo):
    image = add_photo(record)

    assert client.post(url_of(image)).status_code == 405
