"""The wallboard shows calls waiting now, agents by state and today's figures per queue,
with cells turning amber or red, in words as well as colour, when a target is missed.

Now is noon today in Chicago. Queue "help" (T = 20 s, targets 80 % and 5 %):
  3 calls answered and ended today after waits of 5, 10 and 40 s, 1 abandoned after 30 s,
  1 answered after 10 s and still in progress: offered 5, service level 3 / 5 = 60 % (more
  than 10 points below 80 %: red), abandonment 1 / 5 = 20 % (over twice the 5 % limit: red);
  2 calls waiting since 11:59:35 and 11:59:50 (longest 25 s: amber, over 20 s).
Queue "water": one call answered after 2 s: 100 % (ok), nothing waiting.
"""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from care311.contact_center import wallboard
from care311.contact_center.models import Queue

pytestmark = pytest.mark.django_db


@pytest.fixture
def noon():
    zone = timezone.get_current_timezone()
    return datetime.combine(timezone.now().astimezone(zone).date(), time(12), tzinfo=zone)


@pytest.fixture
def today(noon, post_events):
    Queue.objects.create(name="help", label="Help line")

    def at(seconds_before_noon: int) -> str:
        return (noon - timedelta(seconds=seconds_before_noon)).isoformat()

    events = []
    for n, (start, wait, outcome) in enumerate(
        [(3600, 5, "ans"), (3000, 10, "ans"), (2400, 40, "ans"), (1800, 30, "aban")]
    ):
        events.append(
            {
                "id": f"o{n}",
                "type": "call.offered",
                "at": at(start),
                "call_id": f"c{n}",
                "queue": "help",
            }
        )
        kind = "call.answered" if outcome == "ans" else "call.abandoned"
        events.append(
            {
                "id": f"r{n}",
                "type": kind,
                "at": at(start - wait),
                "call_id": f"c{n}",
                "agent": "ana",
            }
        )
        if outcome == "ans":
            events.append(
                {
                    "id": f"e{n}",
                    "type": "call.ended",
                    "at": at(start - wait - 60),
                    "call_id": f"c{n}",
                }
            )
    events += [
        {"id": "w1", "type": "call.offered", "at": at(25), "call_id": "w1", "queue": "help"},
        {"id": "w2", "type": "call.offered", "at": at(10), "call_id": "w2", "queue": "help"},
        {"id": "t1", "type": "call.offered", "at": at(300), "call_id": "t1", "queue": "help"},
        {"id": "t2", "type": "call.answered", "at": at(290), "call_id": "t1", "agent": "ben"},
        {"id": "x1", "type": "call.offered", "at": at(900), "call_id": "x1", "queue": "water"},
        {"id": "x2", "type": "call.answered", "at": at(898), "call_id": "x1", "agent": "ana"},
        {"id": "x3", "type": "call.ended", "at": at(800), "call_id": "x1"},
        {"id": "a1", "type": "agent.state", "at": at(290), "agent": "ben", "state": "on_call"},
        {"id": "a2", "type": "agent.state", "at": at(600), "agent": "ana", "state": "available"},
        {"id": "a3", "type": "agent.state", "at": at(700), "agent": "cy", "state": "paused"},
    ]
    assert post_events(*events)["accepted"] == len(events)


def test_it_shows_waiting_calls_and_todays_figures_per_queue(today, noon):
    board = wallboard.snapshot(noon)

    help_line, water = board["queues"]
    assert help_line["name"] == "Help line"
    assert help_line["waiting"]["text"] == "2"
    assert help_line["longest_wait"] == {"text": "25 s", "state": "amber", "note": "over 20 s"}
    assert help_line["talking"]["text"] == "1"
    assert help_line["offered"]["text"] == "5"
    assert help_line["service_level"] == {
        "text": "60.0%",
        "state": "red",
        "note": "far below the 80% target",
    }
    assert help_line["abandonment"] == {
        "text": "20.0%",
        "state": "red",
        "note": "over twice the 5% limit",
    }
    assert water["service_level"] == {
        "text": "100.0%",
        "state": "ok",
        "note": "meets the 80% target",
    }
    assert board["total"]["offered"]["text"] == "6"
    assert board["total"]["waiting"]["text"] == "2"


def test_it_counts_agents_by_their_state_now(today, noon):
    board = wallboard.snapshot(noon)

    assert {state["state"]: state["count"] for state in board["agents"]} == {
        "on_call": 1,
        "wrap_up": 0,
        "paused": 1,
        "available": 1,
    }


def test_it_names_the_definitions_it_shows(today, noon):
    names = [d["name"] for d in wallboard.snapshot(noon)["definitions"]]

    assert names == ["service_level_offered", "abandonment_rate", "asa"]


def test_it_serves_the_board_as_json_in_a_fixed_number_of_queries(
    today, client, cast, django_assert_max_num_queries
):
    client.force_login(cast["supervisor"])

    with django_assert_max_num_queries(12):
        data = client.get("/wallboard/data.json").json()

    assert {queue["name"] for queue in data["queues"]} == {"Help line", "water"}
