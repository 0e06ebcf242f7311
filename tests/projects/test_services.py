"""Ideas, partners, progress, endorsements and follows through the services."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from kozkincs.network.kinds import TieKind
from kozkincs.network.models import Tie
from kozkincs.projects.models import Endorsement, Follow, ProjectIdea, ProjectPartner
from kozkincs.projects.services import (
    IdeaConflict,
    endorsement_add,
    follow_set,
    idea_create,
    idea_move,
    idea_update,
    partner_answer,
    partner_invite,
    partner_remove,
    progress_add,
)

pytestmark = pytest.mark.django_db


def test_an_idea_keeps_its_texts_relations_and_a_first_version(idea, heritage, bagod):
    assert idea.status == "idea"
    assert list(idea.priorities.all()) == [heritage]
    assert list(idea.settlements.all()) == [bagod]
    assert idea.estimated_budget == 1_200_000
    assert idea.history.count() == 1


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"title": "  "}, "title"),
        ({"title": "X", "estimated_budget": -1}, "estimated_budget"),
        ({"title": "X", "start_date": date(2012, 1, 1), "end_date": date(2011, 1, 1)}, "end_date"),
    ],
)
def test_bad_input_is_refused_with_a_message_for_its_field(choir, data, field):
    with pytest.raises(ValidationError) as error:
        idea_create(lead=choir, **data)
    assert field in error.value.message_dict
    assert not ProjectIdea.objects.exists()


def test_the_database_refuses_a_negative_budget_and_a_timeline_backwards(choir):
    with pytest.raises(IntegrityError), transaction.atomic():
        ProjectIdea.objects.create(lead=choir, title="X", estimated_budget=-5)
    with pytest.raises(IntegrityError), transaction.atomic():
        ProjectIdea.objects.create(
            lead=choir, title="X", start_date=date(2012, 1, 1), end_date=date(2011, 1, 1)
        )


def test_an_update_from_an_old_version_is_a_conflict_and_saves_nothing(idea):
    idea_update(idea=idea, version=1, title="Dalkörök találkozója")
    with pytest.raises(IdeaConflict):
        idea_update(idea=ProjectIdea.objects.get(pk=idea.pk), version=1, title="Másik cím")
    idea.refresh_from_db()
    assert (idea.title, idea.version) == ("Dalkörök találkozója", 2)
    assert idea.history.count() == 2


def test_a_partner_is_listed_only_after_it_agreed_and_then_becomes_a_network_tie(
    idea, library, choir, django_capture_on_commit_callbacks
):
    partnership = partner_invite(idea=idea, actor=library, role="helyszín")
    assert partnership.status == ProjectPartner.Status.INVITED
    assert not Tie.objects.filter(kind=TieKind.PROJECT).exists()
    with django_capture_on_commit_callbacks():
        partner_answer(partnership=partnership, accept=True)
    tie = Tie.objects.get(kind=TieKind.PROJECT)
    assert {tie.source_id, tie.target_id} == {choir.pk, library.pk}
    assert (tie.status, tie.origin) == (Tie.Status.CONFIRMED, Tie.Origin.DERIVED)
    assert tie.evidence_url == f"/hu/projektotletek/{idea.pk}/"
    assert idea.title in tie.evidence_text
    assert (tie.start_date, tie.end_date) == (idea.start_date, idea.end_date)
    with pytest.raises(ValidationError, match="already answered"):
        partner_answer(partnership=partnership, accept=False)


def test_a_declined_invitation_makes_no_tie_and_a_removed_partner_takes_its_tie(
    idea, library, make_actor
):
    declined = partner_invite(idea=idea, actor=library)
    partner_answer(partnership=declined, accept=False)
    assert not Tie.objects.exists()
    other = make_actor("Bagodi Népdalkör")
    agreed = partner_answer(partnership=partner_invite(idea=idea, actor=other), accept=True)
    assert Tie.objects.count() == 1
    partner_remove(partnership=agreed)
    assert not Tie.objects.exists()


def test_the_lead_is_not_its_own_partner_and_nobody_is_invited_twice(idea, choir, library):
    with pytest.raises(ValidationError, match="own partner"):
        partner_invite(idea=idea, actor=choir)
    partner_invite(idea=idea, actor=library)
    with pytest.raises(ValidationError, match="already invited"):
        partner_invite(idea=idea, actor=library)
    assert idea.partnerships.count() == 1


def test_a_new_timeline_moves_the_project_tie(idea, library):
    partner_answer(partnership=partner_invite(idea=idea, actor=library), accept=True)
    idea_update(idea=idea, version=idea.version, title=idea.title, start_date=date(2012, 1, 1),
                end_date=date(2012, 6, 30))  # fmt: skip
    assert Tie.objects.get().start_date == date(2012, 1, 1)


def test_one_endorsement_per_actor_with_a_clear_message(idea, library):
    endorsement_add(idea=idea, actor=library, note="Szívesen adunk helyet.")
    with pytest.raises(ValidationError) as error:
        endorsement_add(idea=idea, actor=library)
    assert error.value.message_dict["actor"] == ["This actor already endorses the idea."]
    assert Endorsement.objects.count() == 1


def test_a_parallel_duplicate_endorsement_is_caught_in_a_savepoint(idea, library, monkeypatch):
    """The second of two requests that both passed the check before either wrote: the
    database's constraint refuses it, the service explains, the transaction goes on."""
    endorsement_add(idea=idea, actor=library)
    from django.db.models import QuerySet

    monkeypatch.setattr(QuerySet, "exists", lambda self: False)  # the check saw nothing yet
    with transaction.atomic():
        with pytest.raises(ValidationError) as error:
            endorsement_add(idea=idea, actor=library, note="másodszor")
        assert Endorsement.objects.filter(idea=idea).count() == 1  # still usable
    monkeypatch.undo()
    assert "already endorses" in error.value.message_dict["actor"][0]
    assert Endorsement.objects.get().note == ""


def test_the_database_holds_one_endorsement_per_actor(idea, library):
    Endorsement.objects.create(idea=idea, actor=library)
    with pytest.raises(IntegrityError), transaction.atomic():
        Endorsement.objects.create(idea=idea, actor=library)


def test_the_lead_does_not_endorse_its_own_idea(idea, choir):
    with pytest.raises(ValidationError, match="own idea"):
        endorsement_add(idea=idea, actor=choir)


def test_followers_are_told_of_a_move_and_of_progress_in_their_language(
    idea, member, library_member, outsider, django_capture_on_commit_callbacks
):
    library_member.email = "konyvtar@example.hu"
    library_member.save()
    outsider.email = "kivulallo@example.hu"
    outsider.save()
    follow_set(idea=idea, user=library_member, follow=True, language="en")
    follow_set(idea=idea, user=library_member, follow=True, language="en")  # twice: one follow
    follow_set(idea=idea, user=outsider, follow=True, language="hu")
    assert Follow.objects.count() == 2
    with django_capture_on_commit_callbacks(execute=True):
        idea_move(idea=idea, status="preparation", user=member, note="Indul a munka.")
    english = next(m for m in mail.outbox if m.to == ["konyvtar@example.hu"])
    assert "Népdalkörök találkozója" in english.subject and "in preparation" in english.subject
    assert "Indul a munka." in english.body
    assert f"/en/projektotletek/{idea.pk}/" in english.body
    hungarian = next(m for m in mail.outbox if m.to == ["kivulallo@example.hu"])
    assert "előkészítés alatt" in hungarian.subject
    mail.outbox.clear()
    follow_set(idea=idea, user=outsider, follow=False)
    with django_capture_on_commit_callbacks(execute=True):
        progress_add(idea=idea, text="Megvolt az első próba & egyeztetés.",
                     on=date(2011, 4, 2), user=member)  # fmt: skip
    assert [m.to for m in mail.outbox] == [["konyvtar@example.hu"]]
    assert "Megvolt az első próba & egyeztetés." in mail.outbox[0].body  # not HTML-escaped


def test_a_refused_move_tells_nobody(idea, library_member, django_capture_on_commit_callbacks):
    library_member.email = "konyvtar@example.hu"
    library_member.save()
    follow_set(idea=idea, user=library_member, follow=True)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        idea_move(idea=idea, status="completed")
    assert mail.outbox == []


def test_progress_is_reported_for_what_already_happened(idea):
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError, match="already happened"):
        progress_add(idea=idea, text="Lesz majd.", on=tomorrow)
    with pytest.raises(ValidationError, match="Write what happened"):
        progress_add(idea=idea, text="  ", on=date(2011, 1, 1))
    assert not idea.progress.exists()
