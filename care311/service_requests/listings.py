"""Reads of service requests and their public history for the Open311 API, one function each.

Every function reads named public columns as plain rows, never the resident's contact fields,
so nothing downstream can render them by accident, and runs a fixed number of queries whatever
the page size.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from math import cos, radians

from django.db.models import ExpressionWrapper, F, FloatField, QuerySet

from care311.service_requests.models import (
    CLOSED_STATUSES,
    HistoryEvent,
    ServiceRequest,
    Status,
)

CLOSED = sorted(CLOSED_STATUSES)
OPEN = sorted(set(Status.values) - CLOSED_STATUSES)
# Metres in one degree of latitude (and of longitude at the equator).
METRES_PER_DEGREE = 111_320.0


@dataclass(frozen=True)
class Circle:
    latitude: float
    longitude: float
    radius: float  # metres


@dataclass(frozen=True)
class Box:
    min_latitude: float
    min_longitude: float
    max_latitude: float
    max_longitude: float


@dataclass(frozen=True)
class RequestCriteria:
    """What a list of requests is filtered by; empty fields do not filter."""

    service_ids: tuple[int, ...] = ()
    closed: bool | None = None
    requested_from: datetime | None = None
    requested_to: datetime | None = None
    updated_after: datetime | None = None
    updated_before: datetime | None = None
    box: Box | None = None
    circle: Circle | None = None


# The columns of a public record of a request (care311.open311.records.request), read as plain
# rows: a page of 100 built as model instances cost several times the query itself.
RECORD_FIELDS = (
    "id",
    "public_id",
    "status",
    "status_notes",
    "service__name",
    "service__service_code",
    "description",
    "agency_responsible",
    "requested_at",
    "updated_at",
    "expected_at",
    "address",
    "address_id",
    "zipcode",
    "latitude",
    "longitude",
    "media_url",
)
# And what extensions=true adds from the request's own row.
EXTENDED_FIELDS = ("answers", "channel", "closed_at", "duplicate_of__public_id")


def _rows(queryset: QuerySet[ServiceRequest], *, with_history: bool) -> QuerySet:
    """Only the public columns (never the contact fields), as dicts."""
    fields = RECORD_FIELDS + EXTENDED_FIELDS if with_history else RECORD_FIELDS
    return queryset.values(*fields)


def _attach_history(rows: list[dict]) -> list[dict]:
    """Each row's public events (oldest first) and the ids of its duplicates, in two queries."""
    ids = [row["id"] for row in rows]
    events: dict[int, list] = defaultdict(list)
    for event in (
        HistoryEvent.objects.filter(request_id__in=ids, public=True)
        .order_by("at", "id")
        .values("request_id", "at", "kind", "note")
    ):
        events[event["request_id"]].append(event)
    duplicates: dict[int, list[str]] = defaultdict(list)
    for parent_id, public_id in (
        ServiceRequest.objects.filter(duplicate_of_id__in=ids)
        .order_by("id")
        .values_list("duplicate_of_id", "public_id")
    ):
        duplicates[parent_id].append(public_id)
    for row in rows:
        row["public_events"] = events[row["id"]]
        row["duplicates"] = duplicates[row["id"]]
    return rows


def within_circle(queryset: QuerySet[ServiceRequest], circle: Circle) -> QuerySet:
    half_height = circle.radius / METRES_PER_DEGREE
    metres_per_longitude = METRES_PER_DEGREE * max(cos(radians(circle.latitude)), 1e-6)
    half_width = min(circle.radius / metres_per_longitude, 360.0)
    queryset = queryset.filter(
        latitude__range=(circle.latitude - half_height, circle.latitude + half_height),
        longitude__range=(circle.longitude - half_width, circle.longitude + half_width),
    )
    # The box above uses the location index; this equirectangular distance then trims its
    # corners. It is within a fraction of a percent at city scale and needs only arithmetic,
    # which SQLite has without its optional math functions.
    north = (F("latitude") - circle.latitude) * METRES_PER_DEGREE
    east = (F("longitude") - circle.longitude) * metres_per_longitude
    squared = ExpressionWrapper(north * north + east * east, output_field=FloatField())
    return queryset.alias(squared_distance=squared).filter(
        squared_distance__lte=circle.radius * circle.radius
    )


def _filtered(criteria: RequestCriteria) -> QuerySet[ServiceRequest]:
    queryset = ServiceRequest.objects.all()
    if criteria.service_ids:
        queryset = queryset.filter(service_id__in=criteria.service_ids)
    else:
        queryset = queryset.filter(service__hidden=False)
    if criteria.closed is not None:
        # A positive list either way, so the service + status index can seek to each status.
        queryset = queryset.filter(status__in=CLOSED if criteria.closed else OPEN)
    if criteria.requested_from is not None:
        queryset = queryset.filter(requested_at__gte=criteria.requested_from)
    if criteria.requested_to is not None:
        queryset = queryset.filter(requested_at__lte=criteria.requested_to)
    if criteria.updated_after is not None:
        queryset = queryset.filter(updated_at__gt=criteria.updated_after)
    if criteria.updated_before is not None:
        queryset = queryset.filter(updated_at__lt=criteria.updated_before)
    if criteria.box is not None:
        box = criteria.box
        queryset = queryset.filter(
            latitude__range=(box.min_latitude, box.max_latitude),
            longitude__range=(box.min_longitude, box.max_longitude),
        )
    if criteria.circle is not None:
        queryset = within_circle(queryset, criteria.circle)
    return queryset


def listing(criteria: RequestCriteria, *, offset: int, limit: int, with_history: bool = False):
    """The query of listed_requests (the benchmark runs it bare)."""
    newest_first = ("-requested_at", "-id")
    matching = _filtered(criteria)
    if criteria.box is not None or criteria.circle is not None:
        # A place has its rows scattered over the table: pick the page's ids inside
        # request_location_time first, so only the page's rows are read, not every row of
        # the place (1,100 table reads for a 1 km box over 90 days of a big city).
        page = matching.order_by(*newest_first).values("id")[offset : offset + limit]
        return _rows(
            ServiceRequest.objects.filter(id__in=page), with_history=with_history
        ).order_by(*newest_first)
    return _rows(matching, with_history=with_history).order_by(*newest_first)[
        offset : offset + limit
    ]


def listed_requests(
    criteria: RequestCriteria, *, offset: int, limit: int, with_history: bool = False
) -> list[dict]:
    """A page of requests of listed services, newest first, as rows of RECORD_FIELDS (and
    EXTENDED_FIELDS, public_events and duplicates with the history).

    Each shape has an index to start from: request_service_status or
    request_service_requested with services, request_requested_place for a time window,
    request_updated_at for update times; for a box or circle request_location_time when it
    is sparse, request_requested_place (read newest first until the page is full) when dense.
    """
    rows = list(listing(criteria, offset=offset, limit=limit, with_history=with_history))
    return _attach_history(rows) if with_history else rows


def by_public_id(public_ids: list[str], *, with_history: bool = False):
    """The query of requests_by_public_id."""
    return _rows(ServiceRequest.objects.filter(public_id__in=public_ids), with_history=with_history)


def requests_by_public_id(public_ids: list[str], *, with_history: bool = False) -> list[dict]:
    """The requests with these public ids, in the order asked, of any service (a hidden one's
    requests are not listed but may be read by id), as listed_requests gives them."""
    found = {row["public_id"]: row for row in by_public_id(public_ids, with_history=with_history)}
    rows = [found[public_id] for public_id in dict.fromkeys(public_ids) if public_id in found]
    return _attach_history(rows) if with_history else rows


def public_events(
    *, start: datetime | None, end: datetime | None, offset: int, limit: int
) -> list[HistoryEvent]:
    """A page of public history events of listed services' requests, oldest first, each with
    `status_then`: its request's status once the event happened (uses event_at)."""
    queryset = HistoryEvent.objects.filter(public=True, request__service__hidden=False)
    if start is not None:
        queryset = queryset.filter(at__gte=start)
    if end is not None:
        queryset = queryset.filter(at__lte=end)
    events = list(
        queryset.select_related("request")
        .only("id", "kind", "at", "note", "changes", "request__public_id", "request__status")
        .order_by("at", "id")[offset : offset + limit]
    )
    _attach_status_then(events)
    return events


def _new_status(changes: dict) -> str | None:
    status = changes.get("status")
    if isinstance(status, list) and len(status) == 2:
        return status[1]
    return status if isinstance(status, str) else None


def _attach_status_then(events: list[HistoryEvent]) -> None:
    # One query for the status-changing events of every request on the page; each event
    # then takes the status set by the last of them at or before it.
    request_ids = {event.request_id for event in events}
    timelines: dict[int, list[tuple[datetime, int, str]]] = defaultdict(list)
    changing = (
        HistoryEvent.objects.filter(request_id__in=request_ids, changes__has_key="status")
        .order_by("at", "id")
        .values_list("request_id", "at", "id", "changes")
    )
    for request_id, at, pk, changes in changing:
        status = _new_status(changes)
        if status:
            timelines[request_id].append((at, pk, status))
    for event in events:
        then = event.request.status
        for at, pk, status in timelines[event.request_id]:
            if (at, pk) > (event.at, event.pk):
                break
            then = status
        event.status_then = then  # type: ignore[attr-defined]
