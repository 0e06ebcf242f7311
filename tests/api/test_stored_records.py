"""The public JSON of each published record is written with the record, in its transaction, and
``/api/v1/records/{id}`` serves it from one indexed read; what a record shows of related
records and settlements is written again when they change; ``check_index`` covers it."""

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
from kozkincs.catalog.selectors import record_get_public
from kozkincs.catalog.services import (
    record_delete,
    record_publish,
    record_unpublish,
    record_update,
)
from kozkincs.gazetteer.services import settlement_update

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
