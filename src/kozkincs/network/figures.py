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


def network_figures_recompute(*, current_year: int | None = None) -> list[int]:
    """Write one :class:`NetworkSnapshot` per year from the first dated tie to this year;
    betweenness only for the current year (the table's). Returns the years written."""
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
    computed = {
        year: year_figures(actors, ties, year, region, with_betweenness=year == current_year)
        for year in years
    }
    with transaction.atomic():
        NetworkSnapshot.objects.exclude(year__in=years).delete()
        for year, result in computed.items():
            NetworkSnapshot.objects.update_or_create(year=year, defaults=result)
    return years
