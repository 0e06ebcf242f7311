"""Corrections of a meeting's parts after they were added: edit, reorder and delete agenda
items, participants, sections of the minutes and documents (``services.py`` adds them).

Keyword-only, atomic, validate first, like the other services. Every edit and delete names the
``version`` the form was opened with: when someone changed or deleted the row since,
:class:`StaleChange` is raised and nothing is saved. Attendance changes keep the derived
roundtable ties in step (:func:`~kozkincs.meetings.services.attendance_ties_sync`); agenda
changes end with :func:`~kozkincs.meetings.services.followups_sync`.
"""

from collections.abc import Iterable

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from kozkincs.core.rich_text import rich_text_clean
from kozkincs.media.storage import files_remove_after_commit
from kozkincs.meetings.models import (
    AgendaItem,
    Meeting,
    MeetingDocument,
    MinutesSection,
    Participant,
)
from kozkincs.meetings.services import (
    agenda_item_check,
    attendance_ties_sync,
    check_visibility,
    followups_sync,
)

UP, DOWN = "up", "down"


class StaleChange(ValidationError):
    """The row was changed or deleted since the form was opened: nothing was saved."""


def _refuse(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})


def _claim(row: models.Model, version: int) -> None:
    """Raise the row's version if it is still ``version``; else :class:`StaleChange`."""
    model = type(row)
    if not model.objects.filter(pk=row.pk, version=version).update(version=F("version") + 1):
        if model.objects.filter(pk=row.pk).exists():
            message = _(
                "Someone else changed this meanwhile, so your change was not saved. "
                "Open it again to see the current version."
            )
        else:
            message = _("This was deleted meanwhile: nothing was saved.")
        raise StaleChange({NON_FIELD_ERRORS: [message]})
    row.version = version + 1


def _renumber(siblings: list) -> None:
    for position, row in enumerate(siblings, start=1):
        if row.position != position:
            type(row).objects.filter(pk=row.pk).update(position=position)
            row.position = position


def _move(siblings: models.QuerySet, row: models.Model, direction: str) -> bool:
    """Swap ``row`` with its neighbour among ``siblings`` (ordered by position, id) and number
    them 1, 2, …; False when it is first (up) or last (down) already."""
    if direction not in (UP, DOWN):
        raise _refuse("direction", _("Move an item up or down."))
    ordered = list(siblings.select_for_update().order_by("position", "id"))
    index = next((i for i, other in enumerate(ordered) if other.pk == row.pk), None)
    if index is None:
        raise StaleChange({NON_FIELD_ERRORS: [_("This was deleted meanwhile: nothing was saved.")]})
    other = index - 1 if direction == UP else index + 1
    if not 0 <= other < len(ordered):
        return False
    ordered[index], ordered[other] = ordered[other], ordered[index]
    _renumber(ordered)
    return True


# --- agenda ----------------------------------------------------------------------------------


@transaction.atomic
def agenda_item_update(
    *,
    item: AgendaItem,
    version: int,
    title: str,
    duration_minutes: int | None,
    parent: AgendaItem | None,
    project_ideas: Iterable = (),
) -> AgendaItem:
    """Change an item's title, duration, place (main item or sub-item of ``parent``: it goes
    to the end there) and the project ideas discussed."""
    agenda_item_check(meeting_id=item.meeting_id, title=title, duration_minutes=duration_minutes,
                      parent=parent, item=item)  # fmt: skip
    _claim(item, version)
    if parent != item.parent:
        siblings = AgendaItem.objects.filter(meeting_id=item.meeting_id, parent=parent)
        item.position = (siblings.aggregate(last=models.Max("position"))["last"] or 0) + 1
    item.title, item.duration_minutes, item.parent = title.strip(), duration_minutes, parent
    item.save(update_fields=["title", "duration_minutes", "parent", "position"])
    item.project_ideas.set(project_ideas)
    return item


@transaction.atomic
def agenda_item_move(*, item: AgendaItem, direction: str) -> bool:
    """One place up or down among its siblings (main items, or the sub-items of its parent)."""
    siblings = AgendaItem.objects.filter(meeting_id=item.meeting_id, parent_id=item.parent_id)
    return _move(siblings, item, direction)


@transaction.atomic
def agenda_item_delete(*, item: AgendaItem, version: int) -> int:
    """Delete an item with its sub-items. A planned meeting's follow-up item is refused: it
    leaves by itself when its decision is done or dropped. Returns the number of items gone."""
    if item.follows_up_id is not None and item.meeting.status == Meeting.Status.PLANNED:
        raise _refuse(
            NON_FIELD_ERRORS,
            _(
                "This item follows up an open decision: it leaves the agenda by itself once "
                "the decision is done or dropped."
            ),
        )
    _claim(item, version)
    count = 1 + item.children.count()
    item.delete()
    followups_sync()  # a follow-up among the sub-items comes back at the end
    return count


# --- participants ----------------------------------------------------------------------------


@transaction.atomic
def participant_update(
    *, participant: Participant, version: int, invited: bool, attended: bool
) -> Participant:
    """Change whether a participant was invited and attended; the ties follow."""
    meeting = participant.meeting
    if attended and not participant.attended:
        if not meeting.has_begun:
            raise _refuse("attended", _("Attendance can be recorded once the meeting began."))
        if meeting.status == Meeting.Status.CANCELLED:
            raise _refuse("attended", _("Nobody attends a cancelled meeting."))
    _claim(participant, version)
    participant.invited, participant.attended = invited, attended
    participant.save(update_fields=["invited", "attended"])
    attendance_ties_sync(meeting=meeting)
    return participant


@transaction.atomic
def participant_delete(*, participant: Participant, version: int) -> None:
    """Take a participant off the list; an attending actor's roundtable tie goes with it
    (unless it comes from other meetings too)."""
    _claim(participant, version)
    meeting = participant.meeting
    participant.delete()
    attendance_ties_sync(meeting=meeting)


# --- minutes and documents -------------------------------------------------------------------


@transaction.atomic
def minutes_section_update(
    *, section: MinutesSection, version: int, heading: str, body: str, visibility: str
) -> MinutesSection:
    if not heading.strip():
        raise _refuse("heading", _("Give the section a heading."))
    check_visibility(visibility)
    _claim(section, version)
    section.heading, section.body = heading.strip(), rich_text_clean(body)
    section.visibility = visibility
    section.save(update_fields=["heading", "body", "visibility"])
    return section


@transaction.atomic
def minutes_section_move(*, section: MinutesSection, direction: str) -> bool:
    return _move(MinutesSection.objects.filter(meeting_id=section.meeting_id), section, direction)


@transaction.atomic
def minutes_section_delete(*, section: MinutesSection, version: int) -> None:
    _claim(section, version)
    section.delete()


@transaction.atomic
def document_update(
    *, document: MeetingDocument, version: int, title: str, visibility: str
) -> MeetingDocument:
    """Change a document's title and who may see it (the file stays)."""
    if not title.strip():
        raise _refuse("title", _("Give the document a title."))
    check_visibility(visibility)
    _claim(document, version)
    document.title, document.visibility = title.strip(), visibility
    document.save(update_fields=["title", "visibility"])
    return document


@transaction.atomic
def document_delete(*, document: MeetingDocument, version: int) -> None:
    """Delete a document; its file is removed once the deletion commits."""
    _claim(document, version)
    files_remove_after_commit([document.file.name])
    document.delete()
