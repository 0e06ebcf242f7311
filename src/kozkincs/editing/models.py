"""Change requests: what someone who may not publish proposes, waiting for a moderator.

A change request holds the proposed values as the record services take them (``RecordData``
as JSON: settlements by KSH code, related records by id), the record version it was based on,
its author and its state. Nothing of it reaches the record until a moderator approves it, so the
published version stays what visitors see.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kozkincs.catalog.models import Record
from kozkincs.core.models import TimeStampedModel
from kozkincs.gazetteer.models import Settlement


class ChangeRequest(TimeStampedModel):
    class State(models.TextChoices):
        SUBMITTED = "submitted", _("waiting for a moderator")
        CHANGES_REQUESTED = "changes_requested", _("changes asked for")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")

    catalog = models.CharField(_("catalog"), max_length=64, db_index=True)
    record = models.ForeignKey(
        Record, verbose_name=_("record"), on_delete=models.CASCADE, null=True, blank=True,
        related_name="change_requests",
        help_text=_("Empty for a proposed new record."),
    )  # fmt: skip
    settlement = models.ForeignKey(
        Settlement, verbose_name=_("settlement"), on_delete=models.SET_NULL, null=True,
        blank=True, related_name="+",
    )  # fmt: skip
    name = models.CharField(_("name"), max_length=255)
    data = models.JSONField(_("proposed values"), default=dict)
    base_version = models.PositiveIntegerField(_("based on version"), null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="change_requests",
    )  # fmt: skip
    language = models.CharField(_("language"), max_length=8, default="hu")
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.SUBMITTED, db_index=True
    )
    reason = models.TextField(_("moderator's message"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )  # fmt: skip

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("change request")
        verbose_name_plural = _("change requests")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    state__in=["submitted", "changes_requested", "approved", "rejected"]
                ),
                name="change_request_state_valid",
            ),
        ]
        indexes = [models.Index(fields=["state", "catalog", "submitted_at"])]

    def __str__(self) -> str:
        return self.name

    @property
    def is_new_record(self) -> bool:
        return self.record_id is None

    @property
    def is_open(self) -> bool:
        return self.state in (self.State.SUBMITTED, self.State.CHANGES_REQUESTED)
