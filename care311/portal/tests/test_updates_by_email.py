"""Subscribe to a request's updates by email, hear of status changes, and stop them."""

import re

import pytest
from django.core import mail

from care311.service_requests import actions
from care311.service_requests.actors import System
from care311.service_requests.models import EventKind, Follower

pytestmark = pytest.mark.django_db


def test_it_subscribes_with_a_private_event(client, file_request):
    request = file_request()

    response = client.post(
        f"/requests/{request.public_id}/subscribe/", {"email": "Fan@Example.com"}
    )

    assert response["Location"] == f"/requests/{request.public_id}/?done=subscribed"
    follower = Follower.objects.get()
    assert (follower.email, follower.notify, follower.me_too) == ("fan@example.com", True, False)
    event = request.events.get(kind=EventKind.SUBSCRIBED)
    assert (event.public, event.changes) == (False, {})


def test_it_says_beside_the_field_when_the_email_is_wrong(client, file_request):
    request = file_request()

    response = client.post(f"/requests/{request.public_id}/subscribe/", {"email": "nope"})

    assert response.status_code == 400
    assert "Enter an email address such as name@example.com." in response.content.decode()
    assert not Follower.objects.exists()


def test_it_emails_followers_when_the_status_changes_and_stops_on_request(
    client, file_request, django_capture_on_commit_callbacks
):
    request = file_request()
    client.post(f"/requests/{request.public_id}/subscribe/", {"email": "fan@example.com"})

    with django_capture_on_commit_callbacks(execute=True):
        actions.update_status(request, "in_progress", by=System("test"), note="Crew booked.")

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["fan@example.com"]
    assert message.subject == f"Request {request.public_id}: work has started"
    assert "Crew booked." in message.body
    stop = re.search(r"http://127\.0\.0\.1:8000(/updates/[^/]+/stop/)", str(message.body))
    assert stop is not None

    assert "Stop receiving updates" in client.get(stop.group(1)).content.decode()
    client.post(stop.group(1))
    with django_capture_on_commit_callbacks(execute=True):
        actions.close_request(request, reason="Repaired", by=System("test"))

    assert len(mail.outbox) == 1
    assert Follower.objects.get().notify is False
    assert request.events.filter(kind=EventKind.UNSUBSCRIBED, public=False).count() == 1


def test_it_sends_updates_in_the_followers_language(
    client, file_request, django_capture_on_commit_callbacks
):
    request = file_request()
    client.cookies["django_language"] = "es"
    client.post(f"/requests/{request.public_id}/subscribe/", {"email": "fan@example.com"})

    with django_capture_on_commit_callbacks(execute=True):
        actions.close_request(request, reason="Reparado", by=System("test"))

    assert mail.outbox[0].subject == f"Solicitud {request.public_id}: cerrada"
    body = mail.outbox[0].body
    service = request.service.name
    assert body.startswith(f"Su solicitud {request.public_id} ({service}) está cerrada.\n")
    assert "\nMotivo: Reparado\n" in body
    assert "\nVea su historial: http" in body


def test_it_answers_404_for_an_unknown_stop_link(client):
    assert client.get("/updates/nope/stop/").status_code == 404
