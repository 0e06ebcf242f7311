"""The project pages: thin views over the selectors and services.

A refused action changes nothing: anonymous visitors go to the login, other accounts get 403;
bad input re-renders the page with the form's messages (400).
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kozkincs.network.selectors import actors_visible
from kozkincs.projects import selectors, services
from kozkincs.projects.forms import (
    CommentForm,
    EndorseForm,
    FundingCallForm,
    IdeaFilterForm,
    IdeaForm,
    InviteForm,
    MilestoneForm,
    MoveForm,
    ProgressForm,
)
from kozkincs.projects.models import Comment, Milestone, ProjectPartner
from kozkincs.projects.permissions import (
    actors_of,
    can_answer_partnership,
    can_comment,
    can_create_idea,
    can_edit_idea,
    can_endorse,
    can_follow,
    can_manage_calls,
    can_report_progress,
    is_coordinator,
)

PAGE_SIZE = 30


def _refused(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return render(request, "projects/forbidden.html", status=403)


def _idea(request: HttpRequest, idea_id: int):
    idea = selectors.idea_get(viewer=request.user, idea_id=idea_id)
    if idea is None:
        raise Http404(_("There is no such project idea."))
    return idea


def _form_errors(form, error: ValidationError) -> None:
    for key, problems in error.message_dict.items():
        for problem in problems:
            form.add_error(key if key in form.fields else None, problem)


def partner_finder_url(idea) -> str:
    """The partner finder (network app) asked for partners of ``idea``; "" while the finder
    is not installed."""
    try:
        base = reverse("network:partner_finder")
    except NoReverseMatch:
        return ""
    query = [("priority", p.number) for p in idea.priorities.all()]
    query += [("theme", theme) for theme in idea.lead.themes]
    query += [("settlement", s.ksh_code) for s in idea.settlements.all()]
    query += [("exclude", idea.lead_id)]
    query += [("exclude", p) for p in idea.partnerships.values_list("actor_id", flat=True)]
    query += [("idea", idea.pk)]
    return f"{base}?{urlencode(query)}"


# Lists ------------------------------------------------------------------------------------


@require_GET
def idea_list(request: HttpRequest) -> HttpResponse:
    form = IdeaFilterForm(request.GET or None)
    status = 400 if form.is_bound and not form.is_valid() else 200
    ideas = selectors.idea_list(viewer=request.user, filters=form.filters())
    try:
        page = max(int(request.GET.get("page", 1)), 1)
    except ValueError:
        page = 1
    total = ideas.count()
    pages = max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1)
    page = min(page, pages)  # a page beyond the last shows the last
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form, "ideas": ideas[(page - 1) * PAGE_SIZE : page * PAGE_SIZE], "total": total,
        "page": page, "pages": pages,
        "query": query.urlencode(), "can_create": can_create_idea(request.user),
    }  # fmt: skip
    return render(request, "projects/idea_list.html", context, status=status)


@require_GET
def call_list(request: HttpRequest) -> HttpResponse:
    context = {**selectors.call_list(), "can_manage": can_manage_calls(request.user)}
    return render(request, "projects/call_list.html", context)


@require_GET
def call_topics(request: HttpRequest, call_id: int) -> HttpResponse:
    call = selectors.call_get(call_id=call_id)
    if call is None:
        raise Http404(_("There is no such funding call."))
    context = {"call": call, **selectors.call_topics(viewer=request.user, call=call),
               "can_manage": can_manage_calls(request.user)}  # fmt: skip
    return render(request, "projects/call_topics.html", context)


def _call_data(form) -> dict:
    return {name: value for name, value in form.cleaned_data.items() if name != "seen"}


@never_cache
@require_http_methods(["GET", "POST"])
def call_create(request: HttpRequest) -> HttpResponse:
    if not can_manage_calls(request.user):
        return _refused(request)
    form = FundingCallForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            call = services.funding_call_create(**_call_data(form))
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The funding call was saved."))
            return redirect(call)
    status = 400 if form.is_bound else 200
    return render(request, "projects/call_form.html", {"form": form}, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def call_edit(request: HttpRequest, call_id: int) -> HttpResponse:
    call = selectors.call_get(call_id=call_id)
    if call is None:
        raise Http404(_("There is no such funding call."))
    if not can_manage_calls(request.user):
        return _refused(request)
    initial = FundingCallForm.initial_for(call)
    form = FundingCallForm(request.POST or None, initial=initial, new=False)
    if request.method == "POST" and form.is_valid():
        try:
            services.funding_call_update(
                call=call, seen=form.cleaned_data["seen"], **_call_data(form)
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The funding call was saved."))
            return redirect(call)
    status = 400 if form.is_bound else 200
    return render(request, "projects/call_form.html", {"form": form, "call": call}, status=status)


# The idea's page ------------------------------------------------------------------------


def _detail(request: HttpRequest, idea, status: int = 200, **bound) -> HttpResponse:
    """The idea's page; ``bound`` replaces an empty form by one with the user's input."""
    user = request.user
    page = selectors.idea_page(viewer=user, idea=idea)
    may_edit = can_edit_idea(user, idea)
    forms = {
        "move_form": MoveForm(idea=idea) if may_edit else None,
        "invite_form": InviteForm(actors=_invitable(user, idea)) if may_edit else None,
        "milestone_form": MilestoneForm() if may_edit else None,
        "progress_form": ProgressForm() if can_report_progress(user, idea) else None,
        "comment_form": CommentForm() if can_comment(user) else None,
        "endorse_form": _endorse_form(user) if can_endorse(user) else None,
    }
    forms.update(bound)
    context = {
        "page": page, "idea": idea, **selectors.idea_timeline(idea=idea), **forms,
        "may_edit": may_edit, "may_follow": can_follow(user),
        "is_coordinator": is_coordinator(user),
        "answerable": [p for p in page.invitations if can_answer_partnership(user, p)],
        "finder_url": partner_finder_url(idea) if may_edit else "",
    }  # fmt: skip
    return render(request, "projects/idea_detail.html", context, status=status)


def _invitable(user, idea):
    taken = [idea.lead_id, *idea.partnerships.values_list("actor_id", flat=True)]
    return actors_visible(user).exclude(pk__in=taken)


def _endorse_form(user, data=None):
    """Endorse as one of the actors ``user`` acts for (the coordinator: any visible actor);
    the service says clearly when that actor endorses the idea already."""
    actors = actors_visible(user) if is_coordinator(user) else actors_of(user)
    return EndorseForm(data, actors=actors.select_related("record").order_by("name", "id"))


@require_GET
def idea_detail(request: HttpRequest, idea_id: int) -> HttpResponse:
    return _detail(request, _idea(request, idea_id))


@never_cache
@require_http_methods(["GET", "POST"])
def idea_create(request: HttpRequest) -> HttpResponse:
    if not can_create_idea(request.user):
        return _refused(request)
    leads = actors_of(request.user).select_related("record").order_by("name", "id")
    form = IdeaForm(request.POST or None, leads=leads)
    if request.method == "POST" and form.is_valid():
        try:
            idea = services.idea_create(
                lead=form.cleaned_data["lead"], user=request.user, **form.idea_data()
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            services.follow_set(idea=idea, user=request.user, follow=True,
                                language=get_language())  # fmt: skip
            messages.success(request, _("The idea was saved. Invite partners on its page."))
            return redirect(idea)
    status = 400 if form.is_bound else 200
    return render(request, "projects/idea_form.html", {"form": form}, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def idea_edit(request: HttpRequest, idea_id: int) -> HttpResponse:
    idea = _idea(request, idea_id)
    if not can_edit_idea(request.user, idea):
        return _refused(request)
    form = IdeaForm(request.POST or None, initial=IdeaForm.initial_for(idea))
    if request.method == "POST" and form.is_valid():
        try:
            services.idea_update(idea=idea, version=form.cleaned_data["version"] or 0,
                                 user=request.user, **form.idea_data())  # fmt: skip
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The idea was saved."))
            return redirect(idea)
    status = 400 if form.is_bound else 200
    context = {"form": form, "idea": idea}
    return render(request, "projects/idea_form.html", context, status=status)


# Actions on the idea's page -------------------------------------------------------------


def _act(request, idea, form_name: str, form, action, success: str) -> HttpResponse:
    """Run ``action(cleaned_data)`` for a valid ``form``; else the page with its errors."""
    if form.is_valid():
        try:
            action(form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, success)
            return redirect(idea)
    return _detail(request, idea, status=400, **{form_name: form})


@require_POST
def idea_move(request: HttpRequest, idea_id: int) -> HttpResponse:
    idea = _idea(request, idea_id)
    if not can_edit_idea(request.user, idea):
        return _refused(request)
    form = MoveForm(request.POST, idea=idea)
    return _act(request, idea, "move_form", form, lambda d: services.idea_move(
        idea=idea, status=d["status"], note=d["note"], user=request.user,
    ), _("The idea's status was changed."))  # fmt: skip


@require_POST
def partner_invite(request: HttpRequest, idea_id: int) -> HttpResponse:
    idea = _idea(request, idea_id)
    if not can_edit_idea(request.user, idea):
        return _refused(request)
    form = InviteForm(request.POST, actors=_invitable(request.user, idea))
    return _act(request, idea, "invite_form", form, lambda d: services.partner_invite(
        idea=idea, actor=d["actor"], role=d["role"], user=request.user,
    ), _("The partner was invited. It is listed once it agrees."))  # fmt: skip


@require_POST
def partner_answer(request: HttpRequest, partner_id: int) -> HttpResponse:
    partnership = get_object_or_404(ProjectPartner.objects.select_related("idea"), pk=partner_id)
    idea = _idea(request, partnership.idea_id)
    if not can_answer_partnership(request.user, partnership):
        return _refused(request)
    answer = request.POST.get("answer")
    if answer not in ("agree", "decline"):
        messages.error(request, _("Choose to agree or to decline."))
        return redirect(idea)
    try:
        services.partner_answer(partnership=partnership, accept=answer == "agree",
                                user=request.user)  # fmt: skip
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("You are a partner of the idea now.") if answer == "agree"
                         else _("The invitation was declined."))  # fmt: skip
    return redirect(idea)


@require_POST
def partner_remove(request: HttpRequest, partner_id: int) -> HttpResponse:
    partnership = get_object_or_404(ProjectPartner.objects.select_related("idea"), pk=partner_id)
    idea = _idea(request, partnership.idea_id)
    if not can_edit_idea(request.user, idea):
        return _refused(request)
    services.partner_remove(partnership=partnership)
    messages.success(request, _("The partner was removed from the idea."))
    return redirect(idea)


@require_POST
def progress_add(request: HttpRequest, idea_id: int) -> HttpResponse:
    idea = _idea(request, idea_id)
    if not can_report_progress(request.user, idea):
        return _refused(request)
    return _act(request, idea, "progress_form", ProgressForm(request.POST),
                lambda d: services.progress_add(idea=idea, text=d["text"], on=d["date"],
                                                user=request.user),
                _("The progress update was saved; the followers are told."))  # fmt: skip


@require_POST
def milestone_add(request: HttpRequest, idea_id: int) -> HttpResponse:
    idea = _idea(request, idea_id)
    if not can_edit_idea(request.user, idea):
        return _refused(request)
    return _act(request, idea, "milestone_form", MilestoneForm(request.POST),
                lambda d: services.milestone_add(idea=idea, **d),
                _("The milestone was added."))  # fmt: skip


@require_POST
def milestone_mark(request: HttpRequest, milestone_id: int) -> HttpResponse:
    milestone = get_object_or_404(Milestone, pk=milestone_id)
    idea = _idea(request, milestone.idea_id)
    if not can_report_progress(request.user, idea):
        return _refused(request)
    done = request.POST.get("done") == "1"
    services.milestone_mark(milestone=milestone, done=done)
    messages.success(request, _("The milestone is marked done.") if done
                     else _("The milestone is marked open."))  # fmt: skip
    return redirect(idea)


@require_POST
def comment_add(request: HttpRequest, idea_id: int) -> HttpResponse:
    idea = _idea(request, idea_id)
    if not can_comment(request.user):
        return _refused(request)
    return _act(request, idea, "comment_form", CommentForm(request.POST),
                lambda d: services.comment_add(idea=idea, user=request.user, text=d["text"]),
                _("Your comment was added."))  # fmt: skip


@require_POST
def comment_delete(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = get_object_or_404(Comment, pk=comment_id)
    idea = _idea(request, comment.idea_id)
    if not (is_coordinator(request.user) or (
        request.user.is_authenticated and comment.author_id == request.user.pk
    )):  # fmt: skip
        return _refused(request)
    services.comment_delete(comment=comment)
    messages.success(request, _("The comment was deleted."))
    return redirect(idea)


@require_POST
def endorse(request: HttpRequest, idea_id: int) -> HttpResponse:
    idea = _idea(request, idea_id)
    if not can_endorse(request.user):
        return _refused(request)
    form = _endorse_form(request.user, request.POST)
    return _act(request, idea, "endorse_form", form, lambda d: services.endorsement_add(
        idea=idea, actor=d["actor"], note=d["note"], user=request.user,
    ), _("Thank you: the endorsement was recorded."))  # fmt: skip


@require_POST
def follow(request: HttpRequest, idea_id: int) -> HttpResponse:
    idea = _idea(request, idea_id)
    if not can_follow(request.user):
        return _refused(request)
    on = request.POST.get("follow") != "0"
    services.follow_set(idea=idea, user=request.user, follow=on, language=get_language())
    messages.success(request, _("You follow the idea: you get an e-mail when it moves or "
                                "reports progress.") if on
                     else _("You no longer follow the idea."))  # fmt: skip
    return redirect(idea)
