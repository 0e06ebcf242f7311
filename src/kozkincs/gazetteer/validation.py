"""Rules for settlement values beyond what the model fields check.

Services and the admin form share them, so a bad value gets the same message everywhere.
"""

import math
import re
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from kozkincs.gazetteer.geography import (
    HUNGARY_BBOX,
    is_in_hungary,
    is_valid_latitude,
    is_valid_longitude,
)

WIKIDATA_ID_PATTERN = re.compile(r"^Q[1-9]\d*$")
MAX_BOUNDARY_POSITIONS = 200_000
EARLIEST_POPULATION_YEAR = 1784  # the first Hungarian census (Joseph II)


def outside_hungary_allowed() -> bool:
    return bool(getattr(settings, "KOZKINCS_ALLOW_COORDINATES_OUTSIDE_HUNGARY", False))


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _position_problem(position: Any, require_hungary: bool) -> str | None:
    if not isinstance(position, list | tuple) or len(position) not in (2, 3):
        return _("Every position must be a [longitude, latitude] pair of numbers.")
    if not all(_is_number(value) for value in position):
        return _("Every position must be a [longitude, latitude] pair of numbers.")
    lon, lat = position[0], position[1]
    if not (is_valid_longitude(lon) and is_valid_latitude(lat)):
        return _("A position lies outside the valid longitude/latitude range.")
    if require_hungary and not is_in_hungary(lat, lon):
        return _("The boundary extends outside Hungary.")
    return None


def _polygon_problem(rings: Any, require_hungary: bool, budget: list[int]) -> str | None:
    if not isinstance(rings, list) or not rings:
        return _("A polygon must be a non-empty list of linear rings.")
    for ring in rings:
        if not isinstance(ring, list) or len(ring) < 4:
            return _("Every ring must be a list of at least four positions.")
        budget[0] -= len(ring)
        if budget[0] < 0:
            return _("The boundary has too many positions.")
        for position in ring:
            problem = _position_problem(position, require_hungary)
            if problem:
                return problem
        if list(ring[0]) != list(ring[-1]):
            return _("Every ring must be closed (its first and last positions equal).")
    return None


def boundary_problem(geometry: Any, *, require_hungary: bool | None = None) -> str | None:
    """Why ``geometry`` is not an acceptable GeoJSON Polygon/MultiPolygon, or None if it is."""
    if require_hungary is None:
        require_hungary = not outside_hungary_allowed()
    if not isinstance(geometry, dict):
        return _("The boundary must be a GeoJSON geometry object.")
    kind, coordinates = geometry.get("type"), geometry.get("coordinates")
    if kind not in ("Polygon", "MultiPolygon"):
        return _("The boundary must be a GeoJSON Polygon or MultiPolygon.")
    budget = [MAX_BOUNDARY_POSITIONS]
    if kind == "Polygon":
        return _polygon_problem(coordinates, require_hungary, budget)
    if not isinstance(coordinates, list) or not coordinates:
        return _("A MultiPolygon must be a non-empty list of polygons.")
    for polygon in coordinates:
        problem = _polygon_problem(polygon, require_hungary, budget)
        if problem:
            return problem
    return None


def _coordinate_errors(lat: Any, lon: Any) -> dict[str, str]:
    if lat is None and lon is None:
        return {}
    if lat is None or lon is None:
        field = "lat" if lat is None else "lon"
        return {field: _("Give both latitude and longitude, or neither.")}
    if not (_is_number(lat) and is_valid_latitude(lat)):
        return {"lat": _("Latitude must be a number between -90 and 90.")}
    if not (_is_number(lon) and is_valid_longitude(lon)):
        return {"lon": _("Longitude must be a number between -180 and 180.")}
    if not outside_hungary_allowed() and not is_in_hungary(lat, lon):
        min_lon, min_lat, max_lon, max_lat = HUNGARY_BBOX
        message = _(
            "The point %(lat)s, %(lon)s is outside Hungary (latitude %(min_lat)s to %(max_lat)s, "
            "longitude %(min_lon)s to %(max_lon)s)."
        ) % {
            "lat": lat,
            "lon": lon,
            "min_lat": min_lat,
            "max_lat": max_lat,
            "min_lon": min_lon,
            "max_lon": max_lon,
        }
        return {"lat": message, "lon": message}
    return {}


def settlement_value_errors(values: Mapping[str, Any]) -> dict[str, str]:
    """Field -> message for the settlement rules the model fields cannot express."""
    errors = _coordinate_errors(values.get("lat"), values.get("lon"))
    boundary = values.get("boundary")
    if boundary is not None:
        problem = boundary_problem(boundary)
        if problem:
            errors["boundary"] = problem
    wikidata_id = values.get("wikidata_id") or ""
    if wikidata_id and not WIKIDATA_ID_PATTERN.match(str(wikidata_id)):
        errors["wikidata_id"] = _("A Wikidata id looks like Q123 (Q and digits).")
    year = values.get("population_year")
    if year is not None and not (
        isinstance(year, int) and EARLIEST_POPULATION_YEAR <= year <= 2100
    ):
        errors["population_year"] = _("Give the year the population figure refers to.")
    if values.get("population") is not None and year is None:
        errors["population_year"] = _("Give the year the population figure refers to.")
    return errors
