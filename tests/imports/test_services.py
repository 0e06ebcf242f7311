"""Importing and undoing: all or nothing, history versions, the search index, batches, repeats,
one import per catalog at a time."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from kozkincs.catalog.models import Record
from kozkincs.catalog.services import record_create, record_publish, record_update
from kozkincs.core.running import running
from kozkincs.imports.models import ImportBatch
from kozkincs.imports.plan import ImportOptions
from kozkincs.imports.selectors import import_batch_interrupted
from kozkincs.imports.services import (
    ImportRefused,
    import_batch_apply,
    import_batch_create,
    import_batch_preview,
    import_batch_recover,
    import_batch_undo,
)
from tests.imports.conftest import HEADER, csv_bytes, good_rows

Version = Record.history.model


def _batch(tmp_path, rows, editor, name="a.csv", language="en", **options):
    path = tmp_path / name
    path.write_bytes(csv_bytes(rows))
    return import_batch_create(catalog="test-heritage", source=path, file_name=name, user=editor,
                               options=ImportOptions(**options), language=language)  # fmt: skip


def _heritage():
    return Record.objects.filter(catalog="test-heritage")


def test_an_import_creates_records_with_versions_index_and_a_batch(
    tmp_path, places, maintainer, editor
):

    batch = _batch(tmp_path, good_rows(), editor)
    import_batch_apply(batch=batch, user=editor)
    batch.refresh_from_db()
    records = list(_heritage().order_by("name"))
    assert [r.name for r in records] == ["Batthyány-kastély", "Forráskút",
                                         "Szent Mária Magdolna-templom"]  # fmt: skip
    church = records[2]
    assert church.values["area_ha"] == "1234.5" and church.values["listed_on"] == "2010-05-13"
    assert church.settlement.name == "Zalaegerszeg" and church.status == "published"
    assert Version.objects.filter(id__in=[r.pk for r in records]).count() == 3
    assert batch.status == "applied" and sorted(batch.created_ids) == sorted(r.pk for r in records)
    assert (batch.new_count, batch.user, len(batch.file_hash)) == (3, editor, 64)


def test_one_invalid_row_imports_nothing(tmp_path, places, maintainer, editor):
    rows = [*good_rows(), ["Rossz", "Bak", "nincs ilyen típus", "", "", "", ""]]
    batch = _batch(tmp_path, rows, editor)
    with pytest.raises(ImportRefused, match="1 row is invalid"):
        import_batch_apply(batch=batch, user=editor)
    assert not _heritage().exists()
    batch.refresh_from_db()
    assert batch.status == "uploaded" and batch.invalid_count == 1 and not batch.work


def test_refusals_speak_the_language_of_the_batch(tmp_path, places, editor):
    rows = [["Név", "Típus", "Település"], ["A", "templom", "Zalaegerszg"]]
    batch = _batch(tmp_path, rows, editor, language="hu")
    with pytest.raises(ImportRefused, match="1 sor hibás: semmi sem került be"):
        import_batch_apply(batch=batch, user=editor)
    batch.refresh_from_db()
    assert batch.report["problems"][0][3] == (
        "Ismeretlen település: „Zalaegerszg”. Erre gondolt: „Zalaegerszeg”?"
    )


def test_the_same_file_twice_is_refused_unless_confirmed(tmp_path, places, maintainer, editor):
    import_batch_apply(batch=_batch(tmp_path, good_rows(), editor), user=editor)
    again = _batch(tmp_path, good_rows(), editor)
    with pytest.raises(ImportRefused, match="already imported"):
        import_batch_apply(batch=again, user=editor)
    assert _heritage().count() == 3
    import_batch_apply(batch=again, user=editor, confirm_repeat=True)
    assert _heritage().count() == 6


def test_an_unknown_catalog_is_refused(tmp_path, editor):
    path = tmp_path / "a.csv"
    path.write_bytes(csv_bytes(good_rows()))
    with pytest.raises(ImportRefused, match="Unknown catalog"):
        import_batch_create(catalog="nincs", source=path, file_name="a.csv", user=editor)
    assert not ImportBatch.objects.exists()


def test_a_bad_file_is_refused_at_upload_and_not_kept(tmp_path, settings, editor):
    path = tmp_path / "a.csv"
    path.write_bytes(b"\x00\x01binary" * 100)
    with pytest.raises(ImportRefused, match="not a spreadsheet"):
        import_batch_create(catalog="test-heritage", source=path, file_name="a.csv")
    assert not list(settings.KOZKINCS_IMPORT_DIR.iterdir())


def test_a_file_over_the_size_limit_is_refused(tmp_path, settings, editor):
    settings.KOZKINCS_IMPORT_MAX_BYTES = 100
    path = tmp_path / "a.csv"
    path.write_bytes(csv_bytes(good_rows()))
    with pytest.raises(ImportRefused, match="larger than"):
        import_batch_create(catalog="test-heritage", source=path, file_name="a.csv")


def test_a_second_import_into_the_catalog_at_the_same_time_is_refused(
    tmp_path, places, maintainer, editor
):
    first = _batch(tmp_path, good_rows(), editor)
    ImportBatch.objects.filter(pk=first.pk).update(status="applying", work="apply")
    other = _batch(tmp_path, good_rows()[:2], editor, name="b.csv")
    with running(first.lock_name), pytest.raises(ImportRefused, match="Another import"):
        import_batch_apply(batch=other, user=editor)  # the first one's process holds its lock
    assert not _heritage().exists()
    with pytest.raises(IntegrityError), transaction.atomic():
        ImportBatch.objects.filter(pk=other.pk).update(status="applying")


def test_an_import_left_applying_by_a_dead_process_no_longer_blocks_the_catalog(
    tmp_path, places, maintainer, editor
):
    stuck = _batch(tmp_path, good_rows(), editor)
    import_batch_preview(batch=stuck)
    ImportBatch.objects.filter(pk=stuck.pk).update(status="applying", work="apply")
    other = _batch(tmp_path, good_rows()[:2], editor, name="b.csv")
    import_batch_apply(batch=other, user=editor)  # nobody holds the stuck one's lock
    other.refresh_from_db()
    assert other.status == "applied" and _heritage().count() == other.new_count > 0
    stuck.refresh_from_db()
    assert (stuck.status, stuck.work) == ("previewed", "")
    assert "interrupted" in stuck.message or "megszakadt" in stuck.message


def test_a_preview_left_running_by_a_dead_process_is_released(tmp_path, places, editor):
    batch = _batch(tmp_path, good_rows(), editor)
    ImportBatch.objects.filter(pk=batch.pk).update(work="preview")
    batch.refresh_from_db()
    with running(batch.lock_name):
        assert not import_batch_interrupted(batch)
        assert not import_batch_recover(batch=batch)
    assert import_batch_interrupted(batch)
    assert import_batch_recover(batch=batch)
    assert batch.work == "" and batch.status == "uploaded" and batch.message
    assert not import_batch_interrupted(batch)


def test_the_same_batch_cannot_be_applied_twice(tmp_path, places, maintainer, editor):
    batch = _batch(tmp_path, good_rows(), editor)
    import_batch_apply(batch=batch, user=editor)
    with pytest.raises(ImportRefused, match="already running or has finished"):
        import_batch_apply(batch=batch, user=editor, confirm_repeat=True)
    assert _heritage().count() == 3


@pytest.fixture
def existing(places):
    return record_create(catalog="test-heritage", data={
        "name": "Régi név", "settlement": "13514",
        "values": {"kind": "church", "inscription": "T-1"}})  # fmt: skip


def _upsert_rows():
    return [["Felirat", "Név", "Típus", "Település"], ["T-1", "Új név", "kastély", "Bak"],
            ["T-9", "Új rekord", "forrás", "Zalaegerszeg"]]  # fmt: skip


def test_upsert_updates_through_history_and_undo_restores_everything(tmp_path, existing, editor):
    batch = _batch(tmp_path, _upsert_rows(), editor, update_by="Felirat")
    import_batch_apply(batch=batch, user=editor)
    existing.refresh_from_db()
    assert (existing.name, existing.values["kind"], existing.version) == ("Új név", "mansion", 2)
    assert Version.objects.filter(id=existing.pk).latest("history_id").history_change_reason == (
        "imported"
    )
    created = Record.objects.get(name="Új rekord")
    batch.refresh_from_db()
    assert batch.updated_records == [{"id": existing.pk, "before": 1, "after": 2}]
    import_batch_undo(batch=batch, user=editor)
    existing.refresh_from_db()
    created.refresh_from_db()
    assert (existing.name, existing.values["kind"], existing.version) == ("Régi név", "church", 3)
    assert created.status == "archived"
    assert Version.objects.filter(id=existing.pk).count() == 3  # undo adds, never deletes
    batch.refresh_from_db()
    assert batch.status == "undone" and batch.undone_by == editor
    with pytest.raises(ImportRefused, match="in effect"):
        import_batch_undo(batch=batch, user=editor)


def test_undo_is_refused_when_a_record_changed_since(tmp_path, existing, editor):
    batch = _batch(tmp_path, _upsert_rows(), editor, update_by="inscription")
    import_batch_apply(batch=batch, user=editor)
    existing.refresh_from_db()
    record_update(record=existing, data={"summary": "kézzel javítva"}, user=editor)
    with pytest.raises(ImportRefused, match="Új név"):
        import_batch_undo(batch=batch, user=editor)
    existing.refresh_from_db()
    assert existing.summary == "kézzel javítva"
    assert Record.objects.get(name="Új rekord").status == "published"


def test_unchanged_rows_are_not_written(tmp_path, existing, editor):
    rows = [["Felirat", "Név", "Típus"], ["T-1", "Régi név", "templom"]]
    batch = _batch(tmp_path, rows, editor, update_by="Felirat")
    plan = import_batch_preview(batch=batch)
    assert plan.counts()["unchanged"] == 1
    import_batch_apply(batch=batch, user=editor)
    existing.refresh_from_db()
    assert existing.version == 1


def test_imported_records_are_found_by_search(tmp_path, places, maintainer, editor):
    from django.test import Client

    import_batch_apply(batch=_batch(tmp_path, good_rows(), editor), user=editor)
    answer = Client().get("/api/v1/records", {"q": "Forráskút", "catalog": "test-heritage"})
    assert answer.status_code == 200
    assert [item["name"] for item in answer.json()["items"]] == ["Forráskút"]


def _rows(count: int, prefix: str) -> list[list[str]]:
    """``count`` rows like ``good_rows``: a settlement, a relation, numbers and dates each."""
    places = ["Zalaegerszeg", "Bak", "Nagykutas"]
    return [HEADER, *(
        [f"{prefix} templom {n}", places[n % 3], "templom", str(1700 + n), f"{n},5",
         "2010. május 13.", "Szent Mária Plébánia" if n % 2 else ""]
        for n in range(count)
    )]  # fmt: skip


def test_the_queries_of_an_import_do_not_grow_with_its_rows(tmp_path, places, maintainer, editor):
    counts = []
    for size in (4, 40):
        batch = _batch(tmp_path, _rows(size, f"R{size}"), editor, name=f"{size}.csv")
        with CaptureQueriesContext(connection) as queries:
            import_batch_apply(batch=batch, user=editor)
        counts.append(len(queries.captured_queries))
    assert _heritage().count() == 44
    assert counts[0] == counts[1]


def test_the_write_leaves_the_plan_out_of_the_collectors_passes(
    tmp_path, places, maintainer, editor, monkeypatch
):
    import gc

    from kozkincs.catalog import services as catalog_services
    from kozkincs.imports import services

    frozen = gc.get_freeze_count()
    gc.unfreeze()  # as in the command line's and the task worker's processes
    seen = []
    bulk_create = catalog_services.record_bulk_create_cleaned

    def watched(**kwargs):
        seen.append(gc.get_freeze_count())
        return bulk_create(**kwargs)

    monkeypatch.setattr(services, "record_bulk_create_cleaned", watched)
    try:
        import_batch_apply(batch=_batch(tmp_path, _rows(3, "G"), editor), user=editor)
        after = gc.get_freeze_count()
    finally:
        if frozen:
            gc.freeze()
    assert seen and seen[0] > 0
    assert after == 0
    assert _heritage().count() == 3


def test_each_row_is_validated_once_and_indexed_as_a_single_save_would(
    tmp_path, places, maintainer, editor, monkeypatch
):
    from kozkincs.catalog import record_values
    from kozkincs.search.consistency import index_check

    validated = []
    real = record_values.clean_values

    def counted(**arguments):
        validated.append(arguments["data"]["name"])
        return real(**arguments)

    record_publish(record=maintainer)  # its name is then indexed with the rows naming it
    monkeypatch.setattr(record_values, "clean_values", counted)
    import_batch_apply(batch=_batch(tmp_path, _rows(30, "R"), editor), user=editor)
    assert sorted(validated) == sorted(f"R templom {n}" for n in range(30))
    check = index_check(contents=True)  # the stored index against the records read back
    assert check.agrees and check.checked == 31  # the 30 rows and the maintainer


@pytest.mark.django_db(transaction=True)
def test_a_reference_deleted_after_the_validation_imports_nothing(
    tmp_path, places, maintainer, editor, monkeypatch
):
    from kozkincs.imports import services

    real = services.import_plan

    def plan_then_delete(**arguments):
        plan = real(**arguments)
        Record.objects.filter(pk=maintainer.pk).delete()  # behind the services' back
        return plan

    monkeypatch.setattr(services, "import_plan", plan_then_delete)
    batch = _batch(tmp_path, good_rows(), editor)
    with pytest.raises(ImportRefused, match="was changed while the file was being imported"):
        import_batch_apply(batch=batch, user=editor)
    batch.refresh_from_db()
    assert batch.status == "uploaded" and not _heritage().exists()
