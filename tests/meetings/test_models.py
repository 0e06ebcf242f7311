"""The rules the database holds for meetings, decisions, agenda items and participants."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction

from kozkincs.meetings.models import AgendaItem, Decision, Meeting, MinutesSection, Participant

pytestmark = pytest.mark.django_db


def _refused(**kwargs):
    model = kwargs.pop("model")
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.create(**kwargs)


def test_a_meeting_ends_after_it_starts(past_meeting):
    _refused(model=Meeting, title="Fordított", starts_at=past_meeting.ends_at,
             ends_at=past_meeting.starts_at)  # fmt: skip
    _refused(model=Meeting, title="Üres", starts_at=past_meeting.starts_at,
             ends_at=past_meeting.starts_at)  # fmt: skip


def test_a_decision_without_a_responsible_actor_is_refused_by_the_database(past_meeting):
    _refused(model=Decision, meeting=past_meeting, text="Valami", responsible=None)
    assert not Decision.objects.exists()


def test_a_decision_has_text_and_a_known_status(past_meeting, choir):
    _refused(model=Decision, meeting=past_meeting, text="", responsible=choir)
    _refused(model=Decision, meeting=past_meeting, text="x", responsible=choir, status="maybe")


def test_a_participant_is_either_an_actor_or_an_account_and_comes_once(past_meeting, choir, member):
    _refused(model=Participant, meeting=past_meeting, actor=choir, user=member)
    _refused(model=Participant, meeting=past_meeting)
    Participant.objects.create(meeting=past_meeting, actor=choir)
    _refused(model=Participant, meeting=past_meeting, actor=choir)
    Participant.objects.create(meeting=past_meeting, user=member)
    _refused(model=Participant, meeting=past_meeting, user=member)


def test_agenda_items_have_a_title_and_a_positive_duration(past_meeting):
    _refused(model=AgendaItem, meeting=past_meeting, title="")
    _refused(model=AgendaItem, meeting=past_meeting, title="Nulla", duration_minutes=0)


def test_a_decision_is_followed_up_once_per_meeting(make_meeting, decision):
    meeting = make_meeting()
    assert AgendaItem.objects.filter(meeting=meeting, follows_up=decision).count() == 1
    _refused(model=AgendaItem, meeting=meeting, title="Még egyszer", follows_up=decision)


def test_minutes_sections_have_a_heading_and_a_known_visibility(past_meeting):
    _refused(model=MinutesSection, meeting=past_meeting, heading="")
    _refused(model=MinutesSection, meeting=past_meeting, heading="x", visibility="secret")


def test_overdue_means_unresolved_with_a_past_deadline(decision):
    day = decision.deadline + timedelta(days=1)
    assert decision.is_overdue_on(day)
    assert not decision.is_overdue_on(decision.deadline)
    decision.status = Decision.Status.DONE
    assert not decision.is_overdue_on(day)
    decision.status, decision.deadline = Decision.Status.IN_PROGRESS, None
    assert not decision.is_overdue_on(day)
