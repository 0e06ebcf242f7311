"""Hungary's bounding box, coordinate checks and the ``bbox=`` query parameter."""

import math

from django.utils.translation import gettext as _

# (min_lon, min_lat, max_lon, max_lat): Hungary's extreme points (Felsőszölnök 16.11 E,
# Garbolc 22.90 E, Beremend 45.74 N, Füzér 48.59 N) widened by about 0.1 degree.
HUNGARY_BBOX: tuple[float, float, float, float] = (16.0, 45.6, 23.0, 48.7)


def is_in_hungary(lat: float, lon: float) -> bool:
    """Whether the point lies inside :data:`HUNGARY_BBOX` (a box, so border areas pass)."""
    min_lon, min_lat, max_lon, max_lat = HUNGARY_BBOX
    return min_lat <= lat <= max_lat and min_lon <= lon <= max_lon


def is_valid_latitude(value: float) -> bool:
    return math.isfinite(value) and -90 <= value <= 90


def is_valid_longitude(value: float) -> bool:
    return math.isfinite(value) and -180 <= value <= 180


def parse_bbox(text: str) -> tuple[float, float, float, float]:
    """Parse ``"minLon,minLat,maxLon,maxLat"`` (WGS84 degrees) into four floats.

    Raises ``ValueError`` with a message fit to show the user when the text is not four finite
    numbers, a value is out of range, or a minimum exceeds its maximum.
    """
    parts = [part.strip() for part in (text or "").split(",")]
    if len(parts) != 4:
        raise ValueError(
            _("A bounding box needs four comma-separated numbers: minLon,minLat,maxLon,maxLat.")
        )
    try:
        min_lon, min_lat, max_lon, max_lat = (float(part) for part in parts)
    except ValueError:
        raise ValueError(_("Every bounding box value must be a number.")) from None
    if not all(is_valid_longitude(value) for value in (min_lon, max_lon)):
        raise ValueError(_("Bounding box longitudes must lie between -180 and 180."))
    if not all(is_valid_latitude(value) for value in (min_lat, max_lat)):
        raise ValueError(_("Bounding box latitudes must lie between -90 and 90."))
    if min_lon > max_lon or min_lat > max_lat:
        raise ValueError(
            _("In a bounding box the minimum must not exceed the maximum (minLon,minLat,…).")
        )
    return min_lon, min_lat, max_lon, max_lat
