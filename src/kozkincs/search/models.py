"""The search index: one narrow row per published record, its facet values, a data version.

The full-text part lives beside these tables and differs per database (see
``search/fulltext.py``): an FTS5 virtual table ``search_fulltext`` on SQLite, a weighted
``tsvector`` column ``document`` of ``search_searchdocument`` with a GIN index on PostgreSQL.
Both hold the same pre-normalised tokens (``search/normalization.py``).
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
    attributes = models.TextField(_("searchable attribute values"), blank=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        indexes = [
            models.Index(fields=["catalog", "sort_name"], name="search_doc_catalog_name"),
            models.Index(fields=["sort_name", "record"], name="search_doc_name"),
            models.Index(fields=["published_at", "record"], name="search_doc_newest"),
            models.Index(fields=["lat", "lon"], name="search_doc_position"),
        ]

    def __str__(self) -> str:
        return self.sort_name


class SearchFacet(models.Model):
    """One facet value of one indexed record: ``catalog``, ``settlement`` (every settlement id
    of the record), ``priority`` (strategy priority numbers) and the catalog's facet fields."""

    document = models.ForeignKey(
        SearchDocument, on_delete=models.CASCADE, related_name="facet_values"
    )
    name = models.CharField(_("facet"), max_length=64)
    value = models.CharField(_("value"), max_length=255)

    class Meta:
        verbose_name = _("facet value")
        verbose_name_plural = _("facet values")
        constraints = [
            models.UniqueConstraint(
                fields=["document", "name", "value"], name="unique_search_facet_value"
            )
        ]
        indexes = [models.Index(fields=["name", "value", "document"], name="search_facet_lookup")]

    def __str__(self) -> str:
        return f"{self.name}={self.value}"


class SearchState(models.Model):
    """A single row whose ``version`` grows with every index change (the data version)."""

    version = models.BigIntegerField(_("data version"), default=0)

    class Meta:
        verbose_name = _("search index state")
        verbose_name_plural = _("search index state")

    def __str__(self) -> str:
        return f"v{self.version}"
