from datetime import UTC, datetime

import pytest

from care311.catalog.models import Department, ServiceType
from care311.service_requests import actions
from care311.service_requests.actors import System


@pytest.fixture
def service(db):
    streets = Department.objects.create(code="streets", name="Streets")
    return ServiceType.objects.create(
        service_code="STR-POTHOLE", name="Pothole", department=streets
    )


@pytest.fixture
def file_request(service):
    """File a request through the actions, as the desk or the portal would."""

    def file(**fields):
        fields.setdefault("channel", "phone")
        return actions.create_request(service=service, by=System("test"), **fields)

    return file


@pytest.fixture
def worked_request(file_request):
    """A request taken from received to closed, with one staff-only note on the way."""
    request = file_request(
        address="1200 S Peoria Ave",
        requested_at=datetime(2025, 1, 15, 18, 0, tzinfo=UTC),
    )
    by = System("test")
    actions.update_status(request, "in_progress", by=by, note="Crew scheduled.")
    actions.add_note(request, note="Internal: caller was rude.", by=by)
    actions.close_request(request, reason="Repaired", by=by, note="Patched the hole.")
    return request
