"""The priorities of the region's cultural strategy (reference data)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from kozkincs.core.i18n import localized_attribute

HIGHEST_PRIORITY_NUMBER = 5
"""The region's cultural strategy has five priorities, numbered 1 to 5."""


class StrategyPriority(models.Model):
    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    name = models.CharField(_("name (Hungarian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    name_de = models.CharField(_("name (German)"), max_length=200, blank=True)
    description = models.TextField(_("description (Hungarian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_de = models.TextField(_("description (German)"), blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("strategy priority")
        verbose_name_plural = _("strategy priorities")

    def __str__(self) -> str:
        return f"{self.number}. {self.display_name}"

    @property
    def display_name(self) -> str:
        return localized_attribute(self, "name")
