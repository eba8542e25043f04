"""The bank records' known defects are kept and counted, never dropped or invented.

The rows below are copied whole from ../shared/data/callcenter-anonymous-bank (January and
February 1999; Technion SEE Center "Anonymous Bank" data, research and teaching use).
"""

from datetime import UTC, datetime

import pytest

from care311.contact_center.models import CallRecord
from care311.contact_center.tests.conftest import import_calls, write_rows
from care311.imports.models import QuarantinedRecord

pytestmark = pytest.mark.django_db

HEADER = (
    "vru+line call_id customer_id priority type date vru_entry vru_exit vru_time q_start "
    "q_exit q_time outcome ser_start ser_exit ser_time server"
)
ROWS = [
    # a phantom: "a virtual call to be ignored"
    "AA0101 33180 69100527 2 PS 990103 10:19:09 10:19:15 6 10:19:15 10:19:31 16 PHANTOM "
    "10:19:30 10:20:13 43 NO_SERVER",
    # served, but by NO_SERVER
    "AA0101 33134 0 0 PS 990101 11:07:30 11:07:38 8 0:00:00 0:00:00 0 AGENT 11:07:43 "
    "11:07:46 3 NO_SERVER",
    # served straight from the VRU; service crosses midnight
    "AA0102 28748 0 0 PS 990105 23:59:15 23:59:34 19 0:00:00 0:00:00 0 AGENT 23:59:33 "
    "0:03:40 247 BENSION",
    # queued 5 s after entry, just before midnight; served after it
    "AA0213 12511 35796002 1 PS 990109 23:59:23 23:59:23 0 23:59:28 0:00:03 35 AGENT "
    "0:00:03 0:00:55 52 ANAT",
    # served, with no service times at all
    "AA0102 28607 11766342 1 PS 990104 13:01:45 13:01:51 6 13:01:51 13:04:08 137 AGENT "
    "0:00:00 0:00:00 0 IDIT",
    # hung up, yet with service times and an agent
    "AA0103 24653 0 0 NW 990113 6:27:54 6:28:03 9 6:28:03 6:46:10 1087 HANG 7:26:44 "
    "7:30:08 204 DARMON",
    # queued at midnight exactly: q_start 0:00:00 is a time here, not "none"
    "AA0102 31056 15696776 2 PS 990215 23:59:54 23:59:54 0 0:00:00 0:00:27 27 AGENT "
    "0:00:26 0:01:33 67 AVNI",
    # a type the documentation does not list, hung up in the VRU
    "AA0204 32649 0 0 AA 990113 4:12:26 4:13:04 38 0:00:00 0:00:00 0 HANG 0:00:00 "
    "0:00:00 0 NO_SERVER",
    # the VRU clock: exit before entry
    "AA0101 33757 33044546 1 PS 990113 15:46:01 15:45:24 -37 15:45:24 15:46:41 77 HANG "
    "0:00:00 0:00:00 0 NO_SERVER",
    # cut short
    "AA0101 99999 0 0 PS 990113 15:46:01",
]


@pytest.fixture
def defects(tmp_path):
    rows = [line.split(" ") for line in (HEADER, *ROWS)]
    return write_rows(tmp_path / "defects.txt", rows)


def _call(key: str) -> CallRecord:
    return CallRecord.objects.select_related("agent", "queue").get(source_key=key)


def _utc(year: int, month: int, day: int, hour: int, minute: int, second: int) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


def test_it_quarantines_phantoms_and_short_rows_and_counts_each_defect(defects):
    output = import_calls(defects)

    assert "read 10, calls created 8" in output
    assert dict(QuarantinedRecord.objects.values_list("record_no", "reason")) == {
        1: "phantom call: a virtual call the data's documentation says to ignore",
        10: "missing fields: 7 of 17",
    }
    for line in (
        "kept with a caveat 1: served by an unnamed agent (NO_SERVER)",
        "kept with a caveat 1: served with no service times (kept as incomplete)",
        "kept with a caveat 1: hung up, yet with service times (kept as abandoned)",
        "kept with a caveat 1: unknown call type (kept as its own queue)",
        "kept with a caveat 1: VRU exit before VRU entry (a clock fault; not used)",
        "answered, no completion line (incomplete): 1",
    ):
        assert line in output


def test_it_reads_times_after_midnight_as_the_next_day(defects):
    import_calls(defects)

    # Chicago is UTC-6 in January and February.
    straight = _call("990105-AA0102-28748")
    assert (straight.arrived_at, straight.wait_seconds) == (_utc(1999, 1, 6, 5, 59, 34), 0)
    assert straight.ended_at == _utc(1999, 1, 6, 6, 3, 40)
    assert straight.talk_seconds == 247
    queued = _call("990109-AA0213-12511")
    assert queued.arrived_at == _utc(1999, 1, 10, 5, 59, 28)
    assert queued.answered_at == _utc(1999, 1, 10, 6, 0, 3)
    assert (queued.wait_seconds, queued.talk_seconds) == (35, 52)
    midnight = _call("990215-AA0102-31056")
    assert midnight.arrived_at == _utc(1999, 2, 16, 6, 0, 0)
    assert (midnight.wait_seconds, str(midnight.agent)) == (27, "AVNI")


def test_it_keeps_each_odd_call_with_what_its_record_says(defects):
    import_calls(defects)

    unnamed = _call("990101-AA0101-33134")
    assert (unnamed.outcome, unnamed.agent, unnamed.talk_seconds) == ("answered", None, 3)
    no_times = _call("990104-AA0102-28607")
    assert (no_times.outcome, no_times.complete, no_times.talk_seconds) == ("answered", False, None)
    assert no_times.wait_seconds == 137
    hung_up = _call("990113-AA0103-24653")
    assert (hung_up.outcome, hung_up.wait_seconds, hung_up.agent) == ("abandoned", 1087, None)
    unknown = _call("990113-AA0204-32649")
    assert (unknown.outcome, unknown.queue.name) == ("ivr", "AA")
    clock = _call("990113-AA0101-33757")
    assert (clock.outcome, clock.wait_seconds) == ("abandoned", 77)
