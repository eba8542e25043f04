"""The analytics tests' city: the desk's fixed cast (a resident, agents, staff of Streets
and of Parks, a supervisor, an administrator), services of both departments, one internal
service, and requests filed by residents who left contact details (some in the free text)."""

from datetime import UTC, datetime

import pytest

from care311.catalog.models import Department, ServiceType
from care311.desk.tests.conftest import cast  # noqa: F401 - the fixed cast, by name
from care311.imports.tests.support import NYC_CSV, run_import
from care311.service_requests import actions
from care311.service_requests.actors import System
from care311.service_requests.models import ServiceRequest

BY = System("test")


@pytest.fixture(autouse=True)
def _no_second_factor(settings):
    """The accounts tests cover the two-factor step; here staff pages open after sign-in."""
    settings.STAFF_TOTP_ROLES = ()


@pytest.fixture
def streets(cast):  # noqa: F811 - the imported fixture, asked for by name
    return Department.objects.get(code="streets")


@pytest.fixture
def parks(cast):  # noqa: F811 - the imported fixture, asked for by name
    return Department.objects.get(code="parks")


@pytest.fixture
def pothole(streets):
    return ServiceType.objects.create(
        service_code="STR-POTHOLE", name="Pothole", department=streets, sla_hours=72
    )


@pytest.fixture
def graffiti(parks):
    return ServiceType.objects.create(
        service_code="PRK-GRAFFITI", name="Graffiti", department=parks
    )


@pytest.fixture
def internal(streets):
    """A hidden service of the city's own (not imported): its requests are not published."""
    return ServiceType.objects.create(
        service_code="INT-AUDIT", name="Internal audit", department=streets, hidden=True
    )


@pytest.fixture
def residents_requests(pothole, graffiti, internal):
    """Five requests with contact details, two of them repeated in the description and notes."""
    filed = [
        actions.create_request(
            service=pothole,
            channel="phone",
            by=BY,
            description="Deep hole. Call me at (918) 555-0134 or ana.ruiz@example.org",
            latitude=36.1540,
            longitude=-95.9928,
            address="1 W 1st St",
            reporter_name="Ana Ruiz",
            reporter_email="ana.ruiz@example.org",
            reporter_phone="(918) 555-0134",
            requested_at=datetime(2025, 3, 3, 15, 0, tzinfo=UTC),
        ),
        actions.create_request(
            service=pothole,
            channel="web",
            by=BY,
            description="Near the school",
            reporter_email="BEN@Example.COM",
            reporter_phone="+1 918 555 0177",
            requested_at=datetime(2025, 3, 4, 15, 0, tzinfo=UTC),
        ),
        actions.create_request(
            service=graffiti,
            channel="app",
            by=BY,
            description="Tag on the wall, text 918.555.0199",
            latitude=36.1,
            longitude=-95.9,
            reporter_phone="918.555.0199",
            requested_at=datetime(2025, 3, 5, 15, 0, tzinfo=UTC),
        ),
        actions.create_request(
            service=internal,
            channel="phone",
            by=BY,
            description="Internal only",
            reporter_email="internal@example.net",
        ),
    ]
    actions.update_status(
        filed[1], "in_progress", by=BY, note="Spoke to caller on 9185550177, crew sent."
    )
    actions.close_request(
        filed[2], reason="Removed; emailed carla@example.com", by=BY, note="Painted over."
    )
    return [ServiceRequest.objects.get(pk=request.pk) for request in filed]


@pytest.fixture
def nyc(db):
    """The real NYC export (1,000 requests) imported through the command."""
    run_import(NYC_CSV)
