"""A closure takes a reason from the service's list (its own, then those for all services),
with an optional public note and a photo of the finished work, in one history event."""

import io

import pytest
from PIL import Image

from care311.catalog.models import ClosureReason
from care311.service_requests import actions
from care311.service_requests.actions import ActionError
from care311.service_requests.models import EventKind, Photo, PhotoKind, Status
from care311.service_requests.photos import clean_photo


@pytest.fixture
def filed(pothole, staff):
    return actions.create_request(service=pothole, channel="web", by=staff["ana"])


@pytest.fixture
def reasons(pothole, parks):
    from care311.catalog.models import ServiceType

    tree = ServiceType.objects.create(service_code="TREE", name="Tree", department=parks)
    return {
        "patched": ClosureReason.objects.create(service=pothole, code="patched", label="Patched"),
        "pruned": ClosureReason.objects.create(service=tree, code="pruned", label="Pruned"),
        "not-city": ClosureReason.objects.create(
            code="not-city", label="Not the city's", resolved=False
        ),
    }


def test_it_refuses_a_reason_not_on_the_services_list(filed, staff, reasons):
    with pytest.raises(ActionError) as refused:
        actions.close_request(filed, reason="Fixed it", by=staff["stella"])
    assert str(refused.value) == (
        "'Fixed it' is not a closure reason for Pothole; choose one of: patched, not-city"
    )
    with pytest.raises(ActionError, match="'Pruned' is not a closure reason for Pothole"):
        actions.close_request(filed, reason=reasons["pruned"], by=staff["stella"])
    filed.refresh_from_db()
    assert (filed.status, filed.events.count()) == (Status.NEW, 1)


def test_it_takes_a_reason_for_all_services_by_code_or_label(filed, staff, reasons):
    closed = actions.close_request(filed, reason="not the city's", by=staff["stella"])

    assert (closed.closed_as, closed.closure_reason) == (reasons["not-city"], "Not the city's")


def test_it_takes_free_text_while_the_service_has_no_list(filed, staff):
    closed = actions.close_request(filed, reason="Repaired", by=staff["stella"])

    assert (closed.closed_as, closed.closure_reason) == (None, "Repaired")


def test_it_keeps_a_closing_photo_in_the_same_event(filed, staff, reasons):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "gray").save(buffer, format="JPEG")
    photo = clean_photo(io.BytesIO(buffer.getvalue()), len(buffer.getvalue()))

    closed = actions.close_request(
        filed, reason="patched", note="Filled", photo=photo, by=staff["stella"]
    )

    stored = Photo.objects.get(request=closed)
    assert (stored.kind, stored.width, stored.height) == (PhotoKind.CLOSING, 40, 30)
    event = closed.events.last()
    assert (event.kind, event.changes["photo"], closed.events.count()) == (
        EventKind.CLOSED,
        "closing",
        2,
    )
