"""The moderators' pages: the queue of change requests and the review of one."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from kozkincs.accounts.permissions import is_moderator
from kozkincs.catalog.registry import catalog_get, catalog_list
from kozkincs.core.i18n import current_language
from kozkincs.editing.forms import DecisionForm, SettlementPickField
from kozkincs.editing.models import ChangeRequest
from kozkincs.editing.selectors import change_request_compare, change_request_queue
from kozkincs.editing.services import (
    ChangeRequestStale,
    change_request_approve,
    change_request_ask_changes,
    change_request_reject,
)
from kozkincs.editing.views.common import (
    CONFLICT,
    catalog_labels,
    error_texts,
    not_found,
    page_number,
    refused,
)


class QueueFilterForm(forms.Form):
    catalog = forms.ChoiceField(label=gettext_lazy("Thematic database"), required=False)
    settlement = SettlementPickField(label=gettext_lazy("Settlement"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        language = current_language()
        self.fields["catalog"].choices = [
            ("", _("all")),
            *((d.key, d.label.get(language)) for d in catalog_list()),
        ]


@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    if not is_moderator(request.user):
        return refused(request, _("Only moderators see the proposals waiting for a decision."))
    filters = QueueFilterForm(request.GET or None)
    catalog_key, settlement = None, None
    if filters.is_bound and filters.is_valid():
        catalog_key = filters.cleaned_data["catalog"] or None
        settlement = filters.cleaned_data["settlement"]
    page = change_request_queue(
        viewer=request.user,
        catalog_key=catalog_key,
        settlement=settlement,
        page=page_number(request),
    )
    catalog_labels(page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    context = {"filters": filters, "page": page, "query": query.urlencode()}
    return render(
        request,
        "editing/queue.html",
        context,
        status=200 if filters.is_valid() or not filters.is_bound else 400,
    )


def _change_request(pk: int) -> ChangeRequest | None:
    return (
        ChangeRequest.objects.select_related("record", "author", "settlement", "decided_by")
        .filter(pk=pk)
        .first()
    )


@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, pk: int) -> HttpResponse:
    change_request = _change_request(pk)
    if change_request is None:
        if not is_moderator(request.user):
            return refused(request)
        return not_found(request, _("There is no proposal number %(id)s.") % {"id": pk})
    if not is_moderator(
        request.user, catalog_key=change_request.catalog, settlement=change_request.settlement
    ):
        return refused(request, _("You may not decide on this proposal."))
    if request.method == "GET":
        return _review_page(request, change_request, DecisionForm())
    form = DecisionForm(request.POST)
    if not form.is_valid():
        errors = [e for name, messages in form.errors.items() if name != "reason" for e in messages]
        return _review_page(request, change_request, form, errors=errors, status=400)
    decision, reason = form.cleaned_data["decision"], form.cleaned_data["reason"]
    try:
        if decision == "approve":
            record = change_request_approve(
                change_request=change_request, moderator=request.user,
                confirmed_version=form.cleaned_data.get("confirmed_version"),
            )  # fmt: skip
            messages.success(
                request, _("Approved: “%(name)s” is published as proposed.") % {"name": record.name}
            )
        elif decision == "reject":
            change_request_reject(
                change_request=change_request, moderator=request.user, reason=reason
            )
            messages.success(request, _("Rejected; the author was told why."))
        else:
            change_request_ask_changes(
                change_request=change_request, moderator=request.user, reason=reason
            )
            messages.success(request, _("The author was asked for changes."))
    except ChangeRequestStale as error:
        change_request.refresh_from_db()
        return _review_page(
            request, change_request, form, errors=error_texts(error), status=CONFLICT
        )
    except ValidationError as error:
        change_request = _change_request(pk)
        return _review_page(request, change_request, form, errors=error_texts(error), status=400)
    return redirect("editing:queue")


def _review_page(request, change_request, form, *, errors=(), status=200) -> HttpResponse:
    if change_request.record_id:
        change_request.record.refresh_from_db()
    definition = catalog_get(change_request.catalog)
    context = {
        "change_request": change_request,
        "catalog_label": definition.label.get(current_language())
        if definition
        else change_request.catalog,
        "comparison": change_request_compare(change_request=change_request),
        "form": form,
        "errors": list(errors),
    }
    return render(request, "editing/review.html", context, status=status)
