"""The GeoReport bulk export: the API's request records, valid against the published
GeoReport v2 schema in JSON, and well-formed XML with the same requests."""

import json

import pytest
from defusedxml import ElementTree

from care311.analytics.tests.exports import exported
from care311.open311.tests.conftest import VALIDATORS

pytestmark = pytest.mark.django_db


def test_it_writes_schema_valid_json(tmp_path, nyc, residents_requests):
    document = json.loads(exported("georeport", tmp_path))
    VALIDATORS["requests.json"].validate(document)

    assert len(document) == 1003
    first = next(r for r in document if r["service_request_id"] == residents_requests[0].public_id)
    assert first["long"] == -95.9928 and first["lat"] == 36.154
    assert first["description"] == "Deep hole. Call me at [phone removed] or [email removed]"
    assert first["requested_datetime"] == "2025-03-03T09:00:00-06:00"


def test_it_writes_xml_with_the_same_requests(tmp_path, residents_requests):
    root = ElementTree.fromstring(exported("georeport-xml", tmp_path).encode())

    assert root.tag == "service_requests"
    ids = [item.findtext("service_request_id") or "" for item in root.findall("request")]
    assert sorted(ids) == sorted(r.public_id for r in residents_requests[:3])
    third = next(i for i in root.findall("request") if i.findtext("service_request_id") == ids[2])
    assert third.findtext("status") == "closed"
