"""The accounts tests' fixed cast, two requests (one per department) with a resident's contact
details, and helpers to sign in through the real pages and to read a device's current code."""

from datetime import UTC, datetime
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from care311.accounts.models import StaffProfile
from care311.accounts.roles import ensure_roles
from care311.catalog.models import Department, ServiceType
from care311.contact_center.models import Agent
from care311.service_requests import actions

PASSWORD = "accounts-test-password-1"
FILED = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)
# The resident who reported each request: none of this may appear where it is not allowed.
STREETS_REPORTER = {
    "reporter_name": "Rosa Delgado",
    "reporter_email": "rosa.delgado@example.net",
    "reporter_phone": "+19185550147",
}
PARKS_REPORTER = {
    "reporter_name": "Walter Okafor",
    "reporter_email": "w.okafor@example.org",
    "reporter_phone": "+19185550199",
}
CAST = (
    ("resident", None, None),
    ("ana", "agent", None),
    ("ben", "agent", None),
    ("streets", "department staff", "streets"),
    ("parks", "department staff", "parks"),
    ("sue", "supervisor", None),
    ("admin", "admin", None),
)


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """A quick hasher: these tests sign in hundreds of times, and hashing is Django's to test."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def cast(db):
    """username -> user: a resident (no role, not staff), two agents, department staff of
    streets and of parks, a supervisor and an administrator (the admin role, not a superuser)."""
    groups = ensure_roles()
    departments = {
        "streets": Department.objects.create(code="streets", name="Streets"),
        "parks": Department.objects.create(code="parks", name="Parks"),
    }
    people = {}
    for username, role, department in CAST:
        user = get_user_model().objects.create_user(
            username, email=f"{username}@city.test", password=PASSWORD, is_staff=role is not None
        )
        if role:
            user.groups.set([groups[role]])
        if department:
            StaffProfile.objects.create(user=user, department=departments[department])
        people[username] = user
    return people


@pytest.fixture
def requests(cast):
    """department code -> a request filed by phone with its reporter's contact details."""
    filed = {}
    for code, reporter in (("streets", STREETS_REPORTER), ("parks", PARKS_REPORTER)):
        service = ServiceType.objects.create(
            service_code=f"{code.upper()}-1",
            name=f"{code.title()} problem",
            department=Department.objects.get(code=code),
            sla_hours=48,
        )
        filed[code] = actions.create_request(
            service=service,
            channel="phone",
            by=cast["ana"],
            description=f"A {code} problem",
            address="100 Main St",
            requested_at=FILED,
            reporter_name=reporter["reporter_name"],
            reporter_email=reporter["reporter_email"],
            reporter_phone=reporter["reporter_phone"],
        )
    return filed


@pytest.fixture
def ana_agent(cast):
    """Ana's line in the contact center, for her scorecard."""
    return Agent.objects.create(name="ana-ext-101", user=cast["ana"])


def add_device(user, *, confirmed: bool = True) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=confirmed)


def current_code(device: TOTPDevice, *, drift: int = 0) -> str:
    """The code an authenticator app with the device's secret shows now (`drift` steps on)."""
    device.refresh_from_db()
    value = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=drift)
    return str(value).zfill(device.digits)


def sign_in(
    client: Client, username: str, password: str = PASSWORD, *, next: str = "", **meta: Any
):
    """Post the sign-in form; `meta` goes into the request's META (REMOTE_ADDR, headers)."""
    form = {"username": username, "password": password}
    if next:
        form["next"] = next
    return client.post("/staff/sign-in/", form, **meta)
