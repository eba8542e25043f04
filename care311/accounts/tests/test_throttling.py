"""Failed sign-ins are throttled (django-axes): AXES_FAILURE_LIMIT failures for one username from
one address pause its sign-in for AXES_COOLOFF_TIME, wrong TOTP codes counting as failures."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.test import RequestFactory, override_settings

from care311.accounts.forms import NO_MATCH
from care311.accounts.tests.conftest import add_device, current_code, sign_in
from care311.accounts.throttle import client_address

NOW = datetime(2026, 3, 2, 15, 0, 7, tzinfo=UTC)
LOCKED = (
    "There were 5 failed sign-in attempts for this username from your network, so signing in "
    "is paused for 15 minutes."
)


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def fail(client, username: str, times: int, **extra) -> list[int]:
    return [sign_in(client, username, "wrong-password", **extra).status_code for _ in range(times)]


def test_the_limits_are_the_documented_defaults():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 15 * 60


def test_the_last_allowed_failure_pauses_sign_in(client, cast, frozen):
    assert fail(client, "ana", 4) == [400, 400, 400, 400]

    response = sign_in(client, "ana", "wrong-password")

    assert response.status_code == 429
    assert "accounts/locked_out.html" in [template.name for template in response.templates]
    assert LOCKED in response.content.decode()
    assert "each try while sign-in is paused starts the wait again" in response.content.decode()
    attempt = AccessAttempt.objects.get(username="ana")
    assert (attempt.ip_address, attempt.failures_since_start) == ("127.0.0.1", 5)


def test_the_failures_before_the_limit_show_the_usual_message(client, cast):
    response = sign_in(client, "ana", "wrong-password")

    assert response.status_code == 400
    assert str(NO_MATCH) in response.content.decode()


def test_the_right_password_is_refused_while_paused(client, cast, frozen):
    fail(client, "ana", 5)

    response = sign_in(client, "ana")

    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert SESSION_KEY not in client.session


def test_the_pause_ends_after_the_cooloff(client, cast, frozen):
    fail(client, "ana", 5)
    frozen.shift(timedelta(minutes=15, seconds=1))

    response = sign_in(client, "ana")

    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(cast["ana"].pk)


def test_a_try_during_the_pause_starts_it_again(client, cast, frozen):
    fail(client, "ana", 5)
    frozen.shift(timedelta(minutes=10))
    assert sign_in(client, "ana").status_code == 429

    frozen.shift(timedelta(minutes=14, seconds=59))
    assert sign_in(client, "ana").status_code == 429

    frozen.shift(timedelta(minutes=15, seconds=1))
    assert sign_in(client, "ana").status_code == 302


def test_only_that_username_from_that_address_is_paused(client, cast, frozen):
    fail(client, "ana", 5)

    assert sign_in(client, "ben").status_code == 302
    client.post("/staff/sign-out/")
    assert sign_in(client, "ana", REMOTE_ADDR="203.0.113.9").status_code == 302


def test_a_good_sign_in_clears_the_earlier_failures(client, cast, frozen):
    fail(client, "ana", 4)
    assert sign_in(client, "ana").status_code == 302
    client.post("/staff/sign-out/")

    assert fail(client, "ana", 4) == [400, 400, 400, 400]
    assert sign_in(client, "ana").status_code == 302


def test_a_forwarded_for_header_is_not_trusted_without_proxies(client, cast, frozen):
    codes = [
        sign_in(client, "ana", "wrong", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code
        for n in range(5)
    ]

    assert codes == [400, 400, 400, 400, 429]


@override_settings(STAFF_PROXY_COUNT=1)
def test_behind_a_trusted_proxy_each_client_address_is_paused_apart(client, cast, frozen):
    fail(client, "ana", 5, HTTP_X_FORWARDED_FOR="198.51.100.7", REMOTE_ADDR="10.0.0.2")

    elsewhere = sign_in(client, "ana", HTTP_X_FORWARDED_FOR="198.51.100.8", REMOTE_ADDR="10.0.0.2")
    assert elsewhere.status_code == 302
    assert AccessAttempt.objects.get(username="ana").ip_address == "198.51.100.7"


@override_settings(STAFF_PROXY_COUNT=1)
def test_behind_one_proxy_the_address_it_saw_counts():
    request = RequestFactory().get(
        "/", HTTP_X_FORWARDED_FOR="10.9.9.9, 198.51.100.7", REMOTE_ADDR="10.0.0.2"
    )

    assert client_address(request) == "198.51.100.7"


@override_settings(STAFF_PROXY_COUNT=2)
def test_with_more_proxies_than_hops_the_direct_address_counts():
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR="198.51.100.7", REMOTE_ADDR="10.0.0.2")

    assert client_address(request) == "10.0.0.2"


@override_settings(STAFF_TOTP_ROLES=("supervisor", "admin"))
def test_wrong_codes_count_as_failures(client, cast, frozen):
    device = add_device(cast["sue"])
    sign_in(client, "sue")
    codes = []
    for _ in range(5):
        codes.append(client.post("/staff/sign-in/code/", {"code": "000000"}).status_code)
        frozen.shift(timedelta(seconds=20))  # past django-otp's own slowing-down

    assert codes == [400, 400, 400, 400, 429]
    response = client.post("/staff/sign-in/code/", {"code": current_code(device)})
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert SESSION_KEY not in client.session
    # The password is refused too: the pause is the username's, from this address.
    assert sign_in(client, "sue").status_code == 429
