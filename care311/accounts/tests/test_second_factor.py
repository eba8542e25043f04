"""The TOTP second factor: owed by the roles in STAFF_TOTP_ROLES (supervisors and administrators
in production), open to everyone else, and asked of whoever has a device at every sign-in.

Time stands still in these tests (time-machine), and moves on by hand where django-otp's
slowing-down of repeated wrong codes, or a new 30-second step, has to pass."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.contrib.auth import SESSION_KEY
from django.test import override_settings
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from care311.accounts.forms import WRONG_CODE
from care311.accounts.signin import PENDING
from care311.accounts.tests.conftest import add_device, current_code, sign_in

NOW = datetime(2026, 3, 2, 15, 0, 7, tzinfo=UTC)

pytestmark = [
    pytest.mark.usefixtures("frozen"),
    pytest.mark.django_db,
]


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def production_rule():
    with override_settings(STAFF_TOTP_ROLES=("supervisor", "admin")):
        yield


def errors(response) -> list[str]:
    return response.context["form"].errors.get("code", [])


# Owed and not yet set up: enrol first.


def test_a_supervisor_without_a_device_must_set_one_up(client, cast):
    response = sign_in(client, "sue", next="/desk/supervisor/")

    assert response.status_code == 302
    assert response["Location"] == "/staff/two-factor/?next=%2Fdesk%2Fsupervisor%2F"
    blocked = client.get("/desk/supervisor/")
    assert blocked["Location"] == "/staff/two-factor/?next=%2Fdesk%2Fsupervisor%2F"
    assert client.get("/wallboard/data.json").json() == {"error": "finish two-factor sign-in first"}


def test_the_set_up_page_shows_the_secret_and_keeps_it_on_reload(client, cast):
    sign_in(client, "sue")

    first = client.get("/staff/two-factor/?next=/desk/supervisor/")
    again = client.get("/staff/two-factor/?next=/desk/supervisor/")

    device = TOTPDevice.objects.get(user=cast["sue"])
    assert device.confirmed is False
    assert first.status_code == 200
    assert first.context["required"] is True
    assert first.context["secret"] == again.context["secret"]
    assert first.context["secret"].replace(" ", "") in device.config_url
    assert '<svg role="img" aria-label="QR code of your two-factor secret"' in str(
        first.context["qr"]
    )
    assert TOTPDevice.objects.filter(user=cast["sue"]).count() == 1


def test_a_wrong_code_does_not_turn_it_on(client, cast):
    sign_in(client, "sue")
    client.get("/staff/two-factor/")
    device = TOTPDevice.objects.get(user=cast["sue"])
    wrong = str((int(current_code(device)) + 1) % 1_000_000).zfill(6)

    response = client.post("/staff/two-factor/", {"code": wrong, "next": "/desk/supervisor/"})

    assert response.status_code == 400
    assert errors(response) == [str(WRONG_CODE)]
    device.refresh_from_db()
    assert device.confirmed is False
    assert client.get("/desk/supervisor/").status_code == 302


def test_the_right_code_turns_it_on_and_lets_the_supervisor_in(client, cast):
    sign_in(client, "sue")
    client.get("/staff/two-factor/")
    device = TOTPDevice.objects.get(user=cast["sue"])

    response = client.post(
        "/staff/two-factor/", {"code": current_code(device), "next": "/desk/supervisor/"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/desk/supervisor/"
    device.refresh_from_db()
    assert device.confirmed is True
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    page = client.get("/desk/supervisor/")
    assert page.status_code == 200
    assert [str(m) for m in page.context["messages"]] == [
        "Two-factor sign-in is on for your account."
    ]


def test_an_admin_cannot_reach_the_admin_before_setting_up_a_device(client, cast):
    sign_in(client, "admin", next="/admin/")

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=/admin/"
    assert client.get(response["Location"])["Location"] == "/staff/two-factor/?next=%2Fadmin%2F"


def test_a_superuser_counts_as_an_administrator(client, cast):
    cast["ana"].is_superuser = True
    cast["ana"].save()

    response = sign_in(client, "ana")

    assert response["Location"] == "/staff/two-factor/?next=%2Fdesk%2F"


# A device set up: a code at every sign-in.


def test_a_supervisor_with_a_device_is_not_signed_in_before_the_code(client, cast):
    add_device(cast["sue"])

    response = sign_in(client, "sue", next="/wallboard/")

    assert response.status_code == 302
    assert response["Location"] == "/staff/sign-in/code/?next=%2Fwallboard%2F"
    assert SESSION_KEY not in client.session
    assert client.session[PENDING]["user"] == cast["sue"].pk
    assert client.get("/wallboard/")["Location"] == "/staff/sign-in/?next=/wallboard/"
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert page.context["username"] == "sue"


def test_a_wrong_code_is_refused(client, cast):
    device = add_device(cast["sue"])
    sign_in(client, "sue", next="/wallboard/")
    wrong = str((int(current_code(device)) + 1) % 1_000_000).zfill(6)

    response = client.post("/staff/sign-in/code/", {"code": wrong, "next": "/wallboard/"})

    assert response.status_code == 400
    assert errors(response) == [str(WRONG_CODE)]
    assert SESSION_KEY not in client.session


def test_letters_are_refused_as_a_code(client, cast):
    add_device(cast["sue"])
    sign_in(client, "sue")

    response = client.post("/staff/sign-in/code/", {"code": "12ab56"})

    assert response.status_code == 400
    assert errors(response) == ["Enter the code as digits only, for example 123456."]


def test_the_right_code_signs_the_supervisor_in(client, cast, frozen):
    device = add_device(cast["sue"])
    sign_in(client, "sue", next="/wallboard/")
    client.post("/staff/sign-in/code/", {"code": "000000", "next": "/wallboard/"})
    # django-otp slows down repeated wrong codes: one failure refuses any code for a second.
    frozen.shift(timedelta(seconds=2))

    response = client.post(
        "/staff/sign-in/code/", {"code": current_code(device), "next": "/wallboard/"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/wallboard/"
    assert client.session[SESSION_KEY] == str(cast["sue"].pk)
    assert PENDING not in client.session
    assert client.get("/wallboard/").status_code == 200


def test_a_code_with_spaces_is_taken(client, cast):
    device = add_device(cast["sue"])
    sign_in(client, "sue")
    code = current_code(device)

    response = client.post("/staff/sign-in/code/", {"code": f"{code[:3]} {code[3:]}"})

    assert response["Location"] == "/desk/"


def test_a_code_cannot_be_used_twice(client, cast, frozen):
    device = add_device(cast["sue"])
    code = current_code(device)
    sign_in(client, "sue")
    assert client.post("/staff/sign-in/code/", {"code": code})["Location"] == "/desk/"
    client.post("/staff/sign-out/")

    sign_in(client, "sue")
    replayed = client.post("/staff/sign-in/code/", {"code": code})

    assert replayed.status_code == 400
    assert SESSION_KEY not in client.session
    # The next 30-second step brings a new code, which is taken.
    frozen.shift(timedelta(seconds=30))
    assert client.post("/staff/sign-in/code/", {"code": current_code(device)}).status_code == 302


def test_a_password_step_left_too_long_must_be_done_again(client, cast, frozen):
    device = add_device(cast["sue"])
    sign_in(client, "sue")
    frozen.shift(timedelta(minutes=5, seconds=1))

    response = client.post("/staff/sign-in/code/", {"code": current_code(device)})

    assert response.status_code == 302
    assert response["Location"] == "/staff/sign-in/?next=%2Fdesk%2F"
    assert SESSION_KEY not in client.session
    page = client.get(response["Location"])
    assert [str(m) for m in page.context["messages"]] == [
        "Sign in with your username and password first."
    ]


def test_the_code_page_without_a_password_step_sends_to_sign_in(client, cast):
    response = client.get("/staff/sign-in/code/?next=/wallboard/")

    assert response["Location"] == "/staff/sign-in/?next=%2Fwallboard%2F"


def test_an_unconfirmed_device_is_not_asked_for(client, cast):
    add_device(cast["ana"], confirmed=False)

    response = sign_in(client, "ana")

    assert response["Location"] == "/desk/"
    assert client.get("/desk/").status_code == 200


# Roles that do not owe a code.


def test_an_agent_without_a_device_gets_in_without_a_code(client, cast):
    response = sign_in(client, "ana", next="/desk/contact/new?caller=%2B19185551234")

    assert response["Location"] == "/desk/contact/new?caller=%2B19185551234"
    assert client.session[SESSION_KEY] == str(cast["ana"].pk)
    assert client.get("/desk/").status_code == 200


def test_an_agent_may_set_up_a_device_and_is_then_asked_for_it(client, cast, frozen):
    sign_in(client, "ana")
    offered = client.get("/staff/two-factor/")
    assert offered.context["required"] is False
    device = TOTPDevice.objects.get(user=cast["ana"])
    assert client.post("/staff/two-factor/", {"code": current_code(device)}).status_code == 302
    on = client.get("/staff/two-factor/")
    assert on.templates[0].name == "accounts/two_factor_on.html"
    client.post("/staff/sign-out/")
    frozen.shift(timedelta(seconds=30))

    response = sign_in(client, "ana", next="/desk/")

    assert response["Location"] == "/staff/sign-in/code/?next=%2Fdesk%2F"
    assert SESSION_KEY not in client.session
    signed_in = client.post("/staff/sign-in/code/", {"code": current_code(device)})
    assert signed_in["Location"] == "/desk/"
    assert client.get("/desk/").status_code == 200


def test_the_set_up_page_is_for_staff_only(client, cast):
    client.force_login(cast["resident"])

    assert client.get("/staff/two-factor/").status_code == 403


def test_the_set_up_page_asks_the_signed_out_to_sign_in(client, db):
    response = client.get("/staff/two-factor/")

    assert response["Location"] == "/staff/sign-in/?next=/staff/two-factor/"


def test_a_signed_in_session_that_never_gave_its_code_is_asked_for_it(client, cast):
    """A session signed in some other way (here force_login) with a device still owes a code."""
    device = add_device(cast["ana"])
    client.force_login(cast["ana"])

    response = client.get("/desk/queues/")

    assert response["Location"] == "/staff/sign-in/code/?next=%2Fdesk%2Fqueues%2F"
    assert client.post(response["Location"], {"code": current_code(device)})["Location"] == (
        "/desk/queues/"
    )
    assert client.get("/desk/queues/").status_code == 200
