"""Event times a phone system could not have sent are refused: a time before 2000 or more
than a day ahead, per event; a wait or talk time from event times that is negative or longer
than a week, for the call's events; an agent state of more than a week is closed at its
start. Each is counted, and the call's figures stay as they were."""

import json
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from care311.contact_center.adapters.events import AgentAction, AgentEvent, CallEvent, CallKind
from care311.contact_center.models import AgentStateInterval, CallRecord, Source
from care311.contact_center.pipeline import Pipeline
from care311.contact_center.quality import Quality
from care311.contact_center.webhook import issue_key
from care311.imports.models import QuarantinedRecord

pytestmark = pytest.mark.django_db

NOW = timezone.now().replace(microsecond=0)
T = NOW - timedelta(days=1)
WEEK = 7 * 86400


def iso(moment: datetime) -> str:
    return moment.isoformat()


@pytest.fixture
def post(client):
    key = issue_key("pbx")

    def send(*events):
        body = json.dumps({"events": list(events)})
        response = client.post(
            "/contact-center/events", body, "application/json", HTTP_AUTHORIZATION=f"Bearer {key}"
        )
        assert response.status_code == 200
        return response.json()

    return send


def call(event_id: str, kind: str, at: object, **fields) -> dict:
    return {"id": event_id, "type": f"call.{kind}", "at": at, "call_id": "c1", **fields}


@pytest.mark.parametrize(
    ("at", "error"),
    [
        ("2999-01-01T00:00:00Z", "at: more than a day ahead of now"),
        pytest.param(
            iso(NOW + timedelta(days=1, hours=1)),
            "at: more than a day ahead of now",
            id="a day and an hour ahead",
        ),
        (0, "at: before 2000-01-01"),
        ("1999-12-31T23:59:59Z", "at: before 2000-01-01"),
    ],
)
def test_it_rejects_an_event_time_out_of_range(post, at, error):
    got = post(call("e1", "offered", at))

    assert got == {
        "accepted": 0,
        "duplicates": 0,
        "rejected": [{"index": 0, "id": "e1", "error": error}],
    }
    assert not CallRecord.objects.exists()


def test_it_takes_a_time_within_a_day_ahead_and_from_2000(post):
    got = post(
        call("e1", "offered", iso(NOW + timedelta(hours=23))),
        {**call("e2", "offered", "2000-01-01T00:00:00Z"), "call_id": "c2"},
    )

    assert (got["accepted"], got["rejected"]) == (2, [])


def test_a_call_that_ends_before_it_was_offered_is_refused_with_its_events(post):
    got = post(
        call("e1", "offered", iso(T)),
        call("e2", "answered", "2036-12-04T10:00:00Z"),
        call("e3", "ended", "2001-01-01T00:00:00Z"),
    )

    assert got["accepted"] == 0
    assert got["rejected"] == [
        {"index": 0, "id": "e1", "error": "at: ended before it was offered"},
        {"index": 1, "id": "e2", "error": "at: more than a day ahead of now"},
        {"index": 2, "id": "e3", "error": "at: ended before it was offered"},
    ]
    assert not CallRecord.objects.exists()
    assert QuarantinedRecord.objects.filter(source="webhook").count() == 3


def test_a_refused_event_can_be_sent_again_corrected_under_its_id(post):
    post(call("e1", "offered", iso(T)))
    refused = post(call("e2", "answered", iso(T - timedelta(seconds=5))))

    corrected = post(call("e2", "answered", iso(T + timedelta(seconds=5))))

    assert refused["rejected"] == [
        {"index": 0, "id": "e2", "error": "at: answered before it was offered"}
    ]
    assert corrected == {"accepted": 1, "duplicates": 0, "rejected": []}
    assert CallRecord.objects.get().wait_seconds == 5


def test_a_wait_of_more_than_a_week_leaves_the_call_as_it_was(post):
    post(call("e1", "offered", iso(T - timedelta(days=8))))

    got = post(call("e2", "answered", iso(T)))

    assert got["rejected"] == [
        {"index": 0, "id": "e2", "error": "at: a wait of more than 7 days between its times"}
    ]
    stored = CallRecord.objects.get()
    assert (stored.outcome, stored.answered_at, stored.wait_seconds) == ("waiting", None, None)


def test_a_week_exactly_is_taken(post):
    post(call("e1", "offered", iso(T - timedelta(seconds=WEEK))))

    got = post(call("e2", "answered", iso(T)))

    assert got["accepted"] == 1
    assert CallRecord.objects.get().wait_seconds == WEEK


def test_a_call_ended_before_it_was_answered_is_refused(post):
    post(call("e1", "offered", iso(T)), call("e2", "answered", iso(T + timedelta(seconds=10))))

    got = post(call("e3", "ended", iso(T + timedelta(seconds=5))))

    assert got["rejected"] == [
        {"index": 0, "id": "e3", "error": "at: ended before it was answered"}
    ]
    stored = CallRecord.objects.get()
    assert (stored.complete, stored.wait_seconds, stored.talk_seconds) == (False, 10, None)


def test_the_refusals_are_counted_in_the_quality_summary():
    quality = Quality("test", "webhook")
    pipeline = Pipeline(Source.WEBHOOK, quality)

    outcomes = pipeline.record_events(
        [
            CallEvent("a", CallKind.OFFERED, T),
            CallEvent("a", CallKind.ANSWERED, T + timedelta(days=8)),
            CallEvent("b", CallKind.OFFERED, T),
            CallEvent("b", CallKind.COMPLETED, T - timedelta(days=1)),
            CallEvent("c", CallKind.OFFERED, T),
        ]
    )

    assert outcomes.refused == {
        "a": "a wait of more than 7 days between its times",
        "b": "ended before it was offered",
    }
    assert (outcomes.created, list(CallRecord.objects.values_list("source_key", flat=True))) == (
        1,
        ["c"],
    )
    assert "  quarantined 1: calls refused: ended before it was offered" in quality.lines()


def test_an_agent_state_of_more_than_a_week_is_closed_at_its_start(post):
    start = T - timedelta(days=8)
    post(
        {"id": "a1", "type": "agent.state", "at": iso(start), "agent": "ana", "state": "available"}
    )

    got = post({"id": "a2", "type": "agent.state", "at": iso(T), "agent": "ana", "state": "paused"})

    assert got["accepted"] == 1
    intervals = sorted(
        AgentStateInterval.objects.values_list("state", "started_at", "ended_at"),
        key=lambda row: (row[1], row[0]),
    )
    assert intervals == [
        ("available", start, start),
        ("logged_in", start, None),  # the session goes on: a state report implies it
        ("paused", T, None),
    ]


def test_the_closed_intervals_are_counted_in_the_quality_summary():
    quality = Quality("test", "webhook")
    start = datetime(2025, 3, 1, tzinfo=UTC)
    events = [
        AgentEvent("ana", AgentAction.SWITCH, start, state="available"),
        AgentEvent("ana", AgentAction.LOGOUT, start + timedelta(seconds=WEEK + 1)),
        AgentEvent("ben", AgentAction.SWITCH, start, state="available"),
        AgentEvent("ben", AgentAction.LOGOUT, start + timedelta(seconds=WEEK)),
    ]

    Pipeline(Source.WEBHOOK, quality).record_events([], events)

    # ana's available state and her session; ben's week exactly stands
    assert quality.quarantined == {
        "agent state intervals of more than 7 days, closed at their start": 2
    }
    ended = dict(
        AgentStateInterval.objects.filter(state="available").values_list("agent__name", "ended_at")
    )
    assert ended == {"ana": start, "ben": start + timedelta(seconds=WEEK)}
