"""Reads of service requests for the public pages: small query functions, one per shape."""

from datetime import timedelta
from math import ceil

from django.core.cache import cache
from django.db.models import F, Q, QuerySet
from django.db.models.functions import Lower
from django.utils import timezone

from care311.catalog.models import ServiceType
from care311.service_requests.listings import OPEN, Circle, within_circle
from care311.service_requests.models import (
    Follower,
    HistoryEvent,
    Photo,
    ServiceRequest,
    Status,
)

PRIVATE_FIELDS = ("reporter_name", "reporter_email", "reporter_phone")


# What a list of requests shows: loading only these spares decoding each row's answers.
LISTED_FIELDS = (
    "public_id",
    "status",
    "address",
    "requested_at",
    "service__name",
    "service__translations",
)


def listed_public_requests(status: str = "") -> QuerySet[ServiceRequest]:
    """public_requests with only the columns a list page shows."""
    return public_requests(status).only(*LISTED_FIELDS)


def public_requests(status: str = "") -> QuerySet[ServiceRequest]:
    """Requests newest first with their service joined, contact fields left unloaded."""
    queryset = (
        ServiceRequest.objects.select_related("service")
        .defer(*PRIVATE_FIELDS)
        .order_by("-requested_at", "-id")
    )
    if status:
        queryset = queryset.filter(status=status)
    return queryset


def public_timeline(request: ServiceRequest) -> QuerySet[HistoryEvent]:
    """The request's public history events, oldest first."""
    return request.events.filter(public=True).order_by("at", "id")


NEARBY_METRES = 150
NEARBY_LIMIT = 5
TYPICAL_SAMPLE = 500
TYPICAL_WINDOW = timedelta(days=180)


def public_request(public_id: str) -> ServiceRequest | None:
    """The request with this tracking number (any case, spaces ignored), or None."""
    cleaned = public_id.strip().upper().replace(" ", "")
    if len(cleaned) == 12 and "-" not in cleaned:
        cleaned = f"{cleaned[0:4]}-{cleaned[4:8]}-{cleaned[8:12]}"
    return public_requests().filter(public_id=cleaned).first()


def nearby_open_requests(
    service: ServiceType, *, latitude: float | None, longitude: float | None, address: str
) -> list[ServiceRequest]:
    """Open requests of the same service within NEARBY_METRES of the point, or at the same
    address when there is no point: the ones a resident may be about to report again."""
    if latitude is not None and longitude is not None:
        nearby = within_circle(
            ServiceRequest.objects.filter(status__in=OPEN),
            Circle(latitude, longitude, NEARBY_METRES),
        )
        # The service through an expression no index serves: SQLite cannot tell how few rows
        # the small box holds, and would otherwise walk every request of the service.
        nearby = nearby.alias(service_key=F("service_id") + 0).filter(service_key=service.pk)
        return list(
            nearby.select_related("service")
            .defer(*PRIVATE_FIELDS)
            .order_by("-requested_at")[:NEARBY_LIMIT]
        )
    if not address.strip():
        return []
    return list(
        public_requests()
        .filter(service=service, status__in=OPEN, address__iexact=address.strip())
        .order_by("-requested_at")[:NEARBY_LIMIT]
    )


def typical_close_days(service: ServiceType) -> int | None:
    """Within how many days three in four of the service's recent requests closed, from its
    last TYPICAL_SAMPLE closures of the past TYPICAL_WINDOW; None without enough history.
    Cached for an hour per service: it moves slowly and the sample costs a query."""
    key = f"care311:typical-close-days:{service.pk}"
    cached = cache.get(key)
    if cached is not None:
        return cached or None
    since = timezone.now() - TYPICAL_WINDOW
    durations = sorted(
        (closed_at - requested_at).total_seconds()
        for requested_at, closed_at in ServiceRequest.objects.filter(
            service=service, status=Status.CLOSED, requested_at__gte=since
        )
        .exclude(closed_at=None)
        .order_by("-requested_at")
        .values_list("requested_at", "closed_at")[:TYPICAL_SAMPLE]
        if closed_at is not None
    )
    days = None
    if len(durations) >= 5:
        seconds = max(durations[ceil(len(durations) * 0.75) - 1], 0)
        days = max(1, ceil(seconds / 86400))
    cache.set(key, days or 0, 3600)
    return days


def resident_requests(email: str, user_id: int | None, *, limit: int = 50) -> list:
    """Requests a resident reported (by email, from any channel) or follows, newest first.

    Two indexed lookups (request_reporter_email, follower_email) then one fetch: an OR of
    the two in one query would scan the whole table.
    """
    email = email.lower()
    # All of the resident's own through request_reporter_email, unordered, the newest picked
    # here: with an ORDER BY in the query SQLite walks the whole time index instead, and an
    # id list ordered by time sends PostgreSQL down that index too.
    reported = sorted(
        ServiceRequest.objects.alias(email_lower=Lower("reporter_email"))
        .filter(email_lower=email)
        .order_by()
        .values_list("requested_at", "pk"),
        reverse=True,
    )[:limit]
    who = Q(email=email)
    if user_id is not None:
        who |= Q(user_id=user_id)
    followed = (
        Follower.objects.filter(who).order_by("-created_at").values_list("request_id", flat=True)
    )[:limit]
    ids = {pk for _, pk in reported} | set(followed)
    return list(listed_public_requests().filter(pk__in=ids)[:limit])


def photos_of(request: ServiceRequest) -> list[Photo]:
    return list(request.photos.all())
