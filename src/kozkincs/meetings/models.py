"""Roundtable meetings: agenda, participants, minutes, documents and the decisions taken.

A decision made at a meeting comes back as a follow-up item on the agenda of the next planned
meeting until it is done or dropped (:func:`kozkincs.meetings.services.followups_sync` keeps
those items, in the same transaction as every change of meetings and decisions). A held
meeting keeps the follow-up items it had: its agenda is what was discussed.
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kozkincs.catalog.models import Record
from kozkincs.core.models import TimeStampedModel
from kozkincs.gazetteer.models import Settlement
from kozkincs.network.models import Actor
from kozkincs.projects.models import ProjectIdea
from kozkincs.strategy.models import StrategyPriority


class Visibility(models.TextChoices):
    PUBLIC = "public", _("everyone")
    MEMBERS = "members", _("members of the network")


class Meeting(TimeStampedModel):
    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        HELD = "held", _("held")
        CANCELLED = "cancelled", _("cancelled")

    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    venue = models.ForeignKey(
        Record,
        verbose_name=_("venue (a record)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="roundtable_meetings",
    )
    venue_text = models.CharField(
        _("venue (other)"),
        max_length=255,
        blank=True,
        help_text=_("Where it is, when the venue has no record (an address, a room)."),
    )
    settlement = models.ForeignKey(
        Settlement,
        verbose_name=_("settlement"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="roundtable_meetings",
    )
    description = models.TextField(_("purpose"), blank=True)
    priorities = models.ManyToManyField(
        StrategyPriority, verbose_name=_("strategy priorities"), blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    invitations_sent_at = models.DateTimeField(_("invitations sent"), null=True, blank=True)
    minutes_sent_at = models.DateTimeField(_("minutes sent"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    is_demo = models.BooleanField(_("demo entry"), default=False)

    class Meta:
        ordering = ["-starts_at", "id"]
        verbose_name = _("roundtable meeting")
        verbose_name_plural = _("roundtable meetings")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="meetings_meeting_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["planned", "held", "cancelled"]),
                name="meetings_meeting_status_known",
            ),
        ]
        indexes = [models.Index(fields=["status", "starts_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("meetings:detail", kwargs={"meeting_id": self.pk})

    @property
    def venue_name(self) -> str:
        if self.venue_id is not None:
            return self.venue.display_name
        return self.venue_text

    @property
    def has_begun(self) -> bool:
        return self.starts_at <= timezone.now()


class Decision(TimeStampedModel):
    class Status(models.TextChoices):
        OPEN = "open", _("open")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")
        DROPPED = "dropped", _("dropped")

    UNRESOLVED = ("open", "in_progress")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="decisions"
    )
    text = models.TextField(_("decision"))
    responsible = models.ForeignKey(
        Actor,
        verbose_name=_("responsible actor"),
        on_delete=models.PROTECT,
        related_name="roundtable_decisions",
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    project_ideas = models.ManyToManyField(
        ProjectIdea,
        verbose_name=_("project ideas discussed"),
        blank=True,
        related_name="roundtable_decisions",
    )
    is_demo = models.BooleanField(_("demo entry"), default=False)
    history = HistoricalRecords(verbose_name=_("version of a decision"))

    class Meta:
        ordering = ["deadline", "id"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="meetings_decision_has_text"),
            models.CheckConstraint(
                condition=Q(status__in=["open", "in_progress", "done", "dropped"]),
                name="meetings_decision_status_known",
            ),
        ]
        indexes = [models.Index(fields=["status", "deadline"])]

    def __str__(self) -> str:
        return self.text[:80]

    def get_absolute_url(self) -> str:
        return f"{reverse('meetings:decisions')}#decision-{self.pk}"

    @property
    def is_unresolved(self) -> bool:
        return self.status in self.UNRESOLVED

    def is_overdue_on(self, day: date) -> bool:
        return self.is_unresolved and self.deadline is not None and self.deadline < day

    @property
    def is_overdue(self) -> bool:
        return self.is_overdue_on(timezone.localdate())


class AgendaItem(models.Model):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="agenda_items"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of the item"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
    )
    position = models.PositiveIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=300)
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), null=True, blank=True
    )
    follows_up = models.ForeignKey(
        Decision,
        verbose_name=_("follows up the decision"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="followup_items",
    )
    project_ideas = models.ManyToManyField(
        ProjectIdea,
        verbose_name=_("project ideas discussed"),
        blank=True,
        related_name="roundtable_agenda_items",
    )
    version = models.PositiveIntegerField(_("version"), default=1)  # a stale form: refused

    class Meta:
        ordering = ["meeting", "position", "id"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="meetings_agenda_item_has_title"),
            models.CheckConstraint(
                condition=Q(duration_minutes__isnull=True) | Q(duration_minutes__gt=0),
                name="meetings_agenda_item_duration_positive",
            ),
            models.UniqueConstraint(
                fields=["meeting", "follows_up"],
                condition=Q(follows_up__isnull=False),
                name="meetings_one_followup_per_decision_and_meeting",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Participant(models.Model):
    """An actor or an account invited to a meeting, and whether they attended."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="participants"
    )
    actor = models.ForeignKey(
        Actor,
        verbose_name=_("actor"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="roundtable_participations",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="roundtable_participations",
    )
    invited = models.BooleanField(_("invited"), default=True)
    attended = models.BooleanField(_("attended"), default=False)
    version = models.PositiveIntegerField(_("version"), default=1)  # a stale form: refused

    class Meta:
        ordering = ["meeting", "id"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.CheckConstraint(
                condition=Q(actor__isnull=False, user__isnull=True)
                | Q(actor__isnull=True, user__isnull=False),
                name="meetings_participant_actor_or_account",
            ),
            models.UniqueConstraint(
                fields=["meeting", "actor"],
                condition=Q(actor__isnull=False),
                name="meetings_actor_once_per_meeting",
            ),
            models.UniqueConstraint(
                fields=["meeting", "user"],
                condition=Q(user__isnull=False),
                name="meetings_account_once_per_meeting",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        if self.actor_id is not None:
            return self.actor.display_name
        return self.user.get_full_name() or self.user.get_username()


class MinutesSection(models.Model):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="minutes"
    )
    position = models.PositiveIntegerField(_("order"), default=0)
    heading = models.CharField(_("heading"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    visibility = models.CharField(
        _("visible to"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    version = models.PositiveIntegerField(_("version"), default=1)  # a stale form: refused

    class Meta:
        ordering = ["meeting", "position", "id"]
        verbose_name = _("section of the minutes")
        verbose_name_plural = _("minutes")
        constraints = [
            models.CheckConstraint(condition=~Q(heading=""), name="meetings_minutes_have_heading"),
            models.CheckConstraint(
                condition=Q(visibility__in=["public", "members"]),
                name="meetings_minutes_visibility_known",
            ),
        ]

    def __str__(self) -> str:
        return self.heading


class MeetingDocument(models.Model):
    """A PDF of a meeting (an invitation letter, a presentation), served through a view that
    asks who may see it; the file is stored under a random name like the records' files."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="documents"
    )
    file = models.FileField(_("file"), max_length=255)
    title = models.CharField(_("title"), max_length=200)
    visibility = models.CharField(
        _("visible to"), max_length=10, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    size = models.PositiveBigIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    version = models.PositiveIntegerField(_("version"), default=1)  # a stale form: refused

    class Meta:
        ordering = ["meeting", "id"]
        verbose_name = _("meeting document")
        verbose_name_plural = _("meeting documents")
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="meetings_document_has_title"),
        ]

    def __str__(self) -> str:
        return self.title
