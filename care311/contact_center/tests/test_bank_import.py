"""A day of the bank's call-by-call records (Monday 4 January 1999, read from
../shared/data/callcenter-anonymous-bank) imports with figures that match the records' own
fields.

The expectations are computed here from the raw rows with the data's documentation as the
only guide: AGENT = served, HANG = hung up, PHANTOM = ignore; q_start 0:00:00 (with q_time
0) = never reached the queue; q_time is the wait and ser_time the service time. Calls that
cross midnight arrive on 5 January, so the report covers both days.
"""

from datetime import date

import pytest

from care311.contact_center.models import CallRecord
from care311.contact_center.tests.conftest import bank_rows, figures, import_calls, write_rows

pytestmark = pytest.mark.django_db

DAY = "990104"


def _expected(rows: list[list[str]]) -> dict:
    calls = [row for row in rows[1:] if row[12] != "PHANTOM"]
    served = [row for row in calls if row[12] == "AGENT"]
    queued = [row for row in calls if row[9] != "0:00:00" or row[11] != "0"]
    hung_up = [row for row in queued if row[12] == "HANG"]
    # A served call with no service start or time has no end: its handle time is unknown.
    handled = [row for row in served if row[13] != "0:00:00" or row[15] != "0"]
    waits = [int(row[11]) for row in served]
    return {
        "phantoms": len(rows) - 1 - len(calls),
        "answered": len(served),
        "abandoned": len(hung_up),
        "ivr": len(calls) - len(served) - len(hung_up),
        "within_20": sum(wait <= 20 for wait in waits),
        "wait_answered": sum(waits),
        "wait_abandoned": sum(int(row[11]) for row in hung_up),
        "handled": len(handled),
        "service": sum(int(row[15]) for row in handled),
    }


@pytest.fixture
def day(tmp_path):
    rows = bank_rows("01_January.txt", DAY)
    return write_rows(tmp_path / "bank-1999-01-04.txt", rows), _expected(rows)


def test_it_imports_every_call_but_the_phantoms(day):
    path, expected = day

    output = import_calls(path)

    calls = expected["answered"] + expected["abandoned"] + expected["ivr"]
    assert CallRecord.objects.count() == calls
    assert f"calls created {calls:,}" in output
    assert f"quarantined {expected['phantoms']}: phantom call" in output
    assert "events: AGENT" in output


def test_it_computes_the_figures_the_records_own_fields_give(day):
    path, expected = day
    import_calls(path)

    got = figures(date(1999, 1, 4), date(1999, 1, 5))

    offered = expected["answered"] + expected["abandoned"]
    assert got["offered"] == offered
    assert got["answered"] == expected["answered"]
    assert got["abandoned"] == expected["abandoned"]
    assert got["service_level_offered"] == pytest.approx(100 * expected["within_20"] / offered)
    assert got["asa"] == pytest.approx(expected["wait_answered"] / expected["answered"])
    assert got["average_time_to_abandon"] == pytest.approx(
        expected["wait_abandoned"] / expected["abandoned"]
    )
    assert got["abandonment_rate"] == pytest.approx(100 * expected["abandoned"] / offered)
    assert got["aht"] == pytest.approx(expected["service"] / expected["handled"])
    assert got["incomplete"] == expected["answered"] - expected["handled"]


def test_it_makes_each_call_type_a_queue(day):
    path, _ = day
    import_calls(path)

    rows = bank_rows("01_January.txt", DAY)[1:]
    for kind in ("PS", "NW", "NE", "TT"):
        of_kind = [row for row in rows if row[4] == kind and row[12] == "AGENT"]
        got = figures(date(1999, 1, 4), date(1999, 1, 5), "queue", kind)
        assert got["answered"] == len(of_kind), kind
        assert got["asa"] == pytest.approx(sum(int(row[11]) for row in of_kind) / len(of_kind))


def test_it_changes_nothing_when_imported_again(day):
    path, _ = day
    import_calls(path)
    before = sorted(CallRecord.objects.values_list("source_key", "outcome", "wait_seconds"))

    output = import_calls(path)

    assert "calls created 0, updated 0" in output
    assert sorted(CallRecord.objects.values_list("source_key", "outcome", "wait_seconds")) == before
