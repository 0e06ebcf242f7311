"""“My contributions”: one's change requests, and a proposal's page where its author sees the
moderator's message and, when asked for changes, edits and sends it again."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kozkincs.accounts.permissions import can_propose
from kozkincs.catalog.registry import catalog_get
from kozkincs.catalog.services import RecordConflict
from kozkincs.core.i18n import current_language
from kozkincs.editing.forms import portal_form_class
from kozkincs.editing.models import ChangeRequest
from kozkincs.editing.proposals import proposal_form_initial
from kozkincs.editing.selectors import change_request_compare, change_requests_of
from kozkincs.editing.services import change_request_resubmit
from kozkincs.editing.views.common import (
    catalog_labels,
    form_media,
    not_found,
    page_number,
    refused,
)


@require_GET
def contributions(request: HttpRequest) -> HttpResponse:
    if not can_propose(request.user):
        return refused(request)
    page = change_requests_of(user=request.user, page=page_number(request))
    catalog_labels(page.object_list)
    context = {"page": page}
    return render(request, "editing/contributions.html", context)


@require_http_methods(["GET", "POST"])
def proposal(request: HttpRequest, pk: int) -> HttpResponse:
    if not can_propose(request.user):
        return refused(request)
    change_request = (
        ChangeRequest.objects.select_related("record", "decided_by")
        .filter(pk=pk, author=request.user)
        .first()
    )
    definition = catalog_get(change_request.catalog) if change_request else None
    if change_request is None or definition is None:
        return not_found(request, _("You have no proposal number %(id)s.") % {"id": pk})
    form_class = portal_form_class(definition, current_language())
    editable = change_request.state == ChangeRequest.State.CHANGES_REQUESTED
    status = 200
    if request.method == "POST" and editable:
        form = form_class(request.POST, viewer=request.user)
        if form.is_valid():
            try:
                change_request_resubmit(
                    change_request=change_request, user=request.user, data=form.record_data(),
                    base_version=form.cleaned_data.get("version"),
                )  # fmt: skip
            except RecordConflict as error:
                form.add_error(None, error.message_dict["version"][0])
            except ValidationError as error:
                form.add_service_errors(error.message_dict)
            else:
                messages.success(request, _("Your proposal was sent to the moderators again."))
                return redirect("editing:contributions")
        status = 400
    else:
        initial = proposal_form_initial(change_request.data, definition)
        initial["version"] = change_request.base_version
        form = form_class(initial=initial, viewer=request.user)
    context = {
        "change_request": change_request,
        "catalog_label": definition.label.get(current_language()),
        "comparison": change_request_compare(change_request=change_request),
        "form": form if editable else None,
        "media": form_media(request, form) if editable else None,
        "definition": definition,
    }
    return render(request, "editing/proposal.html", context, status=status)
