"""The settlement profile lists the public project ideas concerning the settlement, with their
status, and its ``ETag`` changes whenever that list may show something else."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kozkincs.network.kinds import ActorKind
from kozkincs.network.services import actor_create
from kozkincs.projects.models import ProjectIdea
from kozkincs.projects.selectors import SETTLEMENT_IDEAS_SHOWN
from kozkincs.projects.services import idea_create, idea_move, idea_update
from tests.web.html_structure import accessibility_problems, read
from tests.web.urls import named_url

pytestmark = pytest.mark.django_db


def profile(language: str = "hu") -> str:
    return named_url("web:settlement_detail", language, slug="bagod")


def etag_of(client) -> str:
    response = client.get(profile())
    assert response.status_code == 200
    return response["ETag"]


def is_modified(client, etag: str) -> bool:
    status = client.get(profile(), headers={"if-none-match": etag}).status_code
    assert status in (200, 304)
    return status == 200


@pytest.mark.parametrize(("language", "status"), [("hu", "ötlet"), ("en", "idea")])
def test_the_profile_lists_the_public_ideas_of_the_settlement_with_their_status(
    client, idea, library, bagod, zalaegerszeg, language, status
):
    elsewhere = idea_create(lead=library, title="Városi olvasómaraton", settlements=[zalaegerszeg])
    hidden_lead = actor_create(kind=ActorKind.PERSON, name="Titkos Teréz")
    hidden = idea_create(lead=hidden_lead, title="Titkos terv", settlements=[bagod])

    response = client.get(profile(language))

    page = read(response.content)
    assert accessibility_problems(page) == []
    html = response.content.decode()
    section = html[html.index('id="ideas-heading"') :]
    assert named_url("projects:idea_detail", language, idea_id=idea.pk) in section
    assert "Népdalkörök találkozója" in section and f"— {status}" in section
    assert "Bagodi Dalkör" in section  # the lead
    assert elsewhere.title not in html
    assert hidden.title not in html
    assert f"?settlement={bagod.ksh_code}" in section


def test_a_settlement_without_public_ideas_shows_no_idea_section(client, bagod):
    assert 'id="ideas-heading"' not in client.get(profile()).content.decode()


def test_the_profile_lists_the_newest_ideas_and_links_to_all(client, choir, bagod):
    for n in range(SETTLEMENT_IDEAS_SHOWN + 1):
        idea_create(lead=choir, title=f"Ötlet {n:02d}", settlements=[bagod])

    html = client.get(profile()).content.decode()

    assert f"Ötlet {SETTLEMENT_IDEAS_SHOWN:02d}" in html
    assert "Ötlet 00" not in html
    assert "All project ideas concerning it" in client.get(profile("en")).content.decode()


def test_the_profiles_queries_do_not_grow_with_its_ideas(client, choir, bagod):
    idea_create(lead=choir, title="Az első ötlet", settlements=[bagod])
    client.get(profile())  # what a process reads once (the home region, the catalogs)
    with CaptureQueriesContext(connection) as few:
        assert client.get(profile()).status_code == 200
    for n in range(10):
        idea_create(lead=choir, title=f"Ötlet {n}", settlements=[bagod])
    with CaptureQueriesContext(connection) as many:
        assert client.get(profile()).status_code == 200
    assert len(many) == len(few)
    # 13 before the ideas (no network snapshot here); the ideas add two: the stamp of the
    # ETag and the list (leads joined).
    assert len(many) <= 15


def test_a_cached_profile_is_modified_when_an_idea_changes_or_appears(
    client, idea, member, choir, bagod
):
    etag = etag_of(client)
    assert not is_modified(client, etag)

    idea_move(idea=idea, status="preparation", user=member)
    assert is_modified(client, etag)
    etag = etag_of(client)

    idea.refresh_from_db()
    idea_update(idea=idea, version=idea.version, user=member, title="Dalkörök napja",
                settlements=[bagod])  # fmt: skip
    assert is_modified(client, etag)
    assert "Dalkörök napja" in client.get(profile()).content.decode()
    etag = etag_of(client)

    idea_create(lead=choir, title="Új ötlet", settlements=[bagod])
    assert is_modified(client, etag)


def test_a_cached_profile_is_modified_when_an_idea_leaves_the_settlement(
    client, idea, member, zalaegerszeg
):
    etag = etag_of(client)
    idea_update(idea=idea, version=idea.version, user=member, title=idea.title,
                settlements=[zalaegerszeg])  # fmt: skip
    assert is_modified(client, etag)
    assert idea.title not in client.get(profile()).content.decode()


def test_a_cached_profile_is_modified_when_the_lead_is_hidden(client, bagod):
    person = actor_create(kind=ActorKind.PERSON, name="Nyilvános Nóra")
    person.consent, person.visibility = True, "public"
    person.save()
    idea_create(lead=person, title="Nóra ötlete", settlements=[bagod])
    etag = etag_of(client)
    assert "Nóra ötlete" in client.get(profile()).content.decode()

    person.consent = False
    person.save()

    assert is_modified(client, etag)
    assert "Nóra ötlete" not in client.get(profile()).content.decode()


def test_a_change_stamped_before_the_latest_one_still_modifies_the_profile(
    client, idea, choir, bagod
):
    """On PostgreSQL a transaction may commit after another one that saved later: the change
    then carries an older time than the newest idea's, and must still count."""
    newer = idea_create(lead=choir, title="Későbbi ötlet", settlements=[bagod])
    etag = etag_of(client)
    older = newer.updated_at - timedelta(minutes=5)
    assert ProjectIdea.objects.filter(pk=idea.pk).update(updated_at=older) == 1

    assert is_modified(client, etag)


def test_a_signed_in_members_profile_is_not_stored_by_caches(client, idea, member):
    client.force_login(member)
    response = client.get(profile())
    assert "ETag" not in response
    assert "Népdalkörök találkozója" in response.content.decode()
