"""Records of the thematic databases and the typed relations between them.

What every catalog shares is a real column; what a catalog defines for itself lives in
``values``, validated against the catalog's YAML definition by the services.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kozkincs.core.history import ServiceWrittenHistory
from kozkincs.core.i18n import localized_attribute
from kozkincs.core.models import TimeStampedModel
from kozkincs.gazetteer.models import Settlement
from kozkincs.strategy.models import StrategyPriority


class RecordVersionSnapshot(models.Model):
    """What a version of a record keeps besides its own columns: its further settlements,
    strategy priorities and outgoing relations as they were (ids; the history pages resolve
    them to names)."""

    settlement_ids = models.JSONField(_("further settlements"), default=list)
    priority_ids = models.JSONField(_("strategy priorities"), default=list)
    relations = models.JSONField(_("related records"), default=dict)

    class Meta:
        abstract = True


class Record(TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")
        ARCHIVED = "archived", _("archived")

    # Not indexed on its own: the indexes below begin with it (see ``Meta.indexes``).
    catalog = models.CharField(_("catalog"), max_length=64)
    name = models.CharField(_("name (Hungarian)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    name_de = models.CharField(_("name (German)"), max_length=255, blank=True)
    slug = models.SlugField(_("slug"), max_length=255, db_index=False)
    summary = models.TextField(_("summary (Hungarian)"), blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    summary_de = models.TextField(_("summary (German)"), blank=True)
    description = models.TextField(_("description (Hungarian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_de = models.TextField(_("description (German)"), blank=True)
    settlement = models.ForeignKey(
        Settlement,
        verbose_name=_("settlement"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="records",
    )
    settlements = models.ManyToManyField(
        Settlement,
        verbose_name=_("further settlements"),
        blank=True,
        related_name="further_records",
    )
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True)
    priorities = models.ManyToManyField(
        StrategyPriority, verbose_name=_("strategy priorities"), blank=True, related_name="records"
    )
    tags = models.JSONField(_("tags"), default=list, blank=True)
    sources = models.JSONField(_("sources"), default=list, blank=True)
    values = models.JSONField(_("catalog-specific values"), default=dict, blank=True)
    privacy = models.JSONField(
        _("consent and visibility of personal fields"), default=dict, blank=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    is_demo = models.BooleanField(_("demo entry"), default=False)
    version = models.PositiveIntegerField(_("version"), default=1)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # One row per version, written by the services (``catalog/history.py``).
    history = ServiceWrittenHistory(
        bases=[RecordVersionSnapshot],
        # Versions are read by record (``id``), by their own id and user, never by these:
        # their indexes would only slow down every write of a version.
        no_db_index=["settlement", "created_by", "updated_by"],
        verbose_name=_("version of a record"),
        verbose_name_plural=_("versions of records"),
    )

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("record")
        verbose_name_plural = _("records")
        constraints = [
            models.UniqueConstraint(fields=["catalog", "slug"], name="unique_record_slug"),
            models.CheckConstraint(
                condition=models.Q(lat__isnull=True) | models.Q(lat__gte=-90, lat__lte=90),
                name="record_lat_range",
            ),
            models.CheckConstraint(
                condition=models.Q(lon__isnull=True) | models.Q(lon__gte=-180, lon__lte=180),
                name="record_lon_range",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["draft", "published", "archived"]),
                name="record_status_valid",
            ),
        ]
        # Each index costs every insert (an import writes 100,000 records at once), so there is
        # one per kind of read: a catalog's list by status and name, a record by its catalog
        # and slug (the unique constraint), the trash by status, the free slugs by prefix
        # (on PostgreSQL an index for ``LIKE 'base%'``, which also answers ``slug = …``).
        # ``db_index`` would add a second, plain index to each text column on PostgreSQL.
        indexes = [
            models.Index(fields=["catalog", "status", "name"]),
            models.Index(fields=["status"], name="record_status"),
            models.Index(fields=["slug"], name="record_slug", opclasses=["varchar_pattern_ops"]),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("web:record_detail", kwargs={"catalog": self.catalog, "slug": self.slug})

    @property
    def display_name(self) -> str:
        return localized_attribute(self, "name")

    @property
    def display_summary(self) -> str:
        return localized_attribute(self, "summary")

    @property
    def display_description(self) -> str:
        return localized_attribute(self, "description")

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED


class RecordRelation(models.Model):
    """``source`` points at ``target`` through the record-reference field ``field_key``.

    The field's definition (in the source's catalog) gives the label from the source's side
    and ``inverse_label`` from the target's side.
    """

    source = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="outgoing_relations")
    target = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="incoming_relations")
    field_key = models.CharField(_("field"), max_length=64)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["field_key", "position", "id"]
        verbose_name = _("record relation")
        verbose_name_plural = _("record relations")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "target", "field_key"], name="unique_record_relation"
            ),
            models.CheckConstraint(
                condition=~models.Q(source=models.F("target")), name="relation_not_to_itself"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} —{self.field_key}→ {self.target}"
