"""A batch: one uploaded file imported (or to be imported) into one catalog.

The batch keeps what undoing needs: the ids of the records it created and, for each record
it updated, the version before and after the import. At most one batch per catalog is being
applied at a time (a database constraint), so an import started twice at once fails cleanly.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportBatch(models.Model):
    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("uploaded")
        PREVIEWED = "previewed", _("previewed")
        APPLYING = "applying", _("being imported")
        APPLIED = "applied", _("imported")
        UNDONE = "undone", _("undone")

    class Work(models.TextChoices):
        NONE = "", _("nothing")
        PREVIEW = "preview", _("preview")
        APPLY = "apply", _("import")

    catalog = models.CharField(_("catalog"), max_length=64, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )  # fmt: skip
    file_name = models.CharField(_("file name"), max_length=255)
    file_hash = models.CharField(_("SHA-256 of the file"), max_length=64, db_index=True)
    file_size = models.PositiveBigIntegerField(_("file size"), default=0)
    stored_name = models.CharField(_("stored file"), max_length=100)
    language = models.CharField(_("language"), max_length=8, default="hu")
    options = models.JSONField(_("options"), default=dict, blank=True)
    info = models.JSONField(_("what the file is"), default=dict, blank=True)
    report = models.JSONField(_("report of the dry run"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.UPLOADED
    )
    work = models.CharField(_("work in progress"), max_length=10, choices=Work.choices,
                            default=Work.NONE, blank=True)  # fmt: skip
    progress_done = models.PositiveIntegerField(_("rows done"), default=0)
    task_id = models.CharField(_("background task"), max_length=64, blank=True, editable=False)
    message = models.TextField(_("message"), blank=True)
    new_count = models.PositiveIntegerField(_("new"), default=0)
    updated_count = models.PositiveIntegerField(_("updated"), default=0)
    unchanged_count = models.PositiveIntegerField(_("unchanged"), default=0)
    invalid_count = models.PositiveIntegerField(_("invalid"), default=0)
    created_ids = models.JSONField(_("created records"), default=list, blank=True)
    updated_records = models.JSONField(
        _("updated records (id, version before, version after)"), default=list, blank=True
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    applied_at = models.DateTimeField(_("imported"), null=True, blank=True)
    undone_at = models.DateTimeField(_("undone"), null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("undone by"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )  # fmt: skip

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("import batch")
        verbose_name_plural = _("import batches")
        constraints = [
            models.UniqueConstraint(
                fields=["catalog"], condition=models.Q(status="applying"),
                name="one_import_applying_per_catalog",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    status__in=["uploaded", "previewed", "applying", "applied", "undone"]
                ),
                name="import_batch_status_valid",
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.file_name} → {self.catalog}"

    @property
    def lock_name(self) -> str:
        """The lock held while a process previews or imports this batch
        (:mod:`kozkincs.core.running`)."""
        return f"import-batch-{self.pk}"

    @property
    def counts(self) -> dict[str, int]:
        return {
            "new": self.new_count, "updated": self.updated_count,
            "unchanged": self.unchanged_count, "invalid": self.invalid_count,
        }  # fmt: skip
