"""A closed request shows why and any closing photo; the reporter can answer "not fixed"
within 30 days, which reopens it and counts against the department's SLA."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from care311.service_requests import actions
from care311.service_requests.actors import System
from care311.service_requests.models import (
    EventKind,
    NotFixedReport,
    PhotoKind,
    ServiceRequest,
    Status,
)
from care311.service_requests.photos import clean_photo

from .photos import image_file, png

pytestmark = pytest.mark.django_db
CREW = System("streets-crew")


@pytest.fixture
def filed_and_closed(client, portal_form):
    client.post("/report/details/", portal_form(email="me@example.com"))
    request = ServiceRequest.objects.get()
    upload = image_file(png(), "done.png", "image/png")
    actions.add_photo(
        request, photo=clean_photo(upload, upload.size or 0), by=CREW, kind=PhotoKind.CLOSING
    )
    return actions.close_request(request, reason="Hole patched", by=CREW, note="Hot asphalt.")


def test_it_shows_the_closure_reason_and_the_closing_photo(client, filed_and_closed):
    html = client.get(f"/requests/{filed_and_closed.public_id}/").content.decode()

    assert "How it was closed" in html
    assert "<p>Hole patched</p>" in html
    assert 'alt="Photo of the finished work"' in html


def test_it_reopens_when_the_reporter_says_not_fixed(client, filed_and_closed):
    page = client.get(f"/requests/{filed_and_closed.public_id}/").content.decode()
    assert "Is the problem still there?" in page

    response = client.post(
        f"/requests/{filed_and_closed.public_id}/not-fixed/", {"note": "Still a hole."}
    )

    request = ServiceRequest.objects.get()
    assert response["Location"] == f"/requests/{request.public_id}/?done=reopened"
    assert (request.status, request.closure_reason, request.closed_at) == (Status.NEW, "", None)
    event = request.events.order_by("id").reverse()[0]
    assert (event.kind, event.public, event.note, event.actor_name) == (
        EventKind.NOT_FIXED,
        True,
        "Still a hole.",
        "portal",
    )
    assert event.changes == {
        "status": ["closed", "new"],
        "closure_reason": "Hole patched",
        "counts_against_sla": True,
    }
    report = NotFixedReport.objects.get()
    assert (report.request, report.department_id, report.closure_reason) == (
        request,
        request.service.department_id,
        "Hole patched",
    )
    assert report.counts_against_sla is True
    assert "Reported as not fixed" in client.get(response["Location"]).content.decode()


def test_it_offers_not_fixed_only_to_the_reporter(filed_and_closed):
    stranger = Client()

    page = stranger.get(f"/requests/{filed_and_closed.public_id}/").content.decode()
    response = stranger.post(f"/requests/{filed_and_closed.public_id}/not-fixed/", {})

    assert "Is the problem still there?" not in page
    assert response.status_code == 400
    assert ServiceRequest.objects.get().status == Status.CLOSED
    assert not NotFixedReport.objects.exists()


def test_it_refuses_not_fixed_after_thirty_days(client, filed_and_closed):
    ServiceRequest.objects.update(closed_at=timezone.now() - timedelta(days=31))

    page = client.get(f"/requests/{filed_and_closed.public_id}/").content.decode()
    response = client.post(f"/requests/{filed_and_closed.public_id}/not-fixed/", {})

    assert "Is the problem still there?" not in page
    assert response.status_code == 400
    assert ServiceRequest.objects.get().status == Status.CLOSED


def test_the_action_refuses_a_duplicate_or_an_open_request(file_request):
    open_request = file_request()

    with pytest.raises(actions.ActionError, match="is new, not closed"):
        actions.reopen_as_not_fixed(open_request, by=CREW)

    closed = actions.close_request(open_request, reason="Done", by=CREW)
    assert closed.closed_at is not None
    later = closed.closed_at + timedelta(days=30, seconds=1)
    with pytest.raises(actions.ActionError, match="closed more than 30 days ago"):
        actions.reopen_as_not_fixed(closed, by=CREW, now=later)
