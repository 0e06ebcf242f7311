"""Every read of the project ideas used by the pages (and later the strategy dashboard).

Visibility: an idea is seen by whoever sees its lead actor (``network.selectors.actors_visible``:
a private person without consent is not shown, neither are the ideas it leads); partners are
listed only once they agreed, and only those the viewer may see; invitations still open are
shown to the lead's accounts, the invited actor's accounts and the coordinator.
"""

import hashlib
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from kozkincs.catalog.visibility import viewer_level
from kozkincs.network.kinds import ActorKind
from kozkincs.network.models import Actor
from kozkincs.network.selectors import actors_visible, actors_visible_condition
from kozkincs.projects.lifecycle import IdeaStatus
from kozkincs.projects.models import (
    Endorsement,
    FundingCall,
    ProjectIdea,
    ProjectPartner,
)
from kozkincs.projects.permissions import actors_of, is_coordinator

STILL_PLANNED = (IdeaStatus.IDEA, IdeaStatus.PREPARATION)
"""Ideas that can still go into an application."""


@dataclass(frozen=True)
class IdeaFilters:
    status: str = ""
    priority: int | None = None
    settlement: str = ""  # KSH code
    call: int | None = None


def ideas_visible(viewer) -> QuerySet[ProjectIdea]:
    """Visibility as a condition on the lead in the join (no subquery over every actor)."""
    level = viewer_level(viewer)
    if level == "staff":
        return ProjectIdea.objects.all()
    condition = actors_visible_condition(level, prefix="lead__")
    if viewer is not None and getattr(viewer, "is_authenticated", False):
        own = Actor.objects.filter(kind=ActorKind.PERSON, accounts=viewer).values("pk")
        condition |= Q(lead__in=own)
    return ProjectIdea.objects.filter(condition)


def _endorsement_count() -> Subquery:
    """Counted for the rows shown only (a correlated subquery, no GROUP BY over all ideas)."""
    return Subquery(
        Endorsement.objects.filter(idea=OuterRef("pk"))
        .order_by()
        .values("idea")
        .annotate(count=Count("pk"))
        .values("count"),
        output_field=IntegerField(),
    )


def idea_list(*, viewer, filters: IdeaFilters = IdeaFilters()) -> QuerySet[ProjectIdea]:
    """The ideas ``viewer`` sees, filtered, newest first, with what a list row shows."""
    ideas = ideas_visible(viewer)
    through = ProjectIdea.priorities.through, ProjectIdea.settlements.through
    if filters.status:
        ideas = ideas.filter(status=filters.status)
    if filters.priority is not None:
        chosen = through[0].objects.filter(strategypriority__number=filters.priority)
        ideas = ideas.filter(pk__in=chosen.values("projectidea_id"))
    if filters.settlement:
        chosen = through[1].objects.filter(settlement__ksh_code=filters.settlement)
        ideas = ideas.filter(pk__in=chosen.values("projectidea_id"))
    if filters.call is not None:
        chosen = ProjectIdea.funding_calls.through.objects.filter(fundingcall_id=filters.call)
        ideas = ideas.filter(pk__in=chosen.values("projectidea_id"))
    return (
        ideas.select_related("lead__record", "lead__settlement")
        .prefetch_related("priorities", "settlements")
        .annotate(endorsement_count=_endorsement_count())
        .order_by("-created_at", "-id")
    )


SETTLEMENT_IDEAS_SHOWN = 20
"""Ideas listed on a settlement's profile; a link leads to all of them in the idea list."""


def _settlement_ideas(viewer, *, slug: str) -> QuerySet[ProjectIdea]:
    chosen = ProjectIdea.settlements.through.objects.filter(settlement__slug=slug)
    return ideas_visible(viewer).filter(pk__in=chosen.values("projectidea_id"))


@dataclass(frozen=True)
class SettlementIdeas:
    ideas: list[ProjectIdea]
    more: bool
    """More ideas concern the settlement than are listed."""


def settlement_ideas(*, viewer, slug: str, limit: int = SETTLEMENT_IDEAS_SHOWN) -> SettlementIdeas:
    """The project ideas ``viewer`` sees that concern the settlement ``slug``, newest first,
    with their status and lead (for the settlement's profile)."""
    ideas = list(
        _settlement_ideas(viewer, slug=slug)
        .select_related("lead__record", "lead__settlement")
        .order_by("-created_at", "-id")[: limit + 1]
    )
    return SettlementIdeas(ideas=ideas[:limit], more=len(ideas) > limit)


def settlement_ideas_stamp(*, viewer, slug: str) -> str:
    """Changes whenever :func:`settlement_ideas` may show something else (for the profile's
    ``ETag``: the ideas are not part of the records' data version).

    A digest of every such idea's id and last change and its lead's, rather than a count
    and the latest change time: ideas are saved by parallel requests, and on PostgreSQL a
    change that commits after a later-stamped one would leave that maximum where it was.
    An idea that leaves the list (its lead withdrew consent, the settlement was taken off it)
    changes the set of ids."""
    rows = (
        _settlement_ideas(viewer, slug=slug)
        .order_by("pk")
        .values_list("pk", "updated_at", "lead__updated_at")
    )
    digest = hashlib.blake2b(digest_size=8)
    for pk, updated, lead_updated in rows:
        digest.update(f"{pk}:{updated.timestamp()}:{lead_updated.timestamp()};".encode())
    return digest.hexdigest()


def idea_get(*, viewer, idea_id: int) -> ProjectIdea | None:
    return (
        ideas_visible(viewer)
        .select_related("lead__record", "lead__settlement")
        .filter(pk=idea_id)
        .first()
    )


@dataclass
class IdeaPage:
    idea: ProjectIdea
    partners: list[ProjectPartner]
    invitations: list[ProjectPartner] = field(default_factory=list)
    endorsements: list[Endorsement] = field(default_factory=list)
    fitting_calls: list[FundingCall] = field(default_factory=list)
    follower_count: int = 0
    following: bool = False
    endorsing_actors: list[Actor] = field(default_factory=list)
    """Actors the viewer may endorse for (those it acts for that have not endorsed yet)."""


def idea_page(*, viewer, idea: ProjectIdea, today: date | None = None) -> IdeaPage:
    """Everything the idea's page shows, for ``viewer``."""
    visible = actors_visible(viewer).values("pk")
    partnerships = list(
        idea.partnerships.filter(actor__in=visible)
        .select_related("actor__record", "actor__settlement")
        .order_by("invited_at", "id")
    )
    agreed = [p for p in partnerships if p.status == ProjectPartner.Status.AGREED]
    mine = set(actors_of(viewer).values_list("pk", flat=True)) if viewer.is_authenticated else set()
    sees_invitations = is_coordinator(viewer) or idea.lead_id in mine
    invitations = [
        p for p in partnerships
        if p.status != ProjectPartner.Status.AGREED and (sees_invitations or p.actor_id in mine)
    ]  # fmt: skip
    endorsements = list(
        idea.endorsements.filter(actor__in=visible).select_related(
            "actor__record", "actor__settlement"
        )
    )
    endorsed = {e.actor_id for e in idea.endorsements.all()}
    endorsing = []
    if mine and not is_coordinator(viewer):
        endorsing = list(
            Actor.objects.filter(pk__in=mine - endorsed - {idea.lead_id}).select_related("record")
        )
    return IdeaPage(
        idea=idea,
        partners=agreed,
        invitations=invitations,
        endorsements=endorsements,
        fitting_calls=calls_fitting(idea=idea, today=today),
        follower_count=idea.follows.count(),
        following=viewer.is_authenticated and idea.follows.filter(user=viewer).exists(),
        endorsing_actors=endorsing,
    )


def idea_timeline(*, idea: ProjectIdea) -> dict:
    """The idea's lifecycle moves, progress updates and milestones (for its page)."""
    return {
        "status_changes": list(idea.status_changes.select_related("changed_by")),
        "progress": list(idea.progress.select_related("author")),
        "milestones": list(idea.milestones.all()),
        "comments": list(idea.comments.select_related("author")),
    }


# Funding calls ---------------------------------------------------------------------------


def calls_open(today: date | None = None) -> QuerySet[FundingCall]:
    """Calls whose deadline has not passed and which have opened (or give no opening)."""
    today = today or timezone.localdate()
    return (
        FundingCall.objects.filter(deadline__gte=today)
        .filter(Q(opens__isnull=True) | Q(opens__lte=today))
        .prefetch_related("priorities")
    )


def _call_fits(call: FundingCall, priority_ids: set[int], lead_kind: str) -> bool:
    call_priorities = {p.pk for p in call.priorities.all()}
    if call_priorities and not (call_priorities & priority_ids):
        return False
    return not call.eligible_kinds or lead_kind in call.eligible_kinds


def calls_fitting(*, idea: ProjectIdea, today: date | None = None) -> list[FundingCall]:
    """Open calls the idea fits: they share a strategy priority with it (or name none) and
    its lead is of a kind they fund (or they name none)."""
    priority_ids = set(idea.priorities.values_list("pk", flat=True))
    return [c for c in calls_open(today) if _call_fits(c, priority_ids, idea.lead.kind)]


def call_list(*, today: date | None = None) -> dict:
    """Open calls (soonest deadline first) and past ones (latest first), with idea counts."""
    today = today or timezone.localdate()
    calls = FundingCall.objects.annotate(idea_count=Count("ideas")).prefetch_related("priorities")
    return {
        "open": list(calls_open(today).annotate(idea_count=Count("ideas"))),
        "upcoming": list(calls.filter(opens__gt=today).order_by("opens", "id")),
        "past": list(calls.filter(deadline__lt=today).order_by("-deadline", "-id")),
    }


def call_get(*, call_id: int) -> FundingCall | None:
    return FundingCall.objects.prefetch_related("priorities").filter(pk=call_id).first()


def call_topics(*, viewer, call: FundingCall) -> dict:
    """ "Topics for the next call": the ideas named for ``call`` and the ideas still planned
    that fit it but do not name it yet."""
    ideas = (
        ideas_visible(viewer)
        .select_related("lead__record", "lead__settlement")
        .prefetch_related(
            "priorities", "settlements",
            Prefetch("partnerships",
                     queryset=ProjectPartner.objects.filter(status=ProjectPartner.Status.AGREED)
                     .select_related("actor__record"), to_attr="agreed_partners"),
        )
        .annotate(endorsement_count=_endorsement_count())
        .order_by("-endorsement_count", "title", "id")
    )  # fmt: skip
    named = list(ideas.filter(funding_calls=call))
    priority_ids = {p.pk for p in call.priorities.all()}
    candidates = ideas.filter(status__in=STILL_PLANNED).exclude(funding_calls=call)
    if priority_ids:
        chosen = ProjectIdea.priorities.through.objects.filter(strategypriority_id__in=priority_ids)
        candidates = candidates.filter(pk__in=chosen.values("projectidea_id"))
    if call.eligible_kinds:
        candidates = candidates.filter(lead__kind__in=call.eligible_kinds)
    return {"named": named, "fitting": list(candidates)}
