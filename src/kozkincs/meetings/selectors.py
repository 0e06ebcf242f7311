"""Every read of the roundtable used by the pages, the feed, the mails and My network: the
visibility of the minutes and documents is applied here (``permissions.can_see``)."""

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from kozkincs.meetings.models import (
    AgendaItem,
    Decision,
    Meeting,
    MeetingDocument,
    MinutesSection,
    Participant,
    Visibility,
)
from kozkincs.meetings.permissions import can_see
from kozkincs.network.models import Actor
from kozkincs.network.selectors import actors_visible

FEED_LIMIT = 1000


def _meetings() -> QuerySet[Meeting]:
    return Meeting.objects.select_related("venue", "settlement")


def meeting_list(*, upcoming: bool) -> QuerySet[Meeting]:
    """Meetings still to come (soonest first) or past (latest first)."""
    now = timezone.now()
    if upcoming:
        return _meetings().filter(ends_at__gte=now).order_by("starts_at", "id")
    return _meetings().filter(ends_at__lt=now).order_by("-starts_at", "-id")


def meeting_get(*, meeting_id: int) -> Meeting | None:
    return _meetings().prefetch_related("priorities").filter(pk=meeting_id).first()


def agenda(meeting: Meeting) -> list[AgendaItem]:
    """The main items in order, each with its sub-items (``children``) and, for a follow-up,
    the decision it follows with its responsible actor."""
    related = ("follows_up__responsible__record", "follows_up__meeting")
    children = Prefetch(
        "children",
        queryset=AgendaItem.objects.select_related(*related)
        .prefetch_related("project_ideas")
        .order_by("position", "id"),
    )
    return list(
        meeting.agenda_items.filter(parent=None)
        .select_related(*related)
        .prefetch_related(children, "project_ideas")
        .order_by("position", "id")
    )


def agenda_minutes(items: list[AgendaItem]) -> int:
    """The planned length of the agenda: main items' durations, or their sub-items' when the
    main item has none."""
    total = 0
    for item in items:
        if item.duration_minutes:
            total += item.duration_minutes
        else:
            total += sum(child.duration_minutes or 0 for child in item.children.all())
    return total


def participants(meeting: Meeting) -> list[Participant]:
    return list(
        meeting.participants.select_related("actor__record", "actor__settlement", "user").order_by(
            "id"
        )
    )


@dataclass(frozen=True)
class Visible:
    shown: list
    hidden: int
    """How many the viewer may not see (said on the page, not shown)."""


def participants_for(*, viewer, meeting: Meeting) -> Visible:
    """The participants ``viewer`` may see: actors the network shows them (a private person
    only with consent), accounts only to members and coordinators."""
    everyone = participants(meeting)
    visible_actors = set(
        actors_visible(viewer)
        .filter(roundtable_participations__meeting=meeting)
        .values_list("id", flat=True)
    )
    members = can_see(viewer, Visibility.MEMBERS)
    shown = [
        p for p in everyone
        if (p.actor_id in visible_actors if p.actor_id is not None else members)
    ]  # fmt: skip
    return Visible(shown, len(everyone) - len(shown))


def minutes_for(*, viewer, meeting: Meeting) -> Visible:
    sections = list(MinutesSection.objects.filter(meeting=meeting).order_by("position", "id"))
    shown = [s for s in sections if can_see(viewer, s.visibility)]
    return Visible(shown, len(sections) - len(shown))


def documents_for(*, viewer, meeting: Meeting) -> Visible:
    documents = list(MeetingDocument.objects.filter(meeting=meeting).order_by("id"))
    shown = [d for d in documents if can_see(viewer, d.visibility)]
    return Visible(shown, len(documents) - len(shown))


PART_RELATED = {
    AgendaItem: ("meeting", "parent"),
    Participant: ("meeting", "actor__record", "user"),
    MinutesSection: ("meeting",),
    MeetingDocument: ("meeting",),
}


def meeting_part_get(*, meeting: Meeting, model: type, part_id: int):
    """The agenda item, participant, section of the minutes or document ``part_id`` of
    ``meeting``; None when there is no such row (deleted meanwhile). Another meeting's row
    raises ``model.DoesNotExist``: it is not this meeting's to change."""
    row = model.objects.select_related(*PART_RELATED[model]).filter(pk=part_id).first()
    if row is not None and row.meeting_id != meeting.pk:
        raise model.DoesNotExist
    return row


def document_get(*, document_id: int) -> MeetingDocument | None:
    return MeetingDocument.objects.select_related("meeting").filter(pk=document_id).first()


def _decisions() -> QuerySet[Decision]:
    return Decision.objects.select_related(
        "responsible__record", "responsible__settlement", "meeting"
    ).prefetch_related("project_ideas")


def overdue_q(day: date) -> Q:
    return Q(status__in=Decision.UNRESOLVED, deadline__lt=day)


def decisions_open(*, overdue_only: bool = False) -> QuerySet[Decision]:
    """Open and in-progress decisions, overdue first, then by deadline (none last)."""
    decisions = _decisions().filter(status__in=Decision.UNRESOLVED)
    if overdue_only:
        decisions = decisions.filter(overdue_q(timezone.localdate()))
    return decisions.order_by("deadline", "id")


def decisions_of_meeting(meeting: Meeting) -> list[Decision]:
    return list(_decisions().filter(meeting=meeting).order_by("id"))


def decisions_of_user(user) -> list[Decision]:
    """The open decisions of the actors ``user`` is linked to (My network)."""
    if not getattr(user, "is_authenticated", False):
        return []
    actors = Actor.objects.filter(accounts=user).values("id")
    return list(decisions_open().filter(responsible__in=actors))


def decision_get(*, decision_id: int) -> Decision | None:
    return _decisions().filter(pk=decision_id).first()


def decision_counts() -> dict[str, int]:
    today = timezone.localdate()
    return Decision.objects.aggregate(
        open=Count("id", filter=Q(status__in=Decision.UNRESOLVED)),
        overdue=Count("id", filter=overdue_q(today)),
    )


# --- calendar --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Day:
    day: date
    in_month: bool
    meetings: list


def month_weeks(*, year: int, month: int) -> list[list[Day]]:
    """The weeks (Monday first) of the month with each day's meetings, in local time."""
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    zone = timezone.get_current_timezone()
    first = datetime.combine(weeks[0][0], datetime.min.time(), tzinfo=zone)
    last = datetime.combine(weeks[-1][-1] + timedelta(days=1), datetime.min.time(), tzinfo=zone)
    by_day: dict[date, list[Meeting]] = {}
    for meeting in (
        _meetings().filter(starts_at__gte=first, starts_at__lt=last).order_by("starts_at", "id")
    ):
        by_day.setdefault(timezone.localtime(meeting.starts_at).date(), []).append(meeting)
    return [[Day(d, d.month == month, by_day.get(d, [])) for d in week] for week in weeks]


def feed_meetings() -> list[Meeting]:
    """The meetings of the iCalendar feed: the latest :data:`FEED_LIMIT`."""
    return list(_meetings().order_by("-starts_at", "-id")[:FEED_LIMIT])


def participation_rows(*, user) -> list[dict]:
    """The meetings ``user``'s account was invited to (the owner's data download)."""
    rows = Participant.objects.filter(user=user).select_related("meeting").order_by("id")
    return [
        {
            "meeting": p.meeting.title,
            "starts_at": p.meeting.starts_at.isoformat(),
            "invited": p.invited,
            "attended": p.attended,
        }
        for p in rows
    ]
