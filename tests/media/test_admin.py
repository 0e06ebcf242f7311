"""The Django admin keeps working for photos and documents, through the same services."""

import pytest
from django.urls import reverse

from kozkincs.media.models import RecordAttachment, RecordImage
from kozkincs.media.storage import media_storage
from tests.media import pictures

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english_admin(admin_client):
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def test_a_photo_is_added_in_the_admin_through_the_checks(admin_client, record):
    url = reverse("admin:media_recordimage_add")
    data = {"record": record.pk, "alt_text": "Homlokzat", "credit": "Kiss Péter"}
    data["licence"] = "CC-BY-4.0"

    refused = admin_client.post(url, {**data, "upload": pictures.upload(pictures.SVG, "a.svg")})
    assert refused.status_code == 200
    assert "SVG images are not accepted" in refused.content.decode()
    assert not RecordImage.objects.exists()

    added = admin_client.post(url, {**data, "upload": pictures.upload(pictures.photo_with_gps())})
    assert added.status_code == 302
    image = RecordImage.objects.get()
    assert image.is_cover and image.renditions
    assert b"Exif" not in media_storage().open(image.file.name).read()


def test_photos_are_listed_changed_and_deleted_in_the_admin(
    admin_client, record, add_photo, django_capture_on_commit_callbacks
):
    image = add_photo(record)
    change = reverse("admin:media_recordimage_change", args=[image.pk])

    assert admin_client.get(reverse("admin:media_recordimage_changelist")).status_code == 200
    assert admin_client.get(change).status_code == 200
    bad = admin_client.post(change, {"alt_text": "", "licence": "CC0-1.0"})
    assert "Describe what the photo shows" in bad.content.decode()
    admin_client.post(change, {"alt_text": "Új szöveg", "licence": "CC0-1.0"})
    assert RecordImage.objects.get().alt_text == "Új szöveg"

    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            reverse("admin:media_recordimage_delete", args=[image.pk]), {"post": "yes"}
        )
    assert not RecordImage.objects.exists()
    assert not media_storage().exists(image.file.name)


def test_a_document_is_added_in_the_admin(admin_client, record):
    url = reverse("admin:media_recordattachment_add")
    data = {"record": record.pk, "title": "Forrás", "visibility": "members"}

    refused = admin_client.post(url, {**data, "upload": pictures.upload(pictures.HTML, "a.pdf")})
    assert "not a PDF document" in refused.content.decode()
    admin_client.post(url, {**data, "upload": pictures.upload(pictures.pdf(), "a.pdf")})
    assert RecordAttachment.objects.get().visibility == "members"


def test_deleting_a_record_with_photos_works_and_leaves_files_for_the_sweep(
    admin_client, record, add_photo, django_capture_on_commit_callbacks
):
    image = add_photo(record)

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:catalog_record_delete", args=[record.pk]), {"post": "yes"}
        )

    assert response.status_code == 302
    assert not RecordImage.objects.exists()
    assert media_storage().exists(image.file.name)  # removed by remove_orphaned_media
