"""Importing the same records again changes nothing; a changed record is updated once."""

import pytest

from care311.catalog.models import ServiceType
from care311.imports.tests.support import NYC_CSV, nyc_rows, run_import, write_csv
from care311.service_requests.models import EventKind, HistoryEvent, ServiceRequest

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        list(ServiceRequest.objects.order_by("id").values()),
        list(HistoryEvent.objects.order_by("id").values()),
        ServiceType.objects.count(),
    )


def test_it_changes_nothing_when_the_same_file_is_imported_again():
    run_import(NYC_CSV)
    before = snapshot()
    output = run_import(NYC_CSV)
    assert "read 1,000, imported 0, updated 0, unchanged 1,000, quarantined 0" in output
    assert snapshot() == before


def test_it_updates_records_that_changed_in_a_later_export(tmp_path):
    header, rows = nyc_rows("40792848", "40803658", "39573567")
    status = header.index("Status")
    run_import(write_csv(tmp_path / "monday.csv", header, rows))

    rows[0][header.index("Descriptor")] = "Corrected descriptor"
    rows[1][status] = "Open"
    rows[1][header.index("Closed Date")] = ""
    output = run_import(write_csv(tmp_path / "tuesday.csv", header, rows))

    assert "read 3, imported 0, updated 2, unchanged 1, quarantined 0" in output
    assert ServiceRequest.objects.get(source_id="40792848").description == "Corrected descriptor"
    reopened = ServiceRequest.objects.get(source_id="40803658")
    assert (reopened.status, reopened.closed_at) == ("new", None)
    events = HistoryEvent.objects.filter(kind=EventKind.REIMPORTED)
    assert events.count() == 2
    assert events.get(request=reopened).changes == {"status": ["closed", "new"]}
    assert ServiceRequest.objects.count() == 3
