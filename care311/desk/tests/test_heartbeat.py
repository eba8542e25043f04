"""The desk page's heartbeat keeps its desk session alive; silence for 2 minutes is a
disconnection on the supervisor view."""

from datetime import timedelta

import time_machine

from care311.desk import actions, supervision
from care311.desk.models import DeskSession

from .conftest import STARTED


def test_each_heartbeat_moves_the_sessions_last_check_in(client, cast):
    client.force_login(cast["ana"])
    with time_machine.travel(STARTED, tick=False):
        first = client.post("/desk/heartbeat/", HTTP_USER_AGENT="Mozilla/5.0 Firefox/128.0")
    with time_machine.travel(STARTED + timedelta(seconds=30), tick=False):
        second = client.post("/desk/heartbeat/")

    assert first.json() == {"at": "2026-03-02T15:00:00+00:00", "location": "remote"}
    assert second.json()["at"] == "2026-03-02T15:00:30+00:00"
    session = DeskSession.objects.get()
    assert (session.user_id, session.started_at, session.last_heartbeat_at, session.ip) == (
        cast["ana"].pk,
        STARTED,
        STARTED + timedelta(seconds=30),
        "127.0.0.1",
    )
    assert len(session.session_key_hash) == 64
    assert client.session.session_key not in session.session_key_hash


def test_it_needs_a_post_with_the_csrf_token(cast):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(cast["ana"])

    assert strict.post("/desk/heartbeat/").status_code == 403
    assert strict.get("/desk/heartbeat/").status_code == 405
    assert DeskSession.objects.count() == 0


def test_it_answers_json_to_the_signed_out_and_department_staff(client, cast):
    assert client.post("/desk/heartbeat/").status_code == 401
    client.force_login(cast["streets"])
    assert client.post("/desk/heartbeat/").json() == {"error": "not for this role"}


def _working_with_heartbeat_at(cast, at):
    actions.set_presence(cast["ana"], "available", by=cast["ana"], now=STARTED)
    actions.heartbeat(user=cast["ana"], session_key="k1", ip="203.0.113.5", now=at)
    return {
        row.user.username: row for row in supervision.agent_rows(STARTED + timedelta(minutes=3))
    }


def test_two_minutes_without_a_heartbeat_is_disconnected(cast):
    rows = _working_with_heartbeat_at(cast, STARTED + timedelta(seconds=59))

    assert rows["ana"].disconnected is True


def test_a_heartbeat_within_two_minutes_is_connected(cast):
    rows = _working_with_heartbeat_at(cast, STARTED + timedelta(minutes=1, seconds=1))

    assert rows["ana"].disconnected is False


def test_an_offline_agent_is_not_disconnected(cast):
    rows = {row.user.username: row for row in supervision.agent_rows(STARTED)}

    assert (rows["ben"].state, rows["ben"].disconnected) == ("offline", False)
