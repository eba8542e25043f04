"""The changes to contact-center records that people make (calls change only through
pipeline.py): linking a call to the request it was about, and a queue's targets."""

import logging

from django.db import transaction

from care311.contact_center.metrics import summaries
from care311.contact_center.models import CallRecord, ContactLink, Queue
from care311.service_requests.actors import Actor, actor_fields
from care311.service_requests.models import ServiceRequest

logger = logging.getLogger(__name__)


@transaction.atomic
def link_call(
    call: CallRecord, request: ServiceRequest, *, filed: bool = False, by: Actor
) -> ContactLink:
    """Record that `call` was about `request` (and filed it, if `filed`); idempotent."""
    link, created = ContactLink.objects.get_or_create(
        call=call, request=request, defaults={"filed": filed}
    )
    if not created and filed and not link.filed:
        link.filed = True
        link.save(update_fields=["filed"])
    logger.info(
        "call %s linked to request %s by %s", call.pk, request.pk, actor_fields(by)["actor_name"]
    )
    return link


@transaction.atomic
def set_queue_targets(
    queue: Queue,
    *,
    service_level_seconds: int,
    service_level_target: int,
    short_abandon_seconds: int,
    abandon_target: int,
    by: Actor,
) -> Queue:
    """Change a queue's thresholds and sum its interval summaries again with them."""
    queue = Queue.objects.select_for_update().get(pk=queue.pk)
    queue.service_level_seconds = service_level_seconds
    queue.service_level_target = service_level_target
    queue.short_abandon_seconds = short_abandon_seconds
    queue.abandon_target = abandon_target
    queue.save()
    summaries.rebuild([queue])
    logger.info("queue %s targets changed by %s", queue.pk, actor_fields(by)["actor_name"])
    return queue
