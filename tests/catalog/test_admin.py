"""Staff edit records of every catalog in the admin through forms generated from the
catalog definitions, saving through the services."""

from importlib import import_module

import pytest
from django.urls import reverse

from kozkincs.catalog.models import Record, RecordRelation
from kozkincs.catalog.services import record_create, record_update

pytestmark = pytest.mark.django_db

ADD = reverse("admin:catalog_record_add")
CHANGELIST = reverse("admin:catalog_record_changelist")


def form_data(**overrides):
    data = {
        "name": "Szent Mária Magdolna-templom",
        "summary": "Barokk templom.",
        "tags": "barokk, templom",
        "sources-rows": "1",
        "sources_0_title": "Műemlékjegyzék",
        "sources_0_url": "https://example.org/m",
        "value__kind": "church",
        "value__features": ["tower"],
        "value__built": "1747-1769",
        "value__phones-rows": "2",
        "value__phones_0": "06 92 510 123",
        "value__phones_1": "",
        "value__awards-rows": "1",
        "value__awards_0_body": "KÓTA",
        "value__awards_0_level": "gold",
        "value__awards_0_year": "2019",
        "value__contact_name": "Kiss Anna",
        "value__contact_role": "plébános",
        "privacy__contact__consent": "on",
        "privacy__contact__visibility": "public",
    }
    data.update(overrides)
    return data


def test_admin_index_lists_the_catalogs_with_counts_and_add_links(admin_client, test_catalogs):
    record_create(catalog="test-organisations", data={"name": "Egyesület"})
    page = admin_client.get(reverse("admin:index")).content.decode()
    assert "Próba szervezetek" in page and "Próba örökség" in page
    assert f"{ADD}?catalog=test-heritage" in page
    assert f"{CHANGELIST}?catalog=test-organisations" in page
    assert "<td>1</td>" in page


def test_admin_index_follows_the_language(admin_client, test_catalogs):
    page = admin_client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Test organisations" in page


def test_the_changelist_is_filtered_by_catalog(admin_client, test_catalogs):
    record_create(catalog="test-organisations", data={"name": "Egyesület"})
    record_create(catalog="test-heritage", data={"name": "Kút", "values": {"kind": "spring"}})
    page = admin_client.get(CHANGELIST, {"catalog": "test-organisations"}).content.decode()
    assert "Egyesület" in page and "Kút" not in page
    assert f"{ADD}?catalog=test-organisations" in page


def test_adding_starts_by_choosing_the_catalog(admin_client, test_catalogs):
    page = admin_client.get(ADD).content.decode()
    assert f"{ADD}?catalog=test-heritage" in page and "Próba örökség" in page


def test_the_add_form_has_the_catalog_fields_with_usable_widgets(admin_client, test_catalogs):
    response = admin_client.get(ADD, {"catalog": "test-heritage"})
    assert response.status_code == 200
    page = response.content.decode()
    assert '<select name="value__kind"' in page
    assert 'type="checkbox" name="value__features"' in page
    assert 'name="value__awards_0_body"' in page
    assert 'name="privacy__contact__visibility"' in page
    assert "Felirat" in page  # the Hungarian label of the inscription field


def test_adding_saves_through_the_services(admin_client, test_catalogs, zalaegerszeg):
    org = record_create(catalog="test-organisations", data={"name": "Plébánia"})
    response = admin_client.post(
        f"{ADD}?catalog=test-heritage",
        form_data(settlement=zalaegerszeg.pk, value__maintainer=str(org.pk), _publish="1"),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    record = Record.objects.get(catalog="test-heritage")
    assert record.slug == "szent-maria-magdolna-templom"
    assert record.status == "published"
    assert record.settlement == zalaegerszeg
    assert record.tags == ["barokk", "templom"]
    assert record.sources == [{"title": "Műemlékjegyzék", "url": "https://example.org/m"}]
    assert record.values["phones"] == ["+36 92 510 123"]
    assert record.values["awards"] == [{"body": "KÓTA", "level": "gold", "year": 2019}]
    assert record.values["contact"] == {"name": "Kiss Anna", "role": "plébános"}
    assert record.privacy["contact"] == {"consent": True, "visibility": "public"}
    assert RecordRelation.objects.get(source=record).target == org
    assert [p.number for p in record.priorities.all()] == [2, 5]


FIELD_ERRORS = {
    "en": ("Kind is required", "not a valid ISBN", "not a Hungarian phone number"),
    "hu": ("Típus: kötelező mező", "nem érvényes ISBN", "nem magyar telefonszám"),
}


@pytest.mark.parametrize("language", ["en", "hu"])
def test_field_errors_are_shown_at_the_fields_and_nothing_is_saved(
    admin_client, test_catalogs, language
):
    response = admin_client.post(
        f"{ADD}?catalog=test-heritage",
        form_data(value__kind="", value__isbn="978-0-306-40615-8", value__phones_0="12"),
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response.status_code == 200
    page = response.content.decode()
    for message in FIELD_ERRORS[language]:
        assert message in page
    assert 'class="form-row errors field-value__isbn"' in page
    assert not Record.objects.exists()


def test_a_relation_to_a_record_of_another_catalog_cannot_be_chosen(admin_client, test_catalogs):
    other = record_create(
        catalog="test-heritage", data={"name": "Kút", "values": {"kind": "spring"}}
    )
    response = admin_client.post(
        f"{ADD}?catalog=test-heritage", form_data(value__maintainer=str(other.pk))
    )
    assert response.status_code == 200
    assert 'id="id_value__maintainer_error"' in response.content.decode()
    assert Record.objects.count() == 1


def test_the_change_form_shows_and_saves_the_stored_values(admin_client, test_catalogs):
    record = record_create(
        catalog="test-heritage",
        data={"name": "Kút", "values": {"kind": "spring", "built": "1890-es évek"}},
    )
    page = admin_client.get(reverse("admin:catalog_record_change", args=[record.pk])).content
    assert 'value="1890-es évek"' in page.decode()
    response = admin_client.post(
        reverse("admin:catalog_record_change", args=[record.pk]),
        form_data(name="Kút", version="1", value__kind="spring", value__built="18. század"),
    )
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.values["built"]["start"] == 1700 and record.version == 2


def test_a_stale_form_shows_both_versions_and_overwrites_nothing(admin_client, test_catalogs):
    record = record_create(
        catalog="test-heritage", data={"name": "Kút", "values": {"kind": "spring"}}
    )
    record_update(record=record, data={"summary": "Valaki más írta"})
    response = admin_client.post(
        reverse("admin:catalog_record_change", args=[record.pk]),
        form_data(name="Kút", version="1", summary="Én írtam", value__kind="spring"),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone else saved this record" in page
    assert "Valaki más írta" in page and "Én írtam" in page
    assert 'name="version" value="2"' in page
    assert Record.objects.get(pk=record.pk).summary == "Valaki más írta"


def test_actions_publish_and_archive_through_the_services(admin_client, test_catalogs):
    record = record_create(catalog="test-organisations", data={"name": "Egyesület"})
    admin_client.post(CHANGELIST, {"action": "publish_selected", "_selected_action": [record.pk]})
    assert Record.objects.get(pk=record.pk).status == "published"
    admin_client.post(CHANGELIST, {"action": "archive_selected", "_selected_action": [record.pk]})
    record.refresh_from_db()
    assert record.status == "archived" and record.version == 3


def test_the_actions_are_in_the_history_too(admin_client, test_catalogs):
    record = record_create(catalog="test-organisations", data={"name": "Egyesület"})
    admin_client.post(CHANGELIST, {"action": "publish_selected", "_selected_action": [record.pk]})
    admin_client.post(CHANGELIST, {"action": "archive_selected", "_selected_action": [record.pk]})
    assert _history(admin_client, record).count("Changed status.") == 2
    assert "Állapot módosítva." in _history(admin_client, record, "hu")


def test_delete_goes_through_the_service(admin_client, test_catalogs):
    record = record_create(catalog="test-organisations", data={"name": "Egyesület"})
    response = admin_client.post(
        reverse("admin:catalog_record_delete", args=[record.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not Record.objects.exists()


def test_staff_without_permissions_cannot_add(client, staff_user, test_catalogs):
    client.force_login(staff_user)
    assert client.get(ADD, {"catalog": "test-heritage"}).status_code == 403


def test_the_settlement_widget_finds_settlements_by_name(admin_client, test_catalogs, zalaegerszeg):
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "catalog",
            "model_name": "record",
            "field_name": "settlement",
            "term": "Zala",
        },
    )
    assert response.status_code == 200
    assert [item["text"] for item in response.json()["results"]] == ["Zalaegerszeg"]


def test_form_labels_start_with_a_capital_letter(admin_client, test_catalogs):
    page = admin_client.get(f"{ADD}?catalog=test-heritage", HTTP_ACCEPT_LANGUAGE="hu")
    text = page.content.decode()
    assert ">Név (magyar)" in text and ">Település" in text
    assert ">név (magyar)" not in text


def test_a_form_without_its_version_is_a_conflict_and_overwrites_nothing(
    admin_client, test_catalogs
):
    record = record_create(
        catalog="test-heritage", data={"name": "Kút", "values": {"kind": "spring"}}
    )
    record_update(record=record, data={"summary": "Valaki más írta"})
    data = form_data(name="Kút", summary="Én írtam", value__kind="spring")
    assert "version" not in data
    response = admin_client.post(
        reverse("admin:catalog_record_change", args=[record.pk]), data, HTTP_ACCEPT_LANGUAGE="en"
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "did not say which version of this record you edited" in page
    assert "Valaki más írta" in page and "Én írtam" in page  # both versions, side by side
    assert 'name="version" value="2"' in page  # saving again is a conscious choice
    stored = Record.objects.get(pk=record.pk)
    assert stored.summary == "Valaki más írta" and stored.version == 2


def test_an_empty_version_is_a_conflict_too(admin_client, test_catalogs):
    record = record_create(
        catalog="test-heritage", data={"name": "Kút", "values": {"kind": "spring"}}
    )
    response = admin_client.post(
        reverse("admin:catalog_record_change", args=[record.pk]),
        form_data(name="Kút", summary="Új", value__kind="spring", version=""),
    )
    assert response.status_code == 200
    assert Record.objects.get(pk=record.pk).summary == "" and record.version == 1


def _history(admin_client, record, language="en") -> str:
    response = admin_client.get(
        reverse("admin:catalog_record_history", args=[record.pk]), HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 200
    return response.content.decode()


def test_the_history_of_a_record_edited_in_the_admin_names_the_changed_fields(
    admin_client, test_catalogs
):
    admin_client.post(f"{ADD}?catalog=test-heritage", form_data(name="Kút", value__kind="spring"))
    record = Record.objects.get()
    admin_client.post(
        reverse("admin:catalog_record_change", args=[record.pk]),
        form_data(
            name="Kút", version="1", summary="Forrás a domb alján.", value__kind="church",
            value__inscription="1890", _publish="1",
        ),
    )  # fmt: skip
    unchanged = form_data(
        name="Kút", version="3", summary="Forrás a domb alján.", value__kind="church",
        value__inscription="1890",
    )  # fmt: skip
    assert (
        admin_client.post(
            reverse("admin:catalog_record_change", args=[record.pk]), unchanged
        ).status_code
        == 302
    )
    english = _history(admin_client, record)
    assert "Added." in english
    # The shared fields follow the viewer's language; the catalog fields are named as the
    # editor saw them (the form was posted in Hungarian). The form had no priority ticked,
    # so the catalog's default priorities were removed: a change too.
    assert "Changed summary (Hungarian), strategy priorities, status, Típus and Felirat." in english
    assert "No fields changed." in english
    hungarian = _history(admin_client, record, "hu")
    assert "Összefoglaló (magyar), stratégiai prioritások" in hungarian and "Felirat" in hungarian


def test_history_entries_logged_without_field_names_are_repaired(admin_client, test_catalogs):
    from django.apps import apps as django_apps
    from django.contrib.admin.models import CHANGE, LogEntry
    from django.contrib.contenttypes.models import ContentType

    record = record_create(
        catalog="test-heritage", data={"name": "Kút", "values": {"kind": "spring"}}
    )
    user = Record._meta.get_field("created_by").related_model.objects.get()
    LogEntry.objects.create(  # what the record form logged before
        user=user, content_type=ContentType.objects.get_for_model(Record),
        object_id=str(record.pk), object_repr="Kút", action_flag=CHANGE,
        change_message='[{"changed": {}}]',
    )  # fmt: skip
    repair = import_module("kozkincs.catalog.migrations.0003_record_history_change_messages")
    repair.repair_change_messages(django_apps, None)
    assert "Changed record." in _history(admin_client, record)
    assert "Adatlap módosítva." in _history(admin_client, record, "hu")
