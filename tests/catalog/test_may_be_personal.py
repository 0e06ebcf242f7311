"""Contact fields of organisations that may be a private person's (``may_be_personal``): shown
like any field until a record flags the value as a private person's; then it follows consent
everywhere (page, API, search), goes through the contact relay and is found by the
personal-data search."""

import pytest
from django.utils import translation
from pydantic import ValidationError

from kozkincs.catalog.definitions import FieldDefinition
from kozkincs.catalog.forms import record_form_class, record_form_initial
from kozkincs.catalog.registry import catalog_get
from kozkincs.catalog.services import record_update
from kozkincs.catalog.visibility import field_is_personal, field_visible
from kozkincs.contact.selectors import record_contacts
from kozkincs.privacy.selectors import Person, personal_data_find
from tests.record_makers import record_maker

pytestmark = pytest.mark.django_db
CATALOG = "civil-organisations"
CHAIR = "elnok.sajat@example.hu"


@pytest.fixture
def make(django_capture_on_commit_callbacks):
    return record_maker(django_capture_on_commit_callbacks, CATALOG)


@pytest.fixture
def association(make):
    return make(
        "Bagodi Hagyományőrző Egyesület",
        values={"legal_form": "association", "email": CHAIR, "phone": "+36 30 123 4567"},
    )


def _flag(record, django_capture_on_commit_callbacks, **setting):
    with django_capture_on_commit_callbacks(execute=True):
        record = record_update(
            record=record,
            data={"privacy": {"email": {"private_person": True, **setting}}},
            expected_version=record.version,
        )
    record.refresh_from_db()
    return record


def _api_fields(client, record) -> dict:
    body = client.get(f"/api/v1/records/{record.pk}").json()
    return {field["key"]: field["value"] for field in body["fields"]}


def _email_field():
    return next(f for f in catalog_get(CATALOG).fields if f.key == "email")


@pytest.mark.parametrize(
    "options",
    [
        {"personal": True, "may_be_personal": True},
        {"type": "integer", "may_be_personal": True},
    ],
)
def test_the_definition_refuses_a_field_flagged_both_ways_or_of_a_non_contact_type(options):
    field = {"key": "x", "type": "email", "label": {"hu": "x", "en": "x", "de": "x"}, **options}
    with pytest.raises(ValidationError):
        FieldDefinition.model_validate(field)


def test_an_unflagged_organisation_address_is_public(client, association):
    assert not field_is_personal(association.privacy, _email_field())
    assert field_visible(association, _email_field())
    assert _api_fields(client, association)["email"] == CHAIR
    assert record_contacts(record=association) == []  # shown, so nothing to relay


def test_a_flagged_address_is_hidden_without_consent_and_relayed(
    client, association, django_capture_on_commit_callbacks
):
    record = _flag(association, django_capture_on_commit_callbacks)
    assert field_is_personal(record.privacy, _email_field())
    assert not field_visible(record, _email_field())
    assert field_visible(record, _email_field(), "staff")
    api = client.get(f"/api/v1/records/{record.pk}").content.decode()
    assert CHAIR not in api
    with translation.override("hu"):
        page = client.get(record.get_absolute_url()).content.decode()
    assert CHAIR not in page
    assert "123 4567" in page  # the phone number, not flagged, stays public
    assert CHAIR not in client.get("/api/v1/records", {"q": "elnok.sajat"}).content.decode()
    assert [contact.key for contact in record_contacts(record=record)] == ["email"]


def test_a_flagged_address_with_public_consent_is_shown(
    client, association, django_capture_on_commit_callbacks
):
    record = _flag(
        association, django_capture_on_commit_callbacks, consent=True, visibility="public"
    )
    assert field_visible(record, _email_field())
    assert _api_fields(client, record)["email"] == CHAIR


def test_the_personal_data_search_finds_only_flagged_addresses(
    association, django_capture_on_commit_callbacks
):
    person = Person(email=CHAIR)
    assert personal_data_find(person=person).records == []
    _flag(association, django_capture_on_commit_callbacks)
    assert [f.field_key for f in personal_data_find(person=person).records] == ["email"]


def test_the_form_offers_the_flag_and_keeps_it(association, django_capture_on_commit_callbacks):
    definition = catalog_get(CATALOG)
    form_class = record_form_class(definition, "hu")
    fields = form_class().fields
    assert {"privacy__email__private_person", "privacy__phone__private_person"} <= set(fields)
    assert "privacy__website__private_person" not in fields
    data = {**record_form_initial(association, definition)}
    data["privacy__email__private_person"] = True
    form = form_class(data={k: v for k, v in data.items() if v not in (None, False)})
    assert form.is_valid(), form.errors
    privacy = form.record_data()["privacy"]
    assert privacy["email"] == {"consent": False, "visibility": "staff", "private_person": True}
    assert privacy["phone"]["private_person"] is False
    record = _flag(association, django_capture_on_commit_callbacks)
    initial = record_form_initial(record, definition)
    assert initial["privacy__email__private_person"] is True
