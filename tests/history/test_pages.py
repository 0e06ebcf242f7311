"""The history pages: versions, comparison, revert, trash; refusals and bad input."""

import pytest
from django.urls import reverse

from kozkincs.catalog.models import Record
from kozkincs.catalog.services import record_archive, record_create, record_update

Version = Record.history.model


def _url(name, *args, language="en"):
    from django.utils import translation

    with translation.override(language):
        return reverse(f"history:{name}", args=args)


def _ids(record):
    return list(
        Version.objects.filter(id=record.pk)
        .order_by("history_date", "history_id")
        .values_list("history_id", flat=True)
    )


@pytest.fixture
def edited(church, editor, bak):
    other = record_create(catalog="test-organisations", data={"name": "Egyesület"})
    return record_update(
        record=church, user=editor,
        data={"description": "<p>Barokk templom a <em>piactéren</em>.</p>", "settlement": "13514",
              "values": {"kind": "mansion", "maintainer": other.pk}},
    )  # fmt: skip


def test_the_history_page_lists_who_when_and_which_fields(client, edited, editor):
    client.force_login(editor)
    page = client.get(_url("record_history", edited.pk)).content.decode()
    assert "Kata Szabó" in page
    assert "Description (Hungarian), Settlement, Kind, Maintainer" in page
    assert page.count("Revert to this version") == 1  # not for the current version


def test_the_page_speaks_hungarian(client, edited, editor):
    client.force_login(editor)
    page = client.get(_url("record_history", edited.pk, language="hu")).content.decode()
    assert "Előzmények" in page and "Visszaállítás erre a változatra" in page


def test_the_comparison_shows_values_as_the_public_page_does(client, edited, editor):
    client.force_login(editor)
    first, second = _ids(edited)
    page = client.get(
        _url("compare", edited.pk),
        {"from": second, "to": first},  # either order
    ).content.decode()
    assert "Version 1 compared with version 2" in page
    assert "<del>church</del>" in page and "<ins>mansion</ins>" in page
    assert "<del>Zalaegerszeg</del>" in page and "<ins>Bak</ins>" in page
    assert "<del>Plébánia</del>" in page and "<ins>Egyesület</ins>" in page
    assert "<del>főtéren.</del>" in page and "<ins>piactéren.</ins>" in page
    assert "&lt;p&gt;" not in page and "<strong>" not in page  # rich text compared as text


@pytest.mark.parametrize("params", [{"from": "999999", "to": "1"}, {"from": "x"}, {}])
def test_unknown_versions_are_a_clear_400(client, edited, editor, params):
    client.force_login(editor)
    response = client.get(_url("compare", edited.pk), params)
    assert response.status_code == 400
    assert "is not a version of this record" in response.content.decode()


def test_a_version_of_another_record_is_not_compared_or_reverted(
    client, edited, editor, maintainer
):
    client.force_login(editor)
    foreign = _ids(maintainer)[0]
    response = client.get(_url("compare", edited.pk), {"from": foreign, "to": _ids(edited)[0]})
    assert response.status_code == 400
    response = client.post(
        _url("revert", edited.pk), {"history_id": foreign, "version": edited.version}
    )
    assert response.status_code == 400
    assert Record.objects.get(pk=edited.pk).version == edited.version


def test_revert_from_the_page_makes_a_new_version(client, edited, editor):
    client.force_login(editor)
    first = _ids(edited)[0]
    response = client.post(
        _url("revert", edited.pk), {"history_id": first, "version": edited.version}, follow=True
    )
    assert "Reverted to version 1; this is now a new version." in response.content.decode()
    record = Record.objects.get(pk=edited.pk)
    assert (record.version, record.values, record.settlement.name) == (
        3, {"kind": "church"}, "Zalaegerszeg",
    )  # fmt: skip
    assert "reverted to version 1" in response.content.decode()


@pytest.mark.parametrize(
    ("history_id", "seen"), [(0, "1"), (0, ""), (0, "abc"), ("", "2"), ("x", "2"), (1, "2")]
)
def test_a_stale_or_incomplete_revert_changes_nothing(client, edited, editor, history_id, seen):
    """A stale or missing version, no or an unknown version id, the current version."""
    client.force_login(editor)
    if isinstance(history_id, int):
        history_id = _ids(edited)[history_id]
    response = client.post(_url("revert", edited.pk), {"history_id": history_id, "version": seen})
    assert response.status_code in (400, 409)
    assert "error-box" in response.content.decode()
    assert Record.objects.get(pk=edited.pk).version == 2


def test_refusals(client, edited, django_user_model):
    url = _url("record_history", edited.pk)
    assert client.get(url).status_code == 302  # to the login
    client.force_login(django_user_model.objects.create_user("latogato", password="x"))
    assert client.get(url).status_code == 403
    assert client.get(_url("trash")).status_code == 403
    response = client.post(
        _url("revert", edited.pk), {"history_id": _ids(edited)[0], "version": "2"}
    )
    assert response.status_code == 403
    assert Record.objects.get(pk=edited.pk).version == 2


def test_trash_restore_and_purge(client, church, editor, administrator):
    record_archive(record=church, user=editor)
    client.force_login(editor)
    page = client.get(_url("trash")).content.decode()
    assert "Szent Mária Magdolna-templom" in page and "Delete for good" not in page
    assert client.get(_url("purge", church.pk)).status_code == 403
    response = client.post(_url("restore", church.pk), follow=True)
    assert "was restored" in response.content.decode()
    assert Record.objects.get(pk=church.pk).status == "draft"
    response = client.post(_url("restore", church.pk))
    assert response.status_code == 400 and "not in the trash" in response.content.decode()

    record_archive(record=church)
    client.force_login(administrator)
    assert "Delete for good" in client.get(_url("trash")).content.decode()
    assert client.get(_url("purge", church.pk)).status_code == 200
    client.post(_url("purge", church.pk))
    assert not Record.objects.filter(pk=church.pk).exists()
    assert not Version.objects.filter(id=church.pk).exists()


def test_purge_outside_the_trash_is_refused(client, church, administrator):
    client.force_login(administrator)
    response = client.post(_url("purge", church.pk))
    assert response.status_code == 400
    assert Record.objects.filter(pk=church.pk).exists()


def test_the_history_of_200_versions_takes_a_bounded_number_of_queries(
    client, church, editor, django_assert_max_num_queries
):
    for number in range(199):
        church = record_update(record=church, data={"summary": f"Összefoglaló {number}."})
    client.force_login(editor)
    with django_assert_max_num_queries(6):  # session, user, record, versions (+ slack)
        response = client.get(_url("record_history", church.pk))
    assert response.content.decode().count('name="from"') == 200


def test_the_second_saver_sees_both_versions_keeps_the_input_and_a_link_to_the_history(
    admin_client, church
):
    from tests.catalog.test_admin import form_data

    record_update(record=church, data={"summary": "Valaki más írta"})
    response = admin_client.post(
        reverse("admin:catalog_record_change", args=[church.pk]),
        form_data(version="1", summary="Én írtam", settlement=church.settlement_id),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    page = response.content.decode()
    assert "Valaki más írta" in page and "Én írtam" in page
    assert _url("record_history", church.pk) in page
    assert [v.summary for v in Version.objects.filter(id=church.pk)] == ["Valaki más írta", ""]


def test_the_admin_history_and_the_edit_form_link_each_other(admin_client, church):
    url = reverse("admin:catalog_record_change", args=[church.pk])
    form = admin_client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert _url("record_history", church.pk) in form.content.decode()
    url = reverse("admin:catalog_record_history", args=[church.pk])
    history = admin_client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert history.status_code == 200
    assert _url("record_history", church.pk) in history.content.decode()
