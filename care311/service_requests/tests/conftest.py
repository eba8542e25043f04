import pytest
from django.contrib.auth import get_user_model

from care311.catalog.models import Department, ServiceType, SlaClock


@pytest.fixture
def streets(db):
    return Department.objects.create(code="streets", name="Streets", contact_email="s@city.test")


@pytest.fixture
def parks(db):
    return Department.objects.create(code="parks", name="Parks", contact_email="p@city.test")


@pytest.fixture
def pothole(streets):
    return ServiceType.objects.create(
        service_code="0042 pothole",
        name="Pothole",
        department=streets,
        sla_hours=72,
        sla_clock=SlaClock.CALENDAR,
    )


@pytest.fixture
def agent(db):
    return get_user_model().objects.create_user("agent.ana", password="not-used-here-1")


@pytest.fixture
def staff(streets, parks):
    """username -> user: two agents, department staff of streets and of parks, and a
    supervisor (each with an email, for the sweep's messages)."""
    from care311.accounts.models import StaffProfile
    from care311.accounts.roles import ensure_roles

    groups = ensure_roles()
    people = {}
    for username, role, department in (
        ("ana", "agent", None),
        ("ben", "agent", None),
        ("stella", "department staff", streets),
        ("parker", "department staff", parks),
        ("sue", "supervisor", None),
    ):
        user = get_user_model().objects.create_user(
            username, email=f"{username}@city.test", password="not-used-here-1", is_staff=True
        )
        user.groups.set([groups[role]])
        if department is not None:
            StaffProfile.objects.create(user=user, department=department)
        people[username] = user
    return people


@pytest.fixture
def business_service(streets):
    """Eight working hours to close: one working day."""
    return ServiceType.objects.create(
        service_code="STR-SIGN",
        name="Street sign down",
        department=streets,
        sla_hours=8,
        sla_clock=SlaClock.BUSINESS,
    )
