"""Indicators computed from the portal's data, registered by key.

An :class:`~kozkincs.strategy.models.Indicator` whose ``computed_by`` names a key here gets
its yearly values from that computation (``services.indicators_compute``). The computations
are grouped as cultural-vitality research groups its measures: the *presence* of
opportunities, *participation*, and the *support* systems of cultural life.

A computation reads the catalog's published records or the network's yearly snapshots with a
few aggregate queries. Records carry no dated history, so the catalog's computations describe
the present and run for the current year only (``historical=False``); the network's read the
snapshot of any year.
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kozkincs.catalog.models import Record
from kozkincs.gazetteer.selectors import HomeRegionNotFound, home_region_get, region_settlements
from kozkincs.network.models import NetworkSnapshot
from kozkincs.network.selectors import actors_visible
from kozkincs.projects.lifecycle import IdeaStatus
from kozkincs.projects.models import ProjectIdea
from kozkincs.strategy.models import Indicator
from kozkincs.strategy.units import Unit


class Group:
    PRESENCE = "presence"
    PARTICIPATION = "participation"
    SUPPORT = "support"


GROUP_LABELS = {
    Group.PRESENCE: _("Presence of opportunities"),
    Group.PARTICIPATION: _("Participation"),
    Group.SUPPORT: _("Support systems"),
}

AMATEUR_ART = "amateur-art"
CULTURAL_CENTRES = "cultural-centres"
CIVIL_ORGANISATIONS = "civil-organisations"

type Compute = Callable[[int, Indicator], Decimal | None]


@dataclass(frozen=True)
class Computation:
    key: str
    label: object
    group: str
    unit: str
    function: Compute
    historical: bool
    # Templates must not call it (they read its label and group).
    do_not_call_in_templates = True

    def __call__(self, year: int, indicator: Indicator) -> Decimal | None:
        return self.function(year, indicator)


_registry: dict[str, Computation] = {}


def register_computation(
    key: str, *, label, group: str, unit: str, historical: bool = False
) -> Callable[[Compute], Compute]:
    """Register ``function(year, indicator) -> Decimal | None`` under ``key`` (None: nothing
    to say for that year, no value is written)."""

    def decorator(function: Compute) -> Compute:
        if key in _registry:
            raise ValueError(f"The computation {key!r} is registered twice.")
        _registry[key] = Computation(key, label, group, unit, function, historical)
        return function

    return decorator


def computation_get(key: str) -> Computation | None:
    return _registry.get(key)


def computation_list() -> list[Computation]:
    return sorted(_registry.values(), key=lambda c: (c.group, c.key))


def _two_places(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _region_settlement_ids() -> list[int]:
    try:
        region = home_region_get()
    except HomeRegionNotFound:
        return []
    return list(region_settlements(region=region).values_list("pk", flat=True))


def _published(catalog: str):
    return Record.objects.filter(catalog=catalog, status=Record.Status.PUBLISHED)


@register_computation(
    "amateur_groups_per_settlement",
    label=_("Active amateur art groups per settlement"),
    group=Group.PRESENCE,
    unit=Unit.NUMBER,
)
def amateur_groups_per_settlement(year: int, indicator: Indicator) -> Decimal | None:
    """Published amateur art groups (soloists not counted) of the region per settlement."""
    settlements = _region_settlement_ids()
    if not settlements:
        return None
    groups = (
        _published(AMATEUR_ART)
        .filter(settlement_id__in=settlements)
        .exclude(values__ensemble_form="soloist")
        .count()
    )
    return _two_places(Decimal(groups) / len(settlements))


@register_computation(
    "cultural_centres_step_free_share",
    label=_("Cultural centres with step-free access"),
    group=Group.PRESENCE,
    unit=Unit.PERCENT,
)
def cultural_centres_step_free_share(year: int, indicator: Indicator) -> Decimal | None:
    centres = _published(CULTURAL_CENTRES)
    total = centres.count()
    if not total:
        return None
    step_free = centres.filter(values__step_free_access=True).count()
    return _two_places(Decimal(100 * step_free) / total)


@register_computation(
    "settlements_without_cultural_venue",
    label=_("Settlements without a cultural venue"),
    group=Group.PRESENCE,
    unit=Unit.COUNT,
)
def settlements_without_cultural_venue(year: int, indicator: Indicator) -> Decimal | None:
    settlements = set(_region_settlement_ids())
    if not settlements:
        return None
    with_venue = set(
        _published(CULTURAL_CENTRES)
        .filter(settlement_id__in=settlements)
        .values_list("settlement_id", flat=True)
    )
    return Decimal(len(settlements - with_venue))


@register_computation(
    "engaged_actors_in_priority",
    label=_("Actors engaged in the indicator's priority"),
    group=Group.PARTICIPATION,
    unit=Unit.COUNT,
)
def engaged_actors_in_priority(year: int, indicator: Indicator) -> Decimal | None:
    """Publicly listed actors who named the priority of the indicator's goal."""
    actors = actors_visible(None).filter(priorities=indicator.goal.priority_id)
    return Decimal(actors.values("pk").distinct().count())


@register_computation(
    "records_in_priority",
    label=_("Published records serving the indicator's priority"),
    group=Group.PARTICIPATION,
    unit=Unit.COUNT,
)
def records_in_priority(year: int, indicator: Indicator) -> Decimal | None:
    records = Record.objects.filter(
        status=Record.Status.PUBLISHED, priorities=indicator.goal.priority_id
    )
    return Decimal(records.count())


def _snapshot_figure(year: int, name: str):
    snapshot = NetworkSnapshot.objects.filter(year=year).only("figures").first()
    if snapshot is None or name not in snapshot.figures:
        return None
    return snapshot.figures[name]


@register_computation(
    "isolated_actors",
    label=_("Actors without confirmed ties"),
    group=Group.PARTICIPATION,
    unit=Unit.COUNT,
    historical=True,
)
def isolated_actors(year: int, indicator: Indicator) -> Decimal | None:
    value = _snapshot_figure(year, "isolated")
    return None if value is None else Decimal(int(value))


@register_computation(
    "cross_settlement_ties_share",
    label=_("Share of ties crossing settlement borders"),
    group=Group.SUPPORT,
    unit=Unit.PERCENT,
    historical=True,
)
def cross_settlement_ties_share(year: int, indicator: Indicator) -> Decimal | None:
    value = _snapshot_figure(year, "crossing_share")
    return None if value is None else _two_places(Decimal(str(value)) * 100)


@register_computation(
    "active_civil_organisations",
    label=_("Civil organisations in the register"),
    group=Group.SUPPORT,
    unit=Unit.COUNT,
)
def active_civil_organisations(year: int, indicator: Indicator) -> Decimal | None:
    settlements = _region_settlement_ids()
    records = _published(CIVIL_ORGANISATIONS)
    if settlements:
        records = records.filter(Q(settlement_id__in=settlements) | Q(settlement__isnull=True))
    return Decimal(records.count())


SUPPORTED_STAGES = (IdeaStatus.FUNDED, IdeaStatus.IN_PROGRESS, IdeaStatus.COMPLETED)


@register_computation(
    "supported_ideas_in_priority",
    label=_("Project ideas funded, in progress or completed in the indicator's priority"),
    group=Group.SUPPORT,
    unit=Unit.COUNT,
)
def supported_ideas_in_priority(year: int, indicator: Indicator) -> Decimal | None:
    ideas = ProjectIdea.objects.filter(
        status__in=SUPPORTED_STAGES, priorities=indicator.goal.priority_id
    )
    return Decimal(ideas.count())
