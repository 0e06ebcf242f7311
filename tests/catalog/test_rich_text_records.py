"""Descriptions are stored as sanitised HTML, summaries as plain text, on every write path;
the data migration brings texts stored before that to the same form."""

from importlib import import_module

import pytest
from django.apps import apps as django_apps

from kozkincs.catalog.fields import field_type, field_type_keys
from kozkincs.catalog.index_documents import record_index_document
from kozkincs.catalog.models import Record
from kozkincs.catalog.services import record_bulk_create, record_create, record_update

pytestmark = pytest.mark.django_db

ATTACK = '<p>Szép <a href="javascript:alert(1)">hely</a>.</p><script>alert(2)</script>'
SAFE = '<p>Szép <a rel="noopener noreferrer">hely</a>.</p>'
sanitise_stored_texts = import_module(
    "kozkincs.catalog.migrations.0002_sanitise_rich_texts"
).sanitise_stored_texts


def test_create_update_and_bulk_create_store_the_sanitised_description(test_catalogs):
    record = record_create(
        catalog="test-heritage",
        data={"name": "Kút", "description": ATTACK, "description_en": "One line\nand another",
              "values": {"kind": "spring"}},
    )  # fmt: skip
    assert record.description == SAFE
    assert record.description_en == "<p>One line<br>and another</p>"
    record = record_update(record=record, data={"description_de": "<b>Quelle</b>"})
    assert record.description_de == "<p><strong>Quelle</strong></p>"
    [bulk] = record_bulk_create(
        catalog="test-heritage",
        items=[{"name": "Forrás", "description": ATTACK, "values": {"kind": "spring"}}],
    )
    assert Record.objects.get(pk=bulk.pk).description == SAFE


def test_summaries_are_plain_text_without_any_markup(test_catalogs):
    record = record_create(
        catalog="test-heritage",
        data={"name": "Kút", "summary": "<p>Forrás <em>a</em> domb alján</p><script>x()</script>",
              "summary_en": "Spring & well <3", "values": {"kind": "spring"}},
    )  # fmt: skip
    assert record.summary == "Forrás a domb alján"
    assert record.summary_en == "Spring & well <3"  # plain text, escaped where it is shown


def test_rich_text_is_a_notion_of_the_field_type():
    assert [key for key in field_type_keys() if field_type(key).rich_text] == ["long_text"]


def test_the_index_document_has_the_words_without_tags(test_catalogs):
    record = record_create(
        catalog="test-heritage",
        data={"name": "Kút", "description": ATTACK, "values": {"kind": "spring",
              "history": "<h2>Régen</h2><p>Itt <strong>malom</strong> állt.</p>"}},
    )  # fmt: skip
    document = record_index_document(record=record)
    assert document.descriptions["hu"] == "Szép hely."
    assert "Régen" in document.attributes_text and "<" not in document.attributes_text


def test_the_data_migration_sanitises_texts_stored_before(test_catalogs):
    record = record_create(
        catalog="test-heritage", data={"name": "Kút", "values": {"kind": "spring"}}
    )
    old = {
        "description": ATTACK,
        "description_en": "First paragraph.\n\nSecond & last.",
        "summary": "<strong>Régi</strong> összefoglaló",
        "values": {"kind": "spring", "history": "Régen\nmalom <script>x()</script>"},
    }
    Record.objects.filter(pk=record.pk).update(**old)  # as a write before this release left it
    sanitise_stored_texts(django_apps, None)
    record.refresh_from_db()
    assert record.description == SAFE
    assert record.description_en == "<p>First paragraph.</p><p>Second &amp; last.</p>"
    assert record.summary == "Régi összefoglaló"
    assert record.values == {"kind": "spring", "history": "<p>Régen<br>malom </p>"}
    assert record.version == 1  # not an edit: nobody's open form becomes a conflict
    stored = Record.objects.values().get(pk=record.pk)
    sanitise_stored_texts(django_apps, None)  # a second run changes nothing
    assert Record.objects.values().get(pk=record.pk) == stored
