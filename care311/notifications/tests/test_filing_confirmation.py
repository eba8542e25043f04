"""A filed request's tracking number goes to the resident by email and SMS, in their
language, and the contact details stay out of the logs."""

import logging

import pytest
from django.core import mail

from care311.notifications import transports
from care311.notifications.models import Notification
from care311.service_requests.models import ServiceRequest

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_sms_outbox():
    transports.outbox.clear()


def test_it_sends_the_tracking_number_by_email_and_sms(
    client, portal_form, django_capture_on_commit_callbacks, caplog
):
    caplog.set_level(logging.DEBUG)
    data = portal_form(email="rae@example.com", phone="918-555-0142", name="Rae Q")

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/report/details/", data)

    public_id = ServiceRequest.objects.get().public_id
    assert [message.to for message in mail.outbox] == [["rae@example.com"]]
    assert mail.outbox[0].subject == f"Your request {public_id} was received"
    assert f"Your tracking number is {public_id}." in mail.outbox[0].body
    assert f"http://testserver/requests/{public_id}/" in mail.outbox[0].body
    assert transports.outbox == [
        (
            "918-555-0142",
            f"311: we received your request (Pothole). Tracking number {public_id}. "
            f"http://testserver/requests/{public_id}/",
        )
    ]
    assert all(n.sent_at is not None for n in Notification.objects.all())
    logged = caplog.text
    for private in ("rae@example.com", "555-0142", "Rae Q"):
        assert private not in logged


def test_it_sends_in_spanish_to_a_spanish_reader(
    client, portal_form, django_capture_on_commit_callbacks
):
    client.cookies["django_language"] = "es"

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/report/details/", portal_form(email="rae@example.com"))

    public_id = ServiceRequest.objects.get().public_id
    assert mail.outbox[0].subject == f"Recibimos su solicitud {public_id}"


def test_it_sends_nothing_to_an_anonymous_reporter(
    client, portal_form, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/report/details/", portal_form())

    assert mail.outbox == []
    assert transports.outbox == []
    assert not Notification.objects.exists()
