"""`care311 staff`: roles, adding staff, ending a sign-in pause, removing a lost device; and the
same two rescues in the admin, for supervisors (unlock) and administrators (both)."""

from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
import time_machine
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from care311.accounts.roles import ROLES
from care311.accounts.tests.conftest import add_device, sign_in


def staff(*args: str) -> str:
    out = StringIO()
    call_command("staff", *args, stdout=out)
    return out.getvalue()


def test_roles_creates_the_four_groups(db):
    assert staff("roles") == "Roles ready: agent, supervisor, department staff, admin.\n"
    assert sorted(Group.objects.values_list("name", flat=True)) == sorted(ROLES)


def test_add_creates_department_staff_who_can_sign_in_with_the_printed_password(client, cast):
    out = staff("add", "dana", "--role", "department staff", "--department", "parks")

    password = out.rsplit(" ", 1)[1].strip()
    assert out == f"Added dana (department staff). Password, shown once: {password}\n"
    dana = get_user_model().objects.get(username="dana")
    assert dana.is_staff
    assert [group.name for group in dana.groups.all()] == ["department staff"]
    assert dana.staff_profile.department.code == "parks"
    assert sign_in(client, "dana", password).status_code == 302
    assert client.get("/desk/queues/parks/").status_code == 200
    assert client.get("/desk/queues/streets/").status_code == 404


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ana", "--role", "agent"], "there is already an account 'ana'"),
        (["dana", "--role", "department staff"], "department staff need --department"),
        (["dana", "--role", "agent", "--department", "parks"], "department staff need"),
        (["dana", "--role", "department staff", "--department", "nope"], "no department with"),
    ],
)
def test_add_refuses_what_it_cannot_do(cast, args, message):
    with pytest.raises(CommandError, match=message):
        staff("add", *args)

    assert not get_user_model().objects.filter(username="dana").exists()


def test_unlock_ends_a_pause(client, cast):
    for _ in range(5):
        sign_in(client, "ana", "wrong")
    assert sign_in(client, "ana").status_code == 429

    assert staff("unlock", "ana") == "ana: 1 sign-in pause(s) ended.\n"

    assert sign_in(client, "ana").status_code == 302


def test_remove_device_lets_a_lost_phone_be_replaced(cast):
    add_device(cast["sue"])

    assert staff("remove-device", "sue") == "sue: 1 device(s) removed.\n"
    assert not TOTPDevice.objects.filter(user=cast["sue"]).exists()
    with pytest.raises(CommandError, match="no account 'nobody'"):
        staff("remove-device", "nobody")


@override_settings(STAFF_TOTP_ROLES=("supervisor", "admin"))
def test_totp_code_lets_the_demo_supervisor_set_up_and_sign_in_without_a_phone(client, cast):
    with time_machine.travel(datetime(2026, 3, 2, 15, 0, 7, tzinfo=UTC), tick=False) as frozen:
        sign_in(client, "sue")
        client.get("/staff/two-factor/")
        code = staff("totp-code", "sue").strip()
        assert client.post("/staff/two-factor/", {"code": code})["Location"] == "/desk/"
        client.post("/staff/sign-out/")
        frozen.shift(timedelta(seconds=30))

        sign_in(client, "sue")
        signed_in = client.post("/staff/sign-in/code/", {"code": staff("totp-code", "sue")})

    assert signed_in["Location"] == "/desk/"
    with pytest.raises(CommandError, match="'ana' has no authenticator app"):
        staff("totp-code", "ana")


def test_a_supervisor_ends_a_pause_in_the_admin(client, cast):
    for _ in range(5):
        sign_in(client, "ana", "wrong")
    attempt = AccessAttempt.objects.get(username="ana")
    client.force_login(cast["sue"])

    assert client.get("/admin/axes/accessattempt/").status_code == 200
    response = client.post(f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()
    client.post("/staff/sign-out/")
    assert sign_in(client, "ana").status_code == 302
    assert client.session[SESSION_KEY] == str(cast["ana"].pk)


def test_an_agent_cannot_see_sign_in_failures_in_the_admin(client, cast):
    client.force_login(cast["ana"])

    assert client.get("/admin/axes/accessattempt/").status_code == 403


def test_an_administrator_removes_a_device_in_the_admin(client, cast):
    device = add_device(cast["sue"])
    client.force_login(cast["admin"])

    response = client.post(f"/admin/otp_totp/totpdevice/{device.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert not TOTPDevice.objects.exists()


def test_a_supervisor_cannot_remove_devices(client, cast):
    device = add_device(cast["ana"])
    client.force_login(cast["sue"])

    response = client.post(f"/admin/otp_totp/totpdevice/{device.pk}/delete/", {"post": "yes"})

    assert response.status_code == 403
    assert TOTPDevice.objects.count() == 1
