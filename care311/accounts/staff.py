"""Staff accounts from the command line (`care311 staff`): add one in a role, unlock a paused
sign-in, remove a lost TOTP device, and (for the demo) show a device's current code. The
admin does the first three for those who have it open."""

import secrets

from axes.utils import reset
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from care311.accounts import roles
from care311.accounts.models import StaffProfile
from care311.catalog.models import Department


class StaffError(ValueError):
    """A request the command refuses, in words for the operator."""


@transaction.atomic
def add_staff(
    username: str, *, role: str, department: str = "", email: str = ""
) -> tuple[AbstractBaseUser, str]:
    """Create a member of staff in `role` (department staff with their department's code)
    with a new random password; returns the account and the password, shown once."""
    if role not in roles.ROLES:
        raise StaffError(f"unknown role {role!r}: choose one of {', '.join(roles.ROLES)}")
    if (role == roles.DEPARTMENT_STAFF) != bool(department):
        raise StaffError("department staff need --department; other roles take none")
    place = None
    if department:
        place = Department.objects.filter(code=department).first()
        if place is None:
            raise StaffError(f"no department with code {department!r}")
    User = get_user_model()
    if User.objects.filter(username=username).exists():
        raise StaffError(f"there is already an account {username!r}")

    groups = roles.ensure_roles()
    password = secrets.token_urlsafe(12)
    user = User.objects.create_user(username, email=email, password=password, is_staff=True)
    user.groups.set([groups[role]])
    StaffProfile.objects.create(user=user, department=place)
    return user, password


def unlock(username: str) -> int:
    """End a throttled sign-in pause for `username` from every address; how many were ended."""
    return reset(username=username)


def remove_devices(username: str) -> int:
    """Remove the account's TOTP devices (a lost phone): its next sign-in sets up a new one
    if the role requires it. Returns how many were removed."""
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise StaffError(f"no account {username!r}")
    removed, _ = TOTPDevice.objects.filter(user=user).delete()
    return removed


def current_code(username: str) -> str:
    """The code the account's authenticator app shows now: its confirmed device's, or the one
    being set up. For the demo and for trying the sign-in without a phone; whoever can run
    this can read the secrets in the database anyway."""
    devices = TOTPDevice.objects.filter(user__username=username).order_by("-confirmed", "pk")
    device = devices.first()
    if device is None:
        raise StaffError(f"{username!r} has no authenticator app set up or being set up")
    value = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return str(value).zfill(device.digits)
