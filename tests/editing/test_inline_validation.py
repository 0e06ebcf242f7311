"""The HTMX partials: one field's messages while typing, the pickers' matches."""

import pytest
from django.urls import reverse

from kozkincs.catalog.models import Record
from kozkincs.catalog.services import record_create, record_publish
from kozkincs.editing.selectors import MATCH_LIMIT
from tests.editing.forms_data import form_data
from tests.gazetteer.factories import SettlementFactory

pytestmark = pytest.mark.django_db


def test_one_fields_messages_come_back_and_nothing_is_saved(client, contributor):
    client.force_login(contributor)
    response = client.post(
        reverse("editing:validate", args=["test-heritage"]),
        form_data(value__isbn="978-0-306-40615-8", _field="value__isbn"),
        HTTP_HX_REQUEST="true",
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert page.startswith('<div id="errors-value__isbn"') and "ISBN" in page
    assert "<html" not in page
    assert not Record.objects.exists()


def test_a_valid_field_comes_back_without_messages(client, contributor):
    client.force_login(contributor)
    response = client.post(
        reverse("editing:validate", args=["test-heritage"]),
        form_data(_field="value__isbn"),
        HTTP_HX_REQUEST="true",
    )
    assert "<li>" not in response.content.decode()


def test_validation_refuses_anonymous_visitors_and_unknown_fields(client, contributor):
    path = reverse("editing:validate", args=["test-heritage"])
    assert client.post(path, form_data(_field="name")).status_code == 403
    client.force_login(contributor)
    assert client.post(path, form_data(_field="no_such_field")).status_code == 400


def test_settlement_matches_are_bounded(client, contributor):
    for number in range(MATCH_LIMIT + 5):
        SettlementFactory(ksh_code=f"{10000 + number}", name=f"Szentfalu {number}")
    client.force_login(contributor)
    page = client.get(
        reverse("editing:settlement_matches"), {"field": "settlement", "settlement": "szentf"}
    ).content.decode()
    assert page.count('role="option"') == MATCH_LIMIT


def test_record_matches_never_show_drafts_to_contributors(client, contributor, moderator):
    published = record_publish(
        record=record_create(catalog="test-organisations", data={"name": "Dalkör Egyesület"})
    )
    draft = record_create(catalog="test-organisations", data={"name": "Dalkör Titkos"})
    path = reverse("editing:record_matches", args=["test-organisations"])
    query = {"field": "value__maintainer", "value__maintainer": "dalkör"}
    client.force_login(contributor)
    page = client.get(path, query).content.decode()
    assert f"[#{published.pk}]" in page and "Titkos" not in page
    client.force_login(moderator)
    page = client.get(path, query).content.decode()
    assert f"[#{published.pk}]" in page and f"[#{draft.pk}]" in page


def test_record_matches_are_bounded_and_need_an_account(client, contributor):
    for number in range(MATCH_LIMIT + 5):
        record_publish(
            record=record_create(catalog="test-organisations", data={"name": f"Kör {number}"})
        )
    path = reverse("editing:record_matches", args=["test-organisations"])
    assert client.get(path, {"q": "kör"}).status_code == 403
    client.force_login(contributor)
    page = client.get(path, {"q": "kör"}).content.decode()
    assert 0 < page.count('role="option"') <= MATCH_LIMIT


def test_a_contributor_cannot_pick_a_draft_without_javascript_either(client, contributor, church):
    draft = record_create(catalog="test-organisations", data={"name": "Titkos"})
    client.force_login(contributor)
    response = client.post(
        reverse("editing:edit", args=[church.pk]),
        form_data(version=str(church.version), value__maintainer=f"Titkos [#{draft.pk}]"),
    )
    assert response.status_code == 400
    assert "is not a record you can choose here" in response.content.decode()
