"""The webhook refuses what it cannot take, says why, and keeps bad events for repair."""

import json

import pytest

from care311.contact_center.models import CallRecord
from care311.contact_center.webhook import issue_key
from care311.imports.models import QuarantinedRecord

pytestmark = pytest.mark.django_db
URL = "/contact-center/events"
GOOD = {"id": "ok", "type": "call.offered", "at": "2025-03-03T09:00:00Z", "call_id": "c1"}


@pytest.fixture
def key():
    return issue_key("pbx")


def _post(client, body, key, content_type="application/json"):
    return client.post(URL, body, content_type, HTTP_AUTHORIZATION=f"Bearer {key}")


@pytest.mark.parametrize("headers", [{}, {"HTTP_AUTHORIZATION": "Bearer not-a-key"}])
def test_it_needs_a_valid_key(client, key, headers):
    response = client.post(URL, json.dumps([GOOD]), "application/json", **headers)

    assert response.status_code == 401
    assert CallRecord.objects.count() == 0


def test_it_takes_the_key_in_an_x_api_key_header_too(client, key):
    response = client.post(URL, json.dumps([GOOD]), "application/json", HTTP_X_API_KEY=key)

    assert response.json()["accepted"] == 1


def test_it_refuses_a_revoked_key(client, key):
    from care311.contact_center.models import WebhookKey

    WebhookKey.objects.update(active=False)

    assert _post(client, json.dumps([GOOD]), key).status_code == 401


@pytest.mark.parametrize(
    ("body", "status"),
    [("not json", 400), (json.dumps({"events": "x"}), 400), (json.dumps([GOOD] * 10_001), 413)],
)
def test_it_refuses_a_body_it_cannot_read(client, key, body, status):
    assert _post(client, body, key).status_code == status


def test_it_rejects_bad_events_by_position_and_takes_the_rest(client, key):
    events = [
        GOOD,
        {"type": "call.offered", "at": "2025-03-03T09:00:00Z", "call_id": "c2"},
        {"id": "2", "type": "call.rang", "at": "2025-03-03T09:00:00Z", "call_id": "c2"},
        {
            "id": "3",
            "type": "call.offered",
            "at": "2025-03-03 09:00",
            "call_id": "c3",
            "caller": "+19185550123",
        },
        {"id": "4", "type": "call.ended", "at": "2025-03-03T09:00:00Z"},
        {
            "id": "5",
            "type": "call.ended",
            "at": "2025-03-03T09:00:00Z",
            "call_id": "c1",
            "talk_seconds": -4,
        },
        {
            "id": "6",
            "type": "agent.state",
            "at": "2025-03-03T09:00:00Z",
            "agent": "ana",
            "state": "dancing",
        },
        "an event",
    ]

    got = _post(client, json.dumps({"events": events}), key).json()

    assert got["accepted"] == 1
    assert got["rejected"] == [
        {"index": 1, "id": None, "error": "id: required"},
        {"index": 2, "id": "2", "error": "type: unknown event type 'call.rang'"},
        {"index": 3, "id": "3", "error": "at: give a zone offset (e.g. Z or -06:00)"},
        {"index": 4, "id": "4", "error": "call_id: required for call events"},
        {"index": 5, "id": "5", "error": "talk_seconds: a number, 0 or more"},
        {
            "index": 6,
            "id": "6",
            "error": "state: logged_out, available, on_call, wrap_up or paused",
        },
        {"index": 7, "id": None, "error": "an event is a JSON object"},
    ]
    kept = QuarantinedRecord.objects.get(source="webhook", record_no=4)
    assert "+19185550123" not in kept.raw
    assert QuarantinedRecord.objects.filter(source="webhook").count() == 7
