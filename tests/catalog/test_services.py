"""The record services: create, update with the optimistic lock, status changes, delete,
bulk create; every refusal names the field and leaves the database as it was."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from kozkincs.catalog import history, hooks, services
from kozkincs.catalog.models import Record, RecordRelation
from kozkincs.catalog.record_data import References, record_data_clean
from kozkincs.catalog.registry import catalog_get
from kozkincs.catalog.services import (
    RecordConflict,
    record_archive,
    record_bulk_archive,
    record_bulk_create,
    record_bulk_create_cleaned,
    record_create,
    record_delete,
    record_publish,
    record_unpublish,
    record_update,
)
from kozkincs.core.bulk_rows import BULK_PAGE_CACHE_KIB
from tests.core.test_bulk_rows import page_cache_size

pytestmark = pytest.mark.django_db


def church_data(**overrides):
    data = {
        "name": "Szent Mária Magdolna-templom",
        "name_en": "St Mary Magdalene Church",
        "summary": "Barokk templom.",
        "settlement": "32054",
        "lat": 46.84,
        "lon": 16.84,
        "tags": ["barokk", " barokk ", "templom"],
        "sources": [{"title": "Műemlékjegyzék", "url": "https://example.org/m"}],
        "values": {"kind": "church", "built": "1747-1769", "isbn": "978-0-306-40615-7"},
    }
    data.update(overrides)
    return data


def organisation(name="Göcseji Múzeum Egyesület", **kwargs):
    return record_create(catalog="test-organisations", data={"name": name}, **kwargs)


def test_create_normalises_and_fills_defaults(heritage, zalaegerszeg, staff_user):
    record = record_create(catalog="test-heritage", data=church_data(), user=staff_user)
    record.refresh_from_db()
    assert record.slug == "szent-maria-magdolna-templom"
    assert record.settlement == zalaegerszeg
    assert record.status == "draft"
    assert record.version == 1
    assert record.created_by == staff_user
    assert record.tags == ["barokk", "templom"]
    assert record.values["built"] == {"text": "1747\u20131769", "start": 1747, "end": 1769}
    assert record.values["isbn"] == "9780306406157"
    assert sorted(p.number for p in record.priorities.all()) == heritage.default_priorities


def test_slugs_stay_unique_within_a_catalog(test_catalogs, zalaegerszeg):
    first = record_create(catalog="test-heritage", data=church_data())
    second = record_create(catalog="test-heritage", data=church_data())
    other = record_create(catalog="test-organisations", data={"name": first.name})
    assert (first.slug, second.slug) == (
        "szent-maria-magdolna-templom",
        "szent-maria-magdolna-templom-2",
    )
    assert other.slug == first.slug


def test_a_slug_taken_by_a_concurrent_create_is_chosen_again(
    test_catalogs, zalaegerszeg, monkeypatch
):
    """The other editor's record committed between choosing the slug and inserting it."""
    from kozkincs.catalog import services

    first = record_create(catalog="test-heritage", data=church_data())
    real_taken = services._taken_slugs
    calls = []

    def stale_then_real(catalog, base=None):
        calls.append(base)
        return set() if len(calls) == 1 else real_taken(catalog, base)

    monkeypatch.setattr(services, "_taken_slugs", stale_then_real)
    second = record_create(catalog="test-heritage", data=church_data())
    assert len(calls) == 2
    assert second.slug == "szent-maria-magdolna-templom-2" != first.slug
    assert Record.objects.filter(catalog="test-heritage").count() == 2


def test_explicit_priorities_replace_the_defaults(test_catalogs, zalaegerszeg):
    record = record_create(catalog="test-heritage", data=church_data(priorities=[4, "1"]))
    assert sorted(p.number for p in record.priorities.all()) == [1, 4]


@pytest.mark.parametrize(
    ("overrides", "key", "fragment"),
    [
        ({"name": ""}, "name", "name"),
        ({"settlement": "99999"}, "settlement", "99999"),
        ({"lat": 48.85, "lon": 2.35}, "lat", "outside Hungary"),
        ({"priorities": [7]}, "priorities", "7"),
        ({"sources": [{"title": "x", "url": "javascript:alert(1)"}]}, "sources", "web address"),
        ({"values": {"kind": "castle"}}, "kind", "Kind"),
        ({"values": {"kind": "church", "colour": "red"}}, "values", "colour"),
        ({"values": {}}, "kind", "Kind is required"),
        ({"values": {"kind": "church", "isbn": "978-963-00-0000-1"}}, "isbn", "ISBN"),
        ({"values": {"kind": "church", "tax_number": "10773382-2-44"}}, "tax_number", "Tax number"),
        ({"privacy": {"kind": {"consent": True}}}, "privacy", "kind"),
    ],
)
def test_bad_input_is_refused_naming_the_field_and_nothing_is_saved(
    test_catalogs, zalaegerszeg, overrides, key, fragment
):
    with pytest.raises(ValidationError) as caught:
        record_create(catalog="test-heritage", data=church_data(**overrides))
    assert key in caught.value.message_dict
    assert fragment in " ".join(caught.value.message_dict[key])
    assert not Record.objects.exists()


def test_unknown_catalog_is_refused(test_catalogs):
    with pytest.raises(ValidationError) as caught:
        record_create(catalog="no-such-catalog", data={"name": "x"})
    assert "catalog" in caught.value.message_dict


def test_coordinates_outside_hungary_are_allowed_when_configured(
    settings, test_catalogs, zalaegerszeg
):
    settings.KOZKINCS_ALLOW_COORDINATES_OUTSIDE_HUNGARY = True
    record = record_create(catalog="test-heritage", data=church_data(lat=48.85, lon=2.35))
    assert (record.lat, record.lon) == (48.85, 2.35)


def test_relations_are_stored_as_rows_not_values(test_catalogs, zalaegerszeg):
    maintainer, partner = organisation(), organisation("Zalai Civil Ház")
    values = {"kind": "church", "maintainer": maintainer.pk, "partners": [partner, maintainer]}
    record = record_create(catalog="test-heritage", data=church_data(values=values))
    assert "maintainer" not in record.values and "partners" not in record.values
    rows = RecordRelation.objects.filter(source=record).order_by("field_key", "position")
    assert [(r.field_key, r.target_id) for r in rows] == [
        ("maintainer", maintainer.pk),
        ("partners", partner.pk),
        ("partners", maintainer.pk),
    ]


def test_relation_to_a_record_of_the_wrong_catalog_is_refused(test_catalogs, zalaegerszeg):
    church = record_create(catalog="test-heritage", data=church_data())
    values = {"kind": "church", "maintainer": church.pk}
    with pytest.raises(ValidationError) as caught:
        record_create(catalog="test-heritage", data=church_data(name="Kápolna", values=values))
    message = " ".join(caught.value.message_dict["maintainer"])
    assert "Maintainer" in message and "test-organisations" in message
    assert Record.objects.count() == 1


def test_relation_to_a_missing_record_is_refused(test_catalogs, zalaegerszeg):
    with pytest.raises(ValidationError) as caught:
        record_create(
            catalog="test-heritage", data=church_data(values={"kind": "church", "maintainer": 999})
        )
    assert "999" in " ".join(caught.value.message_dict["maintainer"])


def test_update_changes_given_keys_and_bumps_the_version(test_catalogs, zalaegerszeg, village):
    record = record_create(catalog="test-heritage", data=church_data())
    updated = record_update(
        record=record,
        data={"summary": "Új összefoglaló.", "settlement": village, "values": {"floors": "3"}},
    )
    assert updated.version == 2
    assert updated.summary == "Új összefoglaló."
    assert updated.settlement == village
    assert updated.name == "Szent Mária Magdolna-templom"
    assert updated.values["floors"] == 3 and updated.values["kind"] == "church"


def test_update_clears_a_value_given_as_empty(test_catalogs, zalaegerszeg):
    record = record_create(catalog="test-heritage", data=church_data())
    updated = record_update(record=record, data={"values": {"isbn": ""}})
    assert "isbn" not in updated.values


def test_a_stale_update_raises_a_conflict_with_both_versions(test_catalogs, zalaegerszeg):
    record = record_create(catalog="test-heritage", data=church_data())
    stale = Record.objects.get(pk=record.pk)
    record_update(record=record, data={"summary": "Első szerkesztő"})
    with pytest.raises(RecordConflict) as caught:
        record_update(record=stale, data={"summary": "Második szerkesztő"})
    assert caught.value.expected_version == 1
    assert caught.value.current_version == 2
    assert caught.value.current.summary == "Első szerkesztő"
    assert "version" in caught.value.message_dict
    assert Record.objects.get(pk=record.pk).summary == "Első szerkesztő"


def test_expected_version_is_checked(test_catalogs, zalaegerszeg):
    record = record_create(catalog="test-heritage", data=church_data())
    with pytest.raises(RecordConflict):
        record_update(record=record, data={"summary": "x"}, expected_version=5)
    assert Record.objects.get(pk=record.pk).version == 1


def test_a_refused_update_changes_nothing(test_catalogs, zalaegerszeg):
    maintainer = organisation()
    record = record_create(
        catalog="test-heritage",
        data=church_data(values={"kind": "church", "maintainer": maintainer.pk}),
    )
    with pytest.raises(ValidationError):
        record_update(
            record=record,
            data={"summary": "changed", "values": {"maintainer": None, "floors": "many"}},
        )
    record.refresh_from_db()
    assert record.summary == "Barokk templom." and record.version == 1
    assert RecordRelation.objects.filter(source=record).count() == 1


def test_status_changes(test_catalogs, zalaegerszeg):
    record = record_create(catalog="test-heritage", data=church_data())
    record_publish(record=record)
    assert record.status == "published" and record.published_at is not None
    record_unpublish(record=record)
    assert record.status == "draft"
    record_archive(record=record)
    assert Record.objects.get(pk=record.pk).status == "archived"
    assert record.version == 4


def test_delete_removes_the_record_and_its_relations(test_catalogs, zalaegerszeg):
    maintainer = organisation()
    record = record_create(
        catalog="test-heritage",
        data=church_data(values={"kind": "church", "maintainer": maintainer.pk}),
    )
    record_delete(record=maintainer)
    assert not RecordRelation.objects.exists()
    assert Record.objects.filter(pk=record.pk).exists()


def test_listeners_hear_every_change_inside_its_transaction(test_catalogs, zalaegerszeg):
    heard = []

    def listener(ids, action):
        heard.append((ids, action, transaction.get_connection().in_atomic_block))

    hooks.register_record_listener(listener)
    record = record_create(catalog="test-heritage", data=church_data())
    record_update(record=record, data={"summary": "x"})
    record_publish(record=record)
    record_archive(record=record)
    record_unpublish(record=record)
    record_delete(record=record)
    assert [action for _ids, action, _atomic in heard[-6:]] == [
        "created", "updated", "published", "archived", "unpublished", "deleted",
    ]  # fmt: skip
    assert all(ids == [record.pk] and atomic for ids, _action, atomic in heard[-6:])


def test_a_failing_listener_undoes_the_change(test_catalogs, zalaegerszeg):
    record = record_create(catalog="test-heritage", data=church_data(summary="before"))

    def failing(ids, action):
        raise RuntimeError("derived data could not be written")

    hooks.register_record_listener(failing)
    try:
        with pytest.raises(RuntimeError):
            record_update(record=record, data={"summary": "after"})
        with pytest.raises(RuntimeError):
            record_create(catalog="test-heritage", data=church_data(name="Új templom"))
    finally:
        hooks.unregister_record_listener(failing)
    stored = Record.objects.get(pk=record.pk)
    assert (stored.summary, stored.version) == ("before", 1)
    assert Record.objects.count() == 1


def test_bulk_create_validates_every_item_and_writes_nothing_on_error(test_catalogs, zalaegerszeg):
    items = [church_data(name=f"Templom {n}") for n in range(3)]
    items[1]["values"] = {"kind": "castle"}
    with pytest.raises(ValidationError) as caught:
        record_bulk_create(catalog="test-heritage", items=items)
    assert list(caught.value.message_dict) == ["items[1].kind"]
    assert not Record.objects.exists()


def test_bulk_create_writes_records_with_relations_and_m2m(
    test_catalogs, zalaegerszeg, village, django_assert_max_num_queries
):
    maintainer = organisation()

    def items(count: int) -> list[dict]:
        return [
            church_data(
                name="Kápolna",
                settlements=[village.ksh_code],
                values={"kind": "spring", "maintainer": maintainer.pk},
            )
            for _ in range(count)
        ]

    heard = []
    hooks.register_record_listener(lambda ids, action: heard.append((len(ids), action)))
    with CaptureQueriesContext(connection) as few:
        record_bulk_create(catalog="test-heritage", items=items(5), is_demo=True)
    # The records, their relations and settlements, and their index entries: a fixed number of
    # queries whatever the number of items.
    with django_assert_max_num_queries(len(few.captured_queries)):
        records = record_bulk_create(catalog="test-heritage", items=items(30), is_demo=True)
    assert len({r.slug for r in records}) == 30
    assert Record.objects.filter(status="published", is_demo=True).count() == 35
    assert RecordRelation.objects.filter(target=maintainer).count() == 35
    assert Record.objects.filter(settlements=village).count() == 35
    assert heard[-1] == (30, "created")


def test_bulk_created_records_versions_are_those_the_version_writer_makes(
    test_catalogs, zalaegerszeg, village, staff_user
):
    """The versions a bulk create copies in the database from the rows it wrote are what
    ``record_versions_write`` writes from the records in hand, column for column."""
    maintainer, partner = organisation(), organisation("Zalai Falvakért Egyesület")
    items = [
        church_data(name="Kápolna 'egy' \"kettő\" \\ ő", values={"kind": "church"}),
        church_data(
            name="Malom", settlements=[village.ksh_code], priorities=[3, 1],
            values={"kind": "spring", "maintainer": maintainer.pk,
                    "partners": [partner.pk, maintainer.pk]},
        ),
        church_data(name="Kúria", lat=None, lon=None, tags=[], sources=[], priorities=[]),
    ]  # fmt: skip
    records = record_bulk_create(catalog="test-heritage", items=items, user=staff_user)
    ids = [record.pk for record in records]
    copied = list(Record.history.filter(id__in=ids).order_by("id").values())
    history.record_versions_write(
        list(Record.objects.filter(pk__in=ids).order_by("pk")), user=staff_user,
        reason="created", created=True,
    )  # fmt: skip
    written = list(Record.history.filter(id__in=ids).order_by("id", "history_id").values())[1::2]
    assert len(copied) == len(written) == 3
    assert copied[1]["settlement_ids"] == [village.pk]
    assert copied[1]["relations"] == {"maintainer": [maintainer.pk],
                                      "partners": [partner.pk, maintainer.pk]}  # fmt: skip
    assert copied[0]["name"] == "Kápolna 'egy' \"kettő\" \\ ő"
    for version in copied + written:
        del version["history_id"], version["history_date"]
    assert copied == written


def test_bulk_create_cleaned_takes_its_items_a_chunk_at_a_time(
    test_catalogs, zalaegerszeg, monkeypatch
):
    monkeypatch.setattr(services, "BULK_WRITE_CHUNK", 2)
    definition = catalog_get("test-heritage")
    items = [church_data(name=f"Templom {number}") for number in range(5)]
    references = References.for_items(definition, items)
    taken = []

    def handed_over():  # as an import hands its plan's rows over, one at a time
        for data in items:
            taken.append(data["name"])
            yield record_data_clean(definition=definition, data=data, references=references)

    heard = []

    def listener(ids, action):
        heard.append((len(ids), len(taken)))

    hooks.register_record_listener(listener)
    try:
        ids = record_bulk_create_cleaned(catalog="test-heritage", cleaned=handed_over())
    finally:
        hooks.unregister_record_listener(listener)
    # Each chunk is written and told about before the next items are taken.
    assert heard == [(2, 2), (2, 4), (1, 5)]
    names = Record.objects.filter(pk__in=ids).order_by("pk").values_list("name", flat=True)
    assert list(names) == [data["name"] for data in items]
    assert Record.history.model.objects.filter(id__in=ids, history_type="+").count() == 5


def test_bulk_archive_moves_records_to_the_trash_with_a_version_each(test_catalogs, zalaegerszeg):
    records = record_bulk_create(
        catalog="test-heritage", items=[church_data(name=f"T{n}") for n in range(3)]
    )
    heard = []

    def listener(ids, action):
        heard.append((sorted(ids), action))

    hooks.register_record_listener(listener)
    try:
        record_bulk_archive(ids=[r.pk for r in records], expected_version=1)
    finally:
        hooks.unregister_record_listener(listener)
    archived = Record.objects.filter(pk__in=[r.pk for r in records])
    assert {(r.status, r.version) for r in archived} == {("archived", 2)}
    assert Record.history.model.objects.filter(history_change_reason="archived").count() == 3
    assert heard == [(sorted(r.pk for r in records), "archived")]


def test_bulk_archive_refuses_records_changed_since_and_changes_nothing(
    test_catalogs, zalaegerszeg
):
    first, second = record_bulk_create(
        catalog="test-heritage", items=[church_data(name="A"), church_data(name="B")]
    )
    record_update(record=second, data={"summary": "changed"})
    with pytest.raises(ValidationError), transaction.atomic():
        record_bulk_archive(ids=[first.pk, second.pk], expected_version=1)
    assert set(Record.objects.values_list("status", flat=True)) == {"published"}


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's page cache")
def test_a_bulk_create_runs_with_the_bulk_page_cache(monkeypatch, test_catalogs):
    seen = []
    write = services._bulk_write

    def watched(*arguments):
        seen.append(page_cache_size())
        yield from write(*arguments)

    monkeypatch.setattr(services, "_bulk_write", watched)
    before = page_cache_size()
    services.record_bulk_create(
        catalog="test-heritage", items=[{"name": "Forrás", "values": {"kind": "spring"}}]
    )
    assert seen == [-BULK_PAGE_CACHE_KIB] and page_cache_size() == before


def test_bulk_created_records_have_their_ids_in_order_and_later_records_new_ones(
    test_catalogs,
):
    """On PostgreSQL the ids are taken from the table's sequence before the rows are written
    (SQLite assigns them): each record is read back under its own id, in the order given,
    and a record created afterwards gets an id of its own."""
    names = [f"Forrás {n}" for n in range(5)]
    items = [{"name": name, "values": {"kind": "spring"}} for name in names]
    created = services.record_bulk_create(catalog="test-heritage", items=items)
    ids = [record.pk for record in created]
    assert ids == sorted(set(ids))
    assert [Record.objects.get(pk=pk).name for pk in ids] == names
    later = record_create(
        catalog="test-heritage", data={"name": "Később", "values": {"kind": "spring"}}
    )
    assert later.pk > max(ids)
