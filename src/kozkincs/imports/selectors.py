"""Reads of the import pages: a user's batches, one batch, the report's pages."""

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

from kozkincs.imports.models import ImportBatch

RECENT_BATCHES = 20
PROBLEMS_PER_PAGE = 100


def import_batch_list(*, catalogs: list[str]) -> QuerySet[ImportBatch]:
    """The latest batches of ``catalogs``, newest first."""
    return ImportBatch.objects.filter(catalog__in=catalogs).select_related("user")[:RECENT_BATCHES]


def import_problem_page(*, batch: ImportBatch, number) -> Page:
    """One page of the stored problems of the dry run (a bad page number gives the last)."""
    problems = (batch.report or {}).get("problems") or []
    return Paginator(problems, PROBLEMS_PER_PAGE).get_page(number)
