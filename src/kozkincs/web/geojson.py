"""GeoJSON for the maps the pages embed (settlement boundaries, a record's location)."""

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
