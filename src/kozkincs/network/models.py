"""Actors of the cultural network, the ties between them and the yearly figures of the network.

A tie proposed by one side stays *proposed* until the other side (or the coordinator) confirms
it; only confirmed ties count in the figures. Ties are versioned with django-simple-history.
Evidence is a record or a text/URL for now; meetings and project ideas get their own foreign
keys when those apps exist.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kozkincs.catalog.models import Record
from kozkincs.core.i18n import localized_attribute
from kozkincs.core.models import TimeStampedModel
from kozkincs.gazetteer.models import Settlement
from kozkincs.network.kinds import SYMMETRIC_TIE_KINDS, ActorKind, OfferKind, TieKind
from kozkincs.strategy.models import StrategyPriority


class Visibility(models.TextChoices):
    PUBLIC = "public", _("everyone")
    MEMBERS = "members", _("logged-in members")
    STAFF = "staff", _("staff only")


class Actor(TimeStampedModel):
    kind = models.CharField(_("kind"), max_length=20, choices=ActorKind.choices)
    record = models.OneToOneField(
        Record,
        verbose_name=_("record"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="network_actor",
    )
    name = models.CharField(_("name"), max_length=255, blank=True)
    settlement = models.ForeignKey(
        Settlement,
        verbose_name=_("settlement"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="network_actors",
        help_text=_("The municipality itself, or where the actor is based."),
    )
    description = models.TextField(_("what the actor does (Hungarian)"), blank=True)
    description_en = models.TextField(_("what the actor does (English)"), blank=True)
    priorities = models.ManyToManyField(
        StrategyPriority, verbose_name=_("strategy priorities"), blank=True, related_name="+"
    )
    themes = models.JSONField(_("themes"), default=list, blank=True)
    settlements_served = models.ManyToManyField(
        Settlement, verbose_name=_("settlements served"), blank=True, related_name="+"
    )
    accounts = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accounts that may edit it"),
        blank=True,
        related_name="network_actors",
    )
    consent = models.BooleanField(
        _("consent to publication"),
        default=False,
        help_text=_("A private person is shown only with consent."),
    )
    visibility = models.CharField(
        _("visibility of a private person"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.STAFF,
    )
    is_demo = models.BooleanField(_("demo entry"), default=False)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("actor")
        verbose_name_plural = _("actors")
        # The partner finder's cache stamp reads the latest change (pool.py).
        indexes = [models.Index(fields=["updated_at"], name="network_actor_updated_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind=ActorKind.ORGANISATION, record__isnull=False)
                | (~Q(kind=ActorKind.ORGANISATION) & Q(record__isnull=True)),
                name="network_actor_record_iff_organisation",
            ),
            models.CheckConstraint(
                condition=~Q(kind=ActorKind.MUNICIPALITY) | Q(settlement__isnull=False),
                name="network_municipality_has_settlement",
            ),
            models.UniqueConstraint(
                fields=["settlement"],
                condition=Q(kind=ActorKind.MUNICIPALITY),
                name="network_one_actor_per_municipality",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        return reverse("network:actor_detail", kwargs={"actor_id": self.pk})

    @property
    def display_name(self) -> str:
        if self.record_id is not None:
            return self.record.display_name
        if self.kind == ActorKind.MUNICIPALITY and not self.name and self.settlement_id:
            return self.settlement.name
        return self.name

    @property
    def display_description(self) -> str:
        return localized_attribute(self, "description")


class ActorOffer(models.Model):
    class Direction(models.TextChoices):
        OFFER = "offer", _("offers")
        NEED = "need", _("needs")

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="offers")
    direction = models.CharField(_("offer or need"), max_length=5, choices=Direction.choices)
    kind = models.CharField(_("kind"), max_length=20, choices=OfferKind.choices)
    text = models.CharField(_("details"), max_length=500, blank=True)

    class Meta:
        ordering = ["direction", "kind", "id"]
        verbose_name = _("offer or need")
        verbose_name_plural = _("offers and needs")

    def __str__(self) -> str:
        return f"{self.get_direction_display()}: {self.get_kind_display()}"


class Tie(TimeStampedModel):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("unconfirmed")
        CONFIRMED = "confirmed", _("confirmed")
        DECLINED = "declined", _("declined")

    class Origin(models.TextChoices):
        MEMBER = "member", _("proposed by a member")
        COORDINATOR = "coordinator", _("reported by the coordinator")
        DERIVED = "derived", _("derived from the records")

    source = models.ForeignKey(
        Actor, verbose_name=_("from"), on_delete=models.CASCADE, related_name="ties_out"
    )
    target = models.ForeignKey(
        Actor, verbose_name=_("to"), on_delete=models.CASCADE, related_name="ties_in"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=TieKind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    origin = models.CharField(
        _("origin"), max_length=12, choices=Origin.choices, default=Origin.MEMBER
    )
    proposed_by_actor = models.ForeignKey(
        Actor,
        verbose_name=_("proposed by"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    evidence_record = models.ForeignKey(
        Record,
        verbose_name=_("evidence (record)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    evidence_text = models.CharField(_("evidence"), max_length=500, blank=True)
    evidence_url = models.URLField(_("evidence (web address)"), blank=True)
    derived_field = models.CharField(
        _("derived from the relation"), max_length=64, blank=True, editable=False
    )
    is_demo = models.BooleanField(_("demo entry"), default=False)
    history = HistoricalRecords(verbose_name=_("version of a tie"))

    class Meta:
        ordering = ["-start_date", "id"]
        verbose_name = _("tie")
        verbose_name_plural = _("ties")
        constraints = [
            models.CheckConstraint(
                condition=~Q(source=F("target")), name="network_tie_not_to_itself"
            ),
            models.UniqueConstraint(fields=["source", "target", "kind"], name="network_unique_tie"),
            models.CheckConstraint(
                condition=~Q(kind__in=sorted(SYMMETRIC_TIE_KINDS)) | Q(source__lt=F("target")),
                name="network_symmetric_tie_stored_once",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(start_date__lte=F("end_date")),
                name="network_tie_ends_after_start",
            ),
        ]
        indexes = [models.Index(fields=["status", "kind"])]

    def __str__(self) -> str:
        return f"{self.source_id} {self.kind} {self.target_id}"

    @property
    def is_symmetric(self) -> bool:
        return self.kind in SYMMETRIC_TIE_KINDS

    def other_side(self, actor: Actor) -> Actor:
        return self.target if self.source_id == actor.pk else self.source


class TieDerivation(models.Model):
    """Why a derived tie exists, one row per source of data (``key``, e.g. ``project:12``,
    written by the app above that owns that data through ``derived_ties_replace``). The same
    pair may follow from several sources; the tie lives while one of them remains."""

    tie = models.ForeignKey(Tie, on_delete=models.CASCADE, related_name="derivations")
    key = models.CharField(_("derived from"), max_length=64, db_index=True)
    evidence_text = models.CharField(_("evidence"), max_length=500, blank=True)
    evidence_url = models.CharField(_("evidence (web address)"), max_length=200, blank=True)

    class Meta:
        ordering = ["key", "id"]
        verbose_name = _("source of a derived tie")
        verbose_name_plural = _("sources of derived ties")
        constraints = [
            models.UniqueConstraint(fields=["tie", "key"], name="network_one_derivation_per_key")
        ]

    def __str__(self) -> str:
        return f"{self.tie_id} {self.key}"


class NetworkSnapshot(models.Model):
    """The figures of the network of confirmed ties active in one year, computed in the
    background (``network/tasks.py``) after ties change."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    computed_at = models.DateTimeField(_("computed"), auto_now=True)
    figures = models.JSONField(_("network figures"), default=dict)
    actor_figures = models.JSONField(_("figures per actor"), default=dict)
    settlement_figures = models.JSONField(_("figures per settlement"), default=dict)
    matrix = models.JSONField(_("cooperation between settlements"), default=list)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("network snapshot")
        verbose_name_plural = _("network snapshots")

    def __str__(self) -> str:
        return str(self.year)


class ContactRequest(TimeStampedModel):
    """A member asked an actor, through the portal, to get in touch (usually from a partner
    finder suggestion). The message goes out by e-mail without showing anyone's address; the
    outcome is recorded (contacted → met → partners, or declined) and the partner finder
    learns from it."""

    class Outcome(models.TextChoices):
        CONTACTED = "contacted", _("contacted")
        MET = "met", _("met")
        PARTNERS = "partners", _("partners")
        DECLINED = "declined", _("declined")

    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        on_delete=models.CASCADE,
        related_name="network_contact_requests",
    )
    from_actor = models.ForeignKey(
        Actor,
        verbose_name=_("on behalf of"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="contact_requests_sent",
    )
    to_actor = models.ForeignKey(
        Actor,
        verbose_name=_("to"),
        on_delete=models.CASCADE,
        related_name="contact_requests_received",
    )
    message = models.TextField(_("message"))
    idea = models.PositiveIntegerField(_("project idea"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.CONTACTED
    )
    outcome_at = models.DateTimeField(_("outcome recorded"), null=True, blank=True)
    tie = models.ForeignKey(
        Tie,
        verbose_name=_("partnership tie"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("contact request")
        verbose_name_plural = _("contact requests")
        constraints = [
            models.CheckConstraint(
                condition=Q(from_actor__isnull=True) | ~Q(from_actor=F("to_actor")),
                name="network_contact_not_to_itself",
            ),
            models.UniqueConstraint(
                fields=["sender", "to_actor"],
                condition=Q(outcome="contacted"),
                name="network_one_open_contact_request",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sender_id} → {self.to_actor_id} ({self.outcome})"

    @property
    def is_open(self) -> bool:
        return self.outcome in (self.Outcome.CONTACTED, self.Outcome.MET)
