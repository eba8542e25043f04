"""Events holding what no phone system sends (NaN, a year out of range, a NUL, a lone
surrogate) are rejected one by one in the JSON answer; the rest of the batch is taken.
Bodies it cannot read, and methods other than POST, get a JSON error, never an HTML 500."""

import json

import pytest

from care311.contact_center.models import CallRecord, Queue
from care311.contact_center.webhook import issue_key
from care311.imports.models import QuarantinedRecord

pytestmark = pytest.mark.django_db
URL = "/contact-center/events"
TOO_DEEP = "the body is not JSON care311 reads: nested more than 32 deep"
AT = "2025-03-03T09:00:00Z"
GOOD = {"id": "ok", "type": "call.offered", "at": AT, "call_id": "c1", "queue": "water"}


@pytest.fixture
def key():
    return issue_key("pbx")


def _post(client, body: str, key: str):
    return client.post(URL, body, "application/json", HTTP_AUTHORIZATION=f"Bearer {key}")


def _ended(event_id: str, **fields) -> dict:
    return {"id": event_id, "type": "call.ended", "at": AT, "call_id": "c9", **fields}


BAD = [
    (_ended("1", talk_seconds=float("nan")), "talk_seconds: a finite number (not NaN or Infinity)"),
    (_ended("2", hold_seconds=float("inf")), "hold_seconds: a finite number (not NaN or Infinity)"),
    (_ended("3", position=float("nan")), "position: a finite number (not NaN or Infinity)"),
    (_ended("4", at="9999-12-31T23:59:59-14:00"), "at: more than a day ahead of now"),
    (_ended("5", at="0001-01-01T00:00:00+14:00"), "at: before 2000-01-01"),
    (_ended("6", at=1e300), "at: more than a day ahead of now"),
    (_ended("7", at=float("nan")), "at: ISO 8601 with a zone offset, or seconds since 1970"),
    (_ended("\ud800x"), "id: not valid Unicode (a lone surrogate)"),
    (_ended("9", queue="\ud800x"), "queue: not valid Unicode (a lone surrogate)"),
    (_ended("10", call_id="c\udfff"), "call_id: not valid Unicode (a lone surrogate)"),
    (_ended("a\x00b"), "id: contains a NUL character"),
    (_ended("12", call_id="c\x00"), "call_id: contains a NUL character"),
    (_ended("13", queue="wa\x00ter"), "queue: contains a NUL character"),
    (_ended("14", agent="ana\x00"), "agent: contains a NUL character"),
    (_ended("15", channel="\x00phone"), "channel: contains a NUL character"),
    (_ended("16", transfer_target="x\x00"), "transfer_target: contains a NUL character"),
    (
        {"id": "17", "type": "call.offered", "at": AT, "call_id": "c9", "caller": "+1\x00"},
        "caller: contains a NUL character",
    ),
    (
        {"id": "18", "type": "agent.state", "at": AT, "agent": "ana", "state": "paused",
         "reason": "lunch\x00"},
        "reason: contains a NUL character",
    ),
    (_ended("19", type=["call.ended"]), "type: text, such as call.offered"),
    (
        {"id": "20", "type": "agent.state", "at": AT, "agent": "ana", "state": ["paused"]},
        "state: logged_out, available, on_call, wrap_up or paused",
    ),
]  # fmt: skip


def test_it_rejects_each_bad_event_by_field_and_takes_the_rest(client, key):
    events = [GOOD, *(event for event, _ in BAD)]

    response = _post(client, json.dumps({"events": events}), key)

    assert response.status_code == 200
    got = response.json()
    assert (got["accepted"], got["duplicates"]) == (1, 0)
    assert got["rejected"] == [
        {"index": index, "id": event["id"], "error": error}
        for index, (event, error) in enumerate(BAD, start=1)
    ]
    assert list(CallRecord.objects.values_list("source_key", flat=True)) == [f"{key_pk()}:c1"]
    assert list(Queue.objects.values_list("name", flat=True)) == ["water"]
    kept = dict(
        QuarantinedRecord.objects.filter(source="webhook").values_list("record_no", "source_id")
    )
    assert len(kept) == len(BAD)
    assert (kept[9], kept[12]) == ("\\ud800x", "a\\x00b")


def key_pk() -> int:
    from care311.contact_center.models import WebhookKey

    return WebhookKey.objects.get().pk


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ("[" * 100_000 + "]" * 100_000, TOO_DEEP),
        ('[{"id": "x", "type": ' + "[" * 900 + "]" * 900 + "}]", TOO_DEEP),
        ("[" * 33 + "]" * 33, TOO_DEEP),
        ("not json", "the body is not JSON: Expecting value: line 1 column 1 (char 0)"),
        ('{"events": [}', "the body is not JSON: Expecting value: line 1 column 13 (char 12)"),
    ],
)
def test_a_body_it_cannot_parse_gets_a_json_400_naming_the_problem(client, key, body, error):
    response = _post(client, body, key)

    assert (response.status_code, response["Content-Type"]) == (400, "application/json")
    assert response.json() == {"error": error}


def test_a_body_that_is_not_utf8_gets_a_json_400(client, key):
    response = client.post(URL, b'["\xff"]', "application/json", HTTP_AUTHORIZATION=f"Bearer {key}")

    assert response.status_code == 400
    assert response.json() == {"error": "the body is not JSON: not UTF-8 text"}


@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_a_method_other_than_post_gets_a_json_405(client, key, method):
    response = getattr(client, method)(URL, HTTP_AUTHORIZATION=f"Bearer {key}")

    assert (response.status_code, response["Allow"]) == (405, "POST")
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"error": "post the events: POST /contact-center/events"}


def test_a_body_nested_32_deep_is_read(client, key):
    extra: list = []
    for _ in range(28):
        extra = [extra]
    body = {"events": [{**GOOD, "extra": extra}]}  # 3 levels, then 29 lists

    response = _post(client, json.dumps(body), key)

    assert response.json() == {"accepted": 1, "duplicates": 0, "rejected": []}
