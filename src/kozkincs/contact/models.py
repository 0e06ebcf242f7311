"""The contact relay: visitors write to a person listed in a record without seeing the address.

Only the fact that a message was relayed is kept (for the rate limit and for questions of abuse),
never the message or the sender's address: the message goes out by e-mail and is gone.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from kozkincs.catalog.models import Record


class RelayedMessage(models.Model):
    record = models.ForeignKey(
        Record, verbose_name=_("record"), on_delete=models.CASCADE, related_name="+"
    )
    contact_key = models.CharField(_("contact"), max_length=80)
    sender_key = models.CharField(
        _("sender key"),
        max_length=64,
        db_index=True,
        help_text=_("Keyed hash of the sender address (rate limit); not the address."),
    )
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("relayed message")
        verbose_name_plural = _("relayed messages")

    def __str__(self) -> str:
        return f"{self.record_id} {self.contact_key} {self.sent_at:%Y-%m-%d %H:%M}"
