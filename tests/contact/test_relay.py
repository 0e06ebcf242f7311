"""The contact relay: a visitor writes to a person of a record and never sees the address;
the person gets the message with the visitor's address to answer to; nothing else is kept."""

from pathlib import Path

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from kozkincs.catalog.registry import reset_registry
from kozkincs.contact.models import RelayedMessage
from kozkincs.contact.selectors import record_contacts
from kozkincs.contact.services import RATE_LIMIT
from tests.record_makers import record_maker

pytestmark = pytest.mark.django_db
CATALOG = "contact-test-groups"


@pytest.fixture(autouse=True)
def contact_test_catalog(settings):
    settings.KOZKINCS_CATALOG_DIRS = [str(Path(__file__).resolve().parent / "definitions")]
    reset_registry()
    yield
    reset_registry()


@pytest.fixture
def make_record(django_capture_on_commit_callbacks):
    return record_maker(django_capture_on_commit_callbacks, CATALOG)


@pytest.fixture
def choir(make_record):
    return make_record(
        "Bagodi Dalkör",
        values={
            "leader": {"name": "Kiss Ilona", "email": "kiss.ilona@example.hu"},
            "members": [
                {"name": "Nagy Péter", "email": "nagy.peter@example.hu"},
                {"name": "Szabó Éva"},
            ],
            "private_email": "titkos@example.hu",
            "office_email": "hivatal@example.hu",
        },
        privacy={"leader": {"consent": True, "visibility": "public"}},
    )


def url(record, key, language="hu"):
    with translation.override(language):
        return reverse("contact:contact_form", args=[record.pk, key])


def test_contacts_are_named_only_with_consent_and_never_show_an_address(client, choir):
    contacts = {c.key: c.name for c in record_contacts(record=choir)}

    assert contacts == {"leader": "Kiss Ilona", "members-1": "", "private_email": ""}
    with translation.override("hu"):
        permalink = reverse("web:record_permalink", args=[choir.pk])
    html = client.get(permalink, follow=True)
    page = html.content.decode()
    assert url(choir, "members-1") in page
    assert "nagy.peter@example.hu" not in page and "titkos@example.hu" not in page
    form = client.get(url(choir, "private_email")).content.decode()
    assert "titkos@example.hu" not in form


def test_a_message_reaches_the_person_with_the_senders_address_to_answer(
    client, choir, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url(choir, "members-1"),
            {
                "name": "Tóth Anna",
                "email": "toth.anna@example.hu",
                "message": "Szeretnénk meghívni a dalkört a falunapra.",
            },
        )

    assert response.status_code == 302
    assert response["Location"] == reverse("contact:contact_sent", args=[choir.pk])
    [message] = mail.outbox
    assert message.to == ["nagy.peter@example.hu"]
    assert message.reply_to == ["toth.anna@example.hu"]
    assert "falunapra" in message.body and "Bagodi Dalkör" in message.subject
    relayed = RelayedMessage.objects.get()
    assert relayed.contact_key == "members-1"
    assert "toth" not in relayed.sender_key  # only a keyed hash of the connection


def test_bad_input_is_named_in_hungarian_and_nothing_is_sent(client, choir):
    response = client.post(
        url(choir, "leader"), {"name": "", "email": "nem-cim", "message": "rövid"}
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "Az üzenet nem ment el" in html
    assert mail.outbox == [] and not RelayedMessage.objects.exists()


def test_a_robot_filling_the_hidden_field_sends_nothing(client, choir):
    response = client.post(
        url(choir, "leader"),
        {"name": "Robot", "email": "r@example.hu", "message": "x" * 40, "homepage": "spam"},
    )

    assert response.status_code == 400
    assert mail.outbox == []


def test_one_connection_may_send_only_a_few_messages_an_hour(
    client, choir, django_capture_on_commit_callbacks
):
    data = {"name": "Tóth Anna", "email": "toth.anna@example.hu", "message": "Kérdés " * 10}
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(RATE_LIMIT):
            assert client.post(url(choir, "leader"), data).status_code == 302
        refused = client.post(url(choir, "leader"), data)

    assert refused.status_code == 400
    assert "Too many messages" in refused.content.decode() or "túl sok" in refused.content.decode()
    assert len(mail.outbox) == RATE_LIMIT


def test_unknown_contacts_office_addresses_and_unpublished_records_are_not_found(
    client, choir, make_record
):
    draft = make_record(
        "Piszkozat", publish=False, values={"leader": {"name": "A", "email": "a@example.hu"}}
    )

    assert client.get(url(choir, "office_email")).status_code == 404  # public anyway
    assert client.get(url(choir, "members-2")).status_code == 404  # no address
    assert client.get(url(choir, "nincs")).status_code == 404
    assert client.get(url(draft, "leader")).status_code == 404
