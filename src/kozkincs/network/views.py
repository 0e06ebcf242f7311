"""The network pages: thin views over the selectors and services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kozkincs.catalog.models import Record
from kozkincs.network import partners, selectors
from kozkincs.network.forms import (
    ContactRequestForm,
    InterviewForm,
    PartnerFinderForm,
    ProfileForm,
    TableFilterForm,
    TieForm,
)
from kozkincs.network.kinds import actor_catalogs
from kozkincs.network.models import Actor, Tie
from kozkincs.network.panels import my_network_panels
from kozkincs.network.permissions import (
    can_confirm_tie,
    can_create_actor_for,
    can_edit_actor,
    can_propose_tie,
    can_record_outcome,
    can_request_contact,
    is_coordinator,
)
from kozkincs.network.services import (
    actor_create_for_member,
    actor_update,
    contact_request_outcome,
    contact_request_send,
    tie_answer,
    tie_propose,
)

PAGE_SIZE = 50
MAX_EGO_DEPTH = 4
FINDER_SHOWN = 10
FINDER_SHOWN_WEAKER = 30
MY_NETWORK_SUGGESTIONS = 3


def _int(value: str | None, default: int = 0) -> int:
    try:
        return max(int(value or default), 0)
    except ValueError:
        return default


@require_GET
def network_index(request: HttpRequest) -> HttpResponse:
    years = selectors.snapshot_years()
    form = TableFilterForm(request.GET or None, years=years)
    status = 400 if form.is_bound and not form.is_valid() else 200
    filters = form.filters()
    sort = request.GET.get("sort", "name")
    sort = sort if sort in selectors.SORT_KEYS else "name"
    descending = request.GET.get("order") == "desc"
    page = _int(request.GET.get("page"), 1) or 1
    rows, total = selectors.actor_table(
        viewer=request.user, filters=filters, sort=sort, descending=descending,
        offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE,
    )  # fmt: skip
    query = request.GET.copy()
    for key in ("sort", "order", "page"):
        query.pop(key, None)
    context = {
        "form": form, "rows": rows, "total": total, "sort": sort, "descending": descending,
        "page": page, "pages": max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1),
        "query": query.urlencode(), "years": years,
        "snapshot": selectors.snapshot_get(filters["year"]),
    }  # fmt: skip
    return render(request, "network/index.html", context, status=status)


@require_GET
def graph_json(request: HttpRequest) -> JsonResponse:
    form = TableFilterForm(request.GET or None, years=selectors.snapshot_years())
    if form.is_bound and not form.is_valid():
        return JsonResponse({"error": _("Check the filters.")}, status=400)
    ego = request.GET.get("ego")
    if ego is not None and not ego.isdigit():
        return JsonResponse({"error": _("Check the filters.")}, status=400)
    depth = min(_int(request.GET.get("depth"), 1) or 1, MAX_EGO_DEPTH)
    data = selectors.graph_data(
        viewer=request.user, filters=form.filters(), ego=int(ego) if ego else None, depth=depth
    )
    return JsonResponse(data)


def _actor(request: HttpRequest, actor_id: int):
    actor = selectors.actor_get(viewer=request.user, actor_id=actor_id)
    if actor is None:
        raise Http404(_("There is no such actor."))
    return actor


@require_GET
def actor_detail(request: HttpRequest, actor_id: int) -> HttpResponse:
    actor = _actor(request, actor_id)
    snapshot = selectors.snapshot_current()
    context = {
        "actor": actor,
        "ties": selectors.actor_ties(viewer=request.user, actor=actor),
        "figures": (snapshot.actor_figures.get(str(actor.pk)) if snapshot else None),
        "can_edit": can_edit_actor(request.user, actor),
    }  # fmt: skip
    return render(request, "network/actor_detail.html", context)


def _refused(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return render(request, "network/forbidden.html", status=403)


def _form_errors(form, error: ValidationError) -> None:
    for key, problems in error.message_dict.items():
        for problem in problems:
            form.add_error(key if key in form.fields else None, problem)


@never_cache
@require_http_methods(["GET", "POST"])
def actor_edit(request: HttpRequest, actor_id: int) -> HttpResponse:
    actor = _actor(request, actor_id)
    if not can_edit_actor(request.user, actor):
        return _refused(request)
    if request.method == "POST":
        form = ProfileForm(request.POST, actor=actor)
        if form.is_valid():
            data = form.cleaned_data
            try:
                actor_update(
                    actor=actor, description=data["description"],
                    description_en=data["description_en"], themes=data["themes"].split(","),
                    priorities=data["priorities"], settlements_served=data["settlements_served"],
                    offers=form.offers(), consent=data.get("consent"),
                    visibility=data.get("visibility"),
                )  # fmt: skip
            except ValidationError as error:
                _form_errors(form, error)
            else:
                messages.success(request, _("The profile was saved."))
                return redirect(actor)
        return render(
            request, "network/actor_edit.html", {"actor": actor, "form": form}, status=400
        )
    form = ProfileForm(initial=ProfileForm.initial_for(actor), actor=actor)
    return render(request, "network/actor_edit.html", {"actor": actor, "form": form})


@never_cache
@require_http_methods(["GET", "POST"])
def tie_new(request: HttpRequest, actor_id: int) -> HttpResponse:
    actor = _actor(request, actor_id)
    if not can_propose_tie(request.user, actor):
        return _refused(request)
    form = TieForm(request.POST or None, actors=selectors.actors_visible(request.user))
    if request.method == "POST":
        if form.is_valid():
            try:
                tie_propose(proposer=actor, user=request.user, **form.cleaned_data)
            except ValidationError as error:
                _form_errors(form, error)
            else:
                messages.success(request, _("The tie was proposed; it shows as unconfirmed until "
                                            "the other side confirms it."))  # fmt: skip
                return redirect(actor)
        return render(request, "network/tie_form.html", {"actor": actor, "form": form}, status=400)
    return render(request, "network/tie_form.html", {"actor": actor, "form": form})


@require_POST
def tie_answer_view(request: HttpRequest, tie_id: int) -> HttpResponse:
    tie = get_object_or_404(Tie, pk=tie_id)
    if not can_confirm_tie(request.user, tie):
        return _refused(request)
    accept = request.POST.get("answer") == "confirm"
    if request.POST.get("answer") not in ("confirm", "decline"):
        messages.error(request, _("Choose to confirm or to decline the tie."))
        return redirect("network:my_network")
    try:
        tie_answer(tie=tie, accept=accept, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The tie was confirmed.") if accept
                         else _("The tie was declined."))  # fmt: skip
    return redirect("network:my_network")


@never_cache
@login_required
def my_network(request: HttpRequest) -> HttpResponse:
    network = selectors.my_network(user=request.user)
    pending = selectors.ties_pending_all() if is_coordinator(request.user) else network.pending
    own = partners.own_actors(request.user)
    suggestions = []
    if own:
        suggestions, _ranking = partners.partner_suggestions(
            viewer=request.user, wishes=partners.wishes_of(own), limit=MY_NETWORK_SUGGESTIONS
        )
    context = {
        "network": network, "pending": pending, "suggestions": suggestions,
        "requests": partners.contact_requests_of(user=request.user),
        "records_without_profile": partners.records_without_profile(user=request.user),
        "panels": my_network_panels(request.user),
    }  # fmt: skip
    return render(request, "network/my_network.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def interview(request: HttpRequest) -> HttpResponse:
    if not is_coordinator(request.user):
        return _refused(request)
    form = InterviewForm(request.POST or None, actors=selectors.actors_visible(request.user))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                tie_propose(user=request.user, coordinator=True, **form.cleaned_data)
            except ValidationError as error:
                _form_errors(form, error)
            else:
                messages.success(request, _("The tie was recorded as reported by the coordinator."))
                return redirect("network:interview")
        status = 400
    return render(request, "network/interview.html", {"form": form}, status=status)


@never_cache
@require_GET
def health(request: HttpRequest) -> HttpResponse:
    if not is_coordinator(request.user):
        return _refused(request)
    context = selectors.network_health() | {"unrouted": partners.contact_requests_unrouted()}
    return render(request, "network/health.html", context)


def _finder_form(request: HttpRequest, own: list[Actor]) -> PartnerFinderForm:
    """The wishes of the request; without any, those of the member's own actors."""
    if any(key in request.GET for key in PartnerFinderForm.PARAMETERS) or not own:
        return PartnerFinderForm(request.GET or None)
    wishes = partners.wishes_of(own)
    data = QueryDict(mutable=True)
    data.setlist("priority", [str(p) for p in wishes.priorities])
    data.setlist("theme", wishes.themes)
    data.setlist("need", wishes.needs)
    data.setlist("settlement", [s.ksh_code for s in wishes.settlements])
    return PartnerFinderForm(data)


@never_cache
@require_GET
def partner_finder(request: HttpRequest) -> HttpResponse:
    own = partners.own_actors(request.user)
    form = _finder_form(request, own)
    rows, ranking, status = [], None, 200
    if form.is_bound and not form.is_valid():
        status = 400
    elif form.is_bound:
        data = form.cleaned_data
        wishes = partners.Wishes(
            priorities=data["priority"], themes=data["theme"], needs=data["need"],
            settlements=list(data["settlement"]), exclude=data["exclude"],
        )  # fmt: skip
        rows, ranking = partners.partner_suggestions(
            viewer=request.user, wishes=wishes, weaker=data["weaker"],
            limit=FINDER_SHOWN_WEAKER if data["weaker"] else FINDER_SHOWN,
        )  # fmt: skip
    weaker = request.GET.copy()
    weaker["weaker"] = "1"
    theme = form["theme"].value()
    context = {
        "priority_options": form.options("priority"), "need_options": form.options("need"),
        "settlement_options": form.options("settlement"),
        "theme_value": ", ".join(theme) if isinstance(theme, list) else theme or "",
        "exclude_values": [v for v in form["exclude"].value() or () if str(v).isdigit()],
        "form": form, "rows": rows, "ranking": ranking, "own": own,
        "weaker_query": weaker.urlencode(),
        "idea": form.cleaned_data.get("idea") if form.is_bound and form.is_valid() else None,
        "can_contact": can_request_contact(request.user),
    }  # fmt: skip
    return render(request, "network/partner_finder.html", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def contact_request_new(request: HttpRequest, actor_id: int) -> HttpResponse:
    actor = _actor(request, actor_id)
    if not can_request_contact(request.user):
        return _refused(request)
    own = [a for a in partners.own_actors(request.user) if a.pk != actor.pk]
    form = ContactRequestForm(
        request.POST or None, own_actors=own,
        initial={"idea": _int(request.GET.get("idea")) or None},  # none from an actor's page
    )  # fmt: skip
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                contact_request_send(
                    sender=request.user, to_actor=actor, from_actor=data["from_actor"],
                    message=data["message"], idea=data["idea"],
                )  # fmt: skip
            except ValidationError as error:
                _form_errors(form, error)
            else:
                messages.success(request, _("Your contact request was sent. Record its outcome "
                                            "on your network page."))  # fmt: skip
                return redirect("network:my_network")
        status = 400
    else:
        status = 200
    context = {"actor": actor, "form": form}
    return render(request, "network/contact_request.html", context, status=status)


@require_POST
def contact_outcome(request: HttpRequest, request_id: int) -> HttpResponse:
    contact = partners.contact_request_get(request_id=request_id)
    if contact is None:
        raise Http404(_("There is no such contact request."))
    if not can_record_outcome(request.user, contact):
        return _refused(request)
    coordinator = is_coordinator(request.user) and contact.sender_id != request.user.pk
    try:
        contact_request_outcome(
            request=contact, outcome=request.POST.get("outcome", ""), user=request.user,
            coordinator=coordinator,
        )  # fmt: skip
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The outcome was recorded."))
    return redirect("network:my_network")


@never_cache
@require_http_methods(["GET", "POST"])
def actor_create_view(request: HttpRequest, record_id: int) -> HttpResponse:
    record = get_object_or_404(Record, pk=record_id, catalog__in=actor_catalogs())
    existing = Actor.objects.filter(record=record).first()
    if existing is not None:
        return redirect("network:actor_detail", actor_id=existing.pk)
    if not can_create_actor_for(request.user, record):
        return _refused(request)
    if request.method == "POST":
        try:
            actor = actor_create_for_member(record=record, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return render(request, "network/actor_create.html", {"record": record}, status=400)
        messages.success(request, _("The network profile was created: add what you offer "
                                    "and what you need."))  # fmt: skip
        return redirect("network:actor_edit", actor_id=actor.pk)
    return render(request, "network/actor_create.html", {"record": record})
