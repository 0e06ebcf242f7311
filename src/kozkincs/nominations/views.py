"""Pages of the value repository: nominating, following a nomination, the committee's work,
the public register. Thin: forms parse, services write, selectors read."""

import mimetypes

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.html import escape, linebreaks
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from kozkincs.catalog.forms import record_form_class
from kozkincs.catalog.registry import catalog_get
from kozkincs.core.i18n import current_language
from kozkincs.gazetteer.models import Settlement
from kozkincs.media.storage import media_storage
from kozkincs.nominations.forms import (
    CatalogChoiceForm,
    CompletionForm,
    NominationForm,
    NoteForm,
    QueueFilterForm,
    ReasonForm,
    file_forms,
)
from kozkincs.nominations.models import Nomination, NominationFile, ValueCategory
from kozkincs.nominations.permissions import committee_can_decide
from kozkincs.nominations.selectors import (
    nomination_for_committee,
    nomination_for_proposer,
    nomination_queue,
    register_entries,
    register_settlements,
)
from kozkincs.nominations.services import (
    nomination_accept,
    nomination_complete,
    nomination_forward,
    nomination_reject,
    nomination_request_items,
    nomination_submit,
)

PROPOSER_FIELDS = (
    "proposer_name", "proposer_organisation", "contact_person", "address", "phone", "email",
)  # fmt: skip
VALUE_FIELDS = (
    "value_name", "category", "settlement", "location", "description", "justification",
    "sources", "website",
)  # fmt: skip
OPEN_STATUSES = (Nomination.Status.SUBMITTED, Nomination.Status.INCOMPLETE)


def _put_errors(error: ValidationError, main, photos, documents) -> None:
    """Put a service's errors on the form that holds the field they name."""
    by_prefix = {form.prefix: form for form in [*photos, *documents]}
    for key, problems in error.message_dict.items():
        for problem in problems:
            if key in by_prefix:
                by_prefix[key].add_error(None, problem)
            elif key in main.fields:
                main.add_error(key, problem)
            else:
                main.add_error(None, problem)


def _all_valid(*forms) -> bool:
    results = [form.is_valid() for form in forms]  # every form validated, not just the first
    return all(results)


def _has_errors(forms) -> bool:
    return any(form is not None and form.errors for form in forms)


def _client_address(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "")


@never_cache
@require_http_methods(["GET", "POST"])
def nominate(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = NominationForm(request.POST)
        photos, documents = file_forms(request.POST, request.FILES)
        if form.is_robot():
            return render(request, "nominations/robot.html", status=400)
        if _all_valid(form, *photos, *documents):
            nomination = form.save(commit=False)
            nomination.language = current_language()
            try:
                nomination = nomination_submit(
                    nomination=nomination,
                    photos=[u for u in (f.upload() for f in photos) if u],
                    documents=[u for u in (f.upload() for f in documents) if u],
                    sender=_client_address(request),
                    user=request.user,
                )
            except ValidationError as error:
                _put_errors(error, form, photos, documents)
            else:
                messages.success(
                    request,
                    _(
                        "Thank you. Your nomination arrived with the reference number "
                        "%(reference)s. Keep the address of this page: you can follow the "
                        "nomination here (we also sent it by e-mail)."
                    )
                    % {"reference": nomination.reference},
                )
                return redirect("nominations:follow", token=nomination.follow_token)
        status = 400
    else:
        form = NominationForm()
        photos, documents = file_forms()
        status = 200
    context = {
        "form": form,
        "photos": photos,
        "documents": documents,
        "all_forms": [form, *photos, *documents],
        "has_errors": _has_errors([form, *photos, *documents]),
        "proposer_fields": PROPOSER_FIELDS,
        "value_fields": VALUE_FIELDS,
    }
    return render(request, "nominations/nominate.html", context, status=status)


def _proposer_nomination(token: str) -> Nomination:
    try:
        return nomination_for_proposer(token=token)
    except Nomination.DoesNotExist:
        raise Http404(_("No nomination belongs to this address.")) from None


@never_cache
@require_http_methods(["GET", "POST"])
def follow(request: HttpRequest, token: str) -> HttpResponse:
    nomination = _proposer_nomination(token)
    can_complete = nomination.status == Nomination.Status.INCOMPLETE
    form = photos = documents = None
    status = 200
    if can_complete:
        if request.method == "POST":
            form = CompletionForm(request.POST, instance=Nomination(**_texts(nomination)))
            photos, documents = file_forms(request.POST, request.FILES)
            if _all_valid(form, *photos, *documents):
                try:
                    nomination_complete(
                        nomination=nomination,
                        changes={k: form.cleaned_data[k] for k in CompletionForm.Meta.fields},
                        note=form.cleaned_data.get("note", ""),
                        photos=[u for u in (f.upload() for f in photos) if u],
                        documents=[u for u in (f.upload() for f in documents) if u],
                    )
                except ValidationError as error:
                    _put_errors(error, form, photos, documents)
                else:
                    messages.success(
                        request, _("Thank you. The committee will look at the nomination again.")
                    )
                    return redirect("nominations:follow", token=token)
            status = 400
        else:
            form = CompletionForm(instance=nomination)
            photos, documents = file_forms()
    elif request.method == "POST":
        messages.error(request, _("This nomination cannot be changed now."))
        return redirect("nominations:follow", token=token)
    context = {
        "nomination": nomination,
        "events": nomination.events.all(),
        "files": nomination.files.all(),
        "form": form,
        "photos": photos,
        "documents": documents,
        "all_forms": [f for f in [form, *(photos or []), *(documents or [])] if f is not None],
        "has_errors": _has_errors([form, *(photos or []), *(documents or [])]),
        "file_url_name": "nominations:follow_file",
        "file_url_key": token,
    }
    return render(request, "nominations/follow.html", context, status=status)


def _texts(nomination: Nomination) -> dict:
    return {field: getattr(nomination, field) for field in CompletionForm.Meta.fields}


def _file_response(item: NominationFile) -> HttpResponse:
    storage = media_storage()
    try:
        handle = storage.open(item.file.name, "rb")
    except FileNotFoundError:
        raise Http404(_("The file is missing.")) from None
    content_type = mimetypes.guess_type(item.file.name)[0] or "application/octet-stream"
    response = FileResponse(
        handle,
        content_type=content_type,
        as_attachment=item.kind == NominationFile.Kind.DOCUMENT,
        filename=item.file.name.rsplit("/", 1)[-1],
    )
    response["Cache-Control"] = "private, no-store"
    return response


@never_cache
def follow_file(request: HttpRequest, token: str, file_id: int) -> HttpResponse:
    nomination = _proposer_nomination(token)
    try:
        return _file_response(nomination.files.get(pk=file_id))
    except NominationFile.DoesNotExist:
        raise Http404(_("The file is missing.")) from None


def register(request: HttpRequest) -> HttpResponse:
    categories = list(ValueCategory.objects.all())
    category = settlement = None
    key = request.GET.get("category", "")
    if key:
        category = next((c for c in categories if c.key == key), None)
        if category is None:
            return render(
                request,
                "nominations/register.html",
                {"error": _("There is no such category."), "categories": categories},
                status=400,
            )
    code = request.GET.get("settlement", "")
    settlements = list(register_settlements())
    if code:
        settlement = next((s for s in settlements if s.ksh_code == code), None)
        if settlement is None:
            settlement = Settlement.objects.filter(ksh_code=code).first()
            if settlement is None:
                return render(
                    request,
                    "nominations/register.html",
                    {"error": _("There is no settlement with this KSH code."),
                     "categories": categories},
                    status=400,
                )  # fmt: skip
    entries = list(register_entries(category=category, settlement=settlement))
    groups: dict[int, tuple[ValueCategory, list]] = {}
    for entry in entries:
        groups.setdefault(entry.category_id, (entry.category, []))[1].append(entry)
    context = {
        "categories": categories,
        "settlements": settlements,
        "category": category,
        "settlement": settlement,
        "groups": list(groups.values()),
        "count": len(entries),
        "current": "register",
    }
    return render(request, "nominations/register.html", context)


# --- the committee ----------------------------------------------------------------------------


def _committee(request: HttpRequest) -> HttpResponse | None:
    if committee_can_decide(request.user):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return render(request, "nominations/forbidden.html", status=403)


def _committee_nomination(nomination_id: int) -> Nomination:
    try:
        return nomination_for_committee(nomination_id=nomination_id)
    except Nomination.DoesNotExist:
        raise Http404(_("There is no such nomination.")) from None


@never_cache
def committee_queue(request: HttpRequest) -> HttpResponse:
    if refused := _committee(request):
        return refused
    filters = QueueFilterForm(request.GET or None)
    status, category = "", None
    if filters.is_bound and not filters.is_valid():
        nominations = Nomination.objects.none()
        response_status = 400
    else:
        data = filters.cleaned_data if filters.is_bound else {}
        status = data.get("status") or ""
        category = data.get("category")
        nominations = nomination_queue(status="" if status == "all" else status, category=category)
        if not status:
            nominations = nominations.filter(status__in=OPEN_STATUSES)
        response_status = 200
    context = {"filters": filters, "nominations": nominations}
    return render(request, "nominations/queue.html", context, status=response_status)


ACTIONS = {
    "request-items": (nomination_request_items, ReasonForm, "reason"),
    "reject": (nomination_reject, ReasonForm, "reason"),
    "forward": (nomination_forward, NoteForm, "note"),
}
ACTION_MESSAGES = {
    "request-items": _("The proposer was asked for the missing items."),
    "reject": _("The nomination was rejected; the proposer was told why."),
    "forward": _("The value was marked as forwarded to the county repository."),
}


def _detail_context(nomination: Nomination, **forms) -> dict:
    context = {
        "nomination": nomination,
        "events": nomination.events.all(),
        "files": nomination.files.all(),
        "file_url_name": "nominations:committee_file",
        "file_url_key": nomination.pk,
        "request_form": forms.get("request-items") or ReasonForm(prefix="request-items"),
        "reject_form": forms.get("reject") or ReasonForm(prefix="reject"),
        "forward_form": forms.get("forward") or NoteForm(prefix="forward"),
        "catalog_form": CatalogChoiceForm(initial={"catalog": nomination.category.catalog}),
    }
    context["action_forms"] = [
        context["request_form"],
        context["reject_form"],
        context["forward_form"],
    ]
    return context


@never_cache
def committee_detail(request: HttpRequest, nomination_id: int) -> HttpResponse:
    if refused := _committee(request):
        return refused
    nomination = _committee_nomination(nomination_id)
    return render(request, "nominations/detail.html", _detail_context(nomination))


@never_cache
@require_POST
def committee_action(request: HttpRequest, nomination_id: int, action: str) -> HttpResponse:
    if refused := _committee(request):
        return refused
    nomination = _committee_nomination(nomination_id)
    if action not in ACTIONS:
        raise Http404(_("There is no such action."))
    service, form_class, field = ACTIONS[action]
    form = form_class(request.POST, prefix=action)
    if form.is_valid():
        try:
            service(nomination=nomination, user=request.user, **{field: form.cleaned_data[field]})
        except ValidationError as error:
            for key, problems in error.message_dict.items():
                for problem in problems:
                    form.add_error(key if key in form.fields else None, problem)
        else:
            messages.success(request, ACTION_MESSAGES[action])
            return redirect("nominations:committee_detail", nomination_id=nomination.pk)
    context = _detail_context(nomination, **{action: form})
    return render(request, "nominations/detail.html", context, status=400)


def _record_initial(nomination: Nomination) -> dict:
    paragraphs = linebreaks(escape(nomination.description))
    justification = linebreaks(escape(nomination.justification))
    sources = [{"title": line.strip()} for line in nomination.sources.splitlines() if line.strip()]
    if nomination.website:
        sources.append({"title": nomination.website, "url": nomination.website})
    return {
        "name": nomination.value_name,
        "description": f"{paragraphs}\n<h3>{escape(_('Why it is a value'))}</h3>\n{justification}",
        "settlement": nomination.settlement,
        "sources": sources,
    }


@never_cache
@require_http_methods(["GET", "POST"])
def committee_accept(request: HttpRequest, nomination_id: int) -> HttpResponse:
    if refused := _committee(request):
        return refused
    nomination = _committee_nomination(nomination_id)
    catalog_key = request.POST.get("catalog") or request.GET.get("catalog") or ""
    definition = catalog_get(catalog_key) if catalog_key else None
    if definition is None:
        messages.error(request, _("Choose the catalog the accepted value goes to."))
        return redirect("nominations:committee_detail", nomination_id=nomination.pk)
    form_class = record_form_class(definition, current_language())
    note_form = NoteForm(request.POST or None, prefix="accept")
    status = 200
    if request.method == "POST":
        form = form_class(request.POST)
        if _all_valid(form, note_form):
            try:
                nomination_accept(
                    nomination=nomination,
                    catalog=definition.key,
                    data=form.record_data(),
                    note=note_form.cleaned_data.get("note", ""),
                    user=request.user,
                )
            except ValidationError as error:
                form.add_service_errors(error.message_dict)
            else:
                messages.success(
                    request,
                    _("The value was accepted; its record is published in “%(catalog)s”.")
                    % {"catalog": definition.label.get(current_language())},
                )
                return redirect("nominations:committee_detail", nomination_id=nomination.pk)
        status = 400
    else:
        form = form_class(initial=_record_initial(nomination))
    context = {
        "nomination": nomination,
        "definition": definition,
        "catalog_label": definition.label.get(current_language()),
        "form": form,
        "note_form": note_form,
        "all_forms": [form, note_form],
        "has_errors": _has_errors([form, note_form]),
    }
    return render(request, "nominations/accept.html", context, status=status)


@never_cache
def committee_file(request: HttpRequest, nomination_id: int, file_id: int) -> HttpResponse:
    if refused := _committee(request):
        return refused
    nomination = _committee_nomination(nomination_id)
    try:
        return _file_response(nomination.files.get(pk=file_id))
    except NominationFile.DoesNotExist:
        raise Http404(_("The file is missing.")) from None
