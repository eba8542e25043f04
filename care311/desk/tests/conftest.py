"""The desk's fixed cast and a service to file against."""

from datetime import UTC, datetime

import pytest
from django.contrib.auth import get_user_model

from care311.accounts.models import StaffProfile
from care311.accounts.roles import ensure_roles
from care311.catalog.models import Department, ServiceType
from care311.desk import actions

CALLER = "+19185551234"
STARTED = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)
PASSWORD = "desk-test-password-1"


@pytest.fixture
def cast(db):
    """username -> user: a resident (no role), two agents, department staff of two
    departments, a supervisor and an administrator."""
    groups = ensure_roles()
    streets = Department.objects.create(code="streets", name="Streets")
    parks = Department.objects.create(code="parks", name="Parks")
    people = {}
    for username, role, department in (
        ("resident", None, None),
        ("ana", "agent", None),
        ("ben", "agent", None),
        ("streets", "department staff", streets),
        ("parks", "department staff", parks),
        ("sue", "supervisor", None),
        ("admin", "admin", None),
    ):
        user = get_user_model().objects.create_user(username, password=PASSWORD)
        user.is_staff = role is not None
        user.save()
        if role:
            user.groups.set([groups[role]])
        if department:
            StaffProfile.objects.create(user=user, department=department)
        people[username] = user
    return people


@pytest.fixture
def service(cast):
    return ServiceType.objects.create(
        service_code="STR-POTHOLE",
        name="Pothole",
        department=Department.objects.get(code="streets"),
        sla_hours=48,
    )


@pytest.fixture
def contact(cast):
    """Ana's phone contact with CALLER, started at STARTED."""
    return actions.start_contact(
        agent=cast["ana"], channel="phone", caller_number=CALLER, now=STARTED
    )


@pytest.fixture
def as_ana(client, cast):
    client.force_login(cast["ana"])
    return client
