"""The open-data formats, each written row by row to a text stream: CSV, GeoJSON
(RFC 7946), and GeoReport v2's bulk list of requests in JSON or XML.

Each writer takes the rows of care311.analytics.opendata.rows and returns how many it wrote.
Times go out in the city's zone with their offset.
"""

import json
from collections.abc import Callable, Iterable
from typing import IO, Any
from zoneinfo import ZoneInfo

from care311.analytics.cells import inert, lf_writer
from care311.analytics.opendata.columns import COLUMNS, NAMES, TIME_FIELDS
from care311.catalog.answers import city_zone, w3c
from care311.open311 import records
from care311.open311.formats import to_xml

Row = dict[str, Any]
# Columns GeoJSON carries in the geometry rather than the properties.
PLACE = ("latitude", "longitude")


def _with_times(row: Row, zone: ZoneInfo) -> Row:
    for field in TIME_FIELDS:
        row[field] = w3c(row[field], zone)
    return row


def write_csv(rows: Iterable[Row], out: IO[str]) -> int:
    """Text that a spreadsheet would run as a formula goes out as text (care311.analytics.cells);
    copy_csv writes the same."""
    writer = lf_writer(out)
    writer.writerow(NAMES)
    zone, count = city_zone(), 0
    for row in rows:
        _with_times(row, zone)
        writer.writerow([_cell(row[c.field]) for c in COLUMNS])
        count += 1
    return count


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    return inert(value) if isinstance(value, str) else value


def write_geojson(rows: Iterable[Row], out: IO[str]) -> int:
    """A FeatureCollection; a request without a location has a null geometry."""
    out.write('{"type": "FeatureCollection", "features": [\n')
    zone, count = city_zone(), 0
    for row in rows:
        _with_times(row, zone)
        latitude, longitude = row["latitude"], row["longitude"]
        geometry = None
        if latitude is not None and longitude is not None:
            geometry = {"type": "Point", "coordinates": [longitude, latitude]}
        feature = {
            "type": "Feature",
            "id": row["public_id"],
            "geometry": geometry,
            "properties": {c.name: row[c.field] for c in COLUMNS if c.name not in PLACE},
        }
        out.write(("" if count == 0 else ",\n") + json.dumps(feature, ensure_ascii=False))
        count += 1
    out.write("\n]}\n")
    return count


def _georeport(row: Row, zone: ZoneInfo) -> dict[str, Any]:
    # The API's own record, from the same public columns: only address_id is not exported.
    return records.request({**row, "address_id": ""}, zone)


def write_georeport_json(rows: Iterable[Row], out: IO[str]) -> int:
    out.write("[\n")
    zone, count = city_zone(), 0
    for row in rows:
        record = _georeport(row, zone)
        out.write(("" if count == 0 else ",\n") + json.dumps(record, ensure_ascii=False))
        count += 1
    out.write("\n]\n")
    return count


def write_georeport_xml(rows: Iterable[Row], out: IO[str]) -> int:
    out.write('<?xml version="1.0" encoding="utf-8"?>\n<service_requests>\n')
    zone, count = city_zone(), 0
    for row in rows:
        # to_xml opens with an XML declaration; each record here is an element of the list.
        element = to_xml("request", _georeport(row, zone)).partition("\n")[2]
        out.write(element + "\n")
        count += 1
    out.write("</service_requests>\n")
    return count


WRITERS: dict[str, Callable[[Iterable[Row], IO[str]], int]] = {
    "csv": write_csv,
    "geojson": write_geojson,
    "georeport": write_georeport_json,
    "georeport-xml": write_georeport_xml,
}
