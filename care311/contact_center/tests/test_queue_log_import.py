"""The real FreePBX queue_log (../shared/data/asterisk-queue-log) imports call by call.

Expected values were read off the file by hand, one ENTERQUEUE at a time (the call id is
the second field; "hold" in CONNECT, COMPLETE* and the last ABANDON field is the wait):

 #  call id          entered   outcome       wait  talk  agent
 1  1266833905.2     10:18:31  COMPLETEAGENT    1     3  2004
 2  1266833925.10    10:18:51  COMPLETECALLER   2     4  2004
 3  1266833996.30    10:20:02  COMPLETEAGENT   36     8  2004
 4  1266833996.31    10:20:02  ABANDON         13
 5  1266834354.91    10:26:00  COMPLETEAGENT    6    12  2004
 6  1266834373.111   10:26:19  ABANDON         45
 7  1266834395.133   10:26:41  ABANDON         17
 8  1266834930.224   10:35:36  ABANDON         32
 9  1266834944.243   10:35:50  ABANDON         17
10  1266835305.314   10:41:51  ABANDON         21
11  1266835312.323   10:41:57  ABANDON         15
12  1266835670.372   10:47:55  ABANDON         23
13  1266835675.373   10:48:00  ABANDON         17
14  1266838530.439   11:35:36  COMPLETEAGENT   84     5  2001
15  1266838641.456   11:37:27  COMPLETEAGENT    4    13  2004
16  1266838854.466   11:41:03  COMPLETEAGENT    5     0  2004
17  1266839066.474   11:44:35  ABANDON         10
18  1266839336.507   11:49:05  ABANDON          2
19  1266839441.521   11:50:50  ABANDON          3
20  1266839761.533   11:56:10  CONNECT only     5     -  2004   (no completion line)
21  1266839768.534   11:56:17  still ringing agents when the file ends

(times UTC on 2010-02-22). 278 lines: the last has no line end.
"""

from datetime import UTC, datetime

import pytest

from care311.contact_center.models import Agent, AgentStateInterval, CallRecord, Outcome
from care311.contact_center.tests.conftest import import_calls
from care311.imports.models import ImportRun

pytestmark = pytest.mark.django_db

AGENT_2004 = "Local/2004@from-internal/n"
AGENT_2001 = "Local/2001@from-internal/n"


def _calls() -> dict[str, CallRecord]:
    return {call.source_key: call for call in CallRecord.objects.select_related("agent")}


def test_it_makes_one_record_per_call_with_the_logs_own_waits_and_talk_times(queue_log):
    import_calls(queue_log)

    calls = _calls()
    assert len(calls) == 21
    answered = {
        key: (call.wait_seconds, call.talk_seconds, call.agent and call.agent.name)
        for key, call in calls.items()
        if call.outcome == Outcome.ANSWERED and call.complete
    }
    assert answered == {
        "1266833905.2": (1, 3, AGENT_2004),
        "1266833925.10": (2, 4, AGENT_2004),
        "1266833996.30": (36, 8, AGENT_2004),
        "1266834354.91": (6, 12, AGENT_2004),
        "1266838530.439": (84, 5, AGENT_2001),
        "1266838641.456": (4, 13, AGENT_2004),
        "1266838854.466": (5, 0, AGENT_2004),
    }
    abandoned = sorted(
        (key, call.wait_seconds) for key, call in calls.items() if call.outcome == Outcome.ABANDONED
    )
    assert abandoned == [
        ("1266833996.31", 13),
        ("1266834373.111", 45),
        ("1266834395.133", 17),
        ("1266834930.224", 32),
        ("1266834944.243", 17),
        ("1266835305.314", 21),
        ("1266835312.323", 15),
        ("1266835670.372", 23),
        ("1266835675.373", 17),
        ("1266839066.474", 10),
        ("1266839336.507", 2),
        ("1266839441.521", 3),
    ]


def test_it_keeps_the_call_still_waiting_and_the_one_never_completed_as_incomplete(queue_log):
    output = import_calls(queue_log)

    calls = _calls()
    connected = calls["1266839761.533"]
    assert (connected.outcome, connected.complete) == (Outcome.ANSWERED, False)
    assert (connected.wait_seconds, connected.talk_seconds, connected.ended_at) == (5, None, None)
    assert connected.answered_at == datetime(2010, 2, 22, 11, 56, 15, tzinfo=UTC)
    waiting = calls["1266839768.534"]
    assert (waiting.outcome, waiting.complete, waiting.wait_seconds) == ("waiting", False, None)
    assert waiting.arrived_at == datetime(2010, 2, 22, 11, 56, 17, tzinfo=UTC)
    assert "still waiting when the input ended: 1" in output
    assert "answered, no completion line (incomplete): 1" in output


def test_it_ends_with_a_data_quality_summary_and_records_the_run(queue_log):
    output = import_calls(queue_log)

    assert output.splitlines()[0].startswith(
        "freepbx-2010-queue_log.txt (asterisk-queue-log): read 278, calls created 21, "
        "updated 0, unchanged 0, agent state intervals 8, quarantined 0"
    )
    assert (
        "  events: ABANDON 12, COMPLETEAGENT 6, COMPLETECALLER 1, CONFIGRELOAD 7, CONNECT 8, "
        "ENTERQUEUE 21, QUEUESTART 2, RINGNOANSWER 221"
    ) in output
    # 221 RINGNOANSWER lines: their ring times (milliseconds) add up to 351 seconds.
    assert "unanswered ringing: 351.0 s in all" in output
    run = ImportRun.objects.get()
    assert (run.format, run.state) == ("asterisk-queue-log", "finished")
    assert run.summary["waiting_at_end"] == 1
    assert run.summary["events"]["CONNECT"] == 8


def test_it_puts_agents_on_a_call_from_connect_to_completion(queue_log):
    import_calls(queue_log)

    intervals = AgentStateInterval.objects.filter(agent__name=AGENT_2004).order_by("started_at")
    spans = [(i.state, i.started_at.strftime("%H:%M:%S"), i.ended_at) for i in intervals]
    assert len(spans) == 7
    assert spans[0][:2] == ("on_call", "10:18:32")
    assert spans[0][2] == datetime(2010, 2, 22, 10, 18, 35, tzinfo=UTC)
    # The call with no completion line leaves its agent on it: the interval stays open.
    assert spans[-1] == ("on_call", "11:56:15", None)
    assert Agent.objects.count() == 2


def test_it_keeps_caller_numbers_but_not_anonymous(queue_log):
    import_calls(queue_log)

    calls = _calls()
    assert calls["1266833905.2"].caller_number == "01773597776"
    assert calls["1266833996.30"].caller_number == ""
