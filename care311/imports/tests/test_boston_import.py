"""Boston's 100-row CSV and JSON Lines extracts import as the same 100 requests."""

from datetime import UTC, datetime

import pytest

from care311.catalog.models import CategoryMapping, Department
from care311.imports.models import QuarantinedRecord
from care311.imports.tests.support import SHARED_DATA, imported, run_import
from care311.service_requests.models import HistoryEvent, ServiceRequest, Status

pytestmark = pytest.mark.django_db

BOSTON_CSV = SHARED_DATA / "boston311" / "boston311-100.csv"
BOSTON_JSONL = SHARED_DATA / "boston311" / "boston311-100.jsonl"


def test_it_imports_the_csv_keeping_city_hall_placeholders_as_written():
    output = run_import(BOSTON_CSV)

    # Derived with the csv module: 100 rows, 36 types, 7 departments, none closed before
    # opened; all have coordinates, 19 of them City Hall's 42.3594/-71.0587 (the placeholder).
    assert "(boston-csv): read 100, imported 100, updated 0, unchanged 0, quarantined 0" in (output)
    assert "kept with a caveat" not in output
    assert QuarantinedRecord.objects.count() == 0
    assert CategoryMapping.objects.filter(source="boston").count() == 36
    assert Department.objects.filter(code__startswith="boston-").count() == 7
    assert ServiceRequest.objects.filter(latitude=None).count() == 0
    assert ServiceRequest.objects.filter(latitude=42.3594, longitude=-71.0587).count() == 19


def test_it_sees_the_jsonl_as_the_same_requests():
    run_import(BOSTON_CSV)
    before = list(ServiceRequest.objects.order_by("source_id").values())

    output = run_import(BOSTON_JSONL)

    assert "(boston-jsonl): read 100, imported 0, updated 0, unchanged 100, quarantined 0" in (
        output
    )
    after = list(ServiceRequest.objects.order_by("source_id").values())
    # Only the bookkeeping of which file last held each record moves to the JSONL file.
    assert {row["source_file"] for row in after}.isdisjoint(row["source_file"] for row in before)
    assert [{**row, "source_file": ""} for row in after] == [
        {**row, "source_file": ""} for row in before
    ]
    assert HistoryEvent.objects.count() == 100


def test_it_imports_the_jsonl_on_its_own():
    output = run_import(BOSTON_JSONL)
    assert "(boston-jsonl): read 100, imported 100, updated 0, unchanged 0, quarantined 0" in (
        output
    )
    assert "kept with a caveat" not in output


@pytest.mark.parametrize("path", [BOSTON_CSV, BOSTON_JSONL], ids=["csv", "jsonl"])
def test_it_translates_a_closed_request_field_by_field(path):
    run_import(path)
    request = imported("boston", "101004130437")

    # open_dt 2022-01-19 11:18:00 and closed_dt 11:42:16 in Boston (EST, UTC-5).
    assert request.requested_at == datetime(2022, 1, 19, 16, 18, tzinfo=UTC)
    assert request.closed_at == request.updated_at == datetime(2022, 1, 19, 16, 42, 16, tzinfo=UTC)
    assert request.expected_at is None
    assert (request.status, request.channel) == (Status.CLOSED, "phone")
    assert request.closure_reason == (
        "Case Closed. Closed date : Wed Jan 19 11:42:16 EST 2022 Resolved Removed df"
    )
    assert request.department is not None
    assert (request.service.name, request.department.name) == ("Needle Pickup", "GEN_")
    assert request.description == "Needle Pickup"
    assert (request.address, request.zipcode) == ("42 Cross St  Boston  MA  02113", "02113")
    assert (request.latitude, request.longitude) == (42.3634, -71.0566)


def test_it_reads_single_spaces_as_empty():
    run_import(BOSTON_CSV)

    # 15 open requests, each with " " in closure_reason; 101004143000 has " " in location.
    open_requests = ServiceRequest.objects.filter(status=Status.NEW)
    assert open_requests.count() == 15
    assert set(open_requests.values_list("closure_reason", "status_notes")) == {("", "")}
    hotline = imported("boston", "101004143000")
    assert (hotline.address, hotline.latitude, hotline.longitude) == ("", 42.3594, -71.0587)
    assert hotline.expected_at == datetime(2022, 2, 4, 18, 47, 30, tzinfo=UTC)


def test_it_maps_sources_and_photos():
    run_import(BOSTON_CSV)
    # Citizens Connect App 56 + City Worker App 11; Constituent Call 30; Self Service 3;
    # 42 rows with a submittedphoto.
    channels = {
        channel: ServiceRequest.objects.filter(channel=channel).count()
        for channel in ("app", "phone", "web")
    }
    assert channels == {"app": 67, "phone": 30, "web": 3}
    assert ServiceRequest.objects.exclude(media_url="").count() == 42


def test_it_quarantines_a_bad_open_date(tmp_path):
    lines = BOSTON_CSV.read_text().splitlines()
    lines[1] = lines[1].replace("2022-01-21 13:47:00", "21/01/2022 13:47")
    broken = tmp_path / "boston-bad-date.csv"
    broken.write_text("\n".join(lines[:3]) + "\n")

    output = run_import(broken)

    assert "read 2, imported 1, updated 0, unchanged 0, quarantined 1" in output
    record = QuarantinedRecord.objects.get()
    assert record.record_no == 1
    assert record.reason == "unparseable date in open_dt: '21/01/2022 13:47'"
