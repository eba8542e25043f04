"""The background task that delivers a notification, through the Django Tasks API."""

import logging

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from care311.notifications.models import Channel, Notification
from care311.notifications.transports import send_email, sms_transport
from care311.service_requests.models import Status

logger = logging.getLogger(__name__)


@task()
def deliver(notification_id: int) -> bool:
    """Send one notification unless it was sent already; True when this run sent it.

    Idempotent: the row is locked while sending and marked sent, so a second run (a retry, a
    second worker) finds it sent and does nothing.
    """
    with transaction.atomic():
        notification = Notification.objects.select_for_update().filter(pk=notification_id).first()
        if notification is None or notification.sent_at is not None:
            return False
        notification.attempts += 1
        try:
            _send(notification)
        except Exception as error:
            notification.error = f"{type(error).__name__}"[:300]
            notification.save(update_fields=["attempts", "error"])
            logger.warning("notification %s failed: %s", notification.pk, type(error).__name__)
            raise
        notification.sent_at = timezone.now()
        notification.error = ""
        notification.save(update_fields=["attempts", "sent_at", "error"])
    return True


def _send(notification: Notification) -> None:
    base = f"notifications/{notification.template}"
    with translation.override(notification.language):
        context = {**notification.context, "site_url": settings.SITE_URL}
        if "status_code" in context:
            context["status"] = str(Status(context["status_code"]).label)
        if notification.channel == Channel.EMAIL:
            subject = render_to_string(f"{base}.subject.txt", context).strip()
            body = render_to_string(f"{base}.email.txt", context)
            send_email(notification.address, subject, body)
        else:
            text = render_to_string(f"{base}.sms.txt", context).strip()
            sms_transport().send(notification.address, text)
