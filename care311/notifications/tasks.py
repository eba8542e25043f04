"""The background task that delivers a notification, through the Django Tasks API, and its
retries.

A temporary failure waits settings.NOTIFY_RETRY_MINUTES (1, 5, 30 by default) before each
new attempt, then the message has failed; a permanent failure stops at once. On a backend
that can defer (the database one) the task enqueues itself to run after the wait; on one that
cannot (the immediate backend), `care311 notifications retry` sends what is due.
"""

import logging
from datetime import datetime, timedelta
from functools import partial

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext
from django_tasks import task

from care311.notifications import bounces
from care311.notifications.addresses import scrubbed
from care311.notifications.models import Channel, Notification, State
from care311.notifications.responses import response_for
from care311.notifications.transports import (
    DeliveryFailure,
    TemporaryFailure,
    send_email,
    sms_transport,
)
from care311.service_requests.models import Status

logger = logging.getLogger(__name__)

PENDING = (State.QUEUED, State.RETRYING)


@task()
def deliver(notification_id: int) -> bool:
    """Send one notification unless it was sent, has failed, or is not due; True when this
    run sent it.

    Idempotent: the row is locked while sending and marked sent, so a second run (a retry, a
    second worker) finds it sent and does nothing.
    """
    with transaction.atomic():
        notification = Notification.objects.select_for_update().filter(pk=notification_id).first()
        if notification is None or notification.state not in PENDING:
            return False
        if notification.next_attempt_at and notification.next_attempt_at > timezone.now():
            return False  # enqueued twice; the run scheduled for later sends it
        if bounces.is_bouncing(notification.channel, notification.address_key):
            _hold(notification)
            return False
        notification.attempts += 1
        try:
            provider_id = _send(notification)
        except DeliveryFailure as failure:
            _failed(notification, failure)
            return False
        except Exception as error:  # an unforeseen error may pass: try again later
            _failed(notification, TemporaryFailure(type(error).__name__))
            return False
        notification.state = State.SENT
        notification.sent_at = timezone.now()
        notification.next_attempt_at = None
        notification.provider_id = provider_id or ""
        notification.save()
    return True


def retry_due(now: datetime | None = None) -> int:
    """Enqueue every message whose retry is due; returns how many."""
    due = list(
        Notification.objects.filter(
            state=State.RETRYING, next_attempt_at__lte=now or timezone.now()
        ).values_list("pk", flat=True)
    )
    for pk in due:
        deliver.enqueue(pk)
    return len(due)


@transaction.atomic
def retry_now(notification: Notification) -> None:
    """Staff asked to send a failed message again: queue it now (one more attempt). Raises
    ValueError saying why when it cannot be sent."""
    locked = Notification.objects.select_for_update().get(pk=notification.pk)
    if locked.state == State.SENT:
        raise ValueError(gettext("This message was sent already."))
    if bounces.is_bouncing(locked.channel, locked.address_key):
        raise ValueError(
            gettext("The address still bounces: clear the bounce first if it was fixed.")
        )
    locked.state = State.QUEUED
    locked.next_attempt_at = None
    locked.save(update_fields=["state", "next_attempt_at"])
    transaction.on_commit(partial(deliver.enqueue, locked.pk))


@transaction.atomic
def failed_after_sending(notification_id: int, failure: DeliveryFailure) -> bool:
    """The provider reports that a message it accepted did not arrive: the same rules as a
    failure while sending (retry, fail, or bounce). False when the message is not one sent
    and waiting for that news (a repeated report, or one about a message already retried)."""
    notification = Notification.objects.select_for_update().filter(pk=notification_id).first()
    if notification is None or notification.state != State.SENT:
        return False
    notification.sent_at = None
    _failed(notification, failure)
    return True


def _failed(notification: Notification, failure: DeliveryFailure) -> None:
    delays = settings.NOTIFY_RETRY_MINUTES
    notification.error = scrubbed(str(failure), notification.address)[:300]
    if failure.permanent or notification.attempts > len(delays):
        notification.state = State.FAILED
        notification.next_attempt_at = None
    else:
        notification.state = State.RETRYING
        wait = timedelta(minutes=delays[notification.attempts - 1])
        notification.next_attempt_at = timezone.now() + wait
        transaction.on_commit(partial(_schedule, notification.pk, notification.next_attempt_at))
    notification.save()
    logger.warning(
        "notification %s failed on attempt %d, now %s: %s",
        notification.pk,
        notification.attempts,
        notification.state,
        notification.error,
    )
    if failure.bounce:
        bounces.mark_bouncing(
            notification.channel,
            notification.address,
            reason=notification.error,
            source="transport",
            notification=notification,
        )


def _hold(notification: Notification) -> None:
    notification.state = State.SUPPRESSED
    notification.error = bounces.BOUNCING_ERROR
    notification.next_attempt_at = None
    notification.save(update_fields=["state", "error", "next_attempt_at"])


def _schedule(notification_id: int, run_after: datetime) -> None:
    if deliver.get_backend().supports_defer:
        deliver.using(run_after=run_after).enqueue(notification_id)


def _send(notification: Notification) -> str | None:
    with translation.override(notification.language):
        if notification.template == "event":
            subject, body, sms = _event_texts(notification.context)
        else:
            subject, body, sms = _template_texts(notification)
        if notification.channel == Channel.EMAIL:
            send_email(notification.address, subject, body)
            return None
        return sms_transport().send(notification.address, sms)


def _event_texts(context: dict) -> tuple[str, str, str]:
    """Subject, email body and text message of an update, the stop link below each."""
    status = context["status_code"]
    values = {**context, "status": str(Status(status).label) if status else ""}
    response = response_for(
        context["kind"],
        service_id=context["service_id"],
        language=translation.get_language(),
        values=values,
    )
    links = {"track_url": context["track_url"], "stop_url": context["stop_url"]}
    footer = gettext("See its history: %(track_url)s\nStop these updates: %(stop_url)s") % links
    sms = gettext("311: %(text)s %(track_url)s Stop: %(stop_url)s") % {
        "text": response.sms,
        **links,
    }
    return response.subject, f"{response.body}\n\n{footer}\n", sms


def _template_texts(notification: Notification) -> tuple[str, str, str]:
    base = f"notifications/{notification.template}"
    context = {**notification.context, "site_url": settings.SITE_URL}
    subject = render_to_string(f"{base}.subject.txt", context).strip()
    if notification.channel == Channel.EMAIL:
        return subject, render_to_string(f"{base}.email.txt", context), ""
    return subject, "", render_to_string(f"{base}.sms.txt", context).strip()
