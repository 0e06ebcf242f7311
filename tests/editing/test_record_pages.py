"""The portal's create and edit pages: every field type through the form without JavaScript,
the pickers' name matching, the stale edit, bad input, rich text, the propose links."""

import pytest
from django.urls import reverse
from django.utils import translation
from django_prose_editor.config import allowlist_from_extensions

from kozkincs.catalog.models import Record, RecordRelation
from kozkincs.catalog.services import record_create, record_publish, record_update
from kozkincs.core.rich_text import ALLOWED_TAGS
from kozkincs.editing.forms import PROSE_EXTENSIONS
from tests.editing.forms_data import form_data
from tests.gazetteer.factories import SettlementFactory

pytestmark = pytest.mark.django_db


def url(name, *args, language="en"):
    with translation.override(language):
        return reverse(f"editing:{name}", args=args)


def test_staff_create_every_field_type_without_javascript(
    client, moderator, zalaegerszeg, maintainer
):
    client.force_login(moderator)
    partner = record_publish(
        record=record_create(catalog="test-organisations", data={"name": "Dalkör"})
    )
    response = client.post(
        url("create", "test-heritage"),
        form_data(value__maintainer="Plébánia", **{"value__partners_0": f"Dalkör [#{partner.pk}]"},
                  _publish="1"),
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:4000]
    record = Record.objects.get(catalog="test-heritage")
    assert record.status == "published" and record.settlement == zalaegerszeg
    assert (record.lat, record.lon) == (46.8417, 16.8416)
    values = record.values
    assert values["kind"] == "church" and values["features"] == ["tower", "organ"]
    assert values["history"] == "<h2>Építés</h2><p>1747 és 1769 között.</p>"
    assert values["floors"] == 2 and values["area_ha"] == "0.5" and values["built_year"] == 1760
    assert values["listed_on"] == "1958-03-01" and values["built"]["start"] == 1747
    assert values["open_to_public"] is True and values["website"] == "https://example.org/templom"
    assert values["phones"] == ["+36 92 510 123"] and values["isbn"] == "9780306406157"
    assert values["issn"] == "0317-8471" and values["tax_number"] == "10773381-2-44"
    assert values["ksh_code"] == "32054" and values["venue"] == "32054"
    assert values["awards"] == [{"body": "KÓTA", "level": "gold", "year": 2019}]
    assert values["contact"]["phone"] == "+36 30 123 4567"
    assert record.privacy["contact"] == {"consent": True, "visibility": "public"}
    relations = dict(
        RecordRelation.objects.filter(source=record).values_list("field_key", "target")
    )
    assert relations == {"maintainer": maintainer.pk, "partners": partner.pk}
    assert Record.history.filter(id=record.pk).count() == 2  # created, published


def test_the_edit_form_shows_every_stored_value_and_saves_again(
    client, moderator, zalaegerszeg, maintainer
):
    client.force_login(moderator)
    client.post(url("create", "test-heritage"), form_data(value__maintainer="Plébánia"))
    record = Record.objects.get(catalog="test-heritage")
    page = client.get(url("edit", record.pk)).content.decode()
    for shown in ('value="Zalaegerszeg (32054)"', f'value="Plébánia [#{maintainer.pk}]"',
                  'value="+36 92 510 123"', 'value="1958-03-01"', 'value="KÓTA"',
                  "&lt;h2&gt;Építés&lt;/h2&gt;"):  # fmt: skip
        assert shown in page
    response = client.post(url("edit", record.pk), form_data(version="1", name="Templom"))
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.name == "Templom" and record.version == 2


def test_field_errors_are_shown_in_the_users_language_and_nothing_is_saved(client, moderator):
    client.force_login(moderator)
    response = client.post(
        url("create", "test-heritage", language="hu"),
        form_data(value__kind="", value__isbn="978-0-306-40615-8", settlement="Sehol"),
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Nincs „Sehol” nevű település." in page or "Sehol" in page
    assert "nem érvényes ISBN" in page
    assert not Record.objects.exists()


def test_an_ambiguous_settlement_name_lists_the_candidates(client, moderator, zalaegerszeg):
    SettlementFactory(ksh_code="11111", name="Kisfalu")
    SettlementFactory(ksh_code="22222", name="Kisfalu")
    client.force_login(moderator)
    response = client.post(url("create", "test-heritage"), form_data(settlement="kisfalu"))
    page = response.content.decode()
    assert response.status_code == 400
    assert "Several settlements are called" in page
    assert "Kisfalu (11111)" in page and "Kisfalu (22222)" in page
    response = client.post(url("create", "test-heritage"), form_data(settlement="Kisfalu (22222)"))
    assert response.status_code == 302
    assert Record.objects.get().settlement.ksh_code == "22222"


def test_a_forged_record_id_in_a_relation_is_refused(client, moderator, zalaegerszeg):
    other = record_create(
        catalog="test-heritage", data={"name": "Kút", "values": {"kind": "spring"}}
    )
    client.force_login(moderator)
    for forged in (f"Kút [#{other.pk}]", "Semmi [#999999]"):
        response = client.post(url("create", "test-heritage"), form_data(value__maintainer=forged))
        assert response.status_code == 400
        assert "is not a record you can choose here" in response.content.decode()
    assert Record.objects.count() == 1


def test_a_forged_catalog_in_the_form_saves_nothing(client, moderator, church):
    client.force_login(moderator)
    response = client.post(
        url("edit", church.pk), form_data(catalog="test-organisations", version="2", name="X")
    )
    assert response.status_code == 400
    assert "This form belongs to another catalog" in response.content.decode()
    church.refresh_from_db()
    assert church.name == "Szent Mária Magdolna-templom"


def test_rich_text_is_sanitised_on_saving(client, moderator, zalaegerszeg):
    client.force_login(moderator)
    client.post(
        url("create", "test-heritage"),
        form_data(
            description=(
                '<p onclick="x()">Szép<script>alert(1)</script><img src=x onerror="a()"></p>'
            ),
            value__history='<p><a href="javascript:alert(1)">link</a> <strong>ok</strong></p>',
        ),
    )
    record = Record.objects.get()
    assert record.description == "<p>Szép</p>"
    assert (
        "javascript" not in record.values["history"]
        and "<strong>ok</strong>" in record.values["history"]
    )


def test_the_editors_extensions_produce_only_what_nh3_keeps():
    allowlist = allowlist_from_extensions(PROSE_EXTENSIONS)
    assert set(allowlist["tags"]) <= ALLOWED_TAGS
    assert set(allowlist["url_schemes"]) <= {"http", "https", "mailto"}


def test_a_stale_edit_shows_both_versions_and_loses_nothing(client, moderator, church):
    record_update(record=church, data={"summary": "Valaki más írta"})
    client.force_login(moderator)
    response = client.post(url("edit", church.pk), form_data(version="2", summary="Én írtam"))
    page = response.content.decode()
    assert response.status_code == 409
    assert "Someone else saved this record" in page
    assert "Valaki más írta" in page and "Én írtam" in page
    assert 'name="version" value="3"' in page
    church.refresh_from_db()
    assert church.summary == "Valaki más írta"


def test_the_create_page_preselects_the_settlement(client, contributor, zalaegerszeg):
    client.force_login(contributor)
    page = client.get(url("create", "test-heritage") + "?settlement=32054").content.decode()
    assert 'value="Zalaegerszeg (32054)"' in page
    choose = client.get(url("choose_catalog") + "?settlement=32054").content.decode()
    assert url("create", "test-heritage") + "?settlement=32054" in choose


def test_an_unknown_catalog_or_record_is_a_clear_404(client, contributor):
    client.force_login(contributor)
    assert "There is no catalog" in client.get(url("create", "no-such")).content.decode()
    response = client.get(url("edit", 999999))
    assert (
        response.status_code == 404
        and "There is no record number 999999" in response.content.decode()
    )


def test_the_catalog_list_and_an_empty_settlement_page_invite_proposals(client, zalaegerszeg):
    with translation.override("hu"):
        catalog_page = client.get(reverse("web:catalog_detail", args=["test-heritage"]))
        settlement_page = client.get(zalaegerszeg.get_absolute_url())
    assert "Javasoljon új adatot" in catalog_page.content.decode()
    assert "/hu/szerkesztes/uj/test-heritage/" in catalog_page.content.decode()
    page = settlement_page.content.decode()
    assert "Javasoljon új adatot" in page and "/hu/szerkesztes/uj/?settlement=32054" in page


def test_the_form_speaks_hungarian(client, contributor):
    client.force_login(contributor)
    page = client.get(url("create", "test-heritage", language="hu")).content.decode()
    assert "Felirat" in page and "Kapcsolattartó" in page and "Küldés ellenőrzésre" in page
