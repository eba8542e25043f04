"""A queue_log with every defect the issue names imports without a crash or a double count,
and says what it found in the data-quality summary.

T = 1700002800 is 2023-11-14 23:00:00 UTC, 17:00 CST in Chicago.
"""

from datetime import UTC, datetime, timedelta

import pytest

from care311.contact_center.models import AgentStateInterval, CallRecord
from care311.contact_center.tests.conftest import import_calls
from care311.imports.models import QuarantinedRecord

pytestmark = pytest.mark.django_db

T = 1700002800
LINES = [
    f"{T}|NONE|NONE|Agent/100|AGENTLOGIN|SIP/100",
    f"{T}|NONE|NONE|Agent/200|AGENTLOGIN|SIP/200",
    f"{T + 10}|c1|sales|NONE|ENTERQUEUE||5551234",
    f"{T + 15}|c1|sales|Agent/100|CONNECT|5|c1b|2",
    f"{T + 75}|c1|sales|Agent/100|COMPLETECALLER|5|60|1",
    f"{T + 75}|c1|sales|Agent/100|COMPLETECALLER|5|60|1",  # the same line twice
    f"{T + 100}|c2|sales|Agent/200|TRANSFER|200|from-internal|8|30|1",  # no ENTER, no CONNECT
    f"{T + 120}|c3|sales|NONE|ENTERQUEUE||anonymous",
    f"{T + 110}|c4|sales|NONE|ENTERQUEUE||5550000",  # earlier than the line before
    f"{T + 130}|c4|sales|NONE|ABANDON|1|2",  # no wait field: the wait comes from the times
    f"{T + 150}|c3|sales|NONE|EXITWITHTIMEOUT|1|1|30",
    f"{T + 160}|c5|sales|NONE|ENTERQUEUE||",
    f"{T + 163}|c5|sales|NONE|EXITWITHKEY|5|1|1|3",
    f"{T + 170}|c6|sales|NONE|ENTERQUEUE||",
    f"{T + 170}|c6|sales|NONE|EXITEMPTY|1|1|0",
    f"{T + 200}|NONE|NONE|Agent/100|PAUSE|lunch",
    f"{T + 260}|NONE|NONE|Agent/100|UNPAUSE|",
    f"{T + 270}|c7|sales|NONE|SOMETHINGNEW|x|y",  # an event type care311 does not know
    f"{T + 280}|c8|sales",  # cut short
    "yesterday|c9|sales|NONE|ENTERQUEUE||1",
    f"{T + 300}|c10|sales|NONE|ENTERQUEUE||",
    f"{T + 304}|c10|sales|Agent/200|CONNECT|4|c10b|1",
    f"{T + 305}|c11|sales|Agent/200|CONNECT|soon|c11b|1",
    f"{T + 310}|c10|sales|Agent/200|ATTENDEDTRANSFER|BRIDGE|abc123|4|6|1",
    f"{T + 900}|NONE|NONE|Agent/100|AGENTLOGOFF|SIP/100|900",
    f"{T + 900}|NONE|NONE|Agent/200|AGENTLOGOFF|SIP/200|900",
]


@pytest.fixture
def bad_log(tmp_path):
    path = tmp_path / "queue_log"
    path.write_text("\n".join(LINES) + "\n")
    return path


def _at(seconds: int) -> datetime:
    return datetime.fromtimestamp(T, UTC) + timedelta(seconds=seconds)


def test_it_imports_what_it_can_and_counts_the_rest(bad_log):
    output = import_calls(bad_log)

    assert "read 26, calls created 7, updated 0, unchanged 0" in output
    assert "quarantined 4" in output
    assert "  duplicate events skipped: 1" in output
    assert "  out-of-order times (kept, merged by call): 1" in output
    assert "  unknown event type SOMETHINGNEW: 1 (kept in quarantine)" in output
    for line in (
        "  quarantined 1: missing fields",
        "  quarantined 1: unknown event type",
        "  quarantined 1: unparseable time",
        "  quarantined 1: not a number in the hold time field",
        "  kept with a caveat 1: ABANDON line with missing data fields",
        "  kept with a caveat 1: call with no entering line (arrival from its durations)",
        "  kept with a caveat 1: transferred with no answer line (answer time from the talk time)",
    ):
        assert line in output


def test_it_keeps_unknown_and_broken_lines_whole_in_the_quarantine(bad_log):
    import_calls(bad_log)

    kept = dict(QuarantinedRecord.objects.values_list("record_no", "reason"))
    assert kept == {
        18: "unknown event type: SOMETHINGNEW",
        19: "missing fields: fewer than time|callid|queue|agent|event",
        20: "unparseable time: 'yesterday'",
        23: "not a number in the hold time field: 'soon'",
    }
    assert QuarantinedRecord.objects.get(record_no=18).raw == LINES[17]


def test_it_reads_each_way_a_call_can_leave_the_queue(bad_log):
    import_calls(bad_log)

    calls = {call.source_key: call for call in CallRecord.objects.all()}
    got = {
        key: (call.outcome, call.complete, call.wait_seconds, call.talk_seconds)
        for key, call in calls.items()
    }
    assert got == {
        "c1": ("answered", True, 5, 60),
        "c2": ("transferred", True, 8, 30),
        "c3": ("timed_out", True, 30, None),
        "c4": ("abandoned", True, 20, None),
        "c5": ("exited_key", True, 3, None),
        "c6": ("exited_empty", True, 0, None),
        "c10": ("transferred", True, 4, 6),
    }
    # The transfer with no ENTERQUEUE or CONNECT line: answered 30 s (its talk time) before
    # the transfer, having waited 8 s before that.
    assert calls["c2"].answered_at == _at(70)
    assert calls["c2"].arrived_at == _at(62)
    assert calls["c2"].transfer_target == "200@from-internal"
    assert calls["c10"].transfer_target == "BRIDGE@abc123"


def test_it_builds_agent_sessions_pauses_and_calls(bad_log):
    import_calls(bad_log)

    spans = {
        (i.agent.name, i.state, i.started_at, i.ended_at, i.reason)
        for i in AgentStateInterval.objects.select_related("agent")
    }
    assert spans == {
        ("Agent/100", "logged_in", _at(0), _at(900), ""),
        ("Agent/100", "on_call", _at(15), _at(75), ""),
        ("Agent/100", "paused", _at(200), _at(260), "lunch"),
        ("Agent/200", "logged_in", _at(0), _at(900), ""),
        ("Agent/200", "on_call", _at(304), _at(310), ""),
    }


def test_it_changes_nothing_when_the_same_file_comes_again(bad_log):
    import_calls(bad_log)
    before = list(CallRecord.objects.order_by("source_key").values())

    output = import_calls(bad_log)

    assert "calls created 0, updated 0, unchanged 7, agent state intervals 0" in output
    assert list(CallRecord.objects.order_by("source_key").values()) == before
    assert AgentStateInterval.objects.count() == 5
    assert QuarantinedRecord.objects.count() == 4
