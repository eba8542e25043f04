"""Addresses that bounce: once marked, nothing more is sent to them, and the message that
bounced says so. Marked by `care311 notifications bounce ADDRESS`, by the SMS provider's
status callback, or by a transport refusing the address for good."""

import logging

from django.db import transaction
from django.utils import timezone

from care311.notifications.addresses import normalised, scrubbed
from care311.notifications.models import BouncingAddress, Notification, State

logger = logging.getLogger(__name__)

BOUNCING_ERROR = "not sent: the address bounces"


def is_bouncing(channel: str, address_key: str) -> bool:
    return BouncingAddress.objects.filter(channel=channel, address_key=address_key).exists()


@transaction.atomic
def mark_bouncing(
    channel: str,
    address: str,
    *,
    reason: str,
    source: str,
    notification: Notification | None = None,
) -> BouncingAddress:
    """Stop sending to `address`: messages still waiting are held with an error, and the
    message that bounced (`notification`, else the last one sent there) is marked bounced.
    Marking an address twice keeps the first record."""
    key = normalised(channel, address)
    reason = scrubbed(reason, address)[:200]
    if notification is None:
        notification = (
            Notification.objects.filter(channel=channel, address_key=key, state=State.SENT)
            .order_by("-sent_at", "-pk")
            .first()
        )
    bounce, _ = BouncingAddress.objects.get_or_create(
        channel=channel,
        address_key=key,
        defaults={
            "since": timezone.now(),
            "reason": reason,
            "source": source,
            "notification": notification,
        },
    )
    if notification is not None:
        Notification.objects.filter(pk=notification.pk).update(
            state=State.BOUNCED, error=f"bounced: {reason}"[:300], next_attempt_at=None
        )
    held = Notification.objects.filter(
        channel=channel, address_key=key, state__in=[State.QUEUED, State.RETRYING]
    ).update(state=State.SUPPRESSED, error=BOUNCING_ERROR, next_attempt_at=None)
    logger.warning(
        "a %s address bounces (bounce %s, notification %s, via %s); %d messages held",
        channel,
        bounce.pk,
        notification.pk if notification else None,
        source,
        held,
    )
    return bounce


@transaction.atomic
def clear_bounce(channel: str, address: str) -> bool:
    """Send to `address` again (it was fixed); True if it was marked. Held messages stay
    held: staff retry them from the failures page."""
    deleted, _ = BouncingAddress.objects.filter(
        channel=channel, address_key=normalised(channel, address)
    ).delete()
    return bool(deleted)
