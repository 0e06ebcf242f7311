"""The roundtable's services: follow-up items that carry open decisions to the next planned
meeting, refused input that changes nothing, sanitised minutes, and the mails."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from kozkincs.meetings.models import AgendaItem, Decision, Meeting, MinutesSection, Participant
from kozkincs.meetings.services import (
    agenda_item_add,
    attendance_pairs,
    attendance_record,
    decision_create,
    decision_status_set,
    followups_desired,
    followups_sync,
    invitations_send,
    meeting_create,
    meeting_update,
    minutes_section_add,
    minutes_send,
    participant_add,
)
from tests.meetings.conftest import at

pytestmark = pytest.mark.django_db


def _followups(meeting):
    return list(
        AgendaItem.objects.filter(meeting=meeting, follows_up__isnull=False).values_list(
            "follows_up_id", flat=True
        )
    )


def test_an_open_decision_is_carried_into_the_next_planned_meeting_only(make_meeting, decision):
    soon = make_meeting("Következő", when=timezone.now() + timedelta(days=7))
    later = make_meeting("Azutáni", when=timezone.now() + timedelta(days=30))
    assert _followups(soon) == [decision.pk]
    assert _followups(later) == []
    item = AgendaItem.objects.get(meeting=soon, follows_up=decision)
    assert item.title == "Adatbázisok frissítése" and item.parent_id is None


def test_a_followup_goes_after_the_typed_items(make_meeting, decision):
    meeting = make_meeting("Új", when=timezone.now() + timedelta(days=60))
    AgendaItem.objects.filter(meeting=meeting).delete()
    agenda_item_add(meeting=meeting, title="Megnyitó", duration_minutes=5)
    followups_sync()
    items = list(meeting.agenda_items.order_by("position").values_list("title", flat=True))
    assert items == ["Megnyitó", "Adatbázisok frissítése"]


def test_a_done_decision_leaves_the_planned_agenda_but_stays_on_a_held_one(make_meeting, decision):
    first = make_meeting("Első", when=timezone.now() + timedelta(days=7))
    assert _followups(first) == [decision.pk]
    # The first meeting is held with the decision still open: it keeps its item, and the
    # decision moves on to the next planned meeting.
    _update(first, status=Meeting.Status.HELD)
    second = make_meeting("Második", when=timezone.now() + timedelta(days=40))
    assert _followups(first) == [decision.pk] and _followups(second) == [decision.pk]
    decision_status_set(decision=decision, status=Decision.Status.DONE)
    assert _followups(second) == [] and _followups(first) == [decision.pk]
    decision_status_set(decision=decision, status=Decision.Status.IN_PROGRESS)
    assert _followups(second) == [decision.pk]


def test_a_cancelled_meeting_hands_its_followups_to_the_next(make_meeting, decision):
    first = make_meeting("Első", when=timezone.now() + timedelta(days=7))
    second = make_meeting("Második", when=timezone.now() + timedelta(days=40))
    _update(first, status=Meeting.Status.CANCELLED)
    assert _followups(first) == [] and _followups(second) == [decision.pk]


def test_moving_a_meeting_moves_the_followups(make_meeting, decision):
    first = make_meeting("Első", when=timezone.now() + timedelta(days=7))
    second = make_meeting("Második", when=timezone.now() + timedelta(days=40))
    start = timezone.now() + timedelta(days=80)
    _update(first, starts_at=start, ends_at=start + timedelta(hours=1))
    assert _followups(first) == [] and _followups(second) == [decision.pk]


def test_a_decision_of_a_planned_meeting_goes_to_the_one_after_not_to_its_own(make_meeting, choir):
    first = make_meeting("Első", when=timezone.now() + timedelta(days=7))
    second = make_meeting("Második", when=timezone.now() + timedelta(days=40))
    decided = decision_create(meeting=first, text="Plakát", responsible=choir)
    assert _followups(first) == [] and _followups(second) == [decided.pk]


def test_the_stored_followups_equal_a_full_computation(make_meeting, past_meeting, choir, library):
    decisions = [
        decision_create(meeting=past_meeting, text=f"Határozat {n}", responsible=choir)
        for n in range(4)
    ]
    meetings = [make_meeting(f"Ülés {n}", when=timezone.now() + timedelta(days=10 * n + 1))
                for n in range(3)]  # fmt: skip
    decision_create(meeting=meetings[0], text="Újabb", responsible=library)
    decision_status_set(decision=decisions[1], status=Decision.Status.DROPPED)
    _update(meetings[1], status=Meeting.Status.CANCELLED)
    stored: dict[int, set[int]] = {}
    planned = AgendaItem.objects.filter(follows_up__isnull=False, meeting__status="planned")
    for meeting_id, decision_id in planned.values_list("meeting_id", "follows_up_id"):
        stored.setdefault(meeting_id, set()).add(decision_id)
    assert stored == followups_desired()
    assert followups_sync() == 0


def _update(meeting, **changes):
    fields = {
        "title": meeting.title, "starts_at": meeting.starts_at, "ends_at": meeting.ends_at,
        "venue": meeting.venue, "venue_text": meeting.venue_text,
        "settlement": meeting.settlement, "description": meeting.description,
        "priorities": meeting.priorities.all(), "status": meeting.status,
    }  # fmt: skip
    return meeting_update(meeting=meeting, **{**fields, **changes})


def test_a_decision_without_a_responsible_actor_is_refused_with_a_message(past_meeting):
    with pytest.raises(ValidationError) as refused:
        decision_create(meeting=past_meeting, text="Valami", responsible=None)
    assert "responsible" in refused.value.message_dict
    assert not Decision.objects.exists()


def test_a_meeting_needs_an_end_after_its_start_and_a_venue(library):
    start = timezone.now()
    with pytest.raises(ValidationError) as refused:
        meeting_create(title=" ", starts_at=start, ends_at=start)
    assert set(refused.value.message_dict) == {"title", "ends_at", "venue_text"}
    assert not Meeting.objects.exists()


def test_sub_items_belong_under_a_main_item_of_the_same_meeting(make_meeting, past_meeting):
    meeting = make_meeting()
    main = agenda_item_add(meeting=meeting, title="Fő", duration_minutes=30)
    sub = agenda_item_add(meeting=meeting, title="Al", duration_minutes=10, parent=main)
    assert sub.parent == main and sub.position == 1
    for parent in (sub, agenda_item_add(meeting=past_meeting, title="Más")):
        with pytest.raises(ValidationError):
            agenda_item_add(meeting=meeting, title="Rossz", parent=parent)
    assert meeting.agenda_items.count() == 2


def test_the_minutes_are_sanitised(past_meeting):
    section = minutes_section_add(
        meeting=past_meeting, heading="Jegyzőkönyv",
        body='<p onclick="x()">Szöveg<script>alert(1)</script></p><a href="javascript:x">l</a>',
    )  # fmt: skip
    assert "script" not in section.body and "onclick" not in section.body
    assert "javascript" not in section.body and "Szöveg" in section.body
    with pytest.raises(ValidationError):
        minutes_section_add(meeting=past_meeting, heading="x", body="", visibility="secret")
    assert MinutesSection.objects.count() == 1


def test_invitations_are_refused_for_a_meeting_in_the_past(past_meeting, choir, member):
    participant_add(meeting=past_meeting, actor=choir)
    with pytest.raises(ValidationError) as refused:
        invitations_send(meeting=past_meeting)
    assert "invitations can no longer be sent" in " ".join(refused.value.messages)
    past_meeting.refresh_from_db()
    assert past_meeting.invitations_sent_at is None


def test_invitations_go_to_the_linked_accounts_when_the_transaction_commits(
    make_meeting, choir, member, outsider, mailoutbox, django_capture_on_commit_callbacks
):
    member.email = "dalkor@example.org"
    member.save()
    outsider.email = "kivul@example.org"
    outsider.save()
    meeting = make_meeting("Tavaszi ülés")
    participant_add(meeting=meeting, actor=choir)
    participant_add(meeting=meeting, user=outsider)
    with django_capture_on_commit_callbacks(execute=True):
        assert invitations_send(meeting=meeting) == 2
    assert sorted(m.to[0] for m in mailoutbox) == ["dalkor@example.org", "kivul@example.org"]
    assert "Tavaszi ülés" in mailoutbox[0].subject
    meeting.refresh_from_db()
    assert meeting.invitations_sent_at is not None


def test_invitations_without_any_address_are_refused(make_meeting, choir):
    meeting = make_meeting()
    participant_add(meeting=meeting, actor=choir)
    with pytest.raises(ValidationError):
        invitations_send(meeting=meeting)


def test_the_minutes_are_mailed_with_the_members_sections(
    past_meeting, choir, member, mailoutbox, django_capture_on_commit_callbacks
):
    member.email = "dalkor@example.org"
    member.save()
    participant_add(meeting=past_meeting, actor=choir, attended=True)
    with pytest.raises(ValidationError):
        minutes_send(meeting=past_meeting)  # nothing written yet
    minutes_section_add(meeting=past_meeting, heading="Nyilvános", body="Mindenkinek")
    minutes_section_add(
        meeting=past_meeting, heading="Belső", body="<p>Csak tagoknak</p>", visibility="members"
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert minutes_send(meeting=past_meeting) == 1
    [mail] = mailoutbox
    assert "Mindenkinek" in mail.body and "Csak tagoknak" in mail.body and "<p>" not in mail.body


def test_attendance_is_recorded_once_the_meeting_began(make_meeting, past_meeting, choir, library):
    future = make_meeting()
    invited = participant_add(meeting=future, actor=choir)
    with pytest.raises(ValidationError):
        attendance_record(meeting=future, attended_ids=[invited.pk])
    assert not Participant.objects.filter(attended=True).exists()
    first = participant_add(meeting=past_meeting, actor=choir)
    second = participant_add(meeting=past_meeting, actor=library)
    with pytest.raises(ValidationError):
        attendance_record(meeting=past_meeting, attended_ids=[invited.pk])  # another meeting's
    assert attendance_record(meeting=past_meeting, attended_ids=[first.pk, second.pk]) == 2
    assert attendance_pairs(past_meeting) == [tuple(sorted((choir.pk, library.pk)))]  # the host


def test_a_participant_comes_once(past_meeting, choir):
    participant_add(meeting=past_meeting, actor=choir)
    with pytest.raises(ValidationError):
        participant_add(meeting=past_meeting, actor=choir)
    with pytest.raises(ValidationError):
        participant_add(meeting=past_meeting)


def test_a_cancelled_meeting_takes_no_decisions(make_meeting, choir):
    meeting = make_meeting(status=Meeting.Status.CANCELLED)
    with pytest.raises(ValidationError):
        decision_create(meeting=meeting, text="x", responsible=choir, deadline=date(2030, 1, 1))
    assert not Decision.objects.exists()


def test_a_meeting_in_the_past_can_be_recorded(library):
    meeting = meeting_create(
        title="2010", starts_at=at(date(2010, 5, 13)), ends_at=at(date(2010, 5, 13), 13),
        venue=library.record, status=Meeting.Status.HELD,
    )  # fmt: skip
    assert meeting.settlement == library.record.settlement


def test_attendance_ties_each_attending_actor_to_the_host_as_derived_ties(
    past_meeting, library, choir, make_actor
):
    from kozkincs.network.models import Tie, TieDerivation

    third = make_actor("Harmadik Egyesület")
    for actor in (library, choir, third):
        participant_add(meeting=past_meeting, actor=actor, attended=True)
    ties = Tie.objects.filter(kind="roundtable")
    assert ties.count() == 2 and all(t.origin == "derived" for t in ties)
    assert all(library.pk in (t.source_id, t.target_id) for t in ties)
    assert ties.first().start_date == date(2010, 5, 13)
    attendance_record(meeting=past_meeting, attended_ids=[])
    assert attendance_pairs(past_meeting) == []
    assert not TieDerivation.objects.filter(key=f"meeting:{past_meeting.pk}").exists()
    assert not Tie.objects.filter(kind="roundtable").exists()


def test_an_accounts_participations_are_in_its_data_and_go_with_it(past_meeting, member):
    from kozkincs.accounts.personal_data import account_data_erase, account_data_sections

    participant_add(meeting=past_meeting, user=member, attended=True)
    [row] = account_data_sections(user=member)["roundtable_participations"]
    assert row["meeting"] == "Értékelő ülés" and row["attended"] is True
    assert account_data_erase(user=member)["roundtable_participations"] == 1
    assert not Participant.objects.filter(user=member).exists()
