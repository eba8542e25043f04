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
