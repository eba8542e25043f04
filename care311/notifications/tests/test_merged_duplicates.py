"""Closing a request tells the residents of the requests merged into it too, once per
address however many of the requests they follow, and telling again sends nothing more."""

import logging
from collections import Counter

import pytest
from django.core import mail

from care311.notifications import transports
from care311.notifications.messages import tell_residents
from care311.notifications.models import Notification, State
from care311.notifications.tasks import deliver
from care311.service_requests import actions
from care311.service_requests.actors import System
from care311.service_requests.models import EventKind, ServiceRequest

pytestmark = pytest.mark.django_db

BY = System("test")


@pytest.fixture(autouse=True)
def empty_sms_outbox():
    transports.outbox.clear()


def follow(request, email="", phone=""):
    actions.follow_request(request, by=BY, me_too=True, notify=True, email=email, phone=phone)


@pytest.fixture
def merged(file_request, django_capture_on_commit_callbacks):
    """B, with C (reporter c) merged into A (reporter r; followers f1 and f2, by email and phone),
    merged into B (reporter s; follower f2 again, the phone spelled another way)."""
    with django_capture_on_commit_callbacks(execute=True):
        a = file_request(reporter_email="r@example.com")
        b = file_request(reporter_email="s@example.com")
        c = file_request(reporter_email="c@example.com")
        follow(a, email="f1@example.com")
        follow(a, email="f2@example.com", phone="918-555-0177")
        follow(b, email="F2@example.com", phone="+1 (918) 555-0177")
        actions.merge_request(c, into=a, by=BY)
        actions.merge_request(a, into=b, by=BY)
    mail.outbox.clear()
    transports.outbox.clear()
    return b


def test_closing_tells_each_address_of_every_merged_request_once(
    merged, django_capture_on_commit_callbacks, caplog
):
    caplog.set_level(logging.DEBUG)
    b = merged

    with django_capture_on_commit_callbacks(execute=True):
        actions.close_request(b, reason="Repaired", by=BY)

    subjects = Counter((message.to[0], message.subject) for message in mail.outbox)
    closed = f"Request {b.public_id}: closed"
    assert subjects == {
        ("f2@example.com", closed): 1,
        ("s@example.com", closed): 1,
        ("f1@example.com", closed): 1,
        ("r@example.com", closed): 1,
        ("c@example.com", closed): 1,
    }
    assert [phone for phone, _ in transports.outbox] == ["+1 (918) 555-0177"]
    for private in ("@example.com", "555-0177", "5550177"):
        assert private not in caplog.text


def test_telling_and_delivering_again_sends_nothing_more(
    merged, django_capture_on_commit_callbacks
):
    b = merged
    with django_capture_on_commit_callbacks(execute=True):
        actions.close_request(b, reason="Repaired", by=BY)
    closing = b.events.get(kind=EventKind.CLOSED)
    sent = Notification.objects.filter(state=State.SENT, context__kind="closed")
    assert sent.count() == 6

    with django_capture_on_commit_callbacks(execute=True):
        tell_residents(sender=ServiceRequest, request=b, event=closing)
        tell_residents(sender=ServiceRequest, request=b, event=closing)
    for notification in sent:
        assert deliver.call(notification.pk) is False

    assert len(mail.outbox) == 5
    assert len(transports.outbox) == 1
    assert Notification.objects.filter(context__kind="closed").count() == 6


def test_the_merge_itself_tells_the_duplicates_residents_where_it_went(
    file_request, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        a = file_request(reporter_email="r@example.com")
        b = file_request(reporter_email="s@example.com")
        follow(a, email="f1@example.com")

    with django_capture_on_commit_callbacks(execute=True):
        actions.merge_request(a, into=b, by=BY)

    assert sorted(message.to[0] for message in mail.outbox) == ["f1@example.com", "r@example.com"]
    assert {message.subject for message in mail.outbox} == {
        f"Request {a.public_id}: merged into {b.public_id}"
    }
    assert f"You will hear when {b.public_id} is closed." in mail.outbox[0].body
