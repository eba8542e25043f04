"""The messages care311 sends residents, and the one function that queues any message.

`notify` writes a Notification per channel and enqueues its delivery after the transaction
commits, so a rolled-back change sends nothing. Its key makes it idempotent. The desk and
other parts add their messages here as small functions calling `notify`.
"""

import logging
from functools import partial

from django.db import IntegrityError, transaction
from django.dispatch import receiver
from django.utils import timezone, translation

from care311.catalog.models import localized
from care311.notifications import bounces
from care311.notifications.addresses import hashed, normalised
from care311.notifications.audience import Recipient, audience, kind_of, reporter_preference
from care311.notifications.models import Channel, Kind, Notification, State
from care311.notifications.responses import closure_reason, track_url
from care311.notifications.tasks import deliver
from care311.service_requests.models import HistoryEvent, ServiceRequest
from care311.service_requests.scrubbing import public_text
from care311.service_requests.signals import request_changed

logger = logging.getLogger(__name__)


def notify(
    template: str,
    *,
    key: str,
    language: str,
    context: dict,
    email: str = "",
    phone: str = "",
    request: ServiceRequest | None = None,
) -> list[Notification]:
    """Queue `template` to the email and/or phone given; returns the notifications made
    (none for a key already used with that address). An address known to bounce gets a row
    that says so, and no delivery."""
    made = []
    for channel, address in ((Channel.EMAIL, email), (Channel.SMS, phone)):
        if not address:
            continue
        address_key = normalised(channel, address)
        full_key = f"{key}:{channel}:{hashed(address_key)}"
        if Notification.objects.filter(key=full_key).exists():
            continue  # this message went to this address already
        bouncing = bounces.is_bouncing(channel, address_key)
        try:
            with transaction.atomic():
                notification = Notification.objects.create(
                    key=full_key,
                    template=template,
                    channel=channel,
                    address=address,
                    address_key=address_key,
                    language=language,
                    context=context,
                    request=request,
                    created_at=timezone.now(),
                    state=State.SUPPRESSED if bouncing else State.QUEUED,
                    error=bounces.BOUNCING_ERROR if bouncing else "",
                )
        except IntegrityError:
            continue  # made at the same moment by another process
        if not bouncing:
            transaction.on_commit(partial(deliver.enqueue, notification.pk))
        made.append(notification)
    return made


def send_filed_confirmation(
    request: ServiceRequest,
    *,
    email: str,
    phone: str,
    language: str,
    track_url: str,
    updates: bool | None = None,
) -> list[Notification]:
    """The tracking number to the reporter. `updates` False records that they want no
    updates as a reporter (a portal reporter who asked for them follows the request)."""
    if email or phone:
        reporter_preference(request, language=language, notify=updates)
    return notify(
        "filed",
        key=f"filed:{request.public_id}",
        language=language,
        email=email,
        phone=phone,
        request=request,
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
def tell_residents(
    sender: object, request: ServiceRequest, event: HistoryEvent, **kwargs: object
) -> None:
    """The reporter and followers hear of each public change of status or department; a
    closure reaches those of the requests merged into this one too, once per address."""
    kind = kind_of(event)
    if kind is None:
        return
    request = ServiceRequest.objects.select_related(
        "service", "department", "duplicate_of", "closed_as"
    ).get(pk=request.pk)
    recipients = audience(request, with_duplicates=kind == Kind.CLOSED)
    for recipient in recipients:
        notify(
            "event",
            key=f"event:{event.pk}",
            language=recipient.language,
            email=recipient.email,
            phone=recipient.phone,
            request=request,
            context=_context(kind, request, event, recipient),
        )
    logger.info("event %s: %d residents to tell", event.pk, len(recipients))


def _context(kind: str, request: ServiceRequest, event: HistoryEvent, recipient: Recipient) -> dict:
    # Status and reason are translated at delivery; names of catalog records here.
    language = recipient.language
    department = request.department
    status = (event.changes or {}).get("status") or [None, request.status]
    # Anyone may follow a request: its free text reaches them scrubbed, as on its page.
    with translation.override(language):
        reason = public_text(closure_reason(request, language))
        note = public_text(event.note)
    return {
        "kind": kind,
        "request_id": request.public_id,
        "service_id": request.service_id,
        "service": localized(request.service, "name", language),
        "status_code": status[1],
        "closure_reason": reason,
        "referred_to": request.referred_to,
        "public_note": note,
        "department": localized(department, "name", language) if department else "",
        "duplicate_of": request.duplicate_of.public_id if request.duplicate_of else "",
        "track_url": track_url(request.public_id),
        "stop_url": recipient.stop_url,
    }
