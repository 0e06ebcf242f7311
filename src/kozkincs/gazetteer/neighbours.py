"""Geometry for neighbourhood: touching boundaries and centroid distances."""

import math
from collections.abc import Iterator
from typing import Any

# Boundaries of neighbours share vertices (the polygons come from one topology); vertices
# within this many degrees (about 2 m) count as shared.
VERTEX_TOLERANCE_DEG = 0.00002
EARTH_RADIUS_KM = 6371.0


def _rings(geometry: dict[str, Any]) -> Iterator[list]:
    coordinates = geometry.get("coordinates") or []
    polygons = coordinates if geometry.get("type") == "MultiPolygon" else [coordinates]
    for polygon in polygons:
        yield from polygon


def boundary_vertices(geometry: dict[str, Any]) -> set[tuple[int, int]]:
    """The boundary's vertices snapped to a grid of :data:`VERTEX_TOLERANCE_DEG`."""
    return {
        (round(position[0] / VERTEX_TOLERANCE_DEG), round(position[1] / VERTEX_TOLERANCE_DEG))
        for ring in _rings(geometry)
        for position in ring
    }


def boundary_box(geometry: dict[str, Any]) -> tuple[float, float, float, float]:
    lons = [position[0] for ring in _rings(geometry) for position in ring]
    lats = [position[1] for ring in _rings(geometry) for position in ring]
    return min(lons), min(lats), max(lons), max(lats)


def _boxes_overlap(a: tuple, b: tuple) -> bool:
    margin = VERTEX_TOLERANCE_DEG
    return not (
        a[2] + margin < b[0] or b[2] + margin < a[0] or a[3] + margin < b[1] or b[3] + margin < a[1]
    )


def boundaries_touch(first: dict[str, Any], second: dict[str, Any]) -> bool:
    """Whether two GeoJSON (Multi)Polygons share at least one boundary vertex."""
    if not _boxes_overlap(boundary_box(first), boundary_box(second)):
        return False
    return not boundary_vertices(first).isdisjoint(boundary_vertices(second))


def centroid_distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance in kilometres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi, d_lambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))
