"""A phone system posts JSON events; calls and agent states come out of them in any order."""

import json
from datetime import UTC, date, datetime

import pytest

from care311.contact_center.metrics import summaries
from care311.contact_center.models import AgentStateInterval, CallRecord, IntervalSummary
from care311.contact_center.tests.conftest import figures
from care311.contact_center.webhook import issue_key

pytestmark = pytest.mark.django_db

DAY = date(2025, 3, 3)


@pytest.fixture
def post(client):
    key = issue_key("cloud pbx")

    def send(*events, **headers):
        headers.setdefault("HTTP_AUTHORIZATION", f"Bearer {key}")
        body = json.dumps({"events": list(events)})
        return client.post("/contact-center/events", body, "application/json", **headers)

    return send


def at(clock: str) -> str:
    return f"2025-03-03T{clock}-06:00"  # Chicago, standard time


def test_it_makes_a_call_record_from_offered_answered_and_ended(post):
    response = post(
        {
            "id": "e1",
            "type": "call.offered",
            "at": at("09:00:00"),
            "call_id": "c1",
            "queue": "general",
            "caller": "+19185550100",
        },
        {
            "id": "e2",
            "type": "call.answered",
            "at": at("09:00:12"),
            "call_id": "c1",
            "agent": "ana",
            "ring_seconds": 3,
        },
        {
            "id": "e3",
            "type": "call.ended",
            "at": at("09:04:12"),
            "call_id": "c1",
            "hold_seconds": 30,
            "wrap_seconds": 45,
            "ended_by": "caller",
        },
    )

    assert response.status_code == 200
    assert response.json() == {"accepted": 3, "duplicates": 0, "rejected": []}
    call = CallRecord.objects.get()
    assert call.arrived_at == datetime(2025, 3, 3, 15, 0, 0, tzinfo=UTC)
    assert (call.outcome, call.complete, call.ended_by) == ("answered", True, "caller")
    # Wait from the event times; talk is the 240 s from answer to end less the 30 s held.
    assert (call.wait_seconds, call.talk_seconds, call.hold_seconds) == (12, 210, 30)
    assert (call.ring_seconds, call.wrap_seconds, call.caller_number) == (3, 45, "+19185550100")
    assert figures(DAY)["aht"] == 210 + 30 + 45


def test_it_merges_events_that_come_out_of_order_across_batches(post):
    post({"id": "e3", "type": "call.ended", "at": at("10:05:00"), "call_id": "c2"})
    post(
        {"id": "e2", "type": "call.answered", "at": at("10:01:00"), "call_id": "c2", "agent": "ben"}
    )
    post(
        {
            "id": "e1",
            "type": "call.offered",
            "at": at("10:00:30"),
            "call_id": "c2",
            "queue": "water",
        }
    )

    call = CallRecord.objects.select_related("queue", "agent").get()
    assert call.arrived_at == datetime(2025, 3, 3, 16, 0, 30, tzinfo=UTC)
    assert (call.queue.name, str(call.agent), call.outcome) == ("water", "ben", "answered")
    assert (call.wait_seconds, call.talk_seconds) == (30, 240)
    got = figures(DAY, DAY, "queue", "water")
    assert (got["answered"], got["asa"], got["aht"]) == (1, 30, 240)
    # The summaries took the call's first guesses out again as the better events came.
    running = sorted(
        IntervalSummary.objects.values_list("quarter", "answered", "talk", "wait_answered")
    )
    summaries.rebuild()
    assert (
        sorted(IntervalSummary.objects.values_list("quarter", "answered", "talk", "wait_answered"))
        == running
    )


def test_it_takes_abandons_transfers_timeouts_and_exits(post):
    post(
        {"id": "1", "type": "call.offered", "at": at("11:00:00"), "call_id": "a"},
        {"id": "2", "type": "call.abandoned", "at": at("11:00:04"), "call_id": "a"},
        {"id": "3", "type": "call.offered", "at": at("11:00:00"), "call_id": "t"},
        {"id": "4", "type": "call.answered", "at": at("11:00:10"), "call_id": "t", "agent": "ana"},
        {
            "id": "5",
            "type": "call.transferred",
            "at": at("11:01:10"),
            "call_id": "t",
            "transfer_target": "water dept",
        },
        {"id": "6", "type": "call.offered", "at": at("11:00:00"), "call_id": "o"},
        {"id": "7", "type": "call.timed_out", "at": at("11:05:00"), "call_id": "o"},
        {"id": "8", "type": "call.offered", "at": at("11:00:00"), "call_id": "k"},
        {"id": "9", "type": "call.exited", "reason": "key", "at": at("11:00:30"), "call_id": "k"},
    )

    got = {
        c.source_key.split(":")[1]: (c.outcome, c.wait_seconds) for c in CallRecord.objects.all()
    }
    assert got == {
        "a": ("abandoned", 4),
        "t": ("transferred", 10),
        "o": ("timed_out", 300),
        "k": ("exited_key", 30),
    }
    day = figures(DAY)
    assert (day["offered"], day["answered"], day["transfers"], day["short_abandons"]) == (
        4,
        1,
        1,
        1,
    )


def test_it_builds_agent_state_intervals_from_state_changes(post):
    post(
        {
            "id": "s1",
            "type": "agent.state",
            "at": at("08:00:00"),
            "agent": "ana",
            "state": "available",
        },
        {
            "id": "s2",
            "type": "agent.state",
            "at": at("08:10:00"),
            "agent": "ana",
            "state": "on_call",
        },
        {
            "id": "s3",
            "type": "agent.state",
            "at": at("08:14:00"),
            "agent": "ana",
            "state": "wrap_up",
        },
        {
            "id": "s4",
            "type": "agent.state",
            "at": at("08:15:00"),
            "agent": "ana",
            "state": "paused",
            "reason": "break",
        },
        {
            "id": "s5",
            "type": "agent.state",
            "at": at("08:30:00"),
            "agent": "ana",
            "state": "logged_out",
        },
    )

    spans = sorted(
        (i.state, f"{i.started_at:%H:%M}", f"{i.ended_at:%H:%M}", i.reason)
        for i in AgentStateInterval.objects.all()
    )
    assert spans == [
        ("available", "14:00", "14:10", ""),
        ("logged_in", "14:00", "14:30", ""),
        ("on_call", "14:10", "14:14", ""),
        ("paused", "14:15", "14:30", "break"),
        ("wrap_up", "14:14", "14:15", ""),
    ]
    got = figures(DAY, DAY, "agent", "ana")
    # (4 min on the call + 1 min wrap-up) / (30 min logged in - 15 paused)
    assert got["occupancy"] == pytest.approx(100 * 5 / 15)
    assert got["utilization"] == pytest.approx(100 * 5 / 30)
