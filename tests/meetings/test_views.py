"""The roundtable pages: public list, calendar, feed and meeting; members' sections hidden
from visitors; the coordinator's forms (others refused, nothing changed); bad input answered
with a clear message and a 400; the open decisions on My network."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar

from kozkincs.meetings.models import AgendaItem, Decision, Meeting, MeetingDocument, Participant
from kozkincs.meetings.services import minutes_section_add, participant_add
from tests.media import pictures

pytestmark = pytest.mark.django_db


def url(name, *args, language="en", query=""):
    with translation.override(language):
        return reverse(name, args=args or None) + query


def _snapshot():
    return (
        list(Meeting.objects.values_list("id", "title", "status", "invitations_sent_at")),
        list(Decision.objects.values_list("id", "status", "responsible_id")),
        AgendaItem.objects.count(), Participant.objects.count(), MeetingDocument.objects.count(),
    )  # fmt: skip


def test_the_public_pages_answer_everyone(client, past_meeting, decision):
    for name, args in [("meetings:list", []), ("meetings:decisions", []),
                       ("meetings:detail", [past_meeting.pk])]:  # fmt: skip
        response = client.get(url(name, *args))
        assert response.status_code == 200
        assert "Adatbázisok frissítése" in response.content.decode() or name == "meetings:list"
    page = client.get(url("meetings:decisions")).content.decode()
    assert "overdue" in page


def test_the_month_calendar_shows_the_meetings_of_the_month(client, past_meeting):
    response = client.get(url("meetings:calendar", query="?ev=2010&ho=5"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Értékelő ülés" in page and "<caption>" in page
    weeks = response.context["weeks"]
    [day] = [d for week in weeks for d in week if d.meetings]
    assert day.day == date(2010, 5, 13) and day.in_month
    assert all(week[0].day.weekday() == 0 for week in weeks)  # Monday first
    assert (
        "Értékelő ülés"
        not in client.get(url("meetings:calendar", query="?ev=2010&ho=6")).content.decode()
    )


@pytest.mark.parametrize("query", ["?ev=x&ho=5", "?ev=2010&ho=13", "?ev=1800&ho=1"])
def test_a_month_that_does_not_exist_is_a_400_with_a_message(client, query):
    response = client.get(url("meetings:calendar", query=query))
    assert response.status_code == 400 and "Choose a year" in response.content.decode()


def test_the_ical_feed_parses_back_with_the_meetings(client, past_meeting, make_meeting):
    cancelled = make_meeting("Elmarad", status=Meeting.Status.CANCELLED)
    response = client.get(url("meetings:ical"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    feed = Calendar.from_ical(response.content)
    events = {str(e["summary"]): e for e in feed.walk("VEVENT")}
    assert set(events) == {"Értékelő ülés", "Elmarad"}
    held = events["Értékelő ülés"]
    assert held.decoded("dtstart") == past_meeting.starts_at
    assert held.decoded("dtend") == past_meeting.ends_at
    assert "Városi Könyvtár" in str(held["location"])
    assert str(held["uid"]).startswith(f"meeting-{past_meeting.pk}@")
    assert str(events["Elmarad"]["status"]) == "CANCELLED"
    assert str(held["url"]).endswith(past_meeting.get_absolute_url())
    assert cancelled.pk


def test_members_sections_are_hidden_from_visitors_and_outsiders(
    client, past_meeting, member, outsider, coordinator
):
    minutes_section_add(meeting=past_meeting, heading="Nyilvános rész", body="Mindenkinek szól")
    minutes_section_add(meeting=past_meeting, heading="Belső rész", body="Titkos megjegyzés",
                        visibility="members")  # fmt: skip
    for user, sees in [(None, False), (outsider, False), (member, True), (coordinator, True)]:
        client.logout()
        if user:
            client.force_login(user)
        page = client.get(url("meetings:detail", past_meeting.pk)).content.decode()
        assert "Mindenkinek szól" in page
        assert ("Titkos megjegyzés" in page) is sees, user
        assert ("for the members of the network" in page) is not sees


def test_a_private_person_attending_without_consent_is_not_listed(client, past_meeting, choir):
    from kozkincs.network.kinds import ActorKind
    from kozkincs.network.services import actor_create

    person = actor_create(kind=ActorKind.PERSON, name="Minta Mária")
    participant_add(meeting=past_meeting, actor=person, attended=True)
    participant_add(meeting=past_meeting, actor=choir, attended=True)
    page = client.get(url("meetings:detail", past_meeting.pk)).content.decode()
    assert "Minta Mária" not in page and "Bagodi Dalkör" in page
    assert "1 further participant" in page


def _meeting_post(start):
    return {"title": "Őszi kerekasztal", "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
            "venue_text": "Községháza, Bagod", "description": "", "status": "planned"}  # fmt: skip


def test_only_coordinators_create_meetings_and_refused_posts_change_nothing(
    client, member, outsider, coordinator, staff
):
    start = timezone.localtime() + timedelta(days=10)
    for user, status in [(None, 302), (outsider, 403), (member, 403)]:
        client.logout()
        if user:
            client.force_login(user)
        before = _snapshot()
        assert client.get(url("meetings:create")).status_code == status
        assert client.post(url("meetings:create"), _meeting_post(start)).status_code == status
        assert _snapshot() == before
    for user in (coordinator, staff):
        client.force_login(user)
        response = client.post(url("meetings:create"), _meeting_post(start))
        assert response.status_code == 302
    assert Meeting.objects.filter(title="Őszi kerekasztal").count() == 2


def test_bad_meeting_input_is_a_400_with_messages_and_saves_nothing(client, coordinator):
    client.force_login(coordinator)
    start = timezone.localtime() + timedelta(days=10)
    data = {**_meeting_post(start), "ends_at": start.strftime("%Y-%m-%dT%H:%M"), "venue_text": ""}
    response = client.post(url("meetings:create"), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "must end after it starts" in page and "Nothing was saved" in page
    assert not Meeting.objects.exists()


def test_a_decision_without_a_responsible_actor_gets_a_clear_message(
    client, coordinator, past_meeting
):
    client.force_login(coordinator)
    before = _snapshot()
    response = client.post(url("meetings:decision_add", past_meeting.pk),
                           {"decision-text": "Valami", "decision-status": "open"})  # fmt: skip
    assert response.status_code == 400
    assert "Every decision needs a responsible actor" in response.content.decode()
    assert _snapshot() == before


def test_a_decision_recorded_on_the_page_comes_back_on_the_next_agenda(
    client, coordinator, past_meeting, make_meeting, choir
):
    client.force_login(coordinator)
    data = {"decision-text": "Pályázat beadása", "decision-responsible": choir.pk,
            "decision-deadline": "2010-06-30", "decision-status": "open"}  # fmt: skip
    assert client.post(url("meetings:decision_add", past_meeting.pk), data).status_code == 302
    upcoming = make_meeting("Következő")
    page = client.get(url("meetings:detail", upcoming.pk)).content.decode()
    assert "Follow-up:" in page and "Pályázat beadása" in page and "overdue" in page


def test_invitations_for_a_past_meeting_are_refused_on_the_page(
    client, coordinator, past_meeting, choir
):
    client.force_login(coordinator)
    participant_add(meeting=past_meeting, actor=choir)
    before = _snapshot()
    response = client.post(url("meetings:invitations_send", past_meeting.pk))
    assert response.status_code == 400
    assert "invitations can no longer be sent" in response.content.decode()
    assert _snapshot() == before


def test_the_manage_page_and_its_forms(client, coordinator, make_meeting, choir, member):
    client.force_login(coordinator)
    meeting = make_meeting()
    assert client.get(url("meetings:manage", meeting.pk)).status_code == 200
    posts = [
        ("meetings:agenda_add", {"agenda-title": "Megnyitó", "agenda-duration_minutes": "10"}),
        ("meetings:participant_add", {"participant-actor": choir.pk}),
        ("meetings:participant_add", {"participant-account": member.username}),
        ("meetings:minutes_add", {"minutes-heading": "Előkészítés", "minutes-body": "Szöveg",
                                  "minutes-visibility": "public"}),
    ]  # fmt: skip
    for name, data in posts:
        assert client.post(url(name, meeting.pk), data).status_code == 302, name
    assert meeting.agenda_items.get().title == "Megnyitó"
    assert meeting.participants.count() == 2
    bad = client.post(url("meetings:agenda_add", meeting.pk), {"agenda-duration_minutes": "-5"})
    assert bad.status_code == 400 and meeting.agenda_items.count() == 1
    twice = client.post(
        url("meetings:participant_add", meeting.pk), {"participant-actor": choir.pk}
    )
    assert twice.status_code == 400 and "on the list already" in twice.content.decode()


def test_documents_are_served_to_those_who_may_see_them(
    client, settings, tmp_path, coordinator, member, outsider, past_meeting
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(coordinator)
    upload = pictures.upload(pictures.pdf(), "meghivo.pdf", "application/pdf")
    data = {"document-file": upload, "document-title": "Meghívó", "document-visibility": "members"}
    assert client.post(url("meetings:document_add", past_meeting.pk), data).status_code == 302
    document = MeetingDocument.objects.get()
    for user, status in [(None, 404), (outsider, 404), (member, 200), (coordinator, 200)]:
        client.logout()
        if user:
            client.force_login(user)
        response = client.get(url("meetings:document", document.pk))
        assert response.status_code == status
        if status == 200:
            assert response["Content-Type"] == "application/pdf"
            assert b"".join(response.streaming_content).startswith(b"%PDF")
    client.force_login(coordinator)
    html = pictures.upload(b"<html></html>", "x.pdf", "application/pdf")
    refused = client.post(url("meetings:document_add", past_meeting.pk),
                          {**data, "document-file": html})  # fmt: skip
    assert refused.status_code == 400 and MeetingDocument.objects.count() == 1


def test_my_network_shows_the_open_decisions_of_my_actors(client, member, decision):
    client.force_login(member)
    page = client.get(url("network:my_network")).content.decode()
    assert "Open decisions of my actors" in page and "Adatbázisok frissítése" in page
    response = client.post(url("meetings:decision_status", decision.pk),
                           {"status": "done", "next_page": "network"})  # fmt: skip
    assert response.status_code == 302 and response["Location"] == url("network:my_network")
    decision.refresh_from_db()
    assert decision.status == "done"
    assert "Adatbázisok frissítése" not in client.get(url("network:my_network")).content.decode()


def test_others_may_not_change_a_decisions_status(client, outsider, library_member, decision):
    for user in (outsider, library_member):
        client.force_login(user)
        assert client.post(url("meetings:decision_status", decision.pk),
                           {"status": "done"}).status_code == 403  # fmt: skip
    decision.refresh_from_db()
    assert decision.status == "open"


def test_an_unknown_meeting_is_a_404(client):
    assert client.get(url("meetings:detail", 999)).status_code == 404


def test_a_decision_shows_the_project_ideas_discussed(client, coordinator, past_meeting, choir):
    from kozkincs.projects.models import ProjectIdea

    idea = ProjectIdea.objects.create(title="Közös falunap", lead=choir)
    client.force_login(coordinator)
    data = {"decision-text": "Falunap szervezése", "decision-responsible": choir.pk,
            "decision-status": "open", "decision-project_ideas": [idea.pk]}  # fmt: skip
    assert client.post(url("meetings:decision_add", past_meeting.pk), data).status_code == 302
    assert list(Decision.objects.get().project_ideas.all()) == [idea]
    page = client.get(url("meetings:detail", past_meeting.pk)).content.decode()
    assert f'href="{idea.get_absolute_url()}"' in page and "Közös falunap" in page
