"""The value repository's pages: a person nominates and follows, the committee decides, the
register shows accepted values. Bad input is a message in the user's language; never a 500."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from kozkincs.catalog.models import Record
from kozkincs.nominations.models import Nomination
from tests.media import pictures
from tests.nominations.conftest import CATALOG

pytestmark = pytest.mark.django_db


def url(name: str, language: str = "hu", **kwargs) -> str:
    with translation.override(language):
        return reverse(f"nominations:{name}", kwargs=kwargs)


def form_data(bagod, category, **changes) -> dict:
    data = {
        "proposer_name": "Kiss Ilona",
        "email": "kiss.ilona@example.hu",
        "value_name": "A bagodi harangláb",
        "category": category.pk,
        "settlement": bagod.pk,
        "description": "Fából ácsolt harangláb 1820-ból.",
        "justification": "A falu legrégebbi épített emléke.",
        "consent": "on",
    }
    return data | changes


def test_the_nomination_form_lists_the_categories_and_the_regions_settlements(
    client, region, category
):
    html = client.get(url("nominate")).content.decode()

    assert "Értéktári javaslat" in html or "értéktár" in html
    assert "épített környezet" in html and "turizmus és vendéglátás" in html
    assert ">Bagod<" in html and ">Söjtör<" in html


def test_a_person_nominates_with_a_photo_and_follows_the_nomination(
    client, bagod, category, django_capture_on_commit_callbacks
):
    data = form_data(bagod, category) | {
        "photo-0-file": pictures.upload(pictures.photo(), "harang.jpg"),
        "photo-0-alt_text": "A harangláb",
        "photo-0-licence": "CC-BY-4.0",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("nominate"), data, follow=True)

    nomination = Nomination.objects.get()
    assert response.redirect_chain[-1][0] == url("follow", token=nomination.follow_token)
    html = response.content.decode()
    assert nomination.reference in html
    assert "A harangláb" in html  # the photo, listed with its text
    assert nomination.language == "hu"
    assert len(mail.outbox) == 1


def test_missing_fields_and_consent_are_named_in_hungarian(client, bagod, category):
    response = client.post(url("nominate"), form_data(bagod, category, consent="", description=""))

    assert response.status_code == 400
    html = response.content.decode()
    assert "A javaslat nem ment el" in html
    assert "Ennek a mezőnek a megadása kötelező." in html  # Django's own Hungarian message
    assert not Nomination.objects.exists()


def test_a_photo_without_its_alternative_text_is_refused_in_english(client, bagod, category):
    data = form_data(bagod, category) | {
        "photo-0-file": pictures.upload(pictures.photo(), "harang.jpg"),
        "photo-0-licence": "CC-BY-4.0",
    }
    response = client.post(url("nominate", "en"), data)

    assert response.status_code == 400
    assert "Describe what the photo shows" in response.content.decode()
    assert not Nomination.objects.exists()


def test_a_filled_hidden_field_is_treated_as_a_robot(client, bagod, category):
    response = client.post(url("nominate"), form_data(bagod, category, homepage="http://spam"))

    assert response.status_code == 400
    assert not Nomination.objects.exists()


def test_an_unknown_follow_up_link_is_not_found(client, submit):
    submit()

    assert client.get(url("follow", token="nincs-ilyen")).status_code == 404


def test_the_proposer_supplies_missing_items_from_the_follow_up_page(client, committee, submit):
    nomination = submit()
    committee.post(
        url("committee_action", nomination_id=nomination.pk, action="request-items"),
        {"request-items-reason": "Kérünk forrásokat."},
    )
    page = url("follow", token=nomination.follow_token)
    assert "Kérünk forrásokat." in client.get(page).content.decode()

    response = client.post(
        page,
        {
            "description": nomination.description,
            "justification": nomination.justification,
            "sources": "Egyházközségi irattár",
            "note": "Pótoltam a forrást.",
        },
    )

    assert response.status_code == 302
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.SUBMITTED
    assert nomination.sources == "Egyházközségi irattár"


def test_the_proposer_downloads_their_files_and_nobody_guesses_them(client, submit):
    nomination, other = submit(documents=1), submit()
    item = nomination.files.get()

    own = client.get(url("follow_file", token=nomination.follow_token, file_id=item.pk))
    foreign = client.get(url("follow_file", token=other.follow_token, file_id=item.pk))

    assert own.status_code == 200
    assert own["Content-Disposition"].startswith("attachment")
    assert "no-store" in own["Cache-Control"] and "private" in own["Cache-Control"]
    assert foreign.status_code == 404


@pytest.mark.parametrize(
    "name, kwargs",
    [
        ("committee_queue", {}),
        ("committee_detail", {"nomination_id": 0}),
        ("committee_accept", {"nomination_id": 0}),
        ("committee_file", {"nomination_id": 0, "file_id": 0}),
    ],
)
def test_only_the_committee_reaches_its_pages(client, outsider, submit, name, kwargs):
    nomination = submit(documents=1)
    if "nomination_id" in kwargs:
        kwargs = {**kwargs, "nomination_id": nomination.pk}
    if "file_id" in kwargs:
        kwargs = {**kwargs, "file_id": nomination.files.get().pk}
    address = url(name, **kwargs)

    assert client.get(address).status_code == 302  # to the login
    assert outsider.get(address).status_code == 403
    assert (
        outsider.post(
            url("committee_action", nomination_id=nomination.pk, action="reject"),
            {"reject-reason": "x"},
        ).status_code
        == 403
    )
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.SUBMITTED


def test_the_queue_shows_open_nominations_and_filters(committee, submit, category):
    submit(value_name="Nyitott érték")
    decided = submit(value_name="Elutasított érték")
    committee.post(
        url("committee_action", nomination_id=decided.pk, action="reject"),
        {"reject-reason": "Nem a kistérség értéke."},
    )

    html = committee.get(url("committee_queue")).content.decode()
    assert "Nyitott érték" in html and "Elutasított érték" not in html
    html = committee.get(url("committee_queue"), {"status": "rejected"}).content.decode()
    assert "Elutasított érték" in html and "Nyitott érték" not in html
    assert committee.get(url("committee_queue"), {"status": "bogus"}).status_code == 400


def test_rejecting_without_a_reason_is_a_message(committee, submit):
    nomination = submit()

    response = committee.post(
        url("committee_action", nomination_id=nomination.pk, action="reject"),
        {"reject-reason": ""},
    )

    assert response.status_code == 400
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.SUBMITTED


def test_the_committee_accepts_into_a_catalog_and_the_register_shows_it(client, committee, submit):
    nomination = submit(photos=1)
    detail = committee.get(url("committee_detail", nomination_id=nomination.pk))
    assert f'<option value="{CATALOG}" selected' in detail.content.decode()
    accept = url("committee_accept", nomination_id=nomination.pk)
    form = committee.get(accept, {"catalog": CATALOG})
    assert 'value="A bagodi harangláb"' in form.content.decode()

    missing = committee.post(
        accept, {"catalog": CATALOG, "name": "A bagodi harangláb", "value__kind": ""}
    )
    assert missing.status_code == 400
    assert not Record.objects.exists()

    done = committee.post(
        accept,
        {
            "catalog": CATALOG,
            "name": "A bagodi harangláb",
            "description": "Fából ácsolt harangláb.",
            "settlement": nomination.settlement.pk,
            "value__kind": "building",
            "privacy__": "",
        },
    )
    assert done.status_code == 302, done.content.decode()[:2000]
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.ACCEPTED
    register = client.get(url("register")).content.decode()
    assert "A bagodi harangláb" in register
    assert reverse("web:record_permalink", args=[nomination.record_id]) in register
    assert nomination.record.images.count() == 1


def test_an_unknown_catalog_on_acceptance_sends_back_with_a_message(committee, submit):
    nomination = submit()

    response = committee.get(
        url("committee_accept", nomination_id=nomination.pk), {"catalog": "nincs"}, follow=True
    )

    assert (
        "Válassza ki" in response.content.decode()
        or "Choose the catalog" in response.content.decode()
    )
    assert not Record.objects.exists()


def test_the_register_hides_values_whose_record_is_not_public(client, submit):
    submit(value_name="Beküldött, el nem bírált")

    html = client.get(url("register")).content.decode()

    assert "Beküldött, el nem bírált" not in html
    assert client.get(url("register"), {"category": "nincs"}).status_code == 400
    assert client.get(url("register"), {"settlement": "99999"}).status_code == 400
