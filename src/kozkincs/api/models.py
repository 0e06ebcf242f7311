"""What the API stores: the public JSON of each published record, per language.

``/api/v1/records/{id}`` answers with one indexed read of :class:`RecordRepresentation`
instead of building the record's representation (fields, relations of both directions,
photos, JSON-LD) on every request. The rows are written in the transaction of every change
that alters them (``api/stored_records.py``, registered with the catalog's and the
gazetteer's change listeners), like the search index, and ``kozkincs check_index`` compares
them with what the records give now.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kozkincs.catalog.models import Record


class RecordRepresentation(models.Model):
    """A published record's public JSON (``RecordDetailOut``) in one content language."""

    record = models.ForeignKey(
        Record, on_delete=models.CASCADE, related_name="+", verbose_name=_("record")
    )
    language = models.CharField(_("language"), max_length=8)
    body = models.TextField(_("JSON"))
    etag = models.CharField(
        _("entity tag"),
        max_length=32,
        help_text=_("A digest of the JSON, sent as the answer's ETag."),
    )

    class Meta:
        verbose_name = _("stored record representation")
        verbose_name_plural = _("stored record representations")
        constraints = [
            models.UniqueConstraint(
                fields=["record", "language"], name="unique_record_representation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.record_id} ({self.language})"


class ApiToken(models.Model):
    """A key with which a program writes through the API on its owner's behalf.

    Only a digest of the key is kept (SHA-256: the key is 256 random bits, so a slow hash
    adds nothing); the key itself is shown once, when it is created. A token acts with its
    owner's roles: what the owner may not do in the portal, the token may not do either."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("owner"),
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(
        _("beginning of the key"), max_length=12, help_text=_("Shown to tell tokens apart.")
    )
    digest = models.CharField(_("digest of the key"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        # The throttle keys its counters on this: the id, never the key.
        return f"api-token-{self.pk}"
