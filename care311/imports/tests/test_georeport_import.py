"""A GeoReport v2 dump (GET /requests as JSON or XML) imports as the same requests either way.

The fixtures in data/ are ten requests of a made-up Bloomington server, the XML file the
same ten as the JSON one (nulls there as empty or missing elements).
"""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from care311.catalog.models import CategoryMapping, Department
from care311.imports.models import QuarantinedRecord
from care311.imports.tests.support import imported, run_import
from care311.service_requests.models import ServiceRequest, Status

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parent / "data"
GEOREPORT_JSON = DATA / "georeport_requests.json"
GEOREPORT_XML = DATA / "georeport_requests.xml"
BOTH = pytest.mark.parametrize("path", [GEOREPORT_JSON, GEOREPORT_XML], ids=["json", "xml"])


@BOTH
def test_it_imports_every_request(path):
    output = run_import(path)

    # Counted by hand in the fixture: 10 requests, 4 closed, one (2024-0093) without lat/long,
    # 8 service names (one request has only a service_code), 6 agencies.
    assert "read 10, imported 10, updated 0, unchanged 0, quarantined 0" in output
    assert "kept with a caveat 1: no location" in output
    assert output.count("kept with a caveat") == 1
    assert QuarantinedRecord.objects.count() == 0
    assert ServiceRequest.objects.filter(source="georeport", status=Status.CLOSED).count() == 4
    assert ServiceRequest.objects.filter(source="georeport", status=Status.NEW).count() == 6
    assert CategoryMapping.objects.filter(source="georeport").count() == 8
    assert Department.objects.filter(code__startswith="georeport-").count() == 6


def test_it_recognises_both_forms():
    assert "(georeport-json): read 10" in run_import(GEOREPORT_JSON)
    assert "(georeport-xml): read 10, imported 0, updated 0, unchanged 10" in (
        run_import(GEOREPORT_XML)
    )


@BOTH
def test_it_translates_an_open_request_field_by_field(path):
    run_import(path)
    request = imported("georeport", "000417")

    assert request.requested_at == datetime(2024, 3, 8, 14, 14, 22, tzinfo=UTC)
    assert request.updated_at == datetime(2024, 3, 8, 15, 2, tzinfo=UTC)
    assert request.expected_at == datetime(2024, 3, 15, 14, 14, 22, tzinfo=UTC)
    assert (request.status, request.closed_at, request.closure_reason) == ("new", None, "")
    assert (request.service.name, request.channel) == ("Pothole", "import")
    assert request.department is not None
    assert request.department.name == request.agency_responsible == "Street Department"
    assert request.description == (
        "Deep pothole in the right lane, northbound, just past the bus stop."
    )
    assert (request.address, request.zipcode) == ("401 N Morton St, Bloomington, IN 47404", "47404")
    assert (request.latitude, request.longitude) == (39.1697, -86.5349)
    assert request.media_url == "https://bloomington.example.org/media/requests/000417/photo.jpg"


@BOTH
def test_it_closes_a_closed_request_at_its_update_time(path):
    run_import(path)
    # The id has spaces; updated_datetime 2024-03-11T08:05:12-04:00 is the closing time.
    request = imported("georeport", "SR 2024 0091")
    assert request.status == Status.CLOSED
    assert request.closed_at == request.updated_at == datetime(2024, 3, 11, 12, 5, 12, tzinfo=UTC)
    assert request.closure_reason == request.status_notes == "Graffiti removed by the parks crew."
    assert request.requested_at == datetime(2024, 3, 9, 21, 40, tzinfo=UTC)


@BOTH
def test_it_keeps_odd_values_whole(path):
    run_import(path)

    unplaced = imported("georeport", "2024-0093")
    assert (unplaced.latitude, unplaced.longitude) == (None, None)
    assert unplaced.address == "2100 block of E Hillside Dr"

    cafe = imported("georeport", "2024-0094")
    assert cafe.description == (
        "Streetlight out in front of Caf\u00e9 P\u00e2tisserie \u2014 flickering since Tuesday."
    )

    nameless = imported("georeport", "2024-0097")
    assert nameless.service.name == "sidewalk-obstruction"

    zulu = imported("georeport", "2024-0100")
    assert zulu.requested_at == datetime(2024, 3, 15, 6, 5, 44, tzinfo=UTC)


@BOTH
def test_it_reads_a_naive_time_in_the_zone_given(path):
    # 2024-0095 says 2024-03-12T07:30:00 with no offset: UTC by default, or the --source-tz.
    run_import(path)
    request = imported("georeport", "2024-0095")
    assert request.requested_at == datetime(2024, 3, 12, 7, 30, tzinfo=UTC)

    run_import(path, "--source-tz", "America/Indiana/Indianapolis")
    request.refresh_from_db()
    assert request.requested_at == datetime(2024, 3, 12, 11, 30, tzinfo=UTC)  # EDT, UTC-4
