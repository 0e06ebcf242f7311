"""Versions are written by every record service, in its transaction; revert, restore and purge
go through the catalog services."""

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from kozkincs.catalog import hooks
from kozkincs.catalog.models import Record, RecordRelation
from kozkincs.catalog.services import (
    RecordConflict,
    record_archive,
    record_bulk_create,
    record_create,
    record_delete,
    record_publish,
    record_update,
)
from kozkincs.gazetteer.services import settlement_update
from kozkincs.history.selectors import record_version_get, record_versions
from kozkincs.history.services import record_purge, record_revert, record_trash_restore

Version = Record.history.model


def _versions(record):
    return list(Version.objects.filter(id=record.pk).order_by("history_date", "history_id"))


def test_every_change_writes_a_version_with_who_and_what(church, editor):
    record_update(record=church, data={"summary": "Új összefoglaló."}, user=editor)
    record_publish(record=church, user=editor)
    record_archive(record=church)
    versions = _versions(church)
    assert [v.version for v in versions] == [1, 2, 3, 4]
    assert [v.history_change_reason for v in versions] == [
        "created", "updated", "published", "archived",
    ]  # fmt: skip
    assert [v.history_user for v in versions] == [editor, editor, editor, None]
    assert versions[1].summary == "Új összefoglaló."
    assert versions[0].relations == {"maintainer": [RecordRelation.objects.get().target_id]}


def test_a_failed_change_leaves_no_version(church):
    with pytest.raises(ValidationError):
        record_update(record=church, data={"values": {"kind": "castle"}})
    assert len(_versions(church)) == 1


def test_the_version_rolls_back_with_the_change_when_a_listener_fails(church):
    def failing(ids, action):
        raise RuntimeError("index down")

    hooks.register_record_listener(failing)
    try:
        with pytest.raises(RuntimeError):
            record_update(record=church, data={"summary": "x"})
    finally:
        hooks.unregister_record_listener(failing)
    assert len(_versions(church)) == 1
    assert Record.objects.get(pk=church.pk).summary == ""


def test_the_bulk_load_writes_its_versions_in_bulk(zalaegerszeg, maintainer, editor,
                                                     django_assert_max_num_queries):  # fmt: skip
    items = [
        {"name": f"Kápolna {n}", "settlements": ["32054"],
         "values": {"kind": "church", "partners": [maintainer.pk]}}
        for n in range(300)
    ]  # fmt: skip
    # 40, and the API's stored record JSON of the 300 records and the record they refer to,
    # written in batches of 200 (about ten queries per batch, whatever its records hold).
    with django_assert_max_num_queries(60):
        records = record_bulk_create(catalog="test-heritage", items=items, user=editor)
    versions = Version.objects.filter(id__in=[r.pk for r in records])
    assert versions.count() == 300
    first = versions.get(id=records[0].pk)
    assert (first.history_type, first.history_user, first.version) == ("+", editor, 1)
    assert first.settlement_ids == [zalaegerszeg.pk]
    assert first.relations == {"partners": [maintainer.pk]}
    assert len(first.priority_ids) == 2  # the catalog's default priorities


def test_revert_brings_back_the_content_as_a_new_version(church, editor, bak):
    first = _versions(church)[0]
    other = record_create(catalog="test-organisations", data={"name": "Egyesület"})
    changed = record_update(
        record=church, user=editor,
        data={"name": "Templom", "settlement": "13514", "settlements": ["32054"],
              "values": {"kind": "mansion", "maintainer": other.pk, "floors": 3}},
    )  # fmt: skip
    heard = []
    hooks.register_record_listener(lambda ids, action: heard.append((ids, action)))
    reverted = record_revert(
        record=changed, version=first, user=editor, expected_version=changed.version
    )
    assert heard[-1] == ([church.pk], "updated")  # the search index follows
    assert reverted.version == 3
    assert reverted.name == "Szent Mária Magdolna-templom"
    assert reverted.settlement.ksh_code == "32054"
    assert list(reverted.settlements.all()) == []
    assert reverted.values == {"kind": "church"}
    assert list(reverted.outgoing_relations.values_list("target__name", flat=True)) == ["Plébánia"]
    latest = _versions(church)[-1]
    assert (latest.history_change_reason, latest.history_user) == ("reverted:1", editor)


def test_revert_refuses_a_version_of_another_record(church, maintainer):
    foreign = _versions(maintainer)[0]
    with pytest.raises(ValidationError, match="another record"):
        record_revert(record=church, version=foreign, expected_version=church.version)
    assert len(_versions(church)) == 1


def test_revert_on_a_stale_page_is_a_conflict_and_changes_nothing(church, editor):
    first = _versions(church)[0]
    record_update(record=church, data={"summary": "Egy"}, user=editor)
    record_update(record=church, data={"summary": "Kettő"}, user=editor)
    with pytest.raises(RecordConflict):
        record_revert(record=church, version=first, expected_version=2)
    assert Record.objects.get(pk=church.pk).summary == "Kettő"
    assert len(_versions(church)) == 3


def test_revert_to_a_version_naming_a_purged_record_is_refused(church, maintainer):
    first = _versions(church)[0]
    record_delete(record=maintainer)
    church.refresh_from_db()
    with pytest.raises(ValidationError, match="does not exist"):
        record_revert(record=church, version=first, expected_version=church.version)


def test_the_trash_restores_the_status_a_record_had(church, editor):
    record_publish(record=church)
    record_archive(record=church, user=editor)
    restored = record_trash_restore(record=church, user=editor)
    assert restored.status == "published"
    assert _versions(church)[-1].history_change_reason == "restored"
    with pytest.raises(ValidationError, match="not in the trash"):
        record_trash_restore(record=church)


def test_purge_removes_the_history_and_gives_referring_records_a_version(church, maintainer):
    with pytest.raises(ValidationError, match="in the trash"):
        record_purge(record=maintainer)
    record_archive(record=maintainer)
    record_purge(record=maintainer)
    assert not Version.objects.filter(id=maintainer.pk).exists()
    latest = _versions(church)[-1]
    assert (latest.version, latest.relations) == (2, {})
    assert latest.history_change_reason == "related record deleted"


def test_settlement_edits_are_versioned_with_their_editor(zalaegerszeg, editor):
    settlement_update(settlement=zalaegerszeg, population=57000, user=editor)
    latest = zalaegerszeg.history.latest()
    assert (latest.population, latest.history_user) == (57000, editor)


def test_versions_list_names_the_changed_fields(church, editor):
    record_update(record=church, data={"values": {"kind": "mansion"}, "summary": "Új."})
    entries = record_versions(record=church, language="en")
    assert entries[0].changed == ["Summary (Hungarian)", "Kind"]
    assert entries[-1].changed == [] and entries[-1].user == "Kata Szabó"


@pytest.mark.parametrize("history_id", ["999999", "abc", "", None])
def test_unknown_version_ids_are_not_found(church, history_id):
    from kozkincs.history.selectors import VersionNotFound

    with pytest.raises(VersionNotFound):
        record_version_get(record=church, history_id=history_id)


class Undone(Exception):
    pass


def test_history_is_written_in_the_callers_transaction(church):
    with pytest.raises(Undone), transaction.atomic():
        record_update(record=church, data={"summary": "x"})
        raise Undone
    assert len(_versions(church)) == 1


def test_records_older_than_the_history_get_a_first_version(church, maintainer):
    from importlib import import_module

    from django.apps import apps

    Version.objects.all().delete()
    migration = import_module("kozkincs.catalog.migrations.0005_record_first_versions")
    migration.first_versions(apps, None)
    first = Version.objects.get(id=church.pk)
    assert (first.version, first.history_change_reason) == (1, "history started")
    assert first.relations == {"maintainer": [maintainer.pk]}
    assert first.name == church.name and first.history_user is None
    migration.first_versions(apps, None)  # running it again adds nothing
    assert Version.objects.count() == 2
