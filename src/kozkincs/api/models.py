"""What the API stores: the public JSON of each published record, per language.

``/api/v1/records/{id}`` answers with one indexed read of :class:`RecordRepresentation`
instead of building the record's representation (fields, relations of both directions,
photos, JSON-LD) on every request. The rows are written in the transaction of every change
that alters them (``api/stored_records.py``, registered with the catalog's and the
gazetteer's change listeners), like the search index, and ``kozkincs check_index`` compares
them with what the records give now.
"""

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
