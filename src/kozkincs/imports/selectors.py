"""Reads of the import pages: a user's batches, one batch, the report's pages."""

from datetime import timedelta

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.tasks import TaskResultStatus, default_task_backend
from django.tasks.exceptions import TaskResultDoesNotExist
from django.utils import timezone

from kozkincs.core.running import is_running
from kozkincs.imports.models import ImportBatch

STARTING = timedelta(seconds=30)
"""A task the worker has just taken takes the batch's lock within this time."""

RECENT_BATCHES = 20
PROBLEMS_PER_PAGE = 100


def import_batch_list(*, catalogs: list[str]) -> QuerySet[ImportBatch]:
    """The latest batches of ``catalogs``, newest first."""
    return ImportBatch.objects.filter(catalog__in=catalogs).select_related("user")[:RECENT_BATCHES]


def import_problem_page(*, batch: ImportBatch, number) -> Page:
    """One page of the stored problems of the dry run (a bad page number gives the last)."""
    problems = (batch.report or {}).get("problems") or []
    return Paginator(problems, PROBLEMS_PER_PAGE).get_page(number)


def import_batch_interrupted(batch: ImportBatch) -> bool:
    """Whether the batch says a preview or an import is under way but no process is doing it
    (the process ended without finishing: crashed, killed, restarted)."""
    if not batch.work and batch.status != ImportBatch.Status.APPLYING:
        return False
    result = None
    if batch.task_id:
        try:
            result = default_task_backend.get_result(batch.task_id)
        except (NotImplementedError, TaskResultDoesNotExist):
            result = None
    if result is not None and result.status == TaskResultStatus.READY:
        return False  # still waiting in the queue for a worker
    if is_running(batch.lock_name):
        return False
    started = result.started_at if result is not None else None
    return not (started and timezone.now() - started < STARTING)
