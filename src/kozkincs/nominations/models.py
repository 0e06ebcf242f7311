"""Nominations to the micro-regional value repository (tájegységi értéktár).

Anyone may nominate a value in writing (2012. évi XXX. törvény, 324/2020. Korm. rendelet); the
value repository committee checks that the nomination is complete, may ask for missing items,
accepts or rejects it and forwards accepted values to the county repository. A nomination
keeps what the statutory nomination form asks for; an accepted one points to the record of the
catalog it became, which the public register page lists.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kozkincs.catalog.models import Record
from kozkincs.gazetteer.models import Settlement


class ValueCategory(models.Model):
    """One of the nine statutory categories of the value repository (reference data)."""

    key = models.SlugField(_("key"), max_length=60, unique=True)
    name = models.CharField(_("name (Hungarian)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_de = models.CharField(_("name (German)"), max_length=120)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    catalog = models.CharField(
        _("suggested catalog"),
        max_length=60,
        blank=True,
        help_text=_("The catalog an accepted value of this category usually goes to."),
    )

    class Meta:
        ordering = ["position", "key"]
        verbose_name = _("value category")
        verbose_name_plural = _("value categories")

    def __str__(self) -> str:
        return self.name


class Nomination(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("submitted")
        INCOMPLETE = "incomplete", _("missing items requested")
        ACCEPTED = "accepted", _("accepted")
        REJECTED = "rejected", _("rejected")
        FORWARDED = "forwarded", _("forwarded to the county repository")

    reference = models.CharField(_("reference number"), max_length=20, unique=True)
    follow_token = models.CharField(_("follow-up key"), max_length=64, unique=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED
    )
    # The proposer (personal data: shown to the committee and the proposer only).
    proposer_name = models.CharField(_("proposer"), max_length=200)
    proposer_organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    contact_person = models.CharField(_("contact person"), max_length=200, blank=True)
    address = models.CharField(_("postal address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"))
    # The value.
    value_name = models.CharField(_("name of the value"), max_length=255)
    category = models.ForeignKey(
        ValueCategory, verbose_name=_("category"), on_delete=models.PROTECT, related_name="+"
    )
    settlement = models.ForeignKey(
        Settlement, verbose_name=_("settlement"), on_delete=models.PROTECT, related_name="+"
    )
    location = models.CharField(_("where it is found"), max_length=300, blank=True)
    description = models.TextField(_("description"))
    justification = models.TextField(_("justification"))
    sources = models.TextField(_("sources and bibliography"), blank=True)
    website = models.URLField(_("website"), blank=True)
    consent = models.BooleanField(_("consent to use the data"), default=False)
    # The committee's decision.
    status_reason = models.TextField(_("reason or request"), blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    forwarded_at = models.DateTimeField(_("forwarded"), null=True, blank=True)
    record = models.OneToOneField(
        Record,
        verbose_name=_("record"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="nomination",
    )
    language = models.CharField(
        _("language of the proposer"), max_length=8, choices=settings.LANGUAGES, default="hu"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    sender_key = models.CharField(
        _("sender key"),
        max_length=64,
        blank=True,
        db_index=True,
        help_text=_("Keyed hash of the sender address (rate limit); not the address."),
    )
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        indexes = [models.Index(fields=["status", "submitted_at"])]

    def __str__(self) -> str:
        return f"{self.reference} {self.value_name}"


class NominationFile(models.Model):
    """A photo or a PDF document (letter of support, source) attached to a nomination.

    Stored in Django's storage under ``nominations/``, served only to the committee and to the
    proposer (through the follow-up link); photos become the record's photos on acceptance.
    """

    class Kind(models.TextChoices):
        PHOTO = "photo", _("photo")
        DOCUMENT = "document", _("document")

    nomination = models.ForeignKey(
        Nomination, verbose_name=_("nomination"), on_delete=models.CASCADE, related_name="files"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    file = models.FileField(_("file"), max_length=255)
    title = models.CharField(_("title or alternative text"), max_length=300)
    credit = models.CharField(_("author or credit"), max_length=200, blank=True)
    licence = models.CharField(_("licence"), max_length=32, blank=True)
    size = models.PositiveIntegerField(_("size in bytes"))
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        ordering = ["nomination", "id"]
        verbose_name = _("attached file")
        verbose_name_plural = _("attached files")

    def __str__(self) -> str:
        return self.title


class NominationEvent(models.Model):
    """One step of the workflow, shown to the proposer and the committee."""

    nomination = models.ForeignKey(
        Nomination, verbose_name=_("nomination"), on_delete=models.CASCADE, related_name="events"
    )
    status = models.CharField(_("status"), max_length=20, choices=Nomination.Status.choices)
    note = models.TextField(_("note"), blank=True)
    by_committee = models.BooleanField(_("by the committee"), default=False)
    at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["nomination", "at", "id"]
        verbose_name = _("workflow step")
        verbose_name_plural = _("workflow steps")

    def __str__(self) -> str:
        return f"{self.nomination_id}: {self.status}"
