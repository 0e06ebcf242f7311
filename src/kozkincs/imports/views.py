"""The import pages: upload, detected reading and column mapping with overrides, the dry run's
report, import, progress (polled by HTMX), undo; the template and the report as XLSX.

Previews and imports run as tasks (``imports/tasks.py``); the batch page shows their progress.
Every refusal and bad input answers with the page and a message in the user's language.
"""

import functools

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kozkincs.catalog.registry import catalog_get, catalog_list
from kozkincs.imports.forms import ApplyForm, OptionsForm, UploadForm
from kozkincs.imports.models import ImportBatch
from kozkincs.imports.permissions import can_import
from kozkincs.imports.plan import ImportOptions
from kozkincs.imports.selectors import import_batch_list, import_problem_page
from kozkincs.imports.services import (
    ImportRefused,
    earlier_import,
    import_batch_choose,
    import_batch_create,
    import_batch_path,
    import_batch_preview,
    import_batch_recover,
    import_batch_undo,
)
from kozkincs.imports.tasks import import_batch_enqueue
from kozkincs.imports.workbooks import report_workbook, template_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _refused(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return render(request, "imports/forbidden.html", status=403)


def _language() -> str:
    return (get_language() or "hu")[:2]


def _catalogs(user) -> list:
    return [c for c in catalog_list() if can_import(user, c.key)]


def _with_batch(view):
    """The view gets the batch of ``batch_id`` if the user may import into its catalog."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, batch_id: int) -> HttpResponse:
        batch = get_object_or_404(ImportBatch, pk=batch_id)
        if not can_import(request.user, batch.catalog):
            return _refused(request)
        return view(request, batch)

    return wrapper


@require_http_methods(["GET", "POST"])
def start(request: HttpRequest) -> HttpResponse:
    catalogs = _catalogs(request.user)
    if not catalogs:
        return _refused(request)
    form = UploadForm(request.POST or None, request.FILES or None, catalogs=catalogs,
                      language=_language())  # fmt: skip
    error, status = "", 200
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            batch = import_batch_create(
                catalog=form.cleaned_data["catalog"], source=upload, file_name=upload.name,
                user=request.user, language=_language(),
            )  # fmt: skip
            import_batch_enqueue(batch=batch, work=ImportBatch.Work.PREVIEW, user=request.user)
            return redirect("imports:batch", batch_id=batch.pk)
        except ImportRefused as refused:
            error, status = _refusal_text(refused), 400
    elif request.method == "POST":
        status = 400
    context = {
        "form": form, "error": error, "catalogs": catalogs,
        "batches": import_batch_list(catalogs=[c.key for c in catalogs]),
    }  # fmt: skip
    return render(request, "imports/start.html", context, status=status)


def _batch_context(request, batch: ImportBatch, **extra) -> dict:
    definition = catalog_get(batch.catalog)
    report = batch.report or {}
    headers = [column["heading"] for column in report.get("columns") or []]
    options = OptionsForm(
        initial={**batch.options, **{f"column_{k}": v for k, v in
                                     (batch.options.get("mapping") or {}).items()}},
        definition=definition, info=batch.info, headers=headers, language=_language(),
    ) if definition else None  # fmt: skip
    return {
        "batch": batch, "definition": definition, "report": report, "options_form": options,
        "apply_form": ApplyForm(), "earlier": earlier_import(batch),
        "problems": import_problem_page(batch=batch, number=request.GET.get("page")),
        "column_rows": [
            (column, options[f"column_{column['index']}"])
            for column in report.get("columns") or []
        ] if options else [],
        **extra,
    }  # fmt: skip


def _batch_error(request, batch: ImportBatch, error: str, status: int = 400) -> HttpResponse:
    context = _batch_context(request, batch, error=error)
    return render(request, "imports/batch.html", context, status=status)


def _refusal_text(refused: ImportRefused) -> str:
    return " ".join(refused.messages)


@require_http_methods(["GET", "POST"])
@_with_batch
def batch_page(request: HttpRequest, batch: ImportBatch) -> HttpResponse:
    if request.method == "GET":
        import_batch_recover(batch=batch)  # an interrupted run says so and can start again
        return render(request, "imports/batch.html", _batch_context(request, batch))
    context = _batch_context(request, batch)
    form = OptionsForm(request.POST, definition=context["definition"], info=batch.info,
                       headers=[c["heading"] for c in context["report"].get("columns") or []],
                       language=_language())  # fmt: skip
    if not form.is_valid():
        return render(request, "imports/batch.html", {**context, "options_form": form}, status=400)
    options = ImportOptions(
        encoding=form.cleaned_data["encoding"], delimiter=form.cleaned_data["delimiter"],
        sheet=form.cleaned_data["sheet"] if len(batch.info.get("sheets") or []) > 1 else "",
        update_by=form.cleaned_data["update_by"], mapping=form.mapping(),
    )  # fmt: skip
    try:
        import_batch_choose(batch=batch, options=options)
    except ImportRefused as refused:
        return _batch_error(request, batch, _refusal_text(refused))
    import_batch_enqueue(batch=batch, work=ImportBatch.Work.PREVIEW, user=request.user)
    return redirect("imports:batch", batch_id=batch.pk)


@require_GET
@_with_batch
def batch_progress(request: HttpRequest, batch: ImportBatch) -> HttpResponse:
    import_batch_recover(batch=batch)
    response = render(request, "imports/_progress.html", {"batch": batch})
    if not batch.work and request.htmx:
        response["HX-Refresh"] = "true"  # the work is done: show the whole page again
    return response


@require_POST
@_with_batch
def batch_apply(request: HttpRequest, batch: ImportBatch) -> HttpResponse:
    form = ApplyForm(request.POST)
    error = ""
    if not form.is_valid():
        error = _("Choose the status of the new records.")
    elif batch.status not in (ImportBatch.Status.UPLOADED, ImportBatch.Status.PREVIEWED):
        error = _("This import is already running or has finished.")
    elif earlier_import(batch) and not form.cleaned_data["confirm_repeat"]:
        error = _("This file was already imported into this catalog. Confirm to import it again.")
    if error:
        return _batch_error(request, batch, error)
    import_batch_enqueue(
        batch=batch, work=ImportBatch.Work.APPLY, user=request.user,
        status=form.cleaned_data["status"], confirm_repeat=form.cleaned_data["confirm_repeat"],
    )  # fmt: skip
    return redirect("imports:batch", batch_id=batch.pk)


@require_POST
@_with_batch
def batch_undo(request: HttpRequest, batch: ImportBatch) -> HttpResponse:
    try:
        import_batch_undo(batch=batch, user=request.user)
    except ImportRefused as refused:
        return _batch_error(request, batch, _refusal_text(refused), status=409)
    messages.success(request, _("The import was undone."))
    return redirect("imports:batch", batch_id=batch.pk)


@require_GET
def template_download(request: HttpRequest, catalog: str) -> HttpResponse:
    definition = catalog_get(catalog)
    if definition is None:
        raise Http404(_("Unknown catalog: “%(key)s”.") % {"key": catalog})
    if not can_import(request.user, catalog):
        return _refused(request)
    response = HttpResponse(template_workbook(definition), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{catalog}-sablon.xlsx"'
    return response


@require_GET
@_with_batch
def report_download(request: HttpRequest, batch: ImportBatch) -> HttpResponse:
    try:
        plan = import_batch_preview(batch=batch) if batch.status in (
            ImportBatch.Status.UPLOADED, ImportBatch.Status.PREVIEWED) else None  # fmt: skip
    except ImportRefused as refused:
        return _batch_error(request, batch, _refusal_text(refused))
    if plan is None:
        raise Http404(_("The report exists until the file is imported."))
    content = report_workbook(plan, import_batch_path(batch), _language())
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="import-{batch.pk}-jelentes.xlsx"'
    return response
