"""The "Photos and files" page: only for those who may manage the record; every bad input is a
message at its field in the user's language, with nothing saved; HTMX swaps the region."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from kozkincs.media.models import RecordAttachment, RecordImage
from tests.media import pictures

pytestmark = pytest.mark.django_db


def page_url(record, language: str = "en", name: str = "media:record_media", **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs={"record_id": record.pk, **kwargs})


@pytest.fixture
def editor(staff) -> Client:
    client = Client()
    client.force_login(staff)
    return client


def photo_form(content: bytes | None = None, name: str = "kastely.jpg", **fields) -> dict:
    data = {
        "photo-file": pictures.upload(content or pictures.photo(), name),
        "photo-alt_text": "A kastély homlokzata a park felől",
        "photo-alt_text_en": "The front of the mansion from the park",
        "photo-credit": "Kiss Péter",
        "photo-licence": "CC-BY-4.0",
    }
    data.update({f"photo-{key}": value for key, value in fields.items()})
    return {key: value for key, value in data.items() if value is not None}


def test_visitors_are_sent_to_log_in_and_others_refused(record, member):
    anonymous = Client().get(page_url(record))
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]

    client = Client()
    client.force_login(member)
    refused = client.post(page_url(record), photo_form())
    assert refused.status_code == 403
    assert "may not manage" in client.get(page_url(record)).content.decode()
    assert not RecordImage.objects.exists()


def test_a_photo_is_added_and_listed_with_its_texts(editor, record):
    response = editor.post(page_url(record), photo_form())

    assert response.status_code == 302
    assert response["Location"] == page_url(record)
    image = RecordImage.objects.get()
    assert (image.record, image.alt_text_en, image.credit) == (
        record,
        "The front of the mansion from the park",
        "Kiss Péter",
    )
    html = editor.get(response["Location"]).content.decode()
    assert "The photo was added." in html
    assert "The front of the mansion from the park" in html
    assert "Cover image" in html


def test_the_page_works_for_draft_records_too(editor, draft):
    assert editor.post(page_url(draft), photo_form()).status_code == 302
    assert "Titkos vázlat" in editor.get(page_url(draft)).content.decode()


@pytest.mark.parametrize(
    ("form", "field", "message"),
    [
        (photo_form(alt_text=""), "alt_text", "Describe what the photo shows"),
        (photo_form(pictures.SVG, "rajz.svg"), "file", "SVG images are not accepted"),
        (photo_form(pictures.pdf(), "scan.jpg"), "file", "PDF document, not a photo"),
        (photo_form(pictures.HTML, "page.jpg"), "file", "not a JPEG, PNG or WebP"),
        (photo_form(pictures.png_by_header(50_000, 50_000)), "file", "too large in pixels"),
        (photo_form(pictures.png_by_header(9000, 9000)), "file", "9000 \u00d7 9000 pixels"),
        (photo_form(pictures.photo()[:3000]), "file", "damaged or incomplete"),
        (photo_form(file=None), "file", "This field is required"),
        (photo_form(licence="CC-BY-SA-4.0", credit=""), "credit", "requires naming the author"),
        (photo_form(licence="mine"), "licence", "Select a valid choice"),
    ],
)
def test_bad_input_is_shown_at_its_field_and_nothing_is_saved(
    editor, record, media_root, form, field, message
):
    response = editor.post(page_url(record), form)

    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert f'id="id_photo-{field}_error"' in html
    assert 'aria-invalid="true"' in html
    assert "The photo was not added:" in html
    assert not RecordImage.objects.exists()
    assert not any(path.is_file() for path in media_root.rglob("*"))


def test_an_oversized_file_is_refused_with_the_limit(editor, record, settings):
    settings.KOZKINCS_MEDIA_MAX_IMAGE_BYTES = 2048

    response = editor.post(page_url(record), photo_form(pictures.photo(900, 700, quality=95)))

    assert response.status_code == 400
    assert "photos may be at most 2.0\xa0KB" in response.content.decode()
    assert not RecordImage.objects.exists()


def test_errors_come_in_hungarian_on_the_hungarian_page(editor, record):
    response = editor.post(page_url(record, "hu"), photo_form(pictures.SVG, alt_text=""))

    html = response.content.decode()
    assert response.status_code == 400
    assert "szkripteket" in html and "kötelező" in html


def test_a_forged_record_id_finds_nothing(editor, record):
    forged = page_url(record).replace(f"/{record.pk}/", f"/{record.pk + 999}/")

    assert editor.post(forged, photo_form()).status_code == 404
    assert not RecordImage.objects.exists()


def test_another_records_photo_cannot_be_changed_through_this_record(
    editor, record, make_record, add_photo
):
    other = make_record("Szent Mihály templom", values={"kind": "church"})
    foreign = add_photo(other)

    for name, extra in [
        ("media:image_action", {"action": "cover"}),
        ("media:image_remove", {}),
        ("media:image_edit", {}),
    ]:
        url = page_url(record, name=name, image_id=foreign.pk, **extra)
        assert editor.post(url, {"alt_text": "x", "licence": "CC0-1.0"}).status_code == 404
    assert RecordImage.objects.get(pk=foreign.pk).alt_text == "A kastély homlokzata"


def test_moving_cover_editing_and_deleting(editor, record, add_photo):
    first, second = add_photo(record, alt_text="Első"), add_photo(record, alt_text="Második")

    editor.post(page_url(record, name="media:image_action", image_id=second.pk, action="up"))
    assert list(RecordImage.objects.order_by("position").values_list("alt_text", "is_cover")) == [
        ("Második", True),
        ("Első", False),
    ]
    editor.post(page_url(record, name="media:image_action", image_id=first.pk, action="cover"))
    assert RecordImage.objects.get(is_cover=True) == first

    edit = page_url(record, name="media:image_edit", image_id=first.pk)
    assert "Első" in editor.get(edit).content.decode()
    bad = editor.post(edit, {"alt_text": "", "licence": "CC0-1.0"})
    assert bad.status_code == 400 and "Describe what the photo shows" in bad.content.decode()
    editor.post(edit, {"alt_text": "Az első kép", "licence": "CC0-1.0"})
    assert RecordImage.objects.get(pk=first.pk).alt_text == "Az első kép"

    remove = page_url(record, name="media:image_remove", image_id=first.pk)
    assert "will be deleted" in editor.get(remove).content.decode()
    assert RecordImage.objects.filter(pk=first.pk).exists()  # asking deletes nothing
    editor.post(remove)
    assert list(RecordImage.objects.values_list("alt_text", "is_cover")) == [("Második", True)]
    assert (
        editor.post(
            page_url(record, name="media:image_action", image_id=second.pk, action="fly")
        ).status_code
        == 404
    )


def test_htmx_gets_the_region_with_the_message_and_errors_with_status_200(editor, record):
    headers = {"HTTP_HX_REQUEST": "true"}

    bad = editor.post(page_url(record), photo_form(alt_text=""), **headers)
    assert bad.status_code == 200
    assert bad.content.decode().lstrip().startswith('<div id="media-manager"')
    assert "Describe what the photo shows" in bad.content.decode()

    added = editor.post(page_url(record), photo_form(), follow=True, **headers)
    html = added.content.decode()
    assert "<html" not in html
    assert 'hx-swap-oob="innerHTML"' in html and "The photo was added." in html


def test_documents_are_added_with_a_visibility_and_refused_when_not_pdf(editor, record):
    url = page_url(record, name="media:attachment_add")

    bad = editor.post(
        url,
        {
            "document-file": pictures.upload(pictures.HTML, "level.pdf"),
            "document-title": "",
            "document-visibility": "members",
        },
    )
    assert bad.status_code == 400
    assert "not a PDF document" in bad.content.decode()
    assert "Give the document a title" in bad.content.decode()
    assert not RecordAttachment.objects.exists()

    good = editor.post(
        url,
        {
            "document-file": pictures.upload(pictures.pdf(), "level.pdf"),
            "document-title": "Támogató levél",
            "document-visibility": "members",
        },
    )
    assert good.status_code == 302
    document = RecordAttachment.objects.get()
    assert (document.title, document.visibility) == ("Támogató levél", "members")
    remove = page_url(record, name="media:attachment_remove", attachment_id=document.pk)
    editor.post(remove)
    assert not RecordAttachment.objects.exists()
