"""The messages care311 sends residents, and the one function that queues any message.

`notify` writes a Notification per channel and enqueues its delivery after the transaction
commits, so a rolled-back change sends nothing. Its key makes it idempotent. The desk and
other parts add their messages here as small functions calling `notify`.
"""

from functools import partial

from django.db import IntegrityError, transaction
from django.dispatch import receiver
from django.utils import timezone

from care311.catalog.models import localized
from care311.notifications.models import Channel, Notification
from care311.notifications.tasks import deliver
from care311.service_requests.models import (
    EventKind,
    Follower,
    HistoryEvent,
    ServiceRequest,
)
from care311.service_requests.signals import request_changed

# Events a follower hears about.
UPDATE_KINDS = frozenset(
    {EventKind.STATUS_CHANGED, EventKind.CLOSED, EventKind.REOPENED, EventKind.NOT_FIXED}
)


def notify(
    template: str,
    *,
    key: str,
    language: str,
    context: dict,
    email: str = "",
    phone: str = "",
) -> list[Notification]:
    """Queue `template` to the email and/or phone given; returns the notifications made
    (none for a key already used)."""
    made = []
    for channel, address in ((Channel.EMAIL, email), (Channel.SMS, phone)):
        if not address:
            continue
        try:
            with transaction.atomic():
                notification = Notification.objects.create(
                    key=f"{key}:{channel}:{address}"[:200],
                    template=template,
                    channel=channel,
                    address=address,
                    language=language,
                    context=context,
                    created_at=timezone.now(),
                )
        except IntegrityError:
            continue  # this message went to this address already
        transaction.on_commit(partial(deliver.enqueue, notification.pk))
        made.append(notification)
    return made


def send_filed_confirmation(
    request: ServiceRequest, *, email: str, phone: str, language: str, track_url: str
) -> list[Notification]:
    return notify(
        "filed",
        key=f"filed:{request.public_id}",
        language=language,
        email=email,
        phone=phone,
        context={
            "public_id": request.public_id,
            "service": localized(request.service, "name", language),
            "track_url": track_url,
        },
    )


def send_sign_in_link(*, email: str, link: str, language: str) -> list[Notification]:
    # Each link is new, so the link itself keys the message.
    return notify(
        "sign_in",
        key=f"sign-in:{link[-40:]}",
        language=language,
        email=email,
        context={"link": link},
    )


@receiver(request_changed)
def tell_followers(
    sender: object, request: ServiceRequest, event: HistoryEvent, **kwargs: object
) -> None:
    """Followers who asked for updates hear of each public change of status."""
    if not event.public or event.kind not in UPDATE_KINDS:
        return
    followers = Follower.objects.filter(request_id=request.pk, notify=True)
    for follower in followers:
        notify(
            "update",
            key=f"update:{event.pk}:{follower.pk}",
            language=follower.language,
            email=follower.email,
            phone=follower.phone,
            context={
                "public_id": request.public_id,
                "status_code": request.status,
                "note": event.note,
                "closure_reason": request.closure_reason,
                "stop_token": follower.token,
            },
        )
