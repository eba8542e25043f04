"""The real SF311 sample (10,000 cases written out by R) imports with counts that match it."""

from datetime import UTC, datetime

import pytest

from care311.catalog.models import CategoryMapping, Department
from care311.imports.models import QuarantinedRecord
from care311.imports.tests.support import SHARED_DATA, imported, run_import
from care311.service_requests.models import ServiceRequest, Status

pytestmark = pytest.mark.django_db

SF_CSV = SHARED_DATA / "sf311-cases" / "sf311_cases_sample_10000.csv"


def values(field: str) -> list[str]:
    return list(ServiceRequest.objects.filter(source="sf").values_list(field, flat=True))


def test_it_imports_every_case_and_reports_the_known_defects():
    output = run_import(SF_CSV)

    # Derived with the csv module and strptime + zoneinfo: 10,000 records, 129 with Closed
    # before Opened (mostly the same day, hours earlier), 24 with an empty Point, 28
    # Category values, 149 Responsible.Agency values, no empty CaseID or date.
    assert "(sf-csv): read 10,000, imported 10,000, updated 0, unchanged 0, quarantined 0" in (
        output
    )
    assert "kept with a caveat 129: closed before created" in output
    assert "kept with a caveat 24: no location" in output
    assert output.count("kept with a caveat") == 2
    assert QuarantinedRecord.objects.count() == 0
    assert CategoryMapping.objects.filter(source="sf").count() == 28
    assert Department.objects.filter(code__startswith="sf-").count() == 149
    assert ServiceRequest.objects.filter(latitude__isnull=True).count() == 24


def test_it_maps_statuses_and_sources():
    run_import(SF_CSV)

    # Status: Closed 9,530, Open 470. Source: Voice In 6,674; Open311 1,454; Web Self Service
    # 1,297 + Twitter 143; e-mail In 3; Integrated Agency 422 + Other Department 6 + Mail In 1.
    assert ServiceRequest.objects.filter(status=Status.CLOSED).count() == 9530
    assert ServiceRequest.objects.filter(status=Status.NEW).count() == 470
    channels = {channel: values("channel").count(channel) for channel in set(values("channel"))}
    assert channels == {"phone": 6674, "open311": 1454, "web": 1440, "email": 3, "import": 429}
    assert ServiceRequest.objects.exclude(media_url="").count() == 1188


def test_it_translates_a_case_field_by_field():
    run_import(SF_CSV)
    request = imported("sf", "3449984")

    # 03/13/2014 08:45:51 AM and 03/22/2014 06:15:41 AM in San Francisco (PDT, UTC-7).
    assert request.requested_at == datetime(2014, 3, 13, 15, 45, 51, tzinfo=UTC)
    assert request.closed_at == datetime(2014, 3, 22, 13, 15, 41, tzinfo=UTC)
    assert request.updated_at == request.closed_at
    assert (request.status, request.channel) == (Status.CLOSED, "open311")
    assert request.service.name == "General Requests"
    assert request.department is not None
    assert request.department.name == "DPW - Bureau of Street Environmental Services - G"
    assert request.description == "dpw - bses - request_for_service"
    assert request.closure_reason == request.status_notes == "Case Completed - resolved:"
    assert (request.latitude, request.longitude) == (37.7096420386328, -122.464350497624)
    assert (request.address, request.zipcode) == ("Intersection of DE LONG ST and HEAD ST", "")
    assert request.media_url == (
        "http://mobile311.sfgov.org/media/san_francisco/report/photos/"
        "5321d2a7df866b0b5e621247/report.jpg"
    )


def test_it_keeps_an_open_case_open_and_reads_winter_times_as_pst():
    run_import(SF_CSV)

    open_case = imported("sf", "3600298")
    assert (open_case.status, open_case.closed_at, open_case.closure_reason) == ("new", None, "")
    assert open_case.description == "Odor: From_other_location"
    assert (open_case.address, open_case.zipcode) == (
        "420 BERRY ST, SAN FRANCISCO, CA, 94107",
        "94107",
    )

    # 12/03/2014 08:33:29 AM opened, 02:14:19 AM closed (PST, UTC-8): one of the 129.
    winter = imported("sf", "4264785")
    assert winter.requested_at == datetime(2014, 12, 3, 16, 33, 29, tzinfo=UTC)
    assert winter.closed_at == datetime(2014, 12, 3, 10, 14, 19, tzinfo=UTC)


def test_it_keeps_multi_line_and_non_ascii_notes_intact():
    run_import(SF_CSV)

    # All 92 records with an embedded newline have it in Status.Notes; the 12 with
    # non-ASCII characters too (curly quotes, ellipses).
    notes = values("status_notes")
    assert sum("\n" in note for note in notes) == 92
    assert sum(not note.isascii() for note in notes) == 12
    transferred = imported("sf", "2418830")
    assert transferred.status_notes == (
        "Case Transferred - Healthy Housing & Vector Control\n Program, DPH\n"
        " Roberto Arevalo, Inspector\n 415-252-3870"
    )
    assessor = imported("sf", "3036842")
    assert "Insufficient address info in Assessor\u2019s DB." in assessor.status_notes


def test_it_ignores_the_r_row_index():
    run_import(SF_CSV)
    # "552109" is the first record's R row index; its CaseID is 3600298.
    assert not ServiceRequest.objects.filter(source_id="552109").exists()
    assert ServiceRequest.objects.get(source_record=1).source_id == "3600298"


def test_it_changes_nothing_when_imported_again():
    run_import(SF_CSV)
    output = run_import(SF_CSV)
    assert "read 10,000, imported 0, updated 0, unchanged 10,000, quarantined 0" in output
