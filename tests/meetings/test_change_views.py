"""The coordinator's corrections on the portal (``meetings/change_views.py``) and the admin's
deletion of meetings: edit pages, delete questions answered by a POST, moves; another meeting's
id is a 404, a deleted or stale part a message, bad input a 400 that saves nothing."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from kozkincs.meetings.models import AgendaItem, Meeting, MinutesSection, Participant
from kozkincs.meetings.services import (
    agenda_item_add,
    minutes_section_add,
    participant_add,
)
from kozkincs.network.models import Tie, TieDerivation
from tests.meetings.conftest import at

pytestmark = pytest.mark.django_db


def url(name, *args, language="en"):
    with translation.override(language):
        return reverse(name, args=args)


def _state():
    return (
        list(AgendaItem.objects.order_by("id").values_list("id", "title", "position", "version")),
        list(Participant.objects.order_by("id").values_list("id", "attended", "version")),
        list(MinutesSection.objects.order_by("id").values_list("id", "heading", "version")),
        Tie.objects.count(),
    )


@pytest.fixture
def item(past_meeting):
    return agenda_item_add(meeting=past_meeting, title="Megnyitó", duration_minutes=10)


def test_the_coordinator_edits_an_agenda_item_on_its_page(client, coordinator, item):
    client.force_login(coordinator)
    page = client.get(url("meetings:agenda_edit", item.meeting_id, item.pk))
    assert page.status_code == 200 and 'value="Megnyitó"' in page.content.decode()
    data = {"agenda-title": "Köszöntő", "agenda-duration_minutes": "5", "agenda-version": "1"}
    response = client.post(url("meetings:agenda_edit", item.meeting_id, item.pk), data)
    assert response.status_code == 302
    assert response["Location"].endswith("#agenda-heading")
    item.refresh_from_db()
    assert (item.title, item.duration_minutes) == ("Köszöntő", 5)
    manage = client.get(response["Location"]).content.decode()
    assert "The agenda item was saved." in manage
    assert url("meetings:agenda_delete", item.meeting_id, item.pk) in manage


def test_another_meetings_part_is_a_404_and_nothing_changes(
    client, coordinator, item, make_meeting, choir
):
    other = make_meeting("Másik")
    participant = participant_add(meeting=item.meeting, actor=choir)
    client.force_login(coordinator)
    before = _state()
    for name, part, data in [
        ("meetings:agenda_edit", item, {"agenda-title": "X", "agenda-version": "1"}),
        ("meetings:agenda_delete", item, {"version": "1"}),
        ("meetings:agenda_move", item, {"direction": "up"}),
        ("meetings:participant_delete", participant, {"version": "1"}),
    ]:
        assert client.get(url(name, other.pk, part.pk)).status_code in (404, 405)
        assert client.post(url(name, other.pk, part.pk), data).status_code == 404, name
    assert _state() == before


def test_a_part_deleted_meanwhile_is_a_message_not_an_error(client, coordinator, item):
    client.force_login(coordinator)
    meeting_id, item_id = item.meeting_id, item.pk
    item.delete()
    data = {"agenda-title": "Késő", "agenda-version": "1"}
    response = client.post(url("meetings:agenda_edit", meeting_id, item_id), data, follow=True)
    assert response.status_code == 200
    assert "This was deleted meanwhile: nothing was saved." in response.content.decode()
    assert not AgendaItem.objects.exists()


def test_a_stale_form_does_not_overwrite_a_newer_change(client, coordinator, item):
    client.force_login(coordinator)
    edit = url("meetings:agenda_edit", item.meeting_id, item.pk)
    first = {"agenda-title": "Első változat", "agenda-version": "1"}
    assert client.post(edit, first).status_code == 302
    stale = client.post(edit, {"agenda-title": "Régi űrlapból", "agenda-version": "1"})
    assert stale.status_code == 400
    assert "Someone else changed this meanwhile" in stale.content.decode()
    assert AgendaItem.objects.get().title == "Első változat"
    deleting = client.post(url("meetings:agenda_delete", item.meeting_id, item.pk), {"version": 1})
    assert deleting.status_code == 400 and AgendaItem.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"agenda-title": "", "agenda-version": "1"}, "This field is required."),
        ({"agenda-title": "X", "agenda-duration_minutes": "-5", "agenda-version": "1"},
         "greater than or equal to 1"),
        ({"agenda-title": "X", "agenda-duration_minutes": "sok", "agenda-version": "1"},
         "Enter a whole number."),
        ({"agenda-title": "X"}, "The form was incomplete."),
        ({"agenda-title": "X", "agenda-version": "x"}, "The form was incomplete."),
        ({"agenda-title": "X", "agenda-parent": "999999", "agenda-version": "1"},
         "Select a valid choice."),
    ],
)  # fmt: skip
def test_bad_input_is_a_400_with_a_message_and_saves_nothing(
    client, coordinator, item, data, message
):
    client.force_login(coordinator)
    before = _state()
    response = client.post(url("meetings:agenda_edit", item.meeting_id, item.pk), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page and "Nothing was saved" in page
    assert _state() == before


def test_delete_asks_first_and_only_a_post_deletes(client, coordinator, item):
    agenda_item_add(meeting=item.meeting, title="Alpont", parent=item)
    client.force_login(coordinator)
    delete = url("meetings:agenda_delete", item.meeting_id, item.pk)
    question = client.get(delete)
    assert question.status_code == 200 and AgendaItem.objects.count() == 2
    page = question.content.decode()
    assert "Delete the agenda item “Megnyitó”?" in page and "sub-items are deleted" in page
    assert 'name="csrfmiddlewaretoken"' in page and 'name="version" value="1"' in page
    response = client.post(delete, {"version": "1"})
    assert response.status_code == 302 and not AgendaItem.objects.exists()


def test_a_delete_needs_the_csrf_token(coordinator, item):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator)
    response = client.post(url("meetings:agenda_delete", item.meeting_id, item.pk), {"version": 1})
    assert response.status_code == 403 and AgendaItem.objects.exists()


def test_moving_without_javascript_and_a_bad_direction(client, coordinator, item):
    second = agenda_item_add(meeting=item.meeting, title="Második")
    client.force_login(coordinator)
    move = url("meetings:agenda_move", item.meeting_id, second.pk)
    assert client.post(move, {"direction": "up"}).status_code == 302
    order = AgendaItem.objects.order_by("position").values_list("title", flat=True)
    assert list(order) == ["Második", "Megnyitó"]
    bad = client.post(move, {"direction": "left"})
    assert bad.status_code == 400 and "Move an item up or down." in bad.content.decode()
    assert client.get(move).status_code == 405


def test_attendance_edited_on_the_page_ties_the_actor_to_the_host(
    client, coordinator, past_meeting, choir, library
):
    participant = participant_add(meeting=past_meeting, actor=choir)
    client.force_login(coordinator)
    edit = url("meetings:participant_edit", past_meeting.pk, participant.pk)
    data = {"participant-invited": "on", "participant-attended": "on", "participant-version": "1"}
    assert client.post(edit, data).status_code == 302
    assert Tie.objects.filter(kind="roundtable").count() == 1
    delete = url("meetings:participant_delete", past_meeting.pk, participant.pk)
    assert "Take “" in client.get(delete).content.decode()
    assert client.post(delete, {"version": "2"}).status_code == 302
    assert not Tie.objects.filter(kind="roundtable").exists()


def test_attendance_of_a_future_meeting_is_refused_with_a_message(
    client, coordinator, make_meeting, choir
):
    meeting = make_meeting()
    participant = participant_add(meeting=meeting, actor=choir)
    client.force_login(coordinator)
    data = {"participant-attended": "on", "participant-version": "1"}
    response = client.post(url("meetings:participant_edit", meeting.pk, participant.pk), data)
    assert response.status_code == 400
    assert "once the meeting began" in response.content.decode()
    participant.refresh_from_db()
    assert not participant.attended


def test_a_minutes_section_is_edited_with_the_rich_text_editor(client, coordinator, past_meeting):
    section = minutes_section_add(meeting=past_meeting, heading="Összefoglaló", body="<p>a</p>")
    client.force_login(coordinator)
    edit = url("meetings:minutes_edit", past_meeting.pk, section.pk)
    assert client.get(edit).status_code == 200
    data = {"minutes-heading": "Összegzés", "minutes-body": "<p>b</p>",
            "minutes-visibility": "members", "minutes-version": "1"}  # fmt: skip
    assert client.post(edit, data).status_code == 302
    section.refresh_from_db()
    assert (section.heading, section.visibility) == ("Összegzés", "members")


def test_the_messages_are_in_hungarian_and_german(client, coordinator, item):
    client.force_login(coordinator)
    for language, text in [("hu", "Valaki más időközben módosította"),
                           ("de", "Jemand anderes hat dies inzwischen geändert")]:  # fmt: skip
        edit = url("meetings:agenda_edit", item.meeting_id, item.pk, language=language)
        response = client.post(edit, {"agenda-title": "X", "agenda-version": "7"})
        assert response.status_code == 400 and text in response.content.decode()


def test_others_may_not_edit_or_delete(client, member, outsider, item):
    before = _state()
    for user, status in [(None, 302), (outsider, 403), (member, 403)]:
        client.logout()
        if user:
            client.force_login(user)
        for name in ("meetings:agenda_edit", "meetings:agenda_delete"):
            target = url(name, item.meeting_id, item.pk)
            assert client.get(target).status_code == status
            assert client.post(target, {"version": 1, "agenda-title": "X",
                                        "agenda-version": 1}).status_code == status  # fmt: skip
    assert _state() == before


def test_deleting_meetings_in_the_admin_removes_their_derivations(
    client, django_user_model, past_meeting, make_meeting, choir
):
    admin = django_user_model.objects.create_superuser("admin", "admin@example.org", "x")
    again = make_meeting("Második", when=at(date(2011, 5, 13)), status=Meeting.Status.HELD)
    for meeting in (past_meeting, again):
        participant_add(meeting=meeting, actor=choir, attended=True)
    assert TieDerivation.objects.count() == 2
    client.force_login(admin)
    one = reverse("admin:meetings_meeting_delete", args=[past_meeting.pk])
    assert client.post(one, {"post": "yes"}).status_code == 302
    assert list(TieDerivation.objects.values_list("key", flat=True)) == [f"meeting:{again.pk}"]
    assert Tie.objects.filter(kind="roundtable").count() == 1
    action = {"action": "delete_selected", "_selected_action": [again.pk], "post": "yes"}
    assert client.post(reverse("admin:meetings_meeting_changelist"), action).status_code == 302
    assert not Meeting.objects.exists()
    assert not TieDerivation.objects.exists() and not Tie.objects.filter(kind="roundtable").exists()
