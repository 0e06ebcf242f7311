"""What the harvesting endpoints remember about records: one OAI-PMH item per record that has
ever been public, with the time of its last public change and whether it is gone.

The rows are written by the record-change listener (``oai/tracking.py``) in the transaction
of the change, so a harvester never misses a withdrawal: a record that is archived,
unpublished or deleted keeps its row as a tombstone (``deleted``), which OAI-PMH reports as
a header with ``status="deleted"`` for ever (``deletedRecord: persistent``).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OaiItem(models.Model):
    # The record's id, kept after the record itself is deleted (no foreign key on purpose).
    record_id = models.BigIntegerField(_("record id"), primary_key=True)
    catalog = models.CharField(_("catalog"), max_length=64)
    datestamp = models.DateTimeField(_("datestamp"))
    deleted = models.BooleanField(_("deleted"), default=False)

    class Meta:
        verbose_name = _("OAI-PMH item")
        verbose_name_plural = _("OAI-PMH items")
        indexes = [
            models.Index(fields=["catalog", "record_id"], name="oai_item_catalog"),
            models.Index(fields=["datestamp"], name="oai_item_datestamp"),
            models.Index(fields=["catalog", "datestamp"], name="oai_item_catalog_datestamp"),
        ]

    def __str__(self) -> str:
        return f"{self.catalog}/{self.record_id} @ {self.datestamp:%Y-%m-%dT%H:%M:%SZ}"
