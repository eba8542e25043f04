"""District shapes: GeoJSON geometry checked with shapely before it is stored or used."""

from typing import Any

from shapely import geometry as shapes
from shapely.errors import ShapelyError
from shapely.validation import explain_validity

AREA_TYPES = ("Polygon", "MultiPolygon")


class GeometryError(ValueError):
    """The GeoJSON is not an area care311 can route by; the message says why."""


def parse_area(geojson: Any) -> shapes.base.BaseGeometry:
    """A Polygon or MultiPolygon from a GeoJSON geometry object, valid (no self-crossing),
    with longitudes and latitudes in range; GeometryError naming the problem otherwise."""
    if not isinstance(geojson, dict) or geojson.get("type") not in AREA_TYPES:
        kind = geojson.get("type") if isinstance(geojson, dict) else type(geojson).__name__
        raise GeometryError(f"a district must be a Polygon or MultiPolygon, not {kind}")
    try:
        area = shapes.shape(geojson)
    except (ShapelyError, ValueError, TypeError, IndexError, KeyError) as error:
        raise GeometryError(f"the {geojson['type']} cannot be read: {error}") from None
    if area.is_empty:
        raise GeometryError("the district's shape is empty")
    if not area.is_valid:
        raise GeometryError(f"the district's shape is not valid: {explain_validity(area)}")
    west, south, east, north = area.bounds
    if not (-180 <= west <= east <= 180 and -90 <= south <= north <= 90):
        raise GeometryError(
            "the district's coordinates are outside longitude -180..180 / latitude -90..90 "
            "(GeoJSON lists longitude first)"
        )
    return area
