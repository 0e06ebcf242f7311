"""The public JSON of each published record is written with the record, in its transaction, and
``/api/v1/records/{id}`` serves it from one indexed read; what a record shows of related
records and settlements is written again when they change; ``check_index`` covers it."""

import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.utils import translation

from kozkincs.api.json_bodies import render_json
from kozkincs.api.models import RecordRepresentation
from kozkincs.api.representations import record_detail
from kozkincs.api.schemas import RecordDetailOut
from kozkincs.catalog import hooks
from kozkincs.catalog.fields import field_type_keys
from kozkincs.catalog.registry import reset_registry
from kozkincs.catalog.selectors import record_get_public
from kozkincs.catalog.services import (
    record_bulk_create,
    record_delete,
    record_publish,
    record_unpublish,
    record_update,
)
from kozkincs.gazetteer.services import settlement_update
from tests.api.conftest import CATALOG

pytestmark = pytest.mark.django_db(transaction=False)


def built(record, language: str) -> str:
    """What the API would answer if it built the JSON now."""
    fresh = record_get_public(catalog=record.catalog, record_id=record.pk)
    with translation.override(language):
        return render_json(RecordDetailOut, record_detail(fresh, language)).decode()


def stored(record, language: str = "en") -> str | None:
    row = RecordRepresentation.objects.filter(record_id=record.pk, language=language).first()
    return row.body if row else None


def test_every_public_record_has_its_json_stored_in_each_language(dataset):
    for record in (dataset.church, dataset.chapel, dataset.mill):
        for language in ("hu", "en", "de"):
            assert stored(record, language) == built(record, language)
    for hidden in (dataset.draft, dataset.archived):
        assert not RecordRepresentation.objects.filter(record_id=hidden.pk).exists()


def test_the_detail_is_one_indexed_read(client, dataset, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get(f"/api/v1/records/{dataset.chapel.pk}", {"lang": "en"})
    assert response.status_code == 200
    assert response.content.decode() == stored(dataset.chapel, "en")
    assert (
        response["ETag"].strip('"')
        == RecordRepresentation.objects.get(record_id=dataset.chapel.pk, language="en").etag
    )


def test_the_detail_answers_a_matching_etag_with_304(client, dataset):
    path = f"/api/v1/records/{dataset.church.pk}"
    etag = client.get(path)["ETag"]
    assert client.get(path, headers={"If-None-Match": etag}).status_code == 304
    record_update(record=dataset.church, data={"summary": "Új összefoglaló."})
    again = client.get(path, headers={"If-None-Match": etag})
    assert again.status_code == 200
    assert again.json()["summary"] == "Új összefoglaló."


@pytest.mark.parametrize("validator", ['"', "W/", "nonsense", '"' + "a" * 3000 + '"'])
def test_a_malformed_validator_gets_the_full_detail(client, dataset, validator):
    response = client.get(
        f"/api/v1/records/{dataset.church.pk}", headers={"If-None-Match": validator}
    )
    assert response.status_code == 200


@pytest.mark.parametrize("path", ["0", "-1", "abc", "99999999999999999999", "999999"])
def test_bad_or_unknown_ids_are_clear_errors(client, dataset, path):
    response = client.get(f"/api/v1/records/{path}", headers={"If-None-Match": '"x"'})
    assert response.status_code in (400, 404, 422)
    assert "detail" in response.json()


def test_an_unpublished_record_loses_its_json_and_the_related_record_forgets_it(client, dataset):
    record_unpublish(record=dataset.church)
    assert stored(dataset.church) is None
    assert client.get(f"/api/v1/records/{dataset.church.pk}").status_code == 404
    # The chapel is part of the church: its relations no longer show the church.
    assert stored(dataset.chapel) == built(dataset.chapel, "en")
    assert "Szent Mihály" not in stored(dataset.chapel, "hu")
    record_publish(record=dataset.church)
    assert "Szent Mihály" in stored(dataset.chapel, "hu")


def test_renaming_a_record_rewrites_the_records_that_show_its_name(dataset):
    record_update(record=dataset.church, data={"name": "Szent Mihály-plébániatemplom"})
    # The chapel refers to the church; the church lists the chapel as one of its parts.
    assert "Szent Mihály-plébániatemplom" in stored(dataset.chapel, "hu")
    record_update(record=dataset.chapel, data={"name": "Szent Anna-kápolna"})
    assert "Szent Anna-kápolna" in stored(dataset.church, "hu")
    for record in (dataset.church, dataset.chapel):
        assert stored(record) == built(record, "en")


def test_deleting_a_record_rewrites_the_records_that_showed_it(dataset):
    record_delete(record=dataset.chapel)
    assert not RecordRepresentation.objects.filter(record_id=dataset.chapel.pk).exists()
    assert "Szent Anna" not in stored(dataset.church, "hu")
    assert stored(dataset.church) == built(dataset.church, "en")


def test_renaming_a_settlement_rewrites_the_records_located_there(dataset):
    settlement_update(settlement=dataset.settlement, name="Bagodvitenyéd")
    for record in (dataset.church, dataset.mill):
        assert '"name":"Bagodvitenyéd"' in stored(record, "hu")
        assert stored(record) == built(record, "en")
    assert "Bagodvitenyéd" not in stored(dataset.chapel, "hu")  # located in the town


def test_renaming_a_settlement_rewrites_the_records_naming_it_in_a_field(dataset, make_record):
    fair = make_record("Búcsú", settlement=dataset.other_settlement, values={"kind": "chapel"}
                       | {"venue": dataset.settlement.ksh_code})  # fmt: skip
    assert ">Bagod</a>" in stored(fair, "hu")
    settlement_update(settlement=dataset.settlement, name="Bagodvitenyéd")
    assert ">Bagodvitenyéd</a>" in stored(fair, "hu")
    assert stored(fair) == built(fair, "en")


def test_a_failed_change_leaves_the_stored_json_as_it_was(dataset):
    before = stored(dataset.church, "hu")

    def broken(record_ids, action):
        raise RuntimeError("listener failed")

    hooks.register_record_listener(broken)
    try:
        with pytest.raises(RuntimeError):
            record_update(record=dataset.church, data={"name": "Soha"})
    finally:
        hooks.unregister_record_listener(broken)
    assert stored(dataset.church, "hu") == before


def test_check_index_reports_and_repairs_the_stored_json(dataset, capsys):
    call_command("check_index")
    with transaction.atomic():
        RecordRepresentation.objects.filter(record_id=dataset.church.pk, language="de").update(
            body="{}"
        )
        RecordRepresentation.objects.filter(record_id=dataset.mill.pk).delete()
        RecordRepresentation.objects.create(
            record_id=dataset.draft.pk, language="hu", body="{}", etag="x"
        )
    with pytest.raises(CommandError):
        call_command("check_index")
    output = capsys.readouterr().out
    assert str(dataset.church.pk) in output and str(dataset.mill.pk) in output
    assert str(dataset.draft.pk) in output
    call_command("check_index", "--repair")
    for record in (dataset.church, dataset.mill):
        assert stored(record, "de") == built(record, "de")
    assert not RecordRepresentation.objects.filter(record_id=dataset.draft.pk).exists()
    call_command("check_index")


CATALOG_TESTS = Path(__file__).resolve().parents[1] / "catalog" / "definitions"


def every_field_type(dataset, organisations: list) -> dict:
    """A value of each field type of the test heritage catalog, with markup to escape."""
    return {
        "kind": "church", "features": ["tower", "organ"], "inscription": "Soli <Deo> & Gloria",
        "history": "Első <b>bekezdés</b>.\n\nMásodik <script>x</script>.", "floors": 3,
        "area_ha": "1234.5", "built_year": 1747, "listed_on": "2001-05-31",
        "built": "1747-1769", "open_to_public": True, "website": "https://x.hu/?a=1&b=2",
        "email": "info@example.hu", "phones": ["06 92 510 123", "+36 30 123 4567"],
        "isbn": "978-0-306-40615-7", "issn": "03178471", "tax_number": "10773381 2 44",
        "ksh_code": dataset.settlement.ksh_code, "venue": dataset.other_settlement.ksh_code,
        "maintainer": organisations[0].pk, "partners": [o.pk for o in organisations],
        "contact": {"name": "Nagy <Béla>", "role": "gondnok", "phone": "06 92 510 123"},
        "awards": [{"body": "KÓTA <x>", "level": "gold", "year": 2019}, {"body": "B & C"}],
    }  # fmt: skip


@pytest.fixture
def heritage_catalogs(settings):
    settings.KOZKINCS_CATALOG_DIRS = [*settings.KOZKINCS_CATALOG_DIRS, str(CATALOG_TESTS)]
    reset_registry()


def test_the_stored_json_of_every_field_type_is_what_the_api_renders_now(
    dataset, heritage_catalogs, make_record, django_capture_on_commit_callbacks
):
    organisations = [
        make_record("Egylet <&>", catalog="test-organisations", values={"founded": 1990}),
        make_record("Második egylet", catalog="test-organisations", name_en="Second club"),
    ]
    values = every_field_type(dataset, organisations)
    consent = {"contact": {"consent": True, "visibility": "public"}}
    full = make_record(
        "Teljes <rekord>",
        catalog="test-heritage",
        values=values,
        privacy=consent,
        settlements=[dataset.settlement],
        tags=["a <b>"],
    )
    single = make_record(
        "Egy érték", catalog="test-heritage", values={"kind": "spring", "phones": ["06 92 510 124"]}
    )
    with django_capture_on_commit_callbacks(execute=True):
        bulk = record_bulk_create(catalog="test-heritage", items=[
            {"name": f"Tömeges {n}", "values": values, "privacy": consent} for n in range(3)
        ])  # fmt: skip
    for record in [full, single, *bulk, *organisations]:
        for language in ("hu", "en", "de"):
            assert stored(record, language) == built(record, language), (record, language)
    shown_types = {field["type"] for field in json.loads(stored(full, "en"))["fields"]}
    assert shown_types == set(field_type_keys())


def test_a_bulk_write_stores_the_json_after_its_commit_and_it_is_served_live_meanwhile(
    client, dataset, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as after_commit:
        [mill] = record_bulk_create(catalog=CATALOG, items=[{
            "name": "Új malom", "settlement": dataset.settlement,
            "values": {"kind": "mill", "part_of": [dataset.church.pk]},
        }])  # fmt: skip
    # Nothing rendered in the write's transaction; the church (it lists its parts) lost its
    # stored JSON rather than keep one that no longer says everything.
    assert stored(mill) is None and stored(dataset.church) is None
    assert stored(dataset.chapel) == built(dataset.chapel, "en")
    for record in (mill, dataset.church):
        response = client.get(f"/api/v1/records/{record.pk}", {"lang": "en"})
        assert response.status_code == 200
        assert response.content.decode() == built(record, "en")
        waiting_etag = response["ETag"]
    assert "Új malom" in client.get(f"/api/v1/records/{dataset.church.pk}").content.decode()
    for callback in after_commit:
        callback()  # the tasks (the immediate backend runs them at once)
    for record in (mill, dataset.church):
        for language in ("hu", "en", "de"):
            assert stored(record, language) == built(record, language)
    stored_etag = RecordRepresentation.objects.get(record_id=dataset.church.pk, language="en").etag
    assert waiting_etag.strip('"') == stored_etag


def test_a_single_edit_still_writes_the_json_in_its_transaction(dataset):
    with transaction.atomic():
        record_update(record=dataset.mill, data={"name": "Vízimalom és pajta"})
        assert "Vízimalom és pajta" in stored(dataset.mill, "hu")


@pytest.mark.django_db(transaction=True)
def test_the_worker_writes_what_a_bulk_write_left_and_check_index_can_too(settings, client):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    records = record_bulk_create(catalog=CATALOG, items=[
        {"name": f"Malom {number}", "values": {"kind": "mill"}} for number in range(3)
    ])  # fmt: skip
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    assert not RecordRepresentation.objects.exists()
    assert client.get(f"/api/v1/records/{records[0].pk}").status_code == 200
    with pytest.raises(CommandError):
        call_command("check_index")  # missing until the worker has run
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    for record in records:
        assert stored(record, "de") == built(record, "de")
    call_command("check_index")
    RecordRepresentation.objects.filter(record_id=records[1].pk).delete()
    call_command("check_index", "--repair")
    assert stored(records[1], "hu") == built(records[1], "hu")
