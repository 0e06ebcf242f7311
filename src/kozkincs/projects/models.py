"""Joint project ideas of the roundtable, their partners and progress, and the funding calls.

An idea has a lead actor; partners are invited by the lead and listed publicly only once they
agreed. The status follows the stages funders use (``lifecycle.py``); every move is kept as a
:class:`StatusChange`, and the idea itself is versioned with django-simple-history. One
endorsement per actor and one follow per account are database rules.
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
from kozkincs.network.kinds import ActorKind
from kozkincs.network.models import Actor
from kozkincs.projects.lifecycle import IdeaStatus
from kozkincs.strategy.models import StrategyPriority

BUDGET_DIGITS = 14
"""Estimated budgets in whole forints, below 10^14 HUF."""


class FundingCall(TimeStampedModel):
    """A call for applications (a programme's round): what it funds, for whom, until when."""

    programme = models.CharField(
        _("programme"), max_length=100, help_text=_("E.g. KÖZKINCS, LEADER, TOP, Erasmus+.")
    )
    name = models.CharField(_("name (Hungarian)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    description = models.TextField(_("description (Hungarian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    opens = models.DateField(_("opens"), null=True, blank=True)
    deadline = models.DateField(_("deadline"))
    eligible_kinds = models.JSONField(
        _("eligible applicants"),
        default=list,
        blank=True,
        help_text=_("Kinds of actors that may apply; empty: any."),
    )
    funding_rate = models.DecimalField(
        _("funding rate (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    priorities = models.ManyToManyField(
        StrategyPriority, verbose_name=_("strategy priorities"), blank=True, related_name="+"
    )
    url = models.URLField(_("web address"), blank=True)
    is_demo = models.BooleanField(_("demo entry"), default=False)

    class Meta:
        ordering = ["deadline", "programme", "id"]
        verbose_name = _("funding call")
        verbose_name_plural = _("funding calls")
        constraints = [
            models.CheckConstraint(
                condition=Q(funding_rate__isnull=True)
                | (Q(funding_rate__gte=0) & Q(funding_rate__lte=100)),
                name="projects_funding_rate_is_a_percentage",
            ),
            models.CheckConstraint(
                condition=Q(opens__isnull=True) | Q(opens__lte=F("deadline")),
                name="projects_call_opens_before_deadline",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme}: {self.display_name}"

    def get_absolute_url(self) -> str:
        return reverse("projects:call_topics", kwargs={"call_id": self.pk})

    @property
    def display_name(self) -> str:
        return localized_attribute(self, "name")

    @property
    def display_description(self) -> str:
        return localized_attribute(self, "description")

    @property
    def eligible_kind_labels(self) -> list[str]:
        labels = dict(ActorKind.choices)
        return [str(labels.get(kind, kind)) for kind in self.eligible_kinds]


class ProjectIdea(TimeStampedModel):
    title = models.CharField(_("title"), max_length=255)
    problem = models.TextField(_("problem"), blank=True)
    goals = models.TextField(_("goals"), blank=True)
    activities = models.TextField(_("activities"), blank=True)
    target_groups = models.TextField(_("target groups"), blank=True)
    priorities = models.ManyToManyField(
        StrategyPriority, verbose_name=_("strategy priorities"), blank=True, related_name="+"
    )
    settlements = models.ManyToManyField(
        Settlement, verbose_name=_("settlements"), blank=True, related_name="project_ideas"
    )
    lead = models.ForeignKey(
        Actor, verbose_name=_("lead"), on_delete=models.PROTECT, related_name="led_ideas"
    )
    partners = models.ManyToManyField(
        Actor,
        verbose_name=_("partners"),
        through="ProjectPartner",
        related_name="partner_ideas",
        blank=True,
    )
    estimated_budget = models.DecimalField(
        _("estimated budget (HUF)"),
        max_digits=BUDGET_DIGITS,
        decimal_places=0,
        null=True,
        blank=True,
    )
    funding_calls = models.ManyToManyField(
        FundingCall, verbose_name=_("possible funding calls"), blank=True, related_name="ideas"
    )
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    related_records = models.ManyToManyField(
        Record, verbose_name=_("related records"), blank=True, related_name="project_ideas"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=IdeaStatus.choices, default=IdeaStatus.IDEA
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    is_demo = models.BooleanField(_("demo entry"), default=False)
    history = HistoricalRecords(verbose_name=_("version of a project idea"))

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("project idea")
        verbose_name_plural = _("project ideas")
        constraints = [
            models.CheckConstraint(
                condition=Q(estimated_budget__isnull=True) | Q(estimated_budget__gte=0),
                name="projects_budget_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(start_date__lte=F("end_date")),
                name="projects_idea_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(status__in=IdeaStatus.values), name="projects_idea_known_status"
            ),
        ]
        indexes = [models.Index(fields=["status", "-created_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("projects:idea_detail", kwargs={"idea_id": self.pk})

    @property
    def tie_key(self) -> str:
        """The key of the network ties derived from this idea."""
        return f"project:{self.pk}"


class ProjectPartner(models.Model):
    class Status(models.TextChoices):
        INVITED = "invited", _("invited")
        AGREED = "agreed", _("agreed")
        DECLINED = "declined", _("declined")

    idea = models.ForeignKey(ProjectIdea, on_delete=models.CASCADE, related_name="partnerships")
    actor = models.ForeignKey(
        Actor, verbose_name=_("partner"), on_delete=models.CASCADE, related_name="partnerships"
    )
    role = models.CharField(_("role in the project"), max_length=255, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.INVITED
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    invited_at = models.DateTimeField(_("invited"), auto_now_add=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo entry"), default=False)

    class Meta:
        ordering = ["invited_at", "id"]
        verbose_name = _("project partner")
        verbose_name_plural = _("project partners")
        constraints = [
            models.UniqueConstraint(fields=["idea", "actor"], name="projects_partner_once"),
        ]

    def __str__(self) -> str:
        return f"{self.idea_id}: {self.actor_id} ({self.status})"


class StatusChange(models.Model):
    """One move of an idea's lifecycle, dated, with who made it and why."""

    idea = models.ForeignKey(ProjectIdea, on_delete=models.CASCADE, related_name="status_changes")
    old_status = models.CharField(_("from"), max_length=12, choices=IdeaStatus.choices)
    new_status = models.CharField(_("to"), max_length=12, choices=IdeaStatus.choices)
    changed_at = models.DateTimeField(_("when"), auto_now_add=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["changed_at", "id"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self) -> str:
        return f"{self.idea_id}: {self.old_status} → {self.new_status}"


class ProgressUpdate(models.Model):
    idea = models.ForeignKey(ProjectIdea, on_delete=models.CASCADE, related_name="progress")
    date = models.DateField(_("date"))
    text = models.TextField(_("what happened"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    is_demo = models.BooleanField(_("demo entry"), default=False)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")

    def __str__(self) -> str:
        return f"{self.idea_id} {self.date}"


class Milestone(models.Model):
    idea = models.ForeignKey(ProjectIdea, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("milestone"), max_length=255)
    due_date = models.DateField(_("due"))
    done = models.BooleanField(_("done"), default=False)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo entry"), default=False)

    class Meta:
        ordering = ["due_date", "id"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        constraints = [
            models.CheckConstraint(
                condition=Q(done=True) | Q(done_on__isnull=True),
                name="projects_milestone_done_on_only_when_done",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Comment(models.Model):
    idea = models.ForeignKey(ProjectIdea, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return f"{self.idea_id} {self.created_at:%Y-%m-%d}"


class Endorsement(models.Model):
    """An actor's support of an idea: one per actor and idea, held by the database."""

    idea = models.ForeignKey(ProjectIdea, on_delete=models.CASCADE, related_name="endorsements")
    actor = models.ForeignKey(
        Actor, verbose_name=_("actor"), on_delete=models.CASCADE, related_name="endorsements"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.CharField(_("why we support it"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    is_demo = models.BooleanField(_("demo entry"), default=False)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("endorsement")
        verbose_name_plural = _("endorsements")
        constraints = [
            models.UniqueConstraint(fields=["idea", "actor"], name="projects_one_endorsement"),
        ]

    def __str__(self) -> str:
        return f"{self.idea_id}: {self.actor_id}"


class Follow(models.Model):
    """An account told by e-mail (in ``language``) when the idea moves or reports progress."""

    idea = models.ForeignKey(ProjectIdea, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="project_follows"
    )
    language = models.CharField(_("language"), max_length=10, default="hu")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("follower")
        verbose_name_plural = _("followers")
        constraints = [
            models.UniqueConstraint(fields=["idea", "user"], name="projects_follow_once"),
        ]

    def __str__(self) -> str:
        return f"{self.idea_id}: {self.user_id}"
