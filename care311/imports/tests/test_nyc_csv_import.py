"""The real NYC 311 export (1,000 rows) imports with counts that match the file."""

from datetime import UTC, datetime

import pytest

from care311.catalog.models import CategoryMapping, Department, ServiceType
from care311.imports.models import ImportRun, QuarantinedRecord
from care311.imports.tests.support import NYC_CSV, run_import
from care311.service_requests.models import EventKind, HistoryEvent, ServiceRequest, Status

pytestmark = pytest.mark.django_db


def test_it_imports_every_row_and_reports_the_known_defects():
    output = run_import(NYC_CSV)

    # Figures from the file's SOURCE.md, rechecked with the csv module: 1,000 rows, 107
    # without Latitude/Longitude, 10 closed before created, 101 complaint types, 16 agencies.
    assert "read 1,000, imported 1,000, updated 0, unchanged 0, quarantined 0" in output
    assert "kept with a caveat 10: closed before created" in output
    assert "kept with a caveat 107: no location" in output
    assert ServiceRequest.objects.count() == 1000
    assert ServiceRequest.objects.filter(latitude__isnull=True).count() == 107
    assert ServiceType.objects.filter(imported=True, hidden=True).count() == 101
    assert CategoryMapping.objects.filter(source="nyc").count() == 101
    assert Department.objects.filter(imported=True).count() == 16
    assert QuarantinedRecord.objects.count() == 0
    run = ImportRun.objects.get()
    assert (run.state, run.summary["imported"], run.summary["flagged"]["no location"]) == (
        "finished",
        1000,
        107,
    )


def test_it_writes_one_public_history_event_per_request():
    run_import(NYC_CSV)
    assert HistoryEvent.objects.count() == 1000
    event = HistoryEvent.objects.get(request__source_id="39573567")
    assert (event.kind, event.actor, event.actor_name, event.public) == (
        EventKind.IMPORTED,
        None,
        "import:nyc",
        True,
    )
    assert event.changes == {"source": "nyc", "source_id": "39573567", "status": "closed"}


def test_it_translates_a_row_field_by_field():
    run_import(NYC_CSV)
    request = ServiceRequest.objects.select_related("service", "department").get(
        source="nyc", source_id="39573567"
    )
    # 06/26/2018 10:58:54 AM in New York (EDT, UTC-4).
    assert request.requested_at == datetime(2018, 6, 26, 14, 58, 54, tzinfo=UTC)
    assert request.closed_at == datetime(2018, 6, 26, 16, 50, 1, tzinfo=UTC)
    assert request.expected_at == datetime(2018, 6, 26, 22, 58, 54, tzinfo=UTC)
    assert request.status == Status.CLOSED
    assert request.service.name == "Non-Emergency Police Matter"
    assert request.service.service_code == "nyc-non-emergency-police-matter"
    assert request.department is not None
    assert request.department.name == "New York City Police Department"
    assert request.agency_responsible == "New York City Police Department"
    assert request.channel == "phone"
    assert request.address == "91-33 97 STREET"
    assert request.zipcode == "11421"
    assert request.description == "Other (complaint details)"
    assert (request.latitude, request.longitude) == (40.690092327843345, -73.84642755940943)
    assert request.closure_reason.startswith("The Police Department responded")
    assert request.reporter_email == request.reporter_phone == request.reporter_name == ""


def test_it_maps_the_source_statuses():
    run_import(NYC_CSV)
    counts = {
        status: ServiceRequest.objects.filter(status=status).count() for status in Status.values
    }
    # Closed 969; Pending 14 + Assigned 4 acknowledged; In Progress 5 + Email Sent 1; Open 7.
    assert counts == {
        "new": 7,
        "acknowledged": 18,
        "in_progress": 6,
        "on_hold": 0,
        "referred": 0,
        "closed": 969,
        "duplicate": 0,
    }


def test_it_reads_times_in_the_zone_given():
    run_import(NYC_CSV, "--source-tz", "America/Chicago")
    request = ServiceRequest.objects.get(source_id="39573567")
    assert request.requested_at == datetime(2018, 6, 26, 15, 58, 54, tzinfo=UTC)
