"""Who hears about a change: the reporter and the followers who asked for updates, each
with the link that stops their own updates.

A reporter who also follows the request is the follower: that record's choice (and its stop
link) rules, so stopping updates once stops them. A request's duplicates (merged into it)
bring their reporters and followers to its closure notice.
"""

import secrets
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from care311.notifications.addresses import normalised
from care311.notifications.models import Channel, Kind, ReporterPreference
from care311.service_requests.models import (
    EventKind,
    Follower,
    HistoryEvent,
    ServiceRequest,
    Status,
)

# Events that never make an update: the filing confirmation covers the first.
QUIET_KINDS = frozenset({EventKind.CREATED, EventKind.IMPORTED, EventKind.REIMPORTED})
KIND_OF_EVENT: dict[str, Kind] = {
    EventKind.CLOSED: Kind.CLOSED,
    EventKind.MERGED: Kind.DUPLICATE,
    EventKind.REOPENED: Kind.REOPENED,
    EventKind.NOT_FIXED: Kind.REOPENED,
    EventKind.ASSIGNED: Kind.ASSIGNED,
}


@dataclass(frozen=True)
class Recipient:
    email: str
    phone: str
    language: str
    stop_url: str


def kind_of(event: HistoryEvent) -> str | None:
    """The response an event calls for, or None when residents do not hear of it: private
    events, and public ones that do not change the request's status or department."""
    if not event.public or event.kind in QUIET_KINDS:
        return None
    if event.kind in KIND_OF_EVENT:
        return KIND_OF_EVENT[event.kind]
    status = (event.changes or {}).get("status")
    if isinstance(status, list) and len(status) == 2 and status[1]:
        return status[1] if status[1] in Kind.values else Kind.STATUS
    return None


def audience(request: ServiceRequest, *, with_duplicates: bool = False) -> list[Recipient]:
    """Everyone to tell about a change of `request`, the request's own residents first."""
    requests = [request, *(merged_into(request) if with_duplicates else [])]
    followers: dict[int, list[Follower]] = {r.pk: [] for r in requests}
    for follower in Follower.objects.filter(request_id__in=list(followers)):
        followers[follower.request_id].append(follower)
    recipients = []
    for each in requests:
        recipients += _residents_of(each, followers[each.pk])
    return recipients


def _residents_of(request: ServiceRequest, followers: list[Follower]) -> list[Recipient]:
    recipients = [
        Recipient(f.email, f.phone, f.language, _link("portal:unsubscribe", f.token))
        for f in followers
        if f.notify and (f.email or f.phone)
    ]
    # The reporter's addresses that no follower record speaks for.
    taken = {normalised(Channel.EMAIL, f.email) for f in followers if f.email}
    taken |= {normalised(Channel.SMS, f.phone) for f in followers if f.phone}
    email, phone = request.reporter_email, request.reporter_phone
    email = "" if normalised(Channel.EMAIL, email) in taken else email
    phone = "" if normalised(Channel.SMS, phone) in taken else phone
    if email or phone:
        preference = reporter_preference(request)
        if preference.notify:
            stop_url = _link("notifications:stop", preference.token)
            recipients.append(Recipient(email, phone, preference.language, stop_url))
    return recipients


def merged_into(request: ServiceRequest) -> list[ServiceRequest]:
    """The requests merged into `request`, and those merged into them, oldest merge first."""
    found: list[ServiceRequest] = []
    frontier, seen = [request.pk], {request.pk}
    while frontier:
        batch = list(
            ServiceRequest.objects.filter(duplicate_of_id__in=frontier, status=Status.DUPLICATE)
            .exclude(pk__in=seen)
            .only("pk", "public_id", "reporter_email", "reporter_phone")
            .order_by("closed_at", "pk")
        )
        found += batch
        frontier = [each.pk for each in batch]
        seen.update(frontier)
    return found


def reporter_preference(
    request: ServiceRequest, *, language: str | None = None, notify: bool | None = None
) -> ReporterPreference:
    """The reporter's preference for `request`, made on first use (updates on, English
    unless `language` says otherwise); `language` and `notify` given are stored."""
    preference, _ = ReporterPreference.objects.get_or_create(
        request_id=request.pk,
        defaults={
            "token": secrets.token_urlsafe(24),
            "language": language or "en",
            "notify": True if notify is None else notify,
            "created_at": timezone.now(),
        },
    )
    changed: dict[str, object] = {}
    if language and preference.language != language:
        changed["language"] = language
    if notify is not None and preference.notify != notify:
        changed["notify"] = notify
    if changed:
        ReporterPreference.objects.filter(pk=preference.pk).update(**changed)
        for name, value in changed.items():
            setattr(preference, name, value)
    return preference


def _link(name: str, token: str) -> str:
    return settings.SITE_URL + reverse(name, args=[token])
