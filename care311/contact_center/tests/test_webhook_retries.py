"""A retried batch changes nothing: events are taken once per id and key."""

import json

import pytest

from care311.contact_center.models import CallRecord, IntervalSummary, WebhookEvent
from care311.contact_center.webhook import issue_key

pytestmark = pytest.mark.django_db

BATCH = [
    {"id": "e1", "type": "call.offered", "at": "2025-03-03T09:00:00-06:00", "call_id": "c1"},
    {
        "id": "e2",
        "type": "call.answered",
        "at": "2025-03-03T09:00:20-06:00",
        "call_id": "c1",
        "agent": "ana",
    },
    {"id": "e3", "type": "call.ended", "at": "2025-03-03T09:03:00-06:00", "call_id": "c1"},
]


@pytest.fixture
def post(client):
    keys = {name: issue_key(name) for name in ("first pbx", "second pbx")}

    def send(events, key="first pbx"):
        body = json.dumps({"events": events})
        return client.post(
            "/contact-center/events",
            body,
            "application/json",
            HTTP_AUTHORIZATION=f"Bearer {keys[key]}",
        ).json()

    return send


def _state() -> tuple:
    calls = list(
        CallRecord.objects.values_list("source_key", "outcome", "wait_seconds", "talk_seconds")
    )
    sums = list(IntervalSummary.objects.values_list("answered", "wait_answered", "talk"))
    return calls, sums


def test_it_skips_a_whole_batch_sent_again(post):
    assert post(BATCH) == {"accepted": 3, "duplicates": 0, "rejected": []}
    before = _state()

    assert post(BATCH) == {"accepted": 0, "duplicates": 3, "rejected": []}

    assert _state() == before
    assert WebhookEvent.objects.count() == 3


def test_it_takes_the_new_events_of_a_partly_repeated_batch(post):
    post(BATCH[:2])

    got = post(BATCH)

    assert got == {"accepted": 1, "duplicates": 2, "rejected": []}
    assert CallRecord.objects.get().talk_seconds == 160


def test_it_counts_the_same_id_twice_in_one_batch_once(post):
    assert post([BATCH[0], BATCH[0]]) == {"accepted": 1, "duplicates": 1, "rejected": []}


def test_it_keeps_each_phone_systems_ids_and_calls_apart(post):
    post(BATCH, key="first pbx")

    got = post(BATCH, key="second pbx")

    assert got["accepted"] == 3
    assert CallRecord.objects.count() == 2
