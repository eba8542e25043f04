"""The real MyLA311 subset (9,999 requests, late December 2017) imports with matching counts."""

from datetime import UTC, datetime

import pytest

from care311.catalog.models import CategoryMapping, Department
from care311.imports.models import QuarantinedRecord
from care311.imports.tests.support import SHARED_DATA, imported, run_import
from care311.service_requests.models import ServiceRequest, Status

pytestmark = pytest.mark.django_db

LA_CSV = SHARED_DATA / "la-myla311" / "MyLA311_2017_subset.csv"


def test_it_imports_every_request_and_reports_the_known_defects():
    output = run_import(LA_CSV)

    # Derived with the csv module and strptime + zoneinfo: 9,999 rows, 1,753 with blank
    # Latitude and Longitude, 12 Closed or Cancelled with ClosedDate before CreatedDate,
    # 12 RequestType values, 5 Owner codes.
    assert "(la-csv): read 9,999, imported 9,999, updated 0, unchanged 0, quarantined 0" in (output)
    assert "kept with a caveat 12: closed before created" in output
    assert "kept with a caveat 1,753: no location" in output
    assert output.count("kept with a caveat") == 2
    assert QuarantinedRecord.objects.count() == 0
    assert CategoryMapping.objects.filter(source="la").count() == 12
    departments = Department.objects.filter(code__startswith="la-")
    assert set(departments.values_list("name", flat=True)) == {
        "Bureau of Sanitation",
        "Bureau of Street Lighting",
        "Information Technology Agency",
        "Los Angeles Department of Water and Power",
        "Office of Community Beautification",
    }


def test_it_maps_statuses_and_sources():
    run_import(LA_CSV)

    # Closed 9,739 + Cancelled 246; Referred Out 9; Open 5.
    counts = {status: ServiceRequest.objects.filter(status=status).count() for status in Status}
    assert counts == {
        "new": 5,
        "acknowledged": 0,
        "in_progress": 0,
        "on_hold": 0,
        "referred": 9,
        "closed": 9985,
        "duplicate": 0,
    }
    assert ServiceRequest.objects.filter(closure_reason="Cancelled").count() == 246
    assert ServiceRequest.objects.filter(status=Status.REFERRED, closed_at=None).count() == 9
    # Call 4,188 + Voicemail 1; Mobile App 2,131; Self Service 1,621; Email 33; Walk-in 1;
    # Driver Self Report 2,019 + Council's Office 5 have no channel of their own.
    channels = {
        channel: ServiceRequest.objects.filter(channel=channel).count()
        for channel in ("phone", "app", "web", "email", "walk_in", "import")
    }
    assert channels == {
        "phone": 4189,
        "app": 2131,
        "web": 1621,
        "email": 33,
        "walk_in": 1,
        "import": 2024,
    }


def test_it_translates_a_request_field_by_field():
    run_import(LA_CSV)
    request = imported("la", "1-870704831")

    # 12/31/2017 11:59:58 PM in Los Angeles (PST, UTC-8); closed 04/09/2018 in PDT (UTC-7).
    assert request.requested_at == datetime(2018, 1, 1, 7, 59, 58, tzinfo=UTC)
    assert request.closed_at == datetime(2018, 4, 9, 16, 18, 35, tzinfo=UTC)
    assert request.updated_at == datetime(2018, 4, 9, 16, 25, 28, tzinfo=UTC)
    assert request.expected_at == datetime(2018, 1, 5, 8, 0, tzinfo=UTC)
    assert (request.status, request.closure_reason, request.channel) == ("closed", "", "phone")
    assert request.service.name == "Homeless Encampment"
    assert request.department is not None
    assert request.department.name == request.agency_responsible == "Bureau of Sanitation"
    assert (request.address, request.zipcode) == ("2111 W BELLEVUE AVE, 90026", "90026")
    assert (request.latitude, request.longitude) == (34.073216645, -118.266861909)


def test_it_keeps_cancelled_referred_and_unplaced_requests():
    run_import(LA_CSV)

    cancelled = imported("la", "1-870687481")
    assert (cancelled.status, cancelled.closure_reason) == ("closed", "Cancelled")
    assert cancelled.closed_at == datetime(2018, 1, 2, 17, 23, 14, tzinfo=UTC)

    # Referred Out on 12/31/2017 12:27:41 PM: not closed here, updated at the referral.
    referred = imported("la", "1-870497204")
    assert (referred.status, referred.closed_at) == ("referred", None)
    assert referred.updated_at == datetime(2017, 12, 31, 20, 27, 41, tzinfo=UTC)

    unplaced = imported("la", "1-870683382")
    assert (unplaced.latitude, unplaced.longitude, unplaced.channel) == (None, None, "import")


def test_it_changes_nothing_when_imported_again():
    run_import(LA_CSV)
    output = run_import(LA_CSV)
    assert "read 9,999, imported 0, updated 0, unchanged 9,999, quarantined 0" in output
