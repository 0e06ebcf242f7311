"""The history pages: a record's versions, the comparison of two, revert; the trash.

Every refusal and every bad input (an unknown version id, a version of another record, a stale
page) answers with the page and a message in the visitor's language, and changes nothing.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kozkincs.catalog.models import Record
from kozkincs.catalog.services import RecordConflict
from kozkincs.history.permissions import history_can_revert, history_can_view, record_can_purge
from kozkincs.history.selectors import (
    VersionNotFound,
    record_version_get,
    record_versions,
    trash_list,
    versions_compare,
)
from kozkincs.history.services import record_purge, record_revert, record_trash_restore

CONFLICT = 409


def _refused(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return render(request, "history/forbidden.html", status=403)


def _record(record_id: int) -> Record:
    return get_object_or_404(Record.objects.select_related("settlement"), pk=record_id)


def _error_text(error: ValidationError) -> str:
    return " ".join(message for messages in error.message_dict.values() for message in messages)


def _history_page(request, record, *, error: str = "", status: int = 200) -> HttpResponse:
    versions = record_versions(record=record)
    context = {
        "record": record,
        "versions": versions,
        "error": error,
        "can_revert": history_can_revert(request.user, record),
        "default_from": versions[1].history_id if len(versions) > 1 else None,
    }
    return render(request, "history/record_history.html", context, status=status)


@require_GET
def record_history(request: HttpRequest, record_id: int) -> HttpResponse:
    record = _record(record_id)
    if not history_can_view(request.user, record):
        return _refused(request)
    return _history_page(request, record)


@require_GET
def record_compare(request: HttpRequest, record_id: int) -> HttpResponse:
    record = _record(record_id)
    if not history_can_view(request.user, record):
        return _refused(request)
    try:
        older = record_version_get(record=record, history_id=request.GET.get("from", ""))
        newer = record_version_get(record=record, history_id=request.GET.get("to", ""))
    except VersionNotFound as error:
        return _history_page(request, record, error=str(error), status=400)
    if (older.history_date, older.history_id) > (newer.history_date, newer.history_id):
        older, newer = newer, older
    context = {
        "record": record,
        "older": older,
        "newer": newer,
        "rows": versions_compare(record=record, older=older, newer=newer),
        "can_revert": history_can_revert(request.user, record),
    }
    return render(request, "history/compare.html", context)


@require_POST
def record_revert_view(request: HttpRequest, record_id: int) -> HttpResponse:
    record = _record(record_id)
    if not history_can_revert(request.user, record):
        return _refused(request)
    seen = request.POST.get("version", "")
    try:
        version = record_version_get(record=record, history_id=request.POST.get("history_id"))
        record_revert(
            record=record, version=version, user=request.user,
            expected_version=int(seen) if seen.isdigit() else None,
        )  # fmt: skip
    except VersionNotFound as error:
        return _history_page(request, record, error=str(error), status=400)
    except RecordConflict as error:
        record.refresh_from_db()
        return _history_page(request, record, error=_error_text(error), status=CONFLICT)
    except ValidationError as error:
        return _history_page(request, record, error=_error_text(error), status=400)
    messages.success(
        request, _("Reverted to version %(version)s; this is now a new version.") % {
            "version": version.version}
    )  # fmt: skip
    return redirect("history:record_history", record_id=record.pk)


def _trash_page(request, *, error: str = "", status: int = 200) -> HttpResponse:
    context = {
        "records": trash_list(),
        "error": error,
        "can_restore": history_can_revert(request.user),
        "can_purge": record_can_purge(request.user),
    }
    return render(request, "history/trash.html", context, status=status)


@require_GET
def trash(request: HttpRequest) -> HttpResponse:
    if not history_can_view(request.user):
        return _refused(request)
    return _trash_page(request)


@require_POST
def trash_restore(request: HttpRequest, record_id: int) -> HttpResponse:
    record = _record(record_id)
    if not history_can_revert(request.user, record):
        return _refused(request)
    try:
        record_trash_restore(record=record, user=request.user)
    except ValidationError as error:
        return _trash_page(request, error=_error_text(error), status=400)
    messages.success(request, _("“%(name)s” was restored.") % {"name": record.name})
    return redirect("history:trash")


@require_http_methods(["GET", "POST"])
def trash_purge(request: HttpRequest, record_id: int) -> HttpResponse:
    record = _record(record_id)
    if not record_can_purge(request.user, record):
        return _refused(request)
    if record.status != Record.Status.ARCHIVED:
        return _trash_page(request, error=_("Only a record in the trash can be deleted for good."),
                           status=400)  # fmt: skip
    if request.method == "GET":
        return render(request, "history/confirm_purge.html", {"record": record})
    record_purge(record=record, user=request.user)
    messages.success(request, _("“%(name)s” was deleted for good.") % {"name": record.name})
    return redirect("history:trash")
