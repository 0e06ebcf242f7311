"""The roundtable's meetings as an iCalendar feed (RFC 5545), written with ``icalendar``."""

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from kozkincs.meetings.models import Meeting

STATUS = {
    Meeting.Status.PLANNED: "CONFIRMED",
    Meeting.Status.HELD: "CONFIRMED",
    Meeting.Status.CANCELLED: "CANCELLED",
}


def _host() -> str:
    return settings.KOZKINCS_SITE_URL.split("://", 1)[-1].split("/", 1)[0] or "kozkincs"


def _location(meeting: Meeting) -> str:
    parts = [meeting.venue_name]
    if meeting.settlement_id is not None and meeting.settlement.name not in meeting.venue_name:
        parts.append(meeting.settlement.name)
    return ", ".join(part for part in parts if part)


def meetings_ical(meetings: list[Meeting], *, language: str) -> bytes:
    """The feed of ``meetings`` with texts in ``language``."""
    site = settings.KOZKINCS_SITE_URL.rstrip("/")
    feed = Calendar()
    feed.add("prodid", "-//Közkincs//Roundtable meetings//HU")
    feed.add("version", "2.0")
    feed.add("calscale", "GREGORIAN")
    with translation.override(language):
        feed.add("x-wr-calname", _("Közkincs roundtable meetings"))
        for meeting in meetings:
            event = Event()
            event.add("uid", f"meeting-{meeting.pk}@{_host()}")
            event.add("dtstamp", meeting.updated_at or timezone.now())
            event.add("dtstart", meeting.starts_at)
            event.add("dtend", meeting.ends_at)
            event.add("summary", meeting.title)
            event.add("status", STATUS[meeting.status])
            location = _location(meeting)
            if location:
                event.add("location", location)
            if meeting.description:
                event.add("description", meeting.description)
            event.add("url", site + meeting.get_absolute_url())
            feed.add_component(event)
    return feed.to_ical()
