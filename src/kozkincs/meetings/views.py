"""The roundtable pages: thin views over the selectors and services.

The public pages (list, calendar, feed, meeting, open decisions) are for everyone; the
coordinator's pages and POSTs answer others with the login (anonymous) or 403, and a refused
or invalid POST changes nothing.
"""

from datetime import date

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kozkincs.editing.views.common import form_media
from kozkincs.media.storage import media_storage
from kozkincs.meetings import selectors, services
from kozkincs.meetings.forms import (
    AgendaItemForm,
    AttendanceForm,
    DecisionForm,
    DecisionStatusForm,
    DocumentForm,
    MeetingForm,
    MinutesSectionForm,
    ParticipantForm,
)
from kozkincs.meetings.models import Meeting
from kozkincs.meetings.permissions import can_manage_meetings, can_see, can_update_decision
from kozkincs.network.selectors import actors_visible

PAGE_SIZE = 30
FIRST_YEAR, LAST_YEAR = 2000, 2100


def _refused(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return render(request, "meetings/forbidden.html", status=403)


def _meeting(meeting_id: int) -> Meeting:
    meeting = selectors.meeting_get(meeting_id=meeting_id)
    if meeting is None:
        raise Http404(_("There is no such meeting."))
    return meeting


def _form_errors(form, error: ValidationError) -> None:
    for key, problems in error.message_dict.items():
        for problem in problems:
            form.add_error(key if key in form.fields else None, problem)


def _page(value: str | None) -> int:
    return int(value) if value and value.isdigit() and 0 < int(value) < 10_000 else 1


@require_GET
def meeting_list(request: HttpRequest) -> HttpResponse:
    page = _page(request.GET.get("page"))
    past = selectors.meeting_list(upcoming=False)
    start = (page - 1) * PAGE_SIZE
    context = {
        "upcoming": selectors.meeting_list(upcoming=True),
        "past": past[start : start + PAGE_SIZE],
        "page": page,
        "has_next": past[start + PAGE_SIZE : start + PAGE_SIZE + 1].exists(),
        "can_manage": can_manage_meetings(request.user),
        "counts": selectors.decision_counts(),
    }
    return render(request, "meetings/list.html", context)


def _month(request: HttpRequest) -> tuple[int, int] | None:
    today = timezone.localdate()
    try:
        year = int(request.GET.get("ev", today.year))
        month = int(request.GET.get("ho", today.month))
    except ValueError:
        return None
    if not (FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12):
        return None
    return year, month


@require_GET
def calendar(request: HttpRequest) -> HttpResponse:
    chosen = _month(request)
    if chosen is None:
        response = render(request, "meetings/bad_month.html", status=400)
        return response
    year, month = chosen
    previous = (year, month - 1) if month > 1 else (year - 1, 12)
    following = (year, month + 1) if month < 12 else (year + 1, 1)
    context = {
        "weeks": selectors.month_weeks(year=year, month=month),
        "month": date(year, month, 1),
        "previous": previous if previous[0] >= FIRST_YEAR else None,
        "following": following if following[0] <= LAST_YEAR else None,
    }
    return render(request, "meetings/calendar.html", context)


@require_GET
def ical_feed(request: HttpRequest) -> HttpResponse:
    # icalendar is loaded by the processes that serve the feed, not by every web worker.
    from kozkincs.meetings.ical import meetings_ical

    body = meetings_ical(selectors.feed_meetings(), language=get_language())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(False, "kerekasztal.ics")
    return response


@require_GET
def decision_list(request: HttpRequest) -> HttpResponse:
    overdue_only = request.GET.get("lejart") == "1"
    page = _page(request.GET.get("page"))
    start = (page - 1) * PAGE_SIZE
    decisions = selectors.decisions_open(overdue_only=overdue_only)
    context = {
        "decisions": decisions[start : start + PAGE_SIZE],
        "page": page,
        "has_next": decisions[start + PAGE_SIZE : start + PAGE_SIZE + 1].exists(),
        "query": "lejart=1&" if overdue_only else "",
        "overdue_only": overdue_only,
        "today": timezone.localdate(),
        "counts": selectors.decision_counts(),
    }
    return render(request, "meetings/decisions.html", context)


@require_GET
def meeting_detail(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = _meeting(meeting_id)
    agenda = selectors.agenda(meeting)
    context = {
        "meeting": meeting,
        "agenda": agenda,
        "agenda_minutes": selectors.agenda_minutes(agenda),
        "participants": selectors.participants_for(viewer=request.user, meeting=meeting),
        "minutes": selectors.minutes_for(viewer=request.user, meeting=meeting),
        "documents": selectors.documents_for(viewer=request.user, meeting=meeting),
        "decisions": selectors.decisions_of_meeting(meeting),
        "today": timezone.localdate(),
        "can_manage": can_manage_meetings(request.user),
    }
    return render(request, "meetings/detail.html", context)


def _meeting_fields(data: dict) -> dict:
    keys = ("title", "starts_at", "ends_at", "venue", "settlement", "priorities", "status")
    return {
        **{key: data[key] for key in keys},
        "venue_text": data["venue_text"],
        "description": data["description"],
    }


@never_cache
@require_http_methods(["GET", "POST"])
def meeting_create(request: HttpRequest) -> HttpResponse:
    if not can_manage_meetings(request.user):
        return _refused(request)
    form = MeetingForm(request.POST or None, initial={"status": Meeting.Status.PLANNED})
    if request.method == "POST":
        if form.is_valid():
            try:
                meeting = services.meeting_create(
                    user=request.user, **_meeting_fields(form.cleaned_data)
                )
            except ValidationError as error:
                _form_errors(form, error)
            else:
                messages.success(request, _("The meeting was created."))
                return redirect("meetings:manage", meeting_id=meeting.pk)
        return render(request, "meetings/meeting_form.html", {"form": form}, status=400)
    return render(request, "meetings/meeting_form.html", {"form": form})


@never_cache
@require_http_methods(["GET", "POST"])
def meeting_edit(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = _meeting(meeting_id)
    if not can_manage_meetings(request.user):
        return _refused(request)
    if request.method == "POST":
        form = MeetingForm(request.POST)
        if form.is_valid():
            try:
                services.meeting_update(meeting=meeting, **_meeting_fields(form.cleaned_data))
            except ValidationError as error:
                _form_errors(form, error)
            else:
                messages.success(request, _("The meeting was saved."))
                return redirect(meeting)
        context = {"form": form, "meeting": meeting}
        return render(request, "meetings/meeting_form.html", context, status=400)
    form = MeetingForm(initial=MeetingForm.initial_for(meeting))
    return render(request, "meetings/meeting_form.html", {"form": form, "meeting": meeting})


def _actors(request: HttpRequest):
    return actors_visible(request.user).order_by("name", "id")


def _manage(request: HttpRequest, meeting: Meeting, bound=None, status: int = 200):
    """The coordinator's page with every form; ``bound`` replaces the form of its kind."""
    participants = selectors.participants(meeting)
    forms = {
        "agenda_form": AgendaItemForm(meeting=meeting),
        "participant_form": ParticipantForm(actors=_actors(request)),
        "attendance_form": AttendanceForm(participants=participants),
        "minutes_form": MinutesSectionForm(),
        "document_form": DocumentForm(),
        "decision_form": DecisionForm(actors=_actors(request)),
    }
    if bound is not None:
        forms[bound[0]] = bound[1]
    agenda = selectors.agenda(meeting)
    context = {
        "meeting": meeting,
        "agenda": agenda,
        "agenda_minutes": selectors.agenda_minutes(agenda),
        "participants": participants,
        "decisions": selectors.decisions_of_meeting(meeting),
        "minutes": selectors.minutes_for(viewer=request.user, meeting=meeting),
        "documents": selectors.documents_for(viewer=request.user, meeting=meeting),
        "recipients": len(services.recipients_of(meeting)),
        "media": form_media(request, forms["minutes_form"]),
        **forms,
    }
    return render(request, "meetings/manage.html", context, status=status)


@never_cache
@require_GET
def meeting_manage(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = _meeting(meeting_id)
    if not can_manage_meetings(request.user):
        return _refused(request)
    return _manage(request, meeting)


def _manage_post(request, meeting_id, key, form_factory, write, success):
    """A POST of one form of the manage page: validate, write, redirect, or show the errors."""
    meeting = _meeting(meeting_id)
    if not can_manage_meetings(request.user):
        return _refused(request)
    form = form_factory(meeting)
    if form.is_valid():
        try:
            write(meeting, form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, success)
            return redirect("meetings:manage", meeting_id=meeting.pk)
    return _manage(request, meeting, bound=(key, form), status=400)


@require_POST
def agenda_add(request: HttpRequest, meeting_id: int) -> HttpResponse:
    return _manage_post(
        request, meeting_id, "agenda_form",
        lambda m: AgendaItemForm(request.POST, meeting=m),
        lambda m, d: services.agenda_item_add(meeting=m, **d),
        _("The agenda item was added."),
    )  # fmt: skip


@require_POST
def participant_add(request: HttpRequest, meeting_id: int) -> HttpResponse:
    return _manage_post(
        request, meeting_id, "participant_form",
        lambda m: ParticipantForm(request.POST, actors=_actors(request)),
        lambda m, d: services.participant_add(
            meeting=m, actor=d["actor"], user=d["user"], attended=d["attended"]
        ),
        _("The participant was added to the list."),
    )  # fmt: skip


@require_POST
def attendance(request: HttpRequest, meeting_id: int) -> HttpResponse:
    return _manage_post(
        request, meeting_id, "attendance_form",
        lambda m: AttendanceForm(request.POST, participants=selectors.participants(m)),
        lambda m, d: services.attendance_record(meeting=m, attended_ids=d["attended"]),
        _("The attendance was saved."),
    )  # fmt: skip


@require_POST
def minutes_add(request: HttpRequest, meeting_id: int) -> HttpResponse:
    return _manage_post(
        request, meeting_id, "minutes_form",
        lambda m: MinutesSectionForm(request.POST),
        lambda m, d: services.minutes_section_add(meeting=m, **d),
        _("The section was added to the minutes."),
    )  # fmt: skip


@require_POST
def document_add(request: HttpRequest, meeting_id: int) -> HttpResponse:
    return _manage_post(
        request, meeting_id, "document_form",
        lambda m: DocumentForm(request.POST, request.FILES),
        lambda m, d: services.document_add(
            meeting=m, upload=d["file"], title=d["title"], visibility=d["visibility"],
            user=request.user,
        ),
        _("The document was added."),
    )  # fmt: skip


@require_POST
def decision_add(request: HttpRequest, meeting_id: int) -> HttpResponse:
    return _manage_post(
        request, meeting_id, "decision_form",
        lambda m: DecisionForm(request.POST, actors=_actors(request)),
        lambda m, d: services.decision_create(meeting=m, **d),
        _("The decision was recorded."),
    )  # fmt: skip


def _send(request: HttpRequest, meeting_id: int, send, success: str) -> HttpResponse:
    meeting = _meeting(meeting_id)
    if not can_manage_meetings(request.user):
        return _refused(request)
    try:
        count = send(meeting=meeting)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return _manage(request, meeting, status=400)
    messages.success(request, success % {"count": count})
    return redirect("meetings:manage", meeting_id=meeting.pk)


@require_POST
def invitations_send(request: HttpRequest, meeting_id: int) -> HttpResponse:
    return _send(request, meeting_id, services.invitations_send, _("Invitations sent: %(count)d."))


@require_POST
def minutes_send(request: HttpRequest, meeting_id: int) -> HttpResponse:
    return _send(request, meeting_id, services.minutes_send, _("Minutes sent: %(count)d."))


@require_GET
def document_file(request: HttpRequest, document_id: int) -> HttpResponse:
    """A meeting's PDF, for those who may see it (404 for others: not telling it exists)."""
    document = selectors.document_get(document_id=document_id)
    if document is None or not can_see(request.user, document.visibility):
        raise Http404(_("There is no such document."))
    try:
        handle = media_storage().open(document.file.name, "rb")
    except FileNotFoundError:
        raise Http404(_("There is no such document.")) from None
    download = f"{slugify(document.title) or 'document'}.pdf"
    response = FileResponse(
        handle, content_type="application/pdf", as_attachment=True, filename=download
    )
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, private=True, no_store=True)
    return response


def _back(page: str | None) -> HttpResponse:
    return redirect(page or "meetings:decisions")


def _decision(decision_id: int):
    decision = selectors.decision_get(decision_id=decision_id)
    if decision is None:
        raise Http404(_("There is no such decision."))
    return decision


@never_cache
@require_http_methods(["GET", "POST"])
def decision_edit(request: HttpRequest, decision_id: int) -> HttpResponse:
    decision = _decision(decision_id)
    if not can_manage_meetings(request.user):
        return _refused(request)
    if request.method == "POST":
        form = DecisionForm(request.POST, actors=_actors(request))
        if form.is_valid():
            try:
                services.decision_update(decision=decision, **form.cleaned_data)
            except ValidationError as error:
                _form_errors(form, error)
            else:
                messages.success(request, _("The decision was saved."))
                return redirect(decision.meeting)
        context = {"form": form, "decision": decision}
        return render(request, "meetings/decision_form.html", context, status=400)
    form = DecisionForm(initial=DecisionForm.initial_for(decision), actors=_actors(request))
    return render(request, "meetings/decision_form.html", {"form": form, "decision": decision})


@require_POST
def decision_status(request: HttpRequest, decision_id: int) -> HttpResponse:
    """The responsible actor's accounts (or the coordinator) report a decision's progress."""
    decision = _decision(decision_id)
    if not can_update_decision(request.user, decision):
        return _refused(request)
    back = "network:my_network" if request.POST.get("next_page") == "network" else None
    form = DecisionStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the statuses of a decision."))
        return _back(back)
    services.decision_status_set(decision=decision, status=form.cleaned_data["status"])
    messages.success(request, _("The decision's status was saved."))
    return _back(back)
