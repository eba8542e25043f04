"""The CSV export parses with the csv module: one row per published request, the data
dictionary's columns, times ISO-8601 with the city's offset."""

import csv
import io
from datetime import datetime

import pytest

from care311.analytics.opendata.columns import NAMES
from care311.analytics.opendata.rows import published_requests
from care311.analytics.tests.exports import exported
from care311.service_requests.models import ServiceRequest

pytestmark = pytest.mark.django_db


def rows(text: str) -> list[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    assert tuple(reader.fieldnames or ()) == NAMES
    return list(reader)


def test_it_writes_one_row_per_published_request_of_real_data(tmp_path, nyc, residents_requests):
    written = rows(exported("csv", tmp_path))

    assert len(written) == published_requests().count() == 1003
    assert ServiceRequest.objects.count() == 1004  # the internal service's stays out
    assert "Internal only" not in {row["description"] for row in written}
    assert sum(1 for row in written if row["latitude"] == "") == 107 + 1


def test_it_writes_times_with_the_city_offset_and_scrubbed_text(tmp_path, residents_requests):
    written = {row["service_request_id"]: row for row in rows(exported("csv", tmp_path))}
    first = written[residents_requests[0].public_id]
    closed = written[residents_requests[2].public_id]

    # 15:00 UTC on 3 March 2025 is 09:00 in Chicago (CST, UTC-6).
    assert first["requested_datetime"] == "2025-03-03T09:00:00-06:00"
    assert datetime.fromisoformat(closed["closed_datetime"]).utcoffset() is not None
    assert first["description"] == "Deep hole. Call me at [phone removed] or [email removed]"
    assert (first["latitude"], first["longitude"]) == ("36.154", "-95.9928")
    assert closed["closure_reason"] == "Removed; emailed [email removed]"
    assert closed["status_notes"] == "Painted over."
    assert (closed["status"], closed["channel"], closed["service_code"]) == (
        "closed",
        "app",
        "PRK-GRAFFITI",
    )
    assert written[residents_requests[1].public_id]["status_notes"] == (
        "Spoke to caller on [phone removed], crew sent."
    )
