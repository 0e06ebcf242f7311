"""Every write of the roundtable: meetings, agenda, participants, minutes, documents,
decisions, the mails to the invited, and the follow-up items that carry open decisions.

Keyword-only, atomic, validate first; a refused change raises ``ValidationError`` keyed by
field and changes nothing. Every change of meetings or decisions ends with
:func:`followups_sync` in the same transaction, so the agendas never lag behind.
"""

from bisect import bisect_right
from collections.abc import Iterable
from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kozkincs.catalog.models import Record
from kozkincs.core.mail import mail_queue
from kozkincs.core.rich_text import plain_text, rich_text_clean
from kozkincs.gazetteer.models import Settlement
from kozkincs.media.documents import prepare_document
from kozkincs.media.storage import files_remove_after_commit, files_write, random_token
from kozkincs.meetings.models import (
    AgendaItem,
    Decision,
    Meeting,
    MeetingDocument,
    MinutesSection,
    Participant,
    Visibility,
)
from kozkincs.network.kinds import TieKind
from kozkincs.network.models import Actor
from kozkincs.network.services import derived_ties_replace

DOCUMENT_FOLDER = "meeting-documents"
FOLLOWUP_TITLE_LENGTH = 300


def _absolute(path: str) -> str:
    return settings.KOZKINCS_SITE_URL.rstrip("/") + path


def _refuse(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})


def _check_meeting(
    *, title: str, starts_at: datetime, ends_at: datetime, venue: Record | None, venue_text: str
) -> None:
    errors: dict[str, list[str]] = {}
    if not title.strip():
        errors["title"] = [_("Give the meeting a title.")]
    if ends_at <= starts_at:
        errors["ends_at"] = [_("The meeting must end after it starts.")]
    if venue is None and not venue_text.strip():
        errors["venue_text"] = [_("Choose the venue's record or write where the meeting is.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def meeting_create(
    *,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    venue: Record | None = None,
    venue_text: str = "",
    settlement: Settlement | None = None,
    description: str = "",
    priorities: Iterable = (),
    status: str = Meeting.Status.PLANNED,
    user=None,
    is_demo: bool = False,
) -> Meeting:
    _check_meeting(
        title=title, starts_at=starts_at, ends_at=ends_at, venue=venue, venue_text=venue_text
    )
    meeting = Meeting.objects.create(
        title=title.strip(),
        starts_at=starts_at,
        ends_at=ends_at,
        venue=venue,
        venue_text=venue_text.strip(),
        settlement=settlement or (venue.settlement if venue is not None else None),
        description=description.strip(),
        status=status,
        created_by=user if getattr(user, "is_authenticated", False) else None,
        is_demo=is_demo,
    )
    meeting.priorities.set(priorities)
    followups_sync()
    return meeting


@transaction.atomic
def meeting_update(
    *,
    meeting: Meeting,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    venue: Record | None,
    venue_text: str,
    settlement: Settlement | None,
    description: str,
    priorities: Iterable,
    status: str,
) -> Meeting:
    _check_meeting(
        title=title, starts_at=starts_at, ends_at=ends_at, venue=venue, venue_text=venue_text
    )
    if status not in Meeting.Status.values:
        raise _refuse("status", _("Unknown status of a meeting."))
    meeting.title = title.strip()
    meeting.starts_at, meeting.ends_at = starts_at, ends_at
    meeting.venue, meeting.venue_text = venue, venue_text.strip()
    meeting.settlement = settlement or (venue.settlement if venue is not None else None)
    meeting.description = description.strip()
    meeting.status = status
    meeting.save()
    meeting.priorities.set(priorities)
    followups_sync()
    attendance_ties_sync(meeting=meeting)
    return meeting


@transaction.atomic
def meeting_delete(*, meeting: Meeting) -> None:
    """Delete a meeting with its agenda, participants, minutes, documents and decisions: the
    roundtable ties derived from its attendance go (a pair that also met elsewhere keeps its
    tie), the documents' files are removed once the deletion commits, and its open decisions
    leave the other agendas."""
    derived_ties_replace(
        key=f"meeting:{meeting.pk}", pairs=set(), evidence_text="", evidence_url=""
    )
    files_remove_after_commit(list(meeting.documents.values_list("file", flat=True)))
    meeting.delete()
    followups_sync()


@transaction.atomic
def meeting_admin_saved(*, meeting: Meeting) -> None:
    """After the admin saved a meeting with its inline agenda and participants: the follow-up
    items and the attendance ties follow, as they do after the portal's changes, and the
    portal's forms opened before are refused as stale (the versions rise)."""
    for model in (AgendaItem, Participant, MinutesSection):
        model.objects.filter(meeting=meeting).update(version=F("version") + 1)
    followups_sync()
    attendance_ties_sync(meeting=meeting)


# --- agenda ----------------------------------------------------------------------------------


def _next_position(meeting: Meeting, parent: AgendaItem | None) -> int:
    last = AgendaItem.objects.filter(meeting=meeting, parent=parent).aggregate(Max("position"))
    return (last["position__max"] or 0) + 1


def agenda_item_check(
    *,
    meeting_id: int,
    title: str,
    duration_minutes: int | None,
    parent: AgendaItem | None,
    item: AgendaItem | None = None,
) -> None:
    """Refuse, keyed by field, an item (new, or ``item`` changed) that cannot be saved."""
    errors: dict[str, list[str]] = {}
    if not title.strip():
        errors["title"] = [_("Give the agenda item a title.")]
    if duration_minutes is not None and duration_minutes <= 0:
        errors["duration_minutes"] = [_("The duration is a positive number of minutes.")]
    if parent is not None:
        if parent.meeting_id != meeting_id or parent.parent_id is not None:
            errors["parent"] = [_("A sub-item belongs under a main item of the same meeting.")]
        elif item is not None and parent.pk == item.pk:
            errors["parent"] = [_("An item cannot be its own sub-item.")]
        elif item is not None and item.children.exists():
            errors["parent"] = [_("An item with sub-items stays a main item.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def agenda_item_add(
    *,
    meeting: Meeting,
    title: str,
    duration_minutes: int | None = None,
    parent: AgendaItem | None = None,
    project_ideas: Iterable = (),
) -> AgendaItem:
    """An item at the end of the agenda, or a sub-item at the end of ``parent``'s."""
    agenda_item_check(
        meeting_id=meeting.pk, title=title, duration_minutes=duration_minutes, parent=parent
    )
    item = AgendaItem.objects.create(
        meeting=meeting,
        parent=parent,
        position=_next_position(meeting, parent),
        title=title.strip(),
        duration_minutes=duration_minutes,
    )
    item.project_ideas.set(project_ideas)
    return item


def _followup_title(decision_text: str) -> str:
    text = " ".join(plain_text(decision_text).split())
    if len(text) > FOLLOWUP_TITLE_LENGTH:
        text = text[: FOLLOWUP_TITLE_LENGTH - 1].rstrip() + "…"
    return text


def followups_desired() -> dict[int, set[int]]:
    """Which decisions each planned meeting follows up: an open or in-progress decision goes
    to the first planned meeting that starts after the meeting that made it."""
    planned = list(
        Meeting.objects.filter(status=Meeting.Status.PLANNED)
        .order_by("starts_at", "id")
        .values_list("id", "starts_at")
    )
    starts = [start for _id, start in planned]
    desired: dict[int, set[int]] = {}
    unresolved = Decision.objects.filter(status__in=Decision.UNRESOLVED).values_list(
        "id", "meeting__starts_at"
    )
    for decision_id, made_at in unresolved:
        index = bisect_right(starts, made_at)
        if index < len(planned):
            desired.setdefault(planned[index][0], set()).add(decision_id)
    return desired


@transaction.atomic
def followups_sync() -> int:
    """Make the follow-up items of every planned meeting match :func:`followups_desired`
    (added at the end of the agenda, removed once the decision is done or dropped or moved to
    another meeting). A cancelled meeting loses its follow-ups; a held one keeps them (they
    were discussed). Returns the number of changes."""
    desired = followups_desired()
    existing = AgendaItem.objects.filter(
        meeting__status__in=[Meeting.Status.PLANNED, Meeting.Status.CANCELLED],
        follows_up__isnull=False,
    ).values_list("id", "meeting_id", "follows_up_id")
    stale, have = [], set()
    for item_id, meeting_id, decision_id in existing:
        if decision_id in desired.get(meeting_id, ()):
            have.add((meeting_id, decision_id))
        else:
            stale.append(item_id)
    AgendaItem.objects.filter(pk__in=stale).delete()
    missing = sorted(
        (meeting_id, decision_id)
        for meeting_id, decisions in desired.items()
        for decision_id in decisions
        if (meeting_id, decision_id) not in have
    )
    if missing:
        texts = dict(
            Decision.objects.filter(pk__in={d for _m, d in missing}).values_list("id", "text")
        )
        last = dict(
            AgendaItem.objects.filter(meeting_id__in={m for m, _d in missing}, parent=None)
            .values("meeting_id")
            .annotate(last=Max("position"))
            .values_list("meeting_id", "last")
        )
        items = []
        for meeting_id, decision_id in missing:
            last[meeting_id] = (last.get(meeting_id) or 0) + 1
            items.append(
                AgendaItem(
                    meeting_id=meeting_id,
                    position=last[meeting_id],
                    title=_followup_title(texts[decision_id]),
                    follows_up_id=decision_id,
                )
            )
        AgendaItem.objects.bulk_create(items)
    return len(stale) + len(missing)


# --- participants ----------------------------------------------------------------------------


@transaction.atomic
def participant_add(
    *, meeting: Meeting, actor: Actor | None = None, user=None, attended: bool = False
) -> Participant:
    """Invite an actor or an account (exactly one of them) to ``meeting``."""
    if (actor is None) == (user is None):
        raise _refuse(NON_FIELD_ERRORS, _("Choose either an actor or an account to invite."))
    duplicate = Participant.objects.filter(meeting=meeting)
    duplicate = duplicate.filter(actor=actor) if actor else duplicate.filter(user=user)
    if duplicate.exists():
        raise _refuse(NON_FIELD_ERRORS, _("This participant is on the list already."))
    try:
        with transaction.atomic():
            participant = Participant.objects.create(
                meeting=meeting, actor=actor, user=user, attended=attended
            )
    except IntegrityError:  # a parallel request added them first
        raise _refuse(NON_FIELD_ERRORS, _("This participant is on the list already.")) from None
    if attended:
        attendance_ties_sync(meeting=meeting)
    return participant


@transaction.atomic
def attendance_record(*, meeting: Meeting, attended_ids: Iterable[int]) -> int:
    """Mark the participants of ``attended_ids`` as attending and the others as not; the
    roundtable ties of the attending actors follow. Returns how many attended."""
    if not meeting.has_begun:
        raise _refuse(NON_FIELD_ERRORS, _("Attendance can be recorded once the meeting began."))
    if meeting.status == Meeting.Status.CANCELLED:
        raise _refuse(NON_FIELD_ERRORS, _("Nobody attends a cancelled meeting."))
    ids = set(attended_ids)
    participants = Participant.objects.filter(meeting=meeting)
    if ids - set(participants.values_list("id", flat=True)):
        raise _refuse(NON_FIELD_ERRORS, _("Mark only the participants of this meeting."))
    participants.filter(pk__in=ids).update(attended=True)
    participants.exclude(pk__in=ids).update(attended=False)
    attendance_ties_sync(meeting=meeting)
    return len(ids)


def attendance_pairs(meeting: Meeting) -> list[tuple[int, int]]:
    """The roundtable ties a meeting's attendance shows: each attending actor with the host,
    the actor of the venue's record (smaller id first). A star, not every pair of attendees:
    a meeting of thirty would otherwise add 435 ties and flatten the network's figures. No
    host actor (a venue without a record or actor) or a cancelled meeting: no pairs."""
    if meeting.status == Meeting.Status.CANCELLED or meeting.venue_id is None:
        return []
    host = Actor.objects.filter(record_id=meeting.venue_id).values_list("id", flat=True).first()
    if host is None:
        return []
    attending = Participant.objects.filter(meeting=meeting, attended=True, actor__isnull=False)
    actors = set(attending.values_list("actor_id", flat=True)) - {host}
    return sorted((min(host, a), max(host, a)) for a in actors)


def attendance_ties_sync(*, meeting: Meeting) -> int:
    """The actors that attended ``meeting`` are tied to its host as members of the
    roundtable (:func:`attendance_pairs`): derived ties keyed ``meeting:<id>``, kept by the
    network and never typed in twice (a pair that also met elsewhere keeps its tie while one
    of its meetings remains). Returns the number of ties changed."""
    pairs = {(a, b, TieKind.ROUNDTABLE) for a, b in attendance_pairs(meeting)}
    day = timezone.localtime(meeting.starts_at).date()
    return derived_ties_replace(
        key=f"meeting:{meeting.pk}",
        pairs=pairs,
        evidence_text=f"{meeting.title} ({day.isoformat()})",
        evidence_url=_meeting_url(meeting),
        start=day,
    )


def participations_erase(*, user) -> int:
    """Remove ``user``'s account from the meetings' participants (the account is deleted)."""
    deleted, _by_model = Participant.objects.filter(user=user).delete()
    return deleted


# --- minutes and documents -------------------------------------------------------------------


def check_visibility(visibility: str) -> None:
    if visibility not in Visibility.values:
        raise _refuse("visibility", _("Choose who may see it."))


@transaction.atomic
def minutes_section_add(
    *, meeting: Meeting, heading: str, body: str, visibility: str = Visibility.PUBLIC
) -> MinutesSection:
    """A section at the end of the minutes; its text sanitised (``core.rich_text``)."""
    if not heading.strip():
        raise _refuse("heading", _("Give the section a heading."))
    check_visibility(visibility)
    last = meeting.minutes.aggregate(Max("position"))["position__max"] or 0
    return MinutesSection.objects.create(
        meeting=meeting,
        position=last + 1,
        heading=heading.strip(),
        body=rich_text_clean(body),
        visibility=visibility,
    )


def document_add(
    *, meeting: Meeting, upload: UploadedFile, title: str, visibility: str, user=None
) -> MeetingDocument:
    """Check the PDF, store it under a random name, then record it (the file is written
    before its row commits and removed again when the row does not)."""
    if not title.strip():
        raise _refuse("title", _("Give the document a title."))
    check_visibility(visibility)
    prepared = prepare_document(upload)
    [name] = files_write([(f"{DOCUMENT_FOLDER}/{random_token()}.pdf", prepared.content)])
    try:
        with transaction.atomic():
            return MeetingDocument.objects.create(
                meeting=meeting,
                file=name,
                title=title.strip(),
                visibility=visibility,
                size=prepared.size,
                uploaded_by=user if getattr(user, "is_authenticated", False) else None,
            )
    except BaseException:
        files_remove_after_commit([name])
        raise


# --- decisions -------------------------------------------------------------------------------


def _check_decision(*, text: str, responsible: Actor | None, status: str) -> None:
    errors: dict[str, list[str]] = {}
    if not text.strip():
        errors["text"] = [_("Write down the decision.")]
    if responsible is None:
        errors["responsible"] = [_("Every decision needs a responsible actor: choose one.")]
    if status not in Decision.Status.values:
        errors["status"] = [_("Unknown status of a decision.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def decision_create(
    *,
    meeting: Meeting,
    text: str,
    responsible: Actor | None,
    deadline: date | None = None,
    status: str = Decision.Status.OPEN,
    project_ideas: Iterable = (),
    is_demo: bool = False,
) -> Decision:
    _check_decision(text=text, responsible=responsible, status=status)
    if meeting.status == Meeting.Status.CANCELLED:
        raise _refuse(NON_FIELD_ERRORS, _("A cancelled meeting takes no decisions."))
    decision = Decision.objects.create(
        meeting=meeting,
        text=text.strip(),
        responsible=responsible,
        deadline=deadline,
        status=status,
        is_demo=is_demo,
    )
    decision.project_ideas.set(project_ideas)
    followups_sync()
    return decision


@transaction.atomic
def decision_update(
    *,
    decision: Decision,
    text: str,
    responsible: Actor | None,
    deadline: date | None,
    status: str,
    project_ideas: Iterable = (),
) -> Decision:
    _check_decision(text=text, responsible=responsible, status=status)
    decision.text, decision.responsible = text.strip(), responsible
    decision.deadline, decision.status = deadline, status
    decision.save()
    decision.project_ideas.set(project_ideas)
    followups_sync()
    return decision


@transaction.atomic
def decision_status_set(*, decision: Decision, status: str) -> Decision:
    if status not in Decision.Status.values:
        raise _refuse("status", _("Unknown status of a decision."))
    decision.status = status
    decision.save(update_fields=["status", "updated_at"])
    followups_sync()
    return decision


# --- mail ------------------------------------------------------------------------------------


def recipients_of(meeting: Meeting, *, attended_only: bool = False) -> list[str]:
    """The e-mail addresses of the invited accounts and of the accounts linked to the invited
    actors, each once, in a stable order."""
    participants = Participant.objects.filter(meeting=meeting, invited=True)
    if attended_only:
        participants = participants.filter(attended=True)
    addresses: set[str] = set()
    for participant in participants.select_related("user").prefetch_related("actor__accounts"):
        users = [participant.user] if participant.user_id else participant.actor.accounts.all()
        addresses.update(u.email for u in users if u.email and u.is_active)
    return sorted(addresses)


def _meeting_url(meeting: Meeting) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return _absolute(meeting.get_absolute_url())


def _mail_invited(meeting: Meeting, template: str, context: dict, sent_field: str) -> int:
    """Queue ``meetings/mail/<template>`` for every address of :func:`recipients_of` and note
    when; refused when nobody invited has an address. Returns the number of mails."""
    recipients = recipients_of(meeting)
    if not recipients:
        raise _refuse(
            NON_FIELD_ERRORS,
            _("None of the invited has an account with an e-mail address: nothing was sent."),
        )
    context = {**context, "url": _meeting_url(meeting)}
    for recipient in recipients:
        mail_queue(
            recipient=recipient,
            template=f"meetings/mail/{template}",
            context=context,
            language=settings.LANGUAGE_CODE,
        )
    setattr(meeting, sent_field, timezone.now())
    meeting.save(update_fields=[sent_field, "updated_at"])
    return len(recipients)


@transaction.atomic
def invitations_send(*, meeting: Meeting) -> int:
    """Mail the invitation to every invited member (queued when the transaction commits).
    Refused for a meeting that began or is cancelled. Returns the number of mails."""
    if meeting.status == Meeting.Status.CANCELLED:
        raise _refuse(NON_FIELD_ERRORS, _("The meeting is cancelled: no invitation is sent."))
    if meeting.has_begun:
        raise _refuse(
            NON_FIELD_ERRORS,
            _("The meeting has begun or is over: invitations can no longer be sent."),
        )
    context = {
        "meeting": meeting,
        "agenda": list(meeting.agenda_items.filter(parent=None).order_by("position", "id")),
    }
    return _mail_invited(meeting, "invitation", context, "invitations_sent_at")


@transaction.atomic
def minutes_send(*, meeting: Meeting) -> int:
    """Mail the minutes (every section: the recipients are members) to the invited.
    Returns the number of mails."""
    sections = [(section.heading, plain_text(section.body)) for section in meeting.minutes.all()]
    if not sections:
        raise _refuse(NON_FIELD_ERRORS, _("The minutes are empty: write a section first."))
    context = {
        "meeting": meeting,
        "sections": sections,
        "decisions": list(meeting.decisions.select_related("responsible__record")),
    }
    return _mail_invited(meeting, "minutes", context, "minutes_sent_at")
