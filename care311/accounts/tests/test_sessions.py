"""Staff sessions end after STAFF_IDLE_MINUTES (60) without a request or STAFF_SESSION_HOURS (8)
in all, when the account's password changes or the account is switched off; a browser whose
session ended is told so at sign-in, and what it tried to do is not done."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.test import Client, override_settings

from care311.accounts.sessions import MARKER
from care311.accounts.tests.conftest import sign_in
from care311.desk.models import DeskSession

NOW = datetime(2026, 3, 2, 14, 0, tzinfo=UTC)
ENDED = (
    "Your session has ended: it timed out, was signed out elsewhere, or your account changed. "
    "Sign in again to continue."
)


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def assert_sent_to_sign_in(client: Client, page: str) -> None:
    response = client.get(page)
    assert response.status_code == 302
    assert response["Location"].startswith("/staff/sign-in/?next=")
    assert SESSION_KEY not in client.session
    shown = client.get(response["Location"])
    assert shown.context["ended"] is True
    assert ENDED in shown.content.decode()
    # Said once: the sign-in page forgets the ended session.
    assert shown.cookies[MARKER].value == ""


def test_the_limits_are_the_documented_defaults():
    assert (settings.STAFF_IDLE_MINUTES, settings.STAFF_SESSION_HOURS) == (60, 8)


def test_a_session_idle_for_an_hour_ends(client, cast, frozen):
    sign_in(client, "ana")
    assert client.get("/desk/").status_code == 200
    desk_session = DeskSession.objects.get(user=cast["ana"])

    frozen.shift(timedelta(minutes=60, seconds=1))

    assert_sent_to_sign_in(client, "/desk/")
    desk_session.refresh_from_db()
    assert desk_session.ended_at == NOW + timedelta(minutes=60, seconds=1)


def test_a_session_used_within_the_hour_goes_on(client, cast, frozen):
    sign_in(client, "ana")
    for _ in range(4):
        frozen.shift(timedelta(minutes=59))
        assert client.get("/desk/queues/").status_code == 200

    assert client.session[SESSION_KEY] == str(cast["ana"].pk)


def test_a_session_ends_after_eight_hours_however_busy(client, cast, frozen):
    sign_in(client, "ana")
    for _ in range(15):
        frozen.shift(timedelta(minutes=30))
        assert client.get("/desk/queues/").status_code == 200

    frozen.shift(timedelta(minutes=30, seconds=1))

    assert_sent_to_sign_in(client, "/desk/queues/")


@override_settings(STAFF_IDLE_MINUTES=5, STAFF_SESSION_HOURS=1)
def test_the_limits_come_from_the_settings(client, cast, frozen):
    sign_in(client, "sue")
    frozen.shift(timedelta(minutes=4))
    assert client.get("/wallboard/").status_code == 200

    frozen.shift(timedelta(minutes=5, seconds=1))

    assert_sent_to_sign_in(client, "/wallboard/")


def test_an_action_sent_from_an_ended_session_is_not_done(client, cast, requests, frozen):
    sign_in(client, "streets")
    case = requests["streets"]
    assert client.get(f"/desk/queues/requests/{case.public_id}/").status_code == 200
    frozen.shift(timedelta(hours=2))

    response = client.post(
        f"/desk/queues/requests/{case.public_id}/claim/", {"claim-version": case.version}
    )

    assert response.status_code == 302
    assert response["Location"] == (
        f"/staff/sign-in/?next=/desk/queues/requests/{case.public_id}/claim/"
    )
    case.refresh_from_db()
    assert case.assigned_to is None
    assert list(case.events.values_list("kind", flat=True)) == ["created"]


def test_a_data_request_from_an_ended_session_gets_401(client, cast, frozen):
    sign_in(client, "sue")
    frozen.shift(timedelta(hours=2))

    response = client.get("/wallboard/data.json")

    assert response.status_code == 401
    assert response.json() == {"error": "sign in first"}


def test_a_password_change_ends_every_other_session(client, cast, frozen):
    """A stolen session cookie stops working once the password is changed."""
    sign_in(client, "ana")
    thief = Client()
    thief.cookies[settings.SESSION_COOKIE_NAME] = client.cookies[settings.SESSION_COOKIE_NAME]
    thief.cookies[MARKER] = "1"
    assert thief.get("/desk/queues/").status_code == 200

    ana = cast["ana"]
    ana.set_password("a-new-password-after-the-theft")
    ana.save()

    assert_sent_to_sign_in(thief, "/desk/queues/")
    assert_sent_to_sign_in(client, "/desk/queues/")


def test_signing_out_ends_a_copied_session_too(client, cast, frozen):
    sign_in(client, "ana")
    thief = Client()
    thief.cookies[settings.SESSION_COOKIE_NAME] = client.cookies[settings.SESSION_COOKIE_NAME]
    assert thief.get("/desk/queues/").status_code == 200

    client.post("/staff/sign-out/")

    assert thief.get("/desk/queues/")["Location"] == "/staff/sign-in/?next=/desk/queues/"


def test_a_switched_off_account_is_signed_out(client, cast, frozen):
    sign_in(client, "ana")
    cast["ana"].is_active = False
    cast["ana"].save()

    assert_sent_to_sign_in(client, "/desk/")
    # Switched on again, the account does not bring the old session back.
    cast["ana"].is_active = True
    cast["ana"].save()
    assert client.get("/desk/")["Location"] == "/staff/sign-in/?next=/desk/"


def test_a_made_up_session_cookie_is_not_a_session(client, cast):
    client.cookies[settings.SESSION_COOKIE_NAME] = "x" * 32

    response = client.get("/desk/")

    assert response["Location"] == "/staff/sign-in/?next=/desk/"


def test_a_signed_out_visitor_is_not_told_a_session_ended(client, db):
    response = client.get("/staff/sign-in/")

    assert response.context["ended"] is False
    assert ENDED not in response.content.decode()


def test_the_desk_heartbeat_counts_as_use(client, cast, frozen):
    """An open desk tab keeps its session (its heartbeat is a request), until the day's limit."""
    sign_in(client, "ana")
    client.get("/desk/")
    for _ in range(3):
        frozen.shift(timedelta(minutes=45))
        assert client.post("/desk/heartbeat/").status_code == 200

    assert client.get("/desk/").status_code == 200
