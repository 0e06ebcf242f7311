"""The search index: one narrow row per published record, a data version and a change log.

The full-text part lives beside these tables in a table ``search_fulltext`` whose form differs
per database (see ``search/fulltext.py``): an FTS5 virtual table on SQLite, a table of two
weighted ``tsvector`` columns with GIN indexes on PostgreSQL. Both hold the same
pre-normalised tokens (``search/normalization.py``). Filtering, facet counting and ordering
work on an in-memory copy of the narrow rows (``search/snapshot.py``), which each process
keeps current through the change log.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from kozkincs.catalog.models import Record


class SearchDocument(models.Model):
    """What search, sorting and filtering need of a published record, without its wide row."""

    record = models.OneToOneField(
        Record,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_document",
        verbose_name=_("record"),
    )
    catalog = models.CharField(_("catalog"), max_length=64)
    sort_name = models.CharField(_("sort key of the name"), max_length=255)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True)
    approximate = models.BooleanField(
        _("approximate location"),
        default=False,
        help_text=_(
            "The record has no coordinates of its own: lat and lon are its main settlement's "
            "centre."
        ),
    )
    facet_lines = models.TextField(
        _("facet values"),
        blank=True,
        help_text=_(
            "One name=value per line: catalog (key), settlement (the KSH code of every "
            "settlement of the record), priority (strategy priority numbers) and the catalog's "
            "facet fields (vocabulary keys, true/false, years): the values the filters take."
        ),
    )
    attributes = models.TextField(_("searchable attribute values"), blank=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")

    def __str__(self) -> str:
        return self.sort_name


class SearchState(models.Model):
    """A single row whose ``version`` grows with every index change (the data version).

    ``token`` is drawn at random with every change: a version number alone repeats after a
    rolled-back transaction, the pair (version, token) does not (in practice).
    """

    version = models.BigIntegerField(_("data version"), default=0)
    token = models.BigIntegerField(_("change token"), default=0)

    class Meta:
        verbose_name = _("search index state")
        verbose_name_plural = _("search index state")

    def __str__(self) -> str:
        return f"v{self.version}"


class SearchChange(models.Model):
    """One record touched by the index change that produced ``version``; a process holding
    the index in memory applies only these. ``record_id`` null means "everything changed" (a
    rebuild, a large batch). ``previous_token`` is the token of ``version - 1``, so a process
    can tell that the log continues exactly the state it holds. Old rows are pruned; a process
    further behind reloads everything."""

    version = models.BigIntegerField(_("data version"))
    previous_token = models.BigIntegerField(_("token of the previous version"))
    record_id = models.BigIntegerField(_("record"), null=True, blank=True)

    class Meta:
        verbose_name = _("index change")
        verbose_name_plural = _("index changes")
        indexes = [models.Index(fields=["version"], name="search_change_version")]

    def __str__(self) -> str:
        return f"v{self.version}: {self.record_id or '*'}"
