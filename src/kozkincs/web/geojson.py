"""GeoJSON for the maps the pages embed (settlement boundaries, a record's location)."""

import json
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any

from kozkincs.gazetteer.models import Settlement

Feature = dict[str, Any]
COORDINATE_DECIMALS = 4
"""About 10 m: plenty for a regional map, and it halves the size of the embedded boundaries."""


def rounded(coordinates: Any) -> Any:
    """A GeoJSON coordinate array (of any nesting) with every number rounded."""
    if isinstance(coordinates, list | tuple):
        return [rounded(item) for item in coordinates]
    if isinstance(coordinates, float):
        return round(coordinates, COORDINATE_DECIMALS)
    return coordinates


def _geometry(
    boundary: dict | None, lat: float | None, lon: float | None, *, with_boundary: bool = True
) -> Feature | None:
    if with_boundary and boundary:
        return {
            "type": boundary.get("type"),
            "coordinates": rounded(boundary.get("coordinates", [])),
        }
    if lat is not None and lon is not None:
        return {"type": "Point", "coordinates": [lon, lat]}
    return None


def settlement_feature(settlement: Settlement, *, with_boundary: bool = True) -> Feature | None:
    """A settlement as its boundary polygon (or its centre point); None when it has neither."""
    geometry = _geometry(
        settlement.boundary, settlement.lat, settlement.lon, with_boundary=with_boundary
    )
    if geometry is None:
        return None
    return {
        "type": "Feature",
        "geometry": geometry,
        "properties": {
            "name": settlement.name,
            "url": settlement.get_absolute_url(),
            "detail": settlement.get_status_display(),
        },
    }


def settlements_collection(settlements, *, with_boundary: bool = True) -> dict[str, Any]:
    features = [settlement_feature(s, with_boundary=with_boundary) for s in settlements]
    return {"type": "FeatureCollection", "features": [f for f in features if f is not None]}


def record_location_collection(record, *, name: str) -> dict[str, Any] | None:
    """The record's own point, else its settlement's centre marked as approximate."""
    if record.lat is not None and record.lon is not None:
        point, approximate = [record.lon, record.lat], False
    elif (
        record.settlement is not None
        and record.settlement.lat is not None
        and record.settlement.lon is not None
    ):
        point, approximate = [record.settlement.lon, record.settlement.lat], True
    else:
        return None
    feature = {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": point},
        "properties": {"name": name, "approximate": approximate},
    }
    return {"type": "FeatureCollection", "features": [feature]}


@lru_cache(maxsize=4096)
def _feature_json(
    name: str, url: str, detail: str, lat: float | None, lon: float | None, boundary: str | None
) -> str | None:
    """One settlement feature, serialised; kept while the same inputs come again.

    The boundary arrives as its stored JSON text, so an unchanged settlement costs a lookup
    instead of decoding, rounding and encoding its polygon again; a changed one is a new key.
    """
    geometry = _geometry(json.loads(boundary) if boundary else None, lat, lon)
    if geometry is None:
        return None
    feature = {
        "type": "Feature",
        "geometry": geometry,
        "properties": {"name": name, "url": url, "detail": detail},
    }
    return json.dumps(feature, ensure_ascii=False)


def settlements_collection_json(settlements: Iterable[Settlement], *, urls: Callable) -> str:
    """``settlements_collection`` as JSON text, for settlements loaded with ``boundary_text``.

    ``urls(settlement)`` gives each settlement's page (``RecordAddresses.settlement``).
    """
    statuses = dict(Settlement.Status.choices)
    features = (
        _feature_json(
            s.name,
            urls(s),
            str(statuses.get(s.status, s.status)),
            s.lat,
            s.lon,
            getattr(s, "boundary_text", None),
        )
        for s in settlements
    )
    joined = ", ".join(feature for feature in features if feature is not None)
    return f'{{"type": "FeatureCollection", "features": [{joined}]}}'
