"""A message that fails for now is tried again after 1, 5 and 30 minutes, then has failed;
one refused for good fails at once; an address that bounces gets nothing more. Due retries
go out from `retry_due`, `care311 notifications retry` and the database worker."""

import logging
import smtplib
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command

from care311.notifications import transports
from care311.notifications.messages import notify
from care311.notifications.models import BouncingAddress, Notification, State
from care311.notifications.tasks import deliver, retry_due
from care311.notifications.transports import PermanentFailure, TemporaryFailure

pytestmark = pytest.mark.django_db

T0 = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)
PHONE = "918-555-0142"
EMAIL = "rae.reporter@example.com"
CONTEXT = {"link": "http://testserver/account/sign-in/x/"}

# What the next sends do, oldest first: an exception to raise, or None to send.
planned: list[Exception | None] = []


class PlannedSms:
    """An SMS transport that fails as `planned` says, then sends into the locmem outbox."""

    def send(self, phone: str, text: str) -> str:
        outcome = planned.pop(0) if planned else None
        if outcome is not None:
            raise outcome
        transports.outbox.append((phone, text))
        return f"SM{len(transports.outbox)}"


class RefusingMail(BaseEmailBackend):
    """An SMTP server that refuses every recipient for good (550: no such mailbox)."""

    def send_messages(self, email_messages):
        recipients = {email_messages[0].to[0]: (550, b"5.1.1 " + EMAIL.encode() + b" unknown")}
        raise smtplib.SMTPRecipientsRefused(recipients)


@pytest.fixture(autouse=True)
def planned_sms(settings, caplog):
    settings.SMS_TRANSPORT = f"{__name__}.PlannedSms"
    settings.NOTIFY_RETRY_MINUTES = (1, 5, 30)
    caplog.set_level(logging.DEBUG)
    planned.clear()
    transports.outbox.clear()
    yield
    for private in (EMAIL, PHONE, "5550142", "555-0142"):
        assert private not in caplog.text


def text(key: str = "k", phone: str = PHONE, email: str = "") -> Notification:
    made = notify("sign_in", key=key, language="en", context=CONTEXT, phone=phone, email=email)
    return Notification.objects.get(pk=made[0].pk)


def test_it_retries_after_1_5_and_30_minutes_then_fails(django_capture_on_commit_callbacks):
    planned.extend([TemporaryFailure("busy")] * 4)
    with time_machine.travel(T0, tick=False) as clock:
        with django_capture_on_commit_callbacks(execute=True):
            notification = text()
        waits = []
        for _ in range(3):
            notification.refresh_from_db()
            due = notification.next_attempt_at
            assert notification.state == State.RETRYING
            assert due is not None
            waits.append(due - T0)
            clock.move_to(due)
            with django_capture_on_commit_callbacks(execute=True):
                assert retry_due() == 1

    notification.refresh_from_db()
    assert waits == [timedelta(minutes=1), timedelta(minutes=6), timedelta(minutes=36)]
    assert (notification.state, notification.attempts) == (State.FAILED, 4)
    assert notification.next_attempt_at is None
    assert notification.error == "busy"
    assert transports.outbox == []


def test_a_retry_that_works_sends_once(django_capture_on_commit_callbacks):
    planned.append(TemporaryFailure("busy"))
    with time_machine.travel(T0, tick=False) as clock:
        with django_capture_on_commit_callbacks(execute=True):
            notification = text()
        clock.move_to(T0 + timedelta(seconds=59))
        assert retry_due() == 0
        assert deliver.call(notification.pk) is False  # not due yet

        clock.move_to(T0 + timedelta(minutes=1))
        with django_capture_on_commit_callbacks(execute=True):
            assert retry_due() == 1
        assert deliver.call(notification.pk) is False
        assert retry_due() == 0

    notification.refresh_from_db()
    assert (notification.state, notification.attempts) == (State.SENT, 2)
    assert notification.sent_at == T0 + timedelta(minutes=1)
    assert notification.provider_id == "SM1"
    assert [phone for phone, _ in transports.outbox] == [PHONE]


def test_an_unforeseen_error_is_tried_again(django_capture_on_commit_callbacks):
    planned.append(RuntimeError(f"socket to {PHONE} reset"))
    with time_machine.travel(T0, tick=False), django_capture_on_commit_callbacks(execute=True):
        notification = text()

    notification.refresh_from_db()
    assert (notification.state, notification.error) == (State.RETRYING, "RuntimeError")


def test_a_permanent_failure_fails_at_once(django_capture_on_commit_callbacks):
    planned.append(PermanentFailure("provider refused the message body"))
    with django_capture_on_commit_callbacks(execute=True):
        notification = text()

    notification.refresh_from_db()
    assert (notification.state, notification.attempts) == (State.FAILED, 1)
    assert notification.next_attempt_at is None
    assert notification.error == "provider refused the message body"
    assert not BouncingAddress.objects.exists()
    assert retry_due(T0 + timedelta(days=1)) == 0


def test_a_bounce_holds_later_messages_to_that_address(django_capture_on_commit_callbacks):
    planned.append(PermanentFailure(f"{PHONE} is not a mobile number", bounce=True))
    with django_capture_on_commit_callbacks(execute=True):
        bounced = text("first")
    with django_capture_on_commit_callbacks(execute=True):
        later = text("second", phone="+1 918 555 0142")

    bounced.refresh_from_db()
    bounce = BouncingAddress.objects.get()
    assert (bounced.state, bounced.error) == (
        State.BOUNCED,
        "bounced: [address] is not a mobile number",
    )
    assert (bounce.channel, bounce.address_key, bounce.source) == (
        "sms",
        "19185550142",
        "transport",
    )
    assert bounce.reason == "[address] is not a mobile number"
    assert (later.state, later.error) == (State.SUPPRESSED, "not sent: the address bounces")
    assert deliver.call(later.pk) is False
    assert transports.outbox == []


def test_an_email_refused_for_good_bounces_without_the_address_in_the_error(
    settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = f"{__name__}.RefusingMail"
    with django_capture_on_commit_callbacks(execute=True):
        bounced = text(phone="", email=EMAIL)
    with django_capture_on_commit_callbacks(execute=True):
        later = text("second", phone="", email=EMAIL.upper())

    bounced.refresh_from_db()
    assert bounced.state == State.BOUNCED
    assert bounced.error == "bounced: SMTP 550: recipient refused"
    assert BouncingAddress.objects.get().address_key == EMAIL
    assert later.state == State.SUPPRESSED
    assert mail.outbox == []


def test_messages_waiting_for_a_retry_are_held_when_the_address_bounces(
    django_capture_on_commit_callbacks,
):
    planned.append(TemporaryFailure("busy"))
    with django_capture_on_commit_callbacks(execute=True):
        waiting = text()

    call_command("notifications", "bounce", "(918) 555-0142", "--reason", "resident moved")

    waiting.refresh_from_db()
    assert (waiting.state, waiting.next_attempt_at) == (State.SUPPRESSED, None)
    assert BouncingAddress.objects.get().source == "command"
    assert retry_due(T0 + timedelta(days=1)) == 0


def test_the_command_sends_due_retries(capsys, django_capture_on_commit_callbacks):
    planned.append(TemporaryFailure("busy"))
    with time_machine.travel(T0, tick=False) as clock:
        with django_capture_on_commit_callbacks(execute=True):
            notification = text()
        call_command("notifications", "retry")
        clock.move_to(T0 + timedelta(minutes=1))
        with django_capture_on_commit_callbacks(execute=True):
            call_command("notifications", "retry")

    assert capsys.readouterr().out == (
        "Queued 0 messages due for a retry.\nQueued 1 messages due for a retry.\n"
    )
    notification.refresh_from_db()
    assert notification.state == State.SENT


def test_the_bounce_commands_mark_and_clear_an_address(capsys):
    call_command("notifications", "bounce", EMAIL)
    call_command("notifications", "unbounce", EMAIL.upper())
    call_command("notifications", "bounce", "+1 918 555 0142")

    assert capsys.readouterr().out == (
        "Nothing more goes to r***@example.com; waiting messages to it are held.\n"
        "R***@EXAMPLE.COM gets messages again (held ones stay held until sent again).\n"
        "Nothing more goes to ***0142; waiting messages to it are held.\n"
    )
    assert list(BouncingAddress.objects.values_list("channel", "address_key")) == [
        ("sms", "19185550142")
    ]


@pytest.mark.django_db(transaction=True)
def test_the_database_worker_sends_the_retry_when_it_is_due(settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    planned.append(TemporaryFailure("busy"))

    def work() -> None:
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    with time_machine.travel(T0, tick=False) as clock:
        notification = text()
        work()
        clock.move_to(T0 + timedelta(seconds=59))
        work()
        notification.refresh_from_db()
        assert (notification.state, notification.attempts) == (State.RETRYING, 1)

        clock.move_to(T0 + timedelta(minutes=1))
        work()

    notification.refresh_from_db()
    assert (notification.state, notification.attempts) == (State.SENT, 2)
    assert [phone for phone, _ in transports.outbox] == [PHONE]
