"""The OAI-PMH items follow every record change, in the writing transaction: a published
record has a live item dated by its last change, a withdrawn one a tombstone for ever."""

from datetime import UTC, datetime

import pytest
from django.db import transaction

from kozkincs.catalog.services import (
    record_archive,
    record_bulk_create,
    record_delete,
    record_publish,
    record_unpublish,
    record_update,
)
from kozkincs.gazetteer.services import settlement_update
from kozkincs.opendata.models import OaiItem
from kozkincs.opendata.oai import tracking
from kozkincs.opendata.oai.tracking import items_refresh
from tests.opendata.conftest import CATALOG

pytestmark = pytest.mark.django_db


def item(record) -> OaiItem:
    return OaiItem.objects.get(record_id=record.pk)


def test_a_published_record_gets_a_live_item_dated_by_its_publication(make_record, clock):
    record = make_record("Szent Anna kápolna")
    assert item(record).catalog == CATALOG
    assert item(record).datestamp == datetime(2026, 3, 1, 9, 0, 0, tzinfo=UTC)
    assert item(record).deleted is False


def test_the_real_clock_is_truncated_to_seconds(make_record):
    record = make_record("Szent Anna kápolna")
    assert item(record).datestamp.microsecond == 0


def test_a_draft_never_published_has_no_item(make_record, clock):
    draft = make_record("Vázlat", publish=False)
    record_update(record=draft, data={"summary": "Még mindig vázlat."})
    record_archive(record=draft)
    assert not OaiItem.objects.filter(record_id=draft.pk).exists()


def test_an_edit_moves_the_datestamp_on(make_record, clock):
    record = make_record("Szent Anna kápolna")
    later = clock.advance(hours=2)
    record_update(record=record, data={"summary": "Új összefoglaló."})
    assert item(record).datestamp == later
    assert item(record).deleted is False


@pytest.mark.parametrize("withdraw", ["archive", "unpublish", "delete"])
def test_a_withdrawn_record_leaves_a_tombstone_dated_by_the_withdrawal(
    make_record, clock, withdraw
):
    record = make_record("Szent Anna kápolna")
    record_id = record.pk
    withdrawn_at = clock.advance(days=1)
    {"archive": record_archive, "unpublish": record_unpublish, "delete": record_delete}[withdraw](
        record=record
    )
    tombstone = OaiItem.objects.get(record_id=record_id)
    assert (tombstone.deleted, tombstone.datestamp, tombstone.catalog) == (
        True,
        withdrawn_at,
        CATALOG,
    )


def test_a_tombstone_keeps_its_date_through_later_edits_and_comes_back_on_republishing(
    make_record, clock
):
    record = make_record("Szent Anna kápolna")
    archived_at = clock.advance(days=1)
    record = record_archive(record=record)
    clock.advance(days=1)
    record = record_update(record=record, data={"summary": "Archivált."})
    assert (item(record).deleted, item(record).datestamp) == (True, archived_at)
    republished_at = clock.advance(days=1)
    record_publish(record=record)
    assert (item(record).deleted, item(record).datestamp) == (False, republished_at)


def test_a_bulk_load_creates_every_item_in_batches(db, clock, django_assert_num_queries):
    items = [{"name": f"Kereszt {n}"} for n in range(2500)]
    records = record_bulk_create(catalog=CATALOG, items=items)
    assert OaiItem.objects.filter(deleted=False).count() == 2500
    ids = [r.pk for r in records]
    # Three batches of two statements (insert or refresh; tombstones), whatever they hold.
    with django_assert_num_queries(3 * 2):
        items_refresh(ids)
    # Records created in this transaction have nothing to withdraw: no tombstone search.
    with django_assert_num_queries(3):
        items_refresh(ids, created=True)


def test_records_created_as_drafts_in_bulk_get_no_item(db, clock):
    record_bulk_create(catalog=CATALOG, items=[{"name": "Vázlat"}], status="draft")
    assert not OaiItem.objects.exists()


def test_a_renamed_settlement_moves_the_datestamps_of_its_public_records_on(
    make_record, settlements, clock
):
    own = make_record("Szent Anna kápolna", settlement=settlements["bagod"])
    further = make_record("Kálvária", settlements=[settlements["bagod"]])
    elsewhere = make_record("Kereszt", settlement=settlements["zalaegerszeg"])
    withdrawn = make_record("Régi kereszt", settlement=settlements["bagod"])
    record_archive(record=withdrawn)
    before = {r.pk: item(r).datestamp for r in (elsewhere, withdrawn)}
    renamed_at = clock.advance(hours=1)
    settlement_update(settlement=settlements["bagod"], name="Bagod (új)")
    assert item(own).datestamp == renamed_at
    assert item(further).datestamp == renamed_at
    assert {r.pk: item(r).datestamp for r in (elsewhere, withdrawn)} == before


def test_the_item_is_written_and_rolled_back_with_the_record_change(make_record, clock):
    record = make_record("Szent Anna kápolna")
    with pytest.raises(RuntimeError), transaction.atomic():
        clock.advance(days=1)
        record_archive(record=record)
        assert item(record).deleted  # already, inside the writing transaction
        raise RuntimeError("something after the archiving fails")
    assert (item(record).deleted, item(record).datestamp) == (
        False,
        datetime(2026, 3, 1, 9, 0, 0, tzinfo=UTC),
    )


def test_a_bulk_create_s_items_come_from_what_it_wrote_as_a_refresh_would_make_them(
    db, clock, monkeypatch, django_assert_num_queries
):
    """The listener writes the items of a bulk create's public records from the records in
    hand (one statement, no read of the records): the same items ``items_refresh`` makes."""
    calls = []
    original = tracking.items_created

    def watched(written):
        calls.append(written)
        with django_assert_num_queries(1) as captured:
            original(written)
        assert "catalog_record" not in captured.captured_queries[0]["sql"]

    monkeypatch.setattr(tracking, "items_created", watched)
    items = [{"name": f"Kút {n}"} for n in range(5)]
    records = record_bulk_create(catalog=CATALOG, items=items)
    assert len(calls) == 1
    rows = list(OaiItem.objects.order_by("record_id").values_list())
    assert [row[0] for row in rows] == sorted(r.pk for r in records)
    OaiItem.objects.all().delete()
    items_refresh([r.pk for r in records])
    assert list(OaiItem.objects.order_by("record_id").values_list()) == rows
