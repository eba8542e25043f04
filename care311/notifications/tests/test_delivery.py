"""Delivery is idempotent, and runs from the database queue with `care311 db_worker`."""

import pytest
from django.core import mail
from django.core.management import call_command

from care311.notifications.messages import notify
from care311.notifications.models import Notification
from care311.notifications.tasks import deliver

pytestmark = pytest.mark.django_db(transaction=True)

CONTEXT = {"link": "http://testserver/account/sign-in/x/"}


def queued(key: str, address: str) -> Notification:
    return Notification.objects.create(
        key=key,
        template="sign_in",
        channel="email",
        address=address,
        context=CONTEXT,
        created_at="2026-01-01T00:00:00Z",
    )


def test_it_delivers_a_notification_once_however_often_it_runs():
    notification = queued("k1", "a@example.com")

    assert deliver.call(notification.pk) is True
    assert deliver.call(notification.pk) is False
    assert len(mail.outbox) == 1


def test_it_makes_one_notification_per_key_and_address():
    first = notify("sign_in", key="same", language="en", context=CONTEXT, email="a@example.com")
    again = notify("sign_in", key="same", language="en", context=CONTEXT, email="a@example.com")

    assert len(first) == 1
    assert again == []
    assert Notification.objects.count() == 1


def test_it_queues_in_the_database_for_the_db_worker():
    notification = queued("queued", "q@example.com")
    deliver.using(backend="database").enqueue(notification.pk)
    assert mail.outbox == []

    call_command("db_worker", "--batch", "--no-startup-delay", "--backend", "database", verbosity=0)

    assert [message.to for message in mail.outbox] == [["q@example.com"]]
    notification.refresh_from_db()
    assert notification.sent_at is not None
