"""Reads of the partner finder and the contact requests: who is asking (the team), what the
team did with whom before (earlier cooperation), the ranked suggestions with their actors.

The pages and "my network" call :func:`partner_suggestions`; the scoring itself is
:mod:`kozkincs.network.finder`, the actors' arrays :mod:`kozkincs.network.pool`.
"""

from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kozkincs.accounts.permissions import member_record_ids
from kozkincs.catalog.models import Record
from kozkincs.gazetteer.models import Settlement
from kozkincs.network.finder import Criteria, Factor, Ranking, rank
from kozkincs.network.kinds import actor_catalogs
from kozkincs.network.models import Actor, ActorOffer, ContactRequest, Tie
from kozkincs.network.pool import actor_category, pool_get, viewer_pool_level
from kozkincs.network.selectors import actors_visible

TIE_COOPERATION = 0.5
"""Earlier cooperation per confirmed tie with the team (up to 1)."""
OUTCOME_COOPERATION = {
    ContactRequest.Outcome.MET: 0.5,
    ContactRequest.Outcome.PARTNERS: 1.0,
    ContactRequest.Outcome.DECLINED: -1.0,
}
"""What an earlier contact request's outcome adds to the cooperation with that actor."""


@dataclass
class Wishes:
    """A request's wishes, as the form cleaned them."""

    priorities: list[int] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    settlements: list[Settlement] = field(default_factory=list)
    needs: list[str] = field(default_factory=list)
    exclude: list[int] = field(default_factory=list)


def own_actors(user) -> list[Actor]:
    """The actors ``user`` acts for (linked accounts, members of their record), kept on the
    user object for the request."""
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_kozkincs_own_actors", None)
    if cached is None:
        # Two indexed lookups rather than one OR across a join (a scan of every actor).
        ids = set(Actor.objects.filter(accounts=user).values_list("id", flat=True))
        records = member_record_ids(user)
        if records:
            ids |= set(Actor.objects.filter(record_id__in=records).values_list("id", flat=True))
        cached = list(
            Actor.objects.filter(pk__in=ids).select_related("record", "settlement").order_by("id")
        ) if ids else []  # fmt: skip
        user._kozkincs_own_actors = cached
    return cached


def wishes_of(actors: list[Actor]) -> Wishes:
    """The wishes that prefill the form for a member: their actors' needs, priorities,
    themes and settlements."""
    ids = [a.pk for a in actors]
    return Wishes(
        priorities=sorted(set(Actor.priorities.through.objects.filter(actor_id__in=ids)
                              .values_list("strategypriority__number", flat=True))),
        themes=sorted({t for a in actors for t in a.themes}),
        settlements=[a.settlement for a in actors if a.settlement_id],
        needs=sorted(set(ActorOffer.objects.filter(actor_id__in=ids,
                         direction=ActorOffer.Direction.NEED).values_list("kind", flat=True))),
        exclude=[],
    )  # fmt: skip


def cooperation_with(*, team: set[int], user=None) -> dict[int, float]:
    """Earlier cooperation of every other actor with ``team`` (and with the requests ``user``
    sent): confirmed ties raise it, contact outcomes raise it (met, partners) or lower it
    (declined)."""
    cooperation: dict[int, float] = {}
    if team:
        # Two lookups by the actor indexes; the status is checked here, or SQLite prefers the
        # (status, kind) index and reads every confirmed tie.
        fields = ("id", "source_id", "target_id", "status")
        ties = {
            *Tie.objects.filter(source_id__in=team).values_list(*fields),
            *Tie.objects.filter(target_id__in=team).values_list(*fields),
        }
        for _id, source, target, status in ties:
            if status != Tie.Status.CONFIRMED:
                continue
            for other in {source, target} - team:
                cooperation[other] = min(1.0, cooperation.get(other, 0.0) + TIE_COOPERATION)
    asked = Q(from_actor_id__in=team) | Q(to_actor_id__in=team)
    if user is not None and getattr(user, "is_authenticated", False):
        asked |= Q(sender=user)
    if team or (user is not None and getattr(user, "is_authenticated", False)):
        rows = ContactRequest.objects.filter(asked, outcome__in=list(OUTCOME_COOPERATION))
        for from_actor, to_actor, outcome in rows.values_list(
            "from_actor_id", "to_actor_id", "outcome"
        ):
            other = from_actor if to_actor in team else to_actor
            if other is None or other in team:
                continue
            cooperation[other] = cooperation.get(other, 0.0) + OUTCOME_COOPERATION[outcome]
    return {k: max(-1.0, min(1.0, v)) for k, v in cooperation.items()}


def _team_categories(team: set[int]) -> frozenset[str]:
    rows = Actor.objects.filter(pk__in=team).values_list("kind", "record__catalog")
    return frozenset(actor_category(kind, catalog) for kind, catalog in rows)


def criteria_for(*, wishes: Wishes, user=None) -> Criteria:
    """The finder's criteria: ``wishes`` plus the team (the excluded actors and the user's
    own), their categories and their earlier cooperation."""
    own = {a.pk for a in own_actors(user)}
    team = own | set(wishes.exclude)
    return Criteria(
        priorities=frozenset(wishes.priorities),
        themes=frozenset(t.strip().casefold() for t in wishes.themes if t.strip()),
        needs=frozenset(wishes.needs),
        places=tuple((s.lat, s.lon) for s in wishes.settlements if s.lat is not None
                     and s.lon is not None),
        place_ids=frozenset(s.pk for s in wishes.settlements),
        exclude=frozenset(team),
        team_categories=_team_categories(team) if team else frozenset(),
        cooperation=cooperation_with(team=team, user=user),
        has_team=bool(team) or bool(user is not None and getattr(user, "is_authenticated", False)),
    )  # fmt: skip


FACTOR_LABELS = {
    "priorities": gettext_lazy("Shared strategy priorities"),
    "themes": gettext_lazy("Shared themes"),
    "need": gettext_lazy("Offers what is needed"),
    "distance": gettext_lazy("Distance"),
    "cooperation": gettext_lazy("Earlier cooperation"),
    "kinds": gettext_lazy("Complementary kind of actor"),
}


@dataclass(frozen=True)
class FactorLine:
    """One factor of a suggestion as the page shows it."""

    label: str
    points: float
    maximum: float
    detail: str


def _detail(factor: Factor, offers: list[ActorOffer]) -> str:
    if factor.key in ("priorities", "themes"):
        return ", ".join(str(m) for m in factor.matched) or "—"
    if factor.key == "need":
        return ", ".join(
            f"{o.get_kind_display()} ({o.text})" if o.text else str(o.get_kind_display())
            for o in offers
        ) or "—"  # fmt: skip
    if factor.key == "distance":
        if factor.distance_km is None:
            return _("location unknown")
        return _("%(km)s km") % {"km": formats.number_format(factor.distance_km, 1)}
    if factor.key == "cooperation":
        if factor.points > 0:
            return _("worked together before")
        return _("declined an earlier contact") if factor.points < 0 else "—"
    if factor.points:
        return _("a different kind of actor from yours")
    return _("the same kind as yours")


@dataclass
class SuggestionRow:
    actor: Actor
    score: float
    factors: tuple[Factor, ...]
    offers: list[ActorOffer]
    """The actor's offers matching the need."""
    open_request: ContactRequest | None = None

    @property
    def explained(self) -> list[FactorLine]:
        return [
            FactorLine(FACTOR_LABELS[f.key], f.points, f.maximum, _detail(f, self.offers))
            for f in self.factors
        ]


def partner_suggestions(
    *, viewer, wishes: Wishes, limit: int = 10, weaker: bool = False
) -> tuple[list[SuggestionRow], Ranking]:
    """Ranked suggestions for ``wishes`` among the actors ``viewer`` may see, with the
    actors, their matching offers and the viewer's open request to each (three queries
    after the scoring)."""
    criteria = criteria_for(wishes=wishes, user=viewer)
    own = frozenset(a.pk for a in own_actors(viewer)) if criteria.has_team else frozenset()
    ranking = rank(
        pool_get(), criteria, viewer_level=viewer_pool_level(viewer), own=own, limit=limit,
        weaker=weaker,
    )  # fmt: skip
    ids = [s.actor_id for s in ranking.suggestions]
    actors = actors_visible(viewer).defer("settlement__boundary", "record__values").in_bulk(ids)
    offers: dict[int, list[ActorOffer]] = {}
    for offer in ActorOffer.objects.filter(
        actor_id__in=ids, direction=ActorOffer.Direction.OFFER, kind__in=criteria.needs
    ):
        offers.setdefault(offer.actor_id, []).append(offer)
    requests = {}
    if viewer is not None and getattr(viewer, "is_authenticated", False):
        requests = {
            r.to_actor_id: r
            for r in ContactRequest.objects.filter(
                sender=viewer, to_actor_id__in=ids, outcome=ContactRequest.Outcome.CONTACTED
            )
        }
    rows = [
        SuggestionRow(actors[s.actor_id], s.score, s.factors, offers.get(s.actor_id, []),
                      requests.get(s.actor_id))
        for s in ranking.suggestions
        if s.actor_id in actors
    ]  # fmt: skip
    return rows, ranking


@dataclass
class ContactRequests:
    sent: list[ContactRequest]
    received: list[ContactRequest]


def contact_requests_of(*, user) -> ContactRequests:
    """The requests ``user`` sent and those sent to the actors ``user`` acts for."""
    mine = [a.pk for a in own_actors(user)]
    related = ("from_actor__record", "to_actor__record", "to_actor__settlement",
               "from_actor__settlement", "sender")  # fmt: skip
    return ContactRequests(
        sent=list(ContactRequest.objects.filter(sender=user).select_related(*related)[:50]),
        received=list(
            ContactRequest.objects.filter(to_actor_id__in=mine)
            .exclude(sender=user)
            .select_related(*related)[:50]
        ),
    )


def contact_requests_unrouted() -> list[ContactRequest]:
    """Open requests to actors without a linked account (the coordinator passes them on)."""
    return list(
        ContactRequest.objects.filter(
            outcome=ContactRequest.Outcome.CONTACTED, to_actor__accounts__isnull=True
        ).select_related("to_actor__record", "to_actor__settlement", "sender")[:100]
    )


def records_without_profile(*, user) -> list[Record]:
    """The organisations ``user`` is a member of that are not actors yet."""
    return list(
        Record.objects.filter(
            pk__in=member_record_ids(user), catalog__in=actor_catalogs(),
            network_actor__isnull=True,
        ).order_by("name")
    )  # fmt: skip


def contact_request_get(*, request_id: int) -> ContactRequest | None:
    return (
        ContactRequest.objects.select_related("from_actor", "to_actor", "sender")
        .filter(pk=request_id)
        .first()
    )
