"""Bad records are quarantined whole with a reason; never dropped, never half-written."""

from datetime import UTC, datetime

import pytest

from care311.imports.models import QuarantinedRecord
from care311.imports.tests.support import nyc_rows, run_import, write_csv
from care311.service_requests.models import HistoryEvent, ServiceRequest

pytestmark = pytest.mark.django_db


@pytest.fixture
def defects(tmp_path):
    # Four real rows of the NYC export, then copies of the first, each given one defect.
    header, rows = nyc_rows("39573567", "39573572", "40792848", "40803658")
    column = header.index
    good, ragged, bad_date, zero = rows
    ragged = ragged[:30]
    bad_date[column("Created Date")] = "13/45/2018 10:00:00 AM"
    zero[column("Latitude")] = zero[column("Longitude")] = "0"
    duplicate = list(good)
    duplicate[column("Descriptor")] = "A second row with the same Unique Key"
    multiline = list(good)
    multiline[column("Unique Key")] = "90000001"
    multiline[column("Descriptor")] = 'Line one\nline two, with a comma\nand a "quote"'
    far = list(good)
    far[column("Unique Key")] = "90000002"
    far[column("Latitude")] = "140.5"
    no_id = list(good)
    no_id[column("Unique Key")] = ""
    return write_csv(
        tmp_path / "defects.csv",
        header,
        [good, ragged, bad_date, zero, duplicate, multiline, far, no_id],
    )


def test_it_quarantines_each_defect_with_its_reason(defects):
    output = run_import(defects)

    assert "read 8, imported 4, updated 0, unchanged 0, quarantined 4" in output
    reasons = dict(QuarantinedRecord.objects.values_list("record_no", "reason"))
    assert reasons == {
        2: "ragged row: 30 fields, expected 41",
        3: "unparseable date in Created Date: '13/45/2018 10:00:00 AM'",
        5: "duplicate source id",
        8: "missing Unique Key",
    }
    assert "kept with a caveat 1: 0/0 coordinates (kept without location)" in output
    assert "kept with a caveat 1: out-of-range coordinates (kept without location)" in output
    assert ServiceRequest.objects.count() == HistoryEvent.objects.count() == 4


def test_it_keeps_the_quarantined_record_whole(defects):
    run_import(defects)
    duplicate = QuarantinedRecord.objects.get(record_no=5)
    assert duplicate.source_id == "39573567"
    assert duplicate.raw.startswith("39573567,06/26/2018 10:58:54 AM,")
    assert "A second row with the same Unique Key" in duplicate.raw
    assert duplicate.file_name == "defects.csv"
    # The first row with that id is the one imported.
    assert ServiceRequest.objects.get(source_id="39573567").description == (
        "Other (complaint details)"
    )


def test_it_keeps_multiline_fields_intact(defects):
    run_import(defects)
    request = ServiceRequest.objects.get(source_id="90000001")
    assert request.description == 'Line one\nline two, with a comma\nand a "quote"'


def test_it_keeps_a_request_with_impossible_coordinates_without_location(defects):
    run_import(defects)
    for source_id in ("40803658", "90000002"):
        request = ServiceRequest.objects.get(source_id=source_id)
        assert (request.latitude, request.longitude) == (None, None)
        assert request.requested_at.tzinfo is not None


def test_it_quarantines_nothing_twice_on_a_second_run(defects):
    run_import(defects)
    output = run_import(defects)
    assert "read 8, imported 0, updated 0, unchanged 4, quarantined 4" in output
    assert QuarantinedRecord.objects.count() == 4
    assert ServiceRequest.objects.count() == 4


def test_it_reads_an_ambiguous_autumn_hour_as_the_first_one(tmp_path):
    header, [row] = nyc_rows("39573567")
    row[header.index("Created Date")] = "11/04/2018 01:30:00 AM"
    row[header.index("Closed Date")] = "03/11/2018 02:30:00 AM"  # skipped spring hour
    run_import(write_csv(tmp_path / "dst.csv", header, [row]))
    request = ServiceRequest.objects.get()
    # 01:30 happened twice on 4 Nov 2018 in New York; the first was EDT (UTC-4).
    assert request.requested_at == datetime(2018, 11, 4, 5, 30, tzinfo=UTC)
    # 02:30 never happened on 11 Mar 2018; it is read with the offset before the jump (EST).
    assert request.closed_at == datetime(2018, 3, 11, 7, 30, tzinfo=UTC)
