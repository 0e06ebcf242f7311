"""The roundtable as demo data (registered with ``kozkincs load_demo``): an actor for each demo
record of an organisation catalog, the municipalities of their settlements, and the
"member of the roundtable" ties, dated from the founding in 2009. Idempotent: a second run
creates nothing."""

from datetime import date

from django.utils.translation import gettext as _

from kozkincs.catalog.models import Record
from kozkincs.gazetteer.models import Settlement
from kozkincs.network.kinds import ActorKind, TieKind, actor_catalogs
from kozkincs.network.models import Actor, Tie
from kozkincs.network.services import actor_create, figures_recompute_on_commit

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
    if not created and not ties:
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
