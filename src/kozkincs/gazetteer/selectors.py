"""Reads of the gazetteer shared by the web pages, the API and the demo loader."""

import math
from datetime import date

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Case, Exists, IntegerField, OuterRef, Q, QuerySet, Value, When

from kozkincs.gazetteer.models import Region, RegionMembership, Settlement
from kozkincs.gazetteer.names import fold_name
from kozkincs.gazetteer.neighbours import boundaries_touch, centroid_distance_km


class HomeRegionNotFound(ImproperlyConfigured):
    """``KOZKINCS_HOME_REGION`` names no region in the database."""


def home_region_get() -> Region:
    """The region the portal presents, chosen by ``settings.KOZKINCS_HOME_REGION``.

    One indexed query; callers may keep the result for a request.
    """
    key = settings.KOZKINCS_HOME_REGION
    try:
        return Region.objects.select_related("seat", "county").get(key=key)
    except Region.DoesNotExist:
        raise HomeRegionNotFound(
            f"KOZKINCS_HOME_REGION is {key!r}, but no region has that key. Run "
            "`kozkincs import_gazetteer`, or set it to an existing key such as "
            "'zalaegerszegi-kisterseg' or 'zalaegerszegi-jaras'."
        ) from None


def _memberships_valid_on(on: date | None) -> Q:
    if on is None:
        return Q()
    return (Q(valid_from__isnull=True) | Q(valid_from__lte=on)) & (
        Q(valid_to__isnull=True) | Q(valid_to__gte=on)
    )


def region_settlements(*, region: Region, on: date | None = None) -> QuerySet[Settlement]:
    """Members of ``region`` on the date ``on``; with None, every settlement it ever had."""
    memberships = RegionMembership.objects.filter(
        _memberships_valid_on(on), region=region, settlement=OuterRef("pk")
    )
    return Settlement.objects.filter(Exists(memberships)).select_related("county")


def settlement_list(*, region: Region | None = None, query: str = "") -> QuerySet[Settlement]:
    """Settlements (of ``region``, all its members ever) whose name or KSH code matches
    ``query``, accent- and case-insensitively; names starting with it come first."""
    settlements = (
        region_settlements(region=region)
        if region is not None
        else Settlement.objects.select_related("county")
    )
    folded = fold_name(query or "")
    if not folded:
        return settlements.order_by("name", "ksh_code")
    if folded.isdigit():
        return settlements.filter(ksh_code__startswith=folded).order_by("ksh_code")
    return (
        settlements.filter(name_folded__contains=folded)
        .annotate(
            starts=Case(
                When(name_folded__startswith=folded, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("starts", "name", "ksh_code")
    )


def settlement_get(*, ksh_code: str | None = None, slug: str | None = None) -> Settlement:
    """One settlement by KSH code or slug; raises ``Settlement.DoesNotExist``."""
    if (ksh_code is None) == (slug is None):
        raise TypeError("settlement_get() takes exactly one of ksh_code and slug")
    lookup = {"ksh_code": ksh_code} if ksh_code is not None else {"slug": slug}
    return Settlement.objects.select_related("county").get(**lookup)


def settlement_memberships(*, settlement: Settlement) -> list[RegionMembership]:
    """The dated regions of a settlement, oldest first, for its profile."""
    return list(
        RegionMembership.objects.filter(settlement=settlement)
        .select_related("region", "region__seat")
        .order_by("valid_from", "region__kind", "region__name")
    )


def settlement_neighbours(
    *, settlement: Settlement, region: Region | None = None, limit: int = 8
) -> list[Settlement]:
    """Neighbouring settlements, nearest first (at most ``limit``).

    When the settlement has a boundary, the settlements whose boundaries touch it (sharing
    boundary vertices) are its neighbours. Otherwise, or when no boundary touches, the
    settlements nearest by centroid. With ``region``, only that region's members (ever) count.
    """
    if limit <= 0:
        return []
    candidates = (
        region_settlements(region=region) if region is not None else Settlement.objects.all()
    ).exclude(pk=settlement.pk)
    if settlement.boundary:
        touching = [
            other
            for other in candidates.filter(boundary__isnull=False).select_related("county")
            if other.boundary and boundaries_touch(settlement.boundary, other.boundary)
        ]
        if touching:
            return _nearest(settlement, touching)[:limit]
    if settlement.lat is None or settlement.lon is None:
        return []
    located = candidates.filter(lat__isnull=False, lon__isnull=False).defer("boundary")
    return _nearest(settlement, list(_around(located, settlement, limit)))[:limit]


def _around(located: QuerySet[Settlement], settlement: Settlement, limit: int):
    """Settlements in growing boxes around ``settlement`` until ``limit`` are found."""
    for half_side in (0.15, 0.5, 2.0):
        box = located.filter(
            lat__range=(settlement.lat - half_side, settlement.lat + half_side),
            lon__range=(settlement.lon - 1.5 * half_side, settlement.lon + 1.5 * half_side),
        ).select_related("county")
        found = list(box)
        if len(found) >= limit:
            return found
    return list(located.select_related("county"))


def _nearest(settlement: Settlement, others: list[Settlement]) -> list[Settlement]:
    if settlement.lat is None or settlement.lon is None:
        return sorted(others, key=lambda other: other.name)
    return sorted(
        others,
        key=lambda other: (
            centroid_distance_km(settlement.lat, settlement.lon, other.lat, other.lon)
            if other.lat is not None and other.lon is not None
            else math.inf,
            other.name,
        ),
    )
