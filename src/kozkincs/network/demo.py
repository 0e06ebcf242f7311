"""The roundtable as demo data (registered with ``kozkincs load_demo``): an actor for each demo
record of an organisation catalog, the municipalities of their settlements, and the
"member of the roundtable" ties, dated from the founding in 2009. Idempotent: a second run
creates nothing."""

from datetime import date

from django.utils.translation import gettext as _

from kozkincs.catalog.models import Record
from kozkincs.gazetteer.models import Settlement
from kozkincs.network.kinds import ActorKind, TieKind, actor_catalogs
from kozkincs.network.models import Actor, ActorOffer, Tie
from kozkincs.network.services import actor_create, actor_update, figures_recompute_on_commit
from kozkincs.strategy.models import StrategyPriority

ROUNDTABLE_FOUNDED = date(2009, 9, 1)
"""The roundtable was founded with the KÖZKINCS funding of 2009 (month invented)."""
LIBRARY_NAME = "József Attila Városi Könyvtár (demó)"
HOST_SETTLEMENT = "32054"  # Zalaegerszeg, seat of the association


def load_network_demo() -> list[str]:
    records = Record.objects.filter(
        is_demo=True, catalog__in=actor_catalogs(), network_actor__isnull=True
    ).order_by("id")
    created = [actor_create(kind=ActorKind.ORGANISATION, record=r, is_demo=True) for r in records]
    codes = set(
        Actor.objects.filter(is_demo=True, settlement__isnull=False).values_list(
            "settlement__ksh_code", flat=True
        )
    ) | {HOST_SETTLEMENT}
    have = set(
        Actor.objects.filter(kind=ActorKind.MUNICIPALITY).values_list(
            "settlement__ksh_code", flat=True
        )
    )
    for settlement in Settlement.objects.filter(ksh_code__in=codes - have).order_by("ksh_code"):
        created.append(
            actor_create(kind=ActorKind.MUNICIPALITY, settlement=settlement, is_demo=True)
        )
    ties = _roundtable_ties()
    profiles = _demo_profiles()
    if not created and not ties and not profiles:
        return []
    figures_recompute_on_commit()
    return [
        _("Network: %(actors)d actors and %(ties)d roundtable ties created.")
        % {"actors": len(created), "ties": ties}
    ]


def _roundtable_ties() -> int:
    """Every demo actor is a member of the roundtable, a tie with the library that hosted it."""
    library = Actor.objects.filter(record__name=LIBRARY_NAME, record__is_demo=True).first()
    if library is None:
        return 0
    created = 0
    for actor in Actor.objects.filter(is_demo=True).exclude(pk=library.pk).order_by("id"):
        source, target = sorted((actor.pk, library.pk))
        _tie, made = Tie.objects.get_or_create(
            source_id=source,
            target_id=target,
            kind=TieKind.ROUNDTABLE,
            defaults={
                "status": Tie.Status.CONFIRMED,
                "origin": Tie.Origin.COORDINATOR,
                "start_date": ROUNDTABLE_FOUNDED,
                "evidence_text": "Demo: a member of the Közkincs roundtable (invented).",
                "is_demo": True,
            },
        )
        created += made
    return created


DEMO_PROFILES: dict[str, tuple[list[int], list[str], list[str], list[str]]] = {
    # catalog or actor kind: (priorities, themes, offers, needs); invented for the demo.
    "cultural-centres": ([1, 3], ["közösségi programok"], ["venue", "equipment"], ["volunteers"]),
    "amateur-art": ([1, 2], ["néptánc", "népdal"], ["skills", "audience"], ["venue"]),
    "traditions": ([2, 5], ["hagyományőrzés", "néptánc"], ["skills"], ["audience", "venue"]),
    "civil-organisations": ([1, 4], ["helytörténet"], ["volunteers"], ["equipment", "venue"]),
    "cultural-services": ([3, 4], ["felnőttképzés"], ["skills", "equipment"], ["audience"]),
    "education-associations": ([4], ["felnőttképzés", "helytörténet"], ["skills"], ["venue"]),
    ActorKind.MUNICIPALITY: ([1, 3, 5], ["falunap"], ["venue"], ["skills", "volunteers"]),
}


def _demo_profiles() -> int:
    """Priorities, themes, offers and needs for the demo actors without any yet, so that the
    partner finder has something to rank."""
    done = 0
    bare = Actor.objects.filter(is_demo=True).exclude(
        pk__in=ActorOffer.objects.values("actor_id")
    ).select_related("record").order_by("id")  # fmt: skip
    for actor in bare:
        key = actor.record.catalog if actor.record_id else actor.kind
        if key not in DEMO_PROFILES:
            continue
        priorities, themes, offers, needs = DEMO_PROFILES[key]
        actor_update(
            actor=actor, description=actor.description, description_en=actor.description_en,
            themes=themes, priorities=StrategyPriority.objects.filter(number__in=priorities),
            settlements_served=[actor.settlement] if actor.settlement_id else [],
            offers=[("offer", k, "") for k in offers] + [("need", k, "") for k in needs],
        )  # fmt: skip
        done += 1
    return done
