"""Contributors propose, moderators decide: change requests, the queue, the diff, stale
approvals, mails to the author, "my contributions"."""

import pytest
from django.core import mail
from django.urls import reverse

from kozkincs.catalog.models import Record
from kozkincs.catalog.services import record_update
from kozkincs.editing.models import ChangeRequest
from kozkincs.editing.services import ChangeRequestStale, change_request_approve
from tests.editing.forms_data import form_data

pytestmark = pytest.mark.django_db

State = ChangeRequest.State


@pytest.fixture
def proposed(client, contributor, church, django_capture_on_commit_callbacks):
    """The contributor's change of the published church, waiting for a moderator."""
    client.force_login(contributor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("editing:edit", args=[church.pk]),
            form_data(
                version=str(church.version), name="Magdolna-templom", summary="Új összefoglaló",
                value__maintainer="Plébánia",
            ),
        )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:3000]
    assert response.url == reverse("editing:contributions")
    return ChangeRequest.objects.get()


def test_a_contributors_change_waits_and_the_published_version_stays(proposed, church, client):
    church.refresh_from_db()
    assert church.name == "Szent Mária Magdolna-templom" and church.version == 2
    assert proposed.state == State.SUBMITTED and proposed.base_version == 2
    assert proposed.record == church and proposed.settlement.ksh_code == "32054"
    public = client.get(church.get_absolute_url()).content.decode()
    assert "Új összefoglaló" not in public


def test_the_moderator_sees_a_field_by_field_diff_and_approves(
    proposed, church, client, moderator, contributor, django_capture_on_commit_callbacks
):
    client.force_login(moderator)
    page = client.get(reverse("editing:review", args=[proposed.pk])).content.decode()
    assert (
        "Name (Hungarian)" in page and "<del>Szent Mária </del>" in page and "Inscription" in page
    )
    versions_before = Record.history.filter(id=church.pk).count()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("editing:review", args=[proposed.pk]), {"decision": "approve"}
        )
    assert response.status_code == 302
    church.refresh_from_db()
    assert church.name == "Magdolna-templom" and church.status == "published"
    assert church.values["inscription"] == "Soli Deo Gloria"
    latest = Record.history.filter(id=church.pk).latest("history_date")
    assert Record.history.filter(id=church.pk).count() == versions_before + 1
    assert latest.history_user == contributor
    proposed.refresh_from_db()
    assert proposed.state == State.APPROVED and proposed.decided_by == moderator
    assert mail.outbox[-1].to == ["lakos@example.org"] and "approved" in mail.outbox[-1].subject
    search = client.get(reverse("web:search"), {"q": "Magdolna-templom"}).content.decode()
    assert church.get_absolute_url() in search


def test_reject_needs_a_reason_and_tells_the_author(
    proposed, church, client, moderator, django_capture_on_commit_callbacks
):
    client.force_login(moderator)
    path = reverse("editing:review", args=[proposed.pk])
    response = client.post(path, {"decision": "reject", "reason": " "})
    assert response.status_code == 400 and "Write the author why" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(path, {"decision": "reject", "reason": "Nincs forrás."})
    proposed.refresh_from_db()
    assert proposed.state == State.REJECTED and proposed.reason == "Nincs forrás."
    assert "Nincs forrás." in mail.outbox[-1].body
    church.refresh_from_db()
    assert church.name == "Szent Mária Magdolna-templom"
    again = client.post(path, {"decision": "approve"})
    assert again.status_code == 400 and "decided on already" in again.content.decode()


def test_asking_for_changes_lets_the_author_send_again(
    proposed, church, client, moderator, contributor
):
    client.force_login(moderator)
    client.post(reverse("editing:review", args=[proposed.pk]),
                {"decision": "ask_changes", "reason": "Adjon meg forrást."})  # fmt: skip
    client.force_login(contributor)
    listing = client.get(reverse("editing:contributions")).content.decode()
    assert "Adjon meg forrást." in listing and "Magdolna-templom" in listing
    path = reverse("editing:proposal", args=[proposed.pk])
    assert 'name="name" value="Magdolna-templom"' in client.get(path).content.decode()
    response = client.post(path, form_data(version="2", name="Magdolna-templom (Zalaegerszeg)",
                                           value__maintainer="Plébánia"))  # fmt: skip
    assert response.status_code == 302
    proposed.refresh_from_db()
    assert (
        proposed.state == State.SUBMITTED
        and proposed.data["name"] == "Magdolna-templom (Zalaegerszeg)"
    )
    again = client.post(path, form_data(version="2", name="Más"))
    assert again.status_code == 200  # no longer editable: shown, not saved
    proposed.refresh_from_db()
    assert proposed.data["name"] == "Magdolna-templom (Zalaegerszeg)"


def test_a_stale_approval_is_shown_and_needs_the_moderators_confirmation(
    proposed, church, client, moderator
):
    record_update(record=church, data={"summary": "Közben valaki más"}, user=moderator)
    client.force_login(moderator)
    path = reverse("editing:review", args=[proposed.pk])
    page = client.get(path).content.decode()
    assert (
        "was changed after this proposal was made" in page
        and 'name="confirmed_version" value="3"' in page
    )
    response = client.post(path, {"decision": "approve"})
    assert response.status_code == 409
    church.refresh_from_db()
    assert church.summary == "Közben valaki más" and church.name == "Szent Mária Magdolna-templom"
    response = client.post(path, {"decision": "approve", "confirmed_version": "3"})
    assert response.status_code == 302
    church.refresh_from_db()
    assert church.name == "Magdolna-templom" and church.version == 4


def test_a_stale_confirmation_of_an_older_version_is_refused(proposed, church, moderator):
    record_update(record=church, data={"summary": "egy"}, user=moderator)
    with pytest.raises(ChangeRequestStale):
        change_request_approve(change_request=proposed, moderator=moderator, confirmed_version=2)


def test_a_contributors_new_record_is_created_only_on_approval(
    client, contributor, moderator, zalaegerszeg
):
    client.force_login(contributor)
    response = client.post(reverse("editing:create", args=["test-heritage"]), form_data())
    assert response.status_code == 302
    assert not Record.objects.filter(catalog="test-heritage").exists()
    proposal = ChangeRequest.objects.get()
    assert proposal.is_new_record and proposal.name == "Szent Mária Magdolna-templom"
    client.force_login(moderator)
    queue = client.get(
        reverse("editing:queue"), {"catalog": "test-heritage", "settlement": "Zalaegerszeg"}
    )
    assert "Szent Mária Magdolna-templom" in queue.content.decode()
    other = client.get(reverse("editing:queue"), {"catalog": "test-organisations"})
    assert "Szent Mária Magdolna-templom" not in other.content.decode()
    client.post(reverse("editing:review", args=[proposal.pk]), {"decision": "approve"})
    record = Record.objects.get(catalog="test-heritage")
    assert record.status == "published" and record.created_by == contributor
    proposal.refresh_from_db()
    assert proposal.record == record


def test_an_invalid_proposal_is_refused_with_the_fields_messages(client, contributor, church):
    client.force_login(contributor)
    response = client.post(
        reverse("editing:edit", args=[church.pk]),
        form_data(version=str(church.version), value__isbn="123"),
    )
    assert response.status_code == 400 and "ISBN" in response.content.decode()
    assert not ChangeRequest.objects.exists()


def test_the_queue_filter_explains_a_bad_settlement(client, moderator):
    client.force_login(moderator)
    response = client.get(reverse("editing:queue"), {"settlement": "Sehol"})
    assert response.status_code == 400
    assert "No settlement is called" in response.content.decode()


def test_the_queue_is_paginated(client, moderator, contributor, zalaegerszeg):
    for number in range(30):
        ChangeRequest.objects.create(
            catalog="test-heritage", name=f"Javaslat {number}", author=contributor,
            data={"name": f"Javaslat {number}"},
        )  # fmt: skip
    client.force_login(moderator)
    first = client.get(reverse("editing:queue")).content.decode()
    second = client.get(reverse("editing:queue"), {"page": "2"}).content.decode()
    assert first.count("Javaslat ") == 25 + 0 and second.count("Javaslat ") == 5
    assert client.get(reverse("editing:queue"), {"page": "x"}).status_code == 200


def test_a_moderator_of_another_settlement_neither_lists_nor_decides_the_proposal(
    proposed, client, django_user_model, bak, moderator
):
    """The church is in Zalaegerszeg; a moderator of Bak sees an empty queue and is refused."""
    from allauth.account.models import EmailAddress

    from kozkincs.accounts.models import Role
    from kozkincs.accounts.services import role_grant_create

    bak_moderator = django_user_model.objects.create_user("bakimod", "b@example.org", "x")
    EmailAddress.objects.create(user=bak_moderator, email=bak_moderator.email, verified=True)
    role_grant_create(
        user=bak_moderator, role=Role.MODERATOR, granted_by=moderator, settlements=[bak]
    )
    client.force_login(bak_moderator)
    queue = client.get(reverse("editing:queue"))
    assert queue.status_code == 200
    assert "Magdolna-templom" not in queue.content.decode()
    refused = client.post(reverse("editing:review", args=[proposed.pk]), {"decision": "approve"})
    assert refused.status_code == 403
    proposed.refresh_from_db()
    assert proposed.state == State.SUBMITTED
    client.force_login(moderator)  # an unscoped moderator lists it
    assert "Magdolna-templom" in client.get(reverse("editing:queue")).content.decode()
