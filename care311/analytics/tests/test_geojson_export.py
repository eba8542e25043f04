"""The GeoJSON export is an RFC 7946 FeatureCollection: points in longitude, latitude order,
a null geometry for a request without a location, validated against a schema."""

import json

import pytest
from jsonschema import Draft7Validator

from care311.analytics.opendata.columns import NAMES
from care311.analytics.tests.exports import exported

pytestmark = pytest.mark.django_db

POINT = {
    "type": "object",
    "required": ["type", "coordinates"],
    "additionalProperties": False,
    "properties": {
        "type": {"const": "Point"},
        "coordinates": {
            "type": "array",
            "minItems": 2,
            "maxItems": 2,
            "prefixItems": [
                {"type": "number", "minimum": -180, "maximum": 180},
                {"type": "number", "minimum": -90, "maximum": 90},
            ],
            "items": [
                {"type": "number", "minimum": -180, "maximum": 180},
                {"type": "number", "minimum": -90, "maximum": 90},
            ],
        },
    },
}
FEATURE_COLLECTION = {
    "type": "object",
    "required": ["type", "features"],
    "properties": {
        "type": {"const": "FeatureCollection"},
        "features": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["type", "geometry", "properties"],
                "properties": {
                    "type": {"const": "Feature"},
                    "id": {"type": ["string", "number"]},
                    "geometry": {"oneOf": [{"type": "null"}, POINT]},
                    "properties": {"type": ["object", "null"]},
                },
            },
        },
    },
}


def test_it_validates_and_puts_longitude_first(tmp_path, nyc, residents_requests):
    document = json.loads(exported("geojson", tmp_path))
    Draft7Validator(FEATURE_COLLECTION).validate(document)
    features = {feature["id"]: feature for feature in document["features"]}

    assert len(features) == 1003
    assert sum(1 for f in features.values() if f["geometry"] is None) == 107 + 1
    first = features[residents_requests[0].public_id]
    assert first["geometry"] == {"type": "Point", "coordinates": [-95.9928, 36.154]}
    assert set(first["properties"]) == set(NAMES) - {"latitude", "longitude"}
    assert first["properties"]["requested_datetime"] == "2025-03-03T09:00:00-06:00"


def test_it_writes_an_empty_collection_when_there_is_nothing_to_publish(tmp_path):
    document = json.loads(exported("geojson", tmp_path))
    assert document == {"type": "FeatureCollection", "features": []}
