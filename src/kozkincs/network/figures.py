"""Recomputing the yearly network snapshots from the confirmed ties (run by the task in
``network/tasks.py`` and by ``kozkincs compute_network``)."""

from django.db import transaction
from django.utils import timezone

from kozkincs.gazetteer.selectors import HomeRegionNotFound, home_region_get, region_settlements
from kozkincs.network.analysis import TieEdge, tie_years, year_figures
from kozkincs.network.kinds import SYMMETRIC_TIE_KINDS
from kozkincs.network.models import Actor, NetworkSnapshot, Tie


def _region_codes() -> list[str]:
    try:
        region = home_region_get()
    except HomeRegionNotFound:
        return []
    return list(region_settlements(region=region).values_list("ksh_code", flat=True))


def _input_key(actors: dict[int, str | None], active: list[TieEdge], extra: tuple) -> str:
    """A fingerprint of what one year's figures are computed from: equal inputs, equal
    figures. Order-independent sums of int-tuple hashes (deterministic across processes,
    unlike the hashes of strings)."""
    mask = (1 << 64) - 1
    actor_sum = sum(hash((i, int(c) if c and c.isdigit() else -1)) for i, c in actors.items())
    edge_sum = sum(hash((t.source, t.target, t.symmetric)) for t in active)
    parts = (len(actors), actor_sum & mask, len(active), edge_sum & mask, hash(extra) & mask)
    return ".".join(f"{part:x}" for part in parts)


def network_figures_recompute(*, current_year: int | None = None, force: bool = False) -> list[int]:
    """Keep one :class:`NetworkSnapshot` per year from the first dated tie to this year;
    betweenness only for the current year (the table's). A year whose actors and active
    confirmed ties are what its snapshot was computed from is left as it is (``force``:
    recompute every year). Returns the years covered."""
    current_year = current_year or timezone.localdate().year
    actors = dict(Actor.objects.values_list("id", "settlement__ksh_code"))
    ties = [
        TieEdge(source, target, kind in SYMMETRIC_TIE_KINDS, start, end)
        for source, target, kind, start, end in Tie.objects.filter(
            status=Tie.Status.CONFIRMED
        ).values_list("source_id", "target_id", "kind", "start_date", "end_date")
    ]
    region = _region_codes()
    years = tie_years(ties, current_year)
    known = {} if force else dict(NetworkSnapshot.objects.values_list("year", "figures__input"))
    region_key = tuple(sorted(int(c) for c in region if c.isdigit()))
    computed = {}
    for year in years:
        active = [t for t in ties if t.active_in(year)]
        key = _input_key(actors, active, (year == current_year, region_key))
        if known.get(year) == key:
            continue
        result = year_figures(actors, active, year, region, with_betweenness=year == current_year)
        result["figures"]["input"] = key
        computed[year] = result
    with transaction.atomic():
        NetworkSnapshot.objects.exclude(year__in=years).delete()
        for year, result in computed.items():
            NetworkSnapshot.objects.update_or_create(year=year, defaults=result)
    return years
