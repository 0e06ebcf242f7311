"""The coordinator's corrections of a meeting's parts (``changes.py``): one edit page, one
delete confirmation (GET shows it, only a POST deletes) and one move button per kind of
part, described once in :data:`KINDS` and named in ``urls.py``.

A part is looked up within its meeting: another meeting's id is a 404; a part deleted
meanwhile sends back to the manage page with a message; a stale form is refused
(``changes.StaleChange``) and saves nothing.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from kozkincs.editing.views.common import form_media
from kozkincs.meetings import changes, selectors
from kozkincs.meetings.forms import (
    AgendaItemEditForm,
    DeleteForm,
    DocumentEditForm,
    MinutesSectionEditForm,
    MoveForm,
    ParticipantEditForm,
)
from kozkincs.meetings.models import AgendaItem, MeetingDocument, MinutesSection, Participant
from kozkincs.meetings.permissions import can_manage_meetings
from kozkincs.meetings.views import _form_errors, _manage, _meeting, _refused


@dataclass(frozen=True)
class PartKind:
    model: type
    form: type
    update: Callable[..., object]
    delete: Callable[..., object]
    heading: Promise
    question: Promise
    """Asked on the delete page, with ``%(name)s``."""
    saved: Promise
    deleted: Promise
    section: str
    """The id of the manage page's section to return to."""
    move: Callable[..., bool] | None = None
    warning: Promise | None = None
    """Said on the delete page: what goes with the part."""


KINDS = {
    "agenda": PartKind(
        model=AgendaItem, form=AgendaItemEditForm,
        update=lambda row, version, data: changes.agenda_item_update(
            item=row, version=version, **data),
        delete=lambda row, version: changes.agenda_item_delete(item=row, version=version),
        move=lambda row, direction: changes.agenda_item_move(item=row, direction=direction),
        heading=gettext_lazy("Editing an agenda item"),
        question=gettext_lazy("Delete the agenda item “%(name)s”?"),
        warning=gettext_lazy("Its sub-items are deleted with it."),
        saved=gettext_lazy("The agenda item was saved."),
        deleted=gettext_lazy("The agenda item was deleted."),
        section="agenda-heading",
    ),
    "participant": PartKind(
        model=Participant, form=ParticipantEditForm,
        update=lambda row, version, data: changes.participant_update(
            participant=row, version=version, **data),
        delete=lambda row, version: changes.participant_delete(participant=row, version=version),
        heading=gettext_lazy("Editing a participant"),
        question=gettext_lazy("Take “%(name)s” off the list of participants?"),
        warning=gettext_lazy(
            "If they attended, their roundtable tie from this meeting goes too."),
        saved=gettext_lazy("The participant was saved."),
        deleted=gettext_lazy("The participant was taken off the list."),
        section="participants-heading",
    ),
    "minutes": PartKind(
        model=MinutesSection, form=MinutesSectionEditForm,
        update=lambda row, version, data: changes.minutes_section_update(
            section=row, version=version, **data),
        delete=lambda row, version: changes.minutes_section_delete(section=row, version=version),
        move=lambda row, direction: changes.minutes_section_move(section=row, direction=direction),
        heading=gettext_lazy("Editing a section of the minutes"),
        question=gettext_lazy("Delete the section “%(name)s” of the minutes?"),
        saved=gettext_lazy("The section was saved."),
        deleted=gettext_lazy("The section was deleted."),
        section="minutes-heading",
    ),
    "document": PartKind(
        model=MeetingDocument, form=DocumentEditForm,
        update=lambda row, version, data: changes.document_update(
            document=row, version=version, **data),
        delete=lambda row, version: changes.document_delete(document=row, version=version),
        heading=gettext_lazy("Editing a document"),
        question=gettext_lazy("Delete the document “%(name)s”?"),
        warning=gettext_lazy("The file is deleted too."),
        saved=gettext_lazy("The document was saved."),
        deleted=gettext_lazy("The document was deleted."),
        section="documents-heading",
    ),
}  # fmt: skip


def _back(meeting, kind: PartKind) -> HttpResponse:
    return redirect(reverse("meetings:manage", args=[meeting.pk]) + f"#{kind.section}")


def _load(request: HttpRequest, meeting_id: int, part_id: int, kind: PartKind):
    """(meeting, part, None) or (…, None, the answer: the login, 403, or back with a message)."""
    meeting = _meeting(meeting_id)
    if not can_manage_meetings(request.user):
        return meeting, None, _refused(request)
    try:
        part = selectors.meeting_part_get(meeting=meeting, model=kind.model, part_id=part_id)
    except kind.model.DoesNotExist:
        raise Http404(_("This meeting has no such item.")) from None
    if part is None:
        messages.error(request, _("This was deleted meanwhile: nothing was saved."))
        return meeting, None, _back(meeting, kind)
    return meeting, part, None


def _incomplete(form) -> None:
    if form.has_error("version"):
        form.add_error(None, _("The form was incomplete. Open it again from the meeting."))


def _render(request, template, meeting, part, kind, form, status=200) -> HttpResponse:
    context = {"meeting": meeting, "part": part, "kind": kind, "form": form,
               "media": form_media(request, form)}  # fmt: skip
    if template == "meetings/part_delete.html":
        context["question"] = kind.question % {"name": str(part)}
    return render(request, template, context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def part_edit(request: HttpRequest, meeting_id: int, part_id: int, kind: str) -> HttpResponse:
    what = KINDS[kind]
    meeting, part, answer = _load(request, meeting_id, part_id, what)
    if answer is not None:
        return answer
    if request.method == "GET":
        form = what.form(initial=what.form.initial_for(part), item=part)
        return _render(request, "meetings/part_form.html", meeting, part, what, form)
    form = what.form(request.POST, item=part)
    if form.is_valid():
        data = dict(form.cleaned_data)
        try:
            what.update(part, data.pop("version"), data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, str(what.saved))
            return _back(meeting, what)
    _incomplete(form)
    return _render(request, "meetings/part_form.html", meeting, part, what, form, status=400)


@never_cache
@require_http_methods(["GET", "POST"])
def part_delete(request: HttpRequest, meeting_id: int, part_id: int, kind: str) -> HttpResponse:
    """GET: the question, with the version seen; POST: the deletion."""
    what = KINDS[kind]
    meeting, part, answer = _load(request, meeting_id, part_id, what)
    if answer is not None:
        return answer
    if request.method == "GET":
        form = DeleteForm(initial={"version": part.version})
        return _render(request, "meetings/part_delete.html", meeting, part, what, form)
    form = DeleteForm(request.POST)
    if form.is_valid():
        try:
            what.delete(part, form.cleaned_data["version"])
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, str(what.deleted))
            return _back(meeting, what)
    _incomplete(form)
    return _render(request, "meetings/part_delete.html", meeting, part, what, form, status=400)


@require_POST
def part_move(request: HttpRequest, meeting_id: int, part_id: int, kind: str) -> HttpResponse:
    what = KINDS[kind]
    meeting, part, answer = _load(request, meeting_id, part_id, what)
    if answer is not None:
        return answer
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Move an item up or down."))
        return _manage(request, meeting, status=400)
    try:
        what.move(part, form.cleaned_data["direction"])
    except ValidationError as error:  # deleted by someone else meanwhile
        for message in error.messages:
            messages.error(request, message)
    return _back(meeting, what)
