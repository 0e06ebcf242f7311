"""The create and edit pages of records, and the inline validation of one field (HTMX).

Without JavaScript the pages are plain forms; with it, a changed field is checked at once
(``record_validate`` answers with the field's messages only) and nothing is saved before the
form is sent.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kozkincs.accounts.permissions import can_propose, can_publish
from kozkincs.catalog.forms import VALUE_PREFIX, conflict_rows, record_form_initial
from kozkincs.catalog.models import Record
from kozkincs.catalog.record_data import References, record_data_clean
from kozkincs.catalog.registry import catalog_get, catalog_list
from kozkincs.catalog.services import RecordConflict
from kozkincs.core.i18n import current_language
from kozkincs.editing.forms import portal_form_class
from kozkincs.editing.permissions import can_open_create_form, can_open_edit_form
from kozkincs.editing.services import record_save
from kozkincs.editing.views.common import (
    CONFLICT,
    form_media,
    not_found,
    refused,
)
from kozkincs.gazetteer.models import Settlement

BAD_REQUEST = 400


def _settlement_param(request: HttpRequest) -> Settlement | None:
    code = request.GET.get("settlement", "")
    if not (code.isdigit() and len(code) == 5):
        return None
    return Settlement.objects.filter(ksh_code=code).defer("boundary").first()


@require_http_methods(["GET"])
def choose_catalog(request: HttpRequest) -> HttpResponse:
    """Which kind of record to propose (a settlement may be preselected)."""
    if not can_propose(request.user):
        return refused(request)
    settlement = _settlement_param(request)
    language = current_language()
    entries = [
        {
            "label": d.label.get(language),
            "record_label": d.record_label.get(language),
            "description": d.description.get(language),
            "url": reverse("editing:create", args=[d.key])
            + (f"?settlement={settlement.ksh_code}" if settlement else ""),
        }
        for d in catalog_list()
    ]
    context = {"entries": entries, "settlement": settlement}
    return render(request, "editing/choose_catalog.html", context)


@require_http_methods(["GET", "POST"])
def record_create_view(request: HttpRequest, catalog: str) -> HttpResponse:
    definition = catalog_get(catalog)
    if definition is None:
        return not_found(request, _("There is no catalog “%(key)s”.") % {"key": catalog[:64]})
    settlement = _settlement_param(request)
    if not can_open_create_form(request.user, catalog, settlement):
        return refused(request)
    initial = {"settlement": settlement} if settlement else {}
    return _form_page(request, definition, record=None, initial=initial)


@require_http_methods(["GET", "POST"])
def record_edit_view(request: HttpRequest, record_id: int) -> HttpResponse:
    record = Record.objects.select_related("settlement").filter(pk=record_id).first()
    if record is not None and not can_open_edit_form(request.user, record):
        if not request.user.is_authenticated or record.status == Record.Status.PUBLISHED:
            return refused(request, _("You may not edit this record."))
        if record.status == Record.Status.ARCHIVED and can_publish(request.user, record=record):
            return refused(request, _("This record is in the trash: restore it first."))
        record = None  # a draft: those who may not see it learn nothing of it
    if record is None:
        return not_found(request, _("There is no record number %(id)s.") % {"id": record_id})
    definition = catalog_get(record.catalog)
    if definition is None:
        return not_found(request, _("The catalog of this record is not defined any more."))
    return _form_page(
        request, definition, record=record, initial=record_form_initial(record, definition)
    )


def _form_page(request, definition, *, record, initial) -> HttpResponse:
    form_class = portal_form_class(definition, current_language())
    if request.method != "POST":
        form = form_class(initial=initial, viewer=request.user)
        return _render_form(request, definition, form, record)
    form = form_class(request.POST, viewer=request.user)
    posted_catalog = request.POST.get("catalog", "")
    if posted_catalog != definition.key:
        form.is_valid()
        form.add_error(None, _("This form belongs to another catalog. Nothing was saved."))
        return _render_form(request, definition, form, record, status=BAD_REQUEST)
    if not form.is_valid():
        _add_rule_errors(form, definition, record)
        return _render_form(request, definition, form, record, status=BAD_REQUEST)
    try:
        result = record_save(
            user=request.user, catalog=definition.key, data=form.record_data(), record=record,
            expected_version=form.cleaned_data.get("version"), publish="_publish" in request.POST,
        )  # fmt: skip
    except RecordConflict as error:
        form.add_error(None, error.message_dict["version"][0])
        form.data = form.data.copy()
        form.data["version"] = error.current_version
        rows = conflict_rows(error, definition, current_language())
        return _render_form(request, definition, form, record, conflict=rows, status=CONFLICT)
    except ValidationError as error:
        form.add_service_errors(error.message_dict)
        return _render_form(request, definition, form, record, status=BAD_REQUEST)
    if result.change_request is not None:
        messages.success(
            request,
            _("Thank you! Your proposal was sent to the moderators. The published data stay "
              "as they are until a moderator approves it."),
        )  # fmt: skip
        return redirect("editing:contributions")
    messages.success(request, _("“%(name)s” was saved.") % {"name": result.record.name})
    return redirect("editing:edit", record_id=result.record.pk)


def _render_form(request, definition, form, record, *, conflict=None, status=200):
    language = current_language()
    validate_url = reverse("editing:validate", args=[definition.key])
    if record is not None:
        validate_url += f"?record={record.pk}"
    context = {
        "definition": definition,
        "catalog_label": definition.label.get(language),
        "record_label": definition.record_label.get(language),
        "form": form,
        "record": record,
        "media": form_media(request, form),
        "validate_url": validate_url,
        "can_publish": can_publish(request.user, record=record, catalog_key=definition.key),
        "conflict_rows": conflict or [],
    }
    return render(request, "editing/record_form.html", context, status=status)


@require_POST
def record_validate(request: HttpRequest, catalog: str) -> HttpResponse:
    """The messages of one field (``_field``) of the posted form, nothing saved (HTMX)."""
    definition = catalog_get(catalog)
    if definition is None or not can_propose(request.user):
        return HttpResponse(status=BAD_REQUEST if definition is None else 403)
    record = None
    record_id = request.GET.get("record", "")
    if record_id.isdigit():
        record = Record.objects.filter(pk=int(record_id), catalog=catalog).first()
        if record is None or not can_open_edit_form(request.user, record):
            return HttpResponse(status=403)
    form = portal_form_class(definition, current_language())(request.POST, viewer=request.user)
    name = request.POST.get("_field", "")
    if name not in form.fields:
        return HttpResponse(status=BAD_REQUEST)
    form.is_valid()
    if name not in form.errors:
        _add_rule_errors(form, definition, record)
    context = {"field": form[name], "errors": form.errors.get(name, [])}
    return render(request, "editing/_field_errors.html", context)


def _add_rule_errors(form, definition, record) -> None:
    """Check what parsed against the services' rules (nothing is written) and put their
    messages on the fields that have none yet: every problem shows at once."""
    data = form.record_data()
    try:
        record_data_clean(
            definition=definition, data=data,
            references=References.for_items(definition, [data]), existing=record,
        )  # fmt: skip
    except ValidationError as error:
        names = {
            key: key if key in form.fields else f"{VALUE_PREFIX}{key}" for key in error.message_dict
        }
        form.add_service_errors(
            {
                key: messages
                for key, messages in error.message_dict.items()
                if names[key] not in form.errors
            }
        )
