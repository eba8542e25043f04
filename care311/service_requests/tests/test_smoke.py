import pytest

from care311.catalog.models import ServiceType
from care311.service_requests import actions
from care311.service_requests.actors import System


@pytest.mark.django_db
def test_it_creates_a_request():
    service = ServiceType.objects.create(service_code="001", name="Pothole")
    request = actions.create_request(service=service, channel="web", by=System("test"))
    assert request.events.get().kind == "created"
