"""Reads for the desk's pages: a caller's history, an agent's contacts and presence."""

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db.models import QuerySet

from care311.accounts.access import visible_requests
from care311.desk.models import Contact, ContactRequest, Presence, PresenceInterval
from care311.desk.phones import number_variants
from care311.service_requests.models import Follower, ServiceRequest

HISTORY_LIMIT = 10
# What the caller's history lists of a request: never its reporter's contact details.
REQUEST_FIELDS = (
    "public_id",
    "status",
    "address",
    "requested_at",
    "service__name",
    "service__translations",
)


@dataclass(frozen=True)
class CallerHistory:
    contacts: list[Contact]
    requests: list[ServiceRequest]


def caller_history(user: User, number: str, *, exclude: Contact | None = None) -> CallerHistory:
    """The caller's recent contacts (newest first) and the requests `user` may open that the
    caller filed, followed or called about: by the contacts' links, the number a request's
    reporter gave, or a follower's number."""
    if not number:
        return CallerHistory([], [])
    contacts = (
        Contact.objects.filter(caller_number=number)
        .select_related("agent", "article")
        .order_by("-started_at", "-id")
    )
    if exclude is not None:
        contacts = contacts.exclude(pk=exclude.pk)

    variants = number_variants(number)
    ids = set(
        ContactRequest.objects.filter(contact__caller_number=number).values_list(
            "request_id", flat=True
        )[:200]
    )
    ids |= set(
        ServiceRequest.objects.filter(reporter_phone__in=variants).values_list("pk", flat=True)[
            :200
        ]
    )
    ids |= set(
        Follower.objects.filter(phone__in=variants).values_list("request_id", flat=True)[:200]
    )
    requests = (
        visible_requests(user)
        .filter(pk__in=ids)
        .select_related("service")
        .only(*REQUEST_FIELDS)
        .order_by("-requested_at", "-id")
    )
    return CallerHistory(list(contacts[:HISTORY_LIMIT]), list(requests[:HISTORY_LIMIT]))


def open_contact(user: User) -> Contact | None:
    """The agent's contact not yet wrapped up, if any."""
    return Contact.objects.filter(agent=user, wrapped_up_at__isnull=True).first()


def recent_contacts(user: User, *, limit: int = 10) -> QuerySet[Contact]:
    return (
        Contact.objects.filter(agent=user)
        .select_related("article")
        .prefetch_related("requests")
        .order_by("-started_at", "-id")[:limit]
    )


def presence_now(user: User) -> PresenceInterval | None:
    return PresenceInterval.objects.filter(user=user, ended_at__isnull=True).first()


def state_of(interval: PresenceInterval | None) -> str:
    return interval.state if interval is not None else Presence.OFFLINE
