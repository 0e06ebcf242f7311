"""Writing photos and documents: files before rows, nothing saved on bad input, one cover."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from kozkincs.catalog.services import record_delete
from kozkincs.media.licences import Licence
from kozkincs.media.models import RecordAttachment, RecordImage
from kozkincs.media.services import (
    MAX_IMAGES_PER_RECORD,
    attachment_delete,
    attachment_upload,
    image_delete,
    image_move,
    image_reorder,
    image_set_cover,
    image_update,
    image_upload,
)
from kozkincs.media.storage import media_storage
from kozkincs.search.index import index_state
from tests.media import pictures

pytestmark = pytest.mark.django_db


def stored_files(media_root) -> list[str]:
    return sorted(
        str(path.relative_to(media_root)) for path in media_root.rglob("*") if path.is_file()
    )


def order(record) -> list[tuple[int, bool]]:
    return list(
        RecordImage.objects.filter(record=record).order_by("position").values_list("id", "is_cover")
    )


def test_an_upload_stores_the_original_and_its_thumbnails_beside_it(record, add_photo, media_root):
    image = add_photo(record, pictures.photo(1600, 1200))

    folder = image.file.name.rsplit("/", 1)[0]
    assert image.file.name.startswith("images/") and image.file.name.endswith("/original.jpg")
    assert len(folder.split("/")[1]) == 32  # a random, unguessable folder name
    assert stored_files(media_root) == sorted(
        [image.file.name, f"{folder}/w320.webp", f"{folder}/w640.webp", f"{folder}/w1280.webp"]
    )
    assert [r["width"] for r in image.renditions] == [320, 640, 1280]
    assert (image.width, image.height) == (1600, 1200)
    assert image.alt_text == "A kastély homlokzata" and image.licence == Licence.CC_BY


def test_the_first_photo_is_the_cover_and_later_ones_follow(record, add_photo):
    first, second, third = (add_photo(record) for _ in range(3))

    assert order(record) == [(first.pk, True), (second.pk, False), (third.pk, False)]


def test_making_a_photo_the_cover_moves_it_to_the_front(record, add_photo):
    first, second, third = (add_photo(record) for _ in range(3))

    image_set_cover(image=third)

    assert order(record) == [(third.pk, True), (first.pk, False), (second.pk, False)]


def test_moving_and_reordering_keep_the_first_photo_the_cover(record, add_photo):
    first, second, third = (add_photo(record) for _ in range(3))

    image_move(image=second, offset=-1)
    assert order(record) == [(second.pk, True), (first.pk, False), (third.pk, False)]
    image_move(image=second, offset=-1)  # already first: nothing moves
    assert order(record)[0] == (second.pk, True)
    image_reorder(record=record, image_ids=[third.pk, first.pk, second.pk])
    assert order(record) == [(third.pk, True), (first.pk, False), (second.pk, False)]


def test_a_stale_order_is_refused(record, add_photo):
    first, second = add_photo(record), add_photo(record)

    with pytest.raises(ValidationError) as caught:
        image_reorder(record=record, image_ids=[second.pk])
    assert "changed meanwhile" in str(caught.value)
    with pytest.raises(ValidationError):
        image_reorder(record=record, image_ids=[second.pk, second.pk])
    assert order(record) == [(first.pk, True), (second.pk, False)]


def test_the_database_holds_at_most_one_cover_per_record(record, add_photo):
    add_photo(record)
    second = add_photo(record)

    with pytest.raises(IntegrityError), transaction.atomic():
        RecordImage.objects.filter(pk=second.pk).update(is_cover=True)


def test_deleting_removes_the_files_after_commit_and_the_next_photo_becomes_cover(
    record, add_photo, media_root, django_capture_on_commit_callbacks
):
    cover, other = add_photo(record), add_photo(record)
    cover_files = cover.stored_names()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        image_delete(image=cover)
    # The row is gone in the transaction; the files stay until it commits.
    assert not RecordImage.objects.filter(pk=cover.pk).exists()
    assert all(media_storage().exists(name) for name in cover_files)
    for callback in callbacks:
        callback()
    assert not any(media_storage().exists(name) for name in cover_files)
    assert order(record) == [(other.pk, True)]
    assert all(media_storage().exists(name) for name in other.stored_names())


def test_a_rolled_back_deletion_keeps_row_and_files(record, add_photo, media_root):
    image = add_photo(record)

    with pytest.raises(RuntimeError), transaction.atomic():
        image_delete(image=image)
        raise RuntimeError("crash before commit")

    assert RecordImage.objects.filter(pk=image.pk).exists()
    assert all(media_storage().exists(name) for name in image.stored_names())


def test_a_failed_row_insert_leaves_no_files(record, media_root, monkeypatch):
    from kozkincs.media import services

    def fail(*args, **kwargs):
        raise IntegrityError("simulated")

    monkeypatch.setattr(services, "_image_insert", fail)
    with pytest.raises(IntegrityError):
        image_upload(
            record=record,
            upload=pictures.upload(pictures.photo()),
            alt_text="Homlokzat",
            licence=Licence.CC0,
        )
    assert stored_files(media_root) == []


def test_a_storage_failure_is_a_message_not_a_crash(record, media_root, monkeypatch):
    from kozkincs.media import storage

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(storage.media_storage(), "save", full_disk)
    with pytest.raises(ValidationError) as caught:
        image_upload(
            record=record,
            upload=pictures.upload(pictures.photo()),
            alt_text="Homlokzat",
            licence=Licence.CC0,
        )
    assert "could not be saved" in caught.value.message_dict["file"][0]
    assert not RecordImage.objects.exists()


@pytest.mark.parametrize(
    ("content", "texts", "errors"),
    [
        (pictures.photo(), {"alt_text": "  "}, {"alt_text"}),
        (pictures.photo(), {"alt_text": "IMG_2041.JPG"}, {"alt_text"}),
        (pictures.SVG, {}, {"file"}),
        (pictures.pdf(), {}, {"file"}),
        (pictures.HTML, {}, {"file"}),
        (pictures.SVG, {"alt_text": ""}, {"file", "alt_text"}),
        (pictures.photo(), {"licence": "CC-BY-NC-4.0"}, {"licence"}),
        (pictures.photo(), {"licence": Licence.CC_BY_SA, "credit": ""}, {"credit"}),
        (pictures.photo(), {"alt_text": "x" * 301}, {"alt_text"}),
    ],
)
def test_bad_input_saves_nothing_and_names_every_field(record, media_root, content, texts, errors):
    data = {"alt_text": "Homlokzat", "licence": Licence.CC_BY, "credit": "Kiss Péter", **texts}

    with pytest.raises(ValidationError) as caught:
        image_upload(record=record, upload=pictures.upload(content), **data)

    assert set(caught.value.message_dict) == errors
    assert not RecordImage.objects.exists()
    assert stored_files(media_root) == []


def test_messages_come_in_the_users_language(record):
    with translation.override("hu"), pytest.raises(ValidationError) as caught:
        image_upload(
            record=record, upload=pictures.upload(pictures.SVG), alt_text="", licence=Licence.CC0
        )
    messages = caught.value.message_dict
    with translation.override("hu"):
        assert "SVG" in messages["file"][0] and "szkript" in messages["file"][0]
        assert "kötelező" in messages["alt_text"][0]


def test_a_record_deleted_meanwhile_is_a_message(
    record, media_root, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        record_delete(record=record)

    with pytest.raises(ValidationError) as caught:
        image_upload(
            record=record,
            upload=pictures.upload(pictures.photo()),
            alt_text="Hom",
            licence="CC0-1.0",
        )
    assert "record" in caught.value.message_dict
    assert stored_files(media_root) == []


def test_the_number_of_photos_per_record_is_limited(record, add_photo, monkeypatch):
    from kozkincs.media import services

    monkeypatch.setattr(services, "MAX_IMAGES_PER_RECORD", 2)
    add_photo(record), add_photo(record)

    with pytest.raises(ValidationError) as caught:
        add_photo(record)
    assert "at most 2 photos" in caught.value.message_dict["file"][0]
    assert MAX_IMAGES_PER_RECORD == 100


def test_editing_texts_validates_and_saves(record, add_photo):
    image = add_photo(record)

    image_update(image=image, alt_text="Új leírás", alt_text_en="New text", licence=Licence.CC0)
    image.refresh_from_db()
    assert (image.alt_text, image.alt_text_en, image.licence) == (
        "Új leírás",
        "New text",
        "CC0-1.0",
    )
    with pytest.raises(ValidationError):
        image_update(image=image, alt_text="", licence=Licence.CC0)
    image.refresh_from_db()
    assert image.alt_text == "Új leírás"


def test_a_photo_change_starts_a_new_data_version(record, add_photo):
    before = index_state()
    image = add_photo(record)
    after_upload = index_state()
    image_update(image=image, alt_text="Más", licence=Licence.CC0)

    assert before[0] < after_upload[0] < index_state()[0]


def test_documents_are_checked_by_content(record, media_root):
    def refused(content, **fields):
        data = {"title": "Forrás", "visibility": "public", **fields}
        with pytest.raises(ValidationError) as caught:
            attachment_upload(record=record, upload=pictures.upload(content, "a.pdf"), **data)
        return caught.value.message_dict

    assert "not a PDF" in refused(pictures.HTML)["file"][0]
    assert "not a PDF" in refused(pictures.photo())["file"][0]
    assert "incomplete" in refused(pictures.pdf()[:-8])["file"][0]
    assert set(refused(pictures.pdf(), title=" ", visibility="everyone")) == {"title", "visibility"}
    assert not RecordAttachment.objects.exists()
    assert stored_files(media_root) == []


def test_a_document_over_the_limit_is_refused(record, settings):
    settings.KOZKINCS_MEDIA_MAX_DOCUMENT_BYTES = 100
    with pytest.raises(ValidationError) as caught:
        attachment_upload(
            record=record,
            upload=pictures.upload(pictures.pdf() + b" " * 200, "a.pdf"),
            title="Forrás",
            visibility="public",
        )
    assert "PDF documents may be at most 100" in caught.value.message_dict["file"][0]


def test_documents_get_random_names_and_leave_with_their_row(
    record, add_document, media_root, django_capture_on_commit_callbacks
):
    document = add_document(record, visibility="staff")

    name = document.file.name
    assert name.startswith("documents/") and len(name) == len("documents/") + 32 + len(".pdf")
    assert "level" not in name and media_storage().exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        attachment_delete(attachment=document)
    assert not media_storage().exists(name)
