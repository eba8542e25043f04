"""Every change to a service request happens here.

Each action runs in a transaction, locks the request, writes exactly one history event,
bumps the request's version and announces the change after commit. Views, importers, the API
and the desk all call these; case work on queues (claim, reassign, refer, hold, resume) is in
casework.py.

Optimistic concurrency: an action called from a form passes `expected_version`, the version
the form showed; when the request has changed since, ConflictError says who changed it and
when, and nothing is written.
"""

import secrets
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from care311.catalog.models import ClosureReason, Department, ServiceType
from care311.catalog.queries import closure_reasons_for
from care311.catalog.routing import route_request
from care311.catalog.sla import clock_for, sla_moments
from care311.service_requests.actors import Actor, actor_fields
from care311.service_requests.models import (
    CLOSED_STATUSES,
    Channel,
    EventKind,
    Follower,
    HistoryEvent,
    NotFixedReport,
    Photo,
    PhotoKind,
    Priority,
    ServiceRequest,
    Status,
)
from care311.service_requests.photos import CleanPhoto
from care311.service_requests.signals import request_changed

# Fields update_request may change; status, closure and assignment have their own actions.
EDITABLE_FIELDS = frozenset(
    {
        "description",
        "latitude",
        "longitude",
        "address",
        "address_id",
        "zipcode",
        "answers",
        "agency_responsible",
        "media_url",
        "reporter_name",
        "reporter_email",
        "reporter_phone",
    }
)
PRIVATE_FIELDS = frozenset({"reporter_name", "reporter_email", "reporter_phone"})
# How long after a closure the resident may answer "not fixed" and reopen the request.
NOT_FIXED_WINDOW = timedelta(days=30)


class ActionError(ValueError):
    """The action cannot apply to the request as it stands; the message says why."""


class ConflictError(ActionError):
    """Someone changed the request after the form was shown; nothing was written.

    `request` is the request as it stands now; `changed_by` and `changed_at` come from its
    latest history event.
    """

    def __init__(self, request: ServiceRequest, event: HistoryEvent | None) -> None:
        self.request = request
        self.changed_by = event.actor_name if event else "someone"
        self.changed_at = event.at if event else request.updated_at
        local = timezone.localtime(self.changed_at)
        super().__init__(
            f"request {request.public_id} was changed by {self.changed_by} at "
            f"{local:%Y-%m-%d %H:%M} after you opened it; nothing was saved. "
            "Check its current state and try again."
        )


def _record(
    request: ServiceRequest,
    kind: str,
    *,
    by: Actor,
    changes: dict | None = None,
    note: str = "",
    public: bool = True,
    at: datetime | None = None,
) -> HistoryEvent:
    event = HistoryEvent.objects.create(
        request=request,
        kind=kind,
        at=at or timezone.now(),
        public=public,
        changes=changes or {},
        note=note,
        **actor_fields(by),
    )
    transaction.on_commit(
        lambda: request_changed.send(sender=ServiceRequest, request=request, event=event)
    )
    return event


def _locked(request: ServiceRequest, expected_version: int | None = None) -> ServiceRequest:
    """The request, locked until the transaction ends; ConflictError when a version was
    expected and the request has moved on since."""
    locked = ServiceRequest.objects.select_for_update().get(pk=request.pk)
    if expected_version is not None and locked.version != expected_version:
        raise ConflictError(locked, locked.events.order_by("-at", "-id").first())
    return locked


def _touch(locked: ServiceRequest, now: datetime) -> None:
    """Mark a change about to be saved: the time, and the next version."""
    locked.updated_at = now
    locked.version += 1


def _end_hold(locked: ServiceRequest, now: datetime) -> None:
    """Stop a hold's clock: its time joins held_seconds (closing or merging a held request)."""
    if locked.on_hold_since is None:
        return
    held = clock_for(locked.service).between(locked.on_hold_since, now)
    locked.held_seconds += max(int(held.total_seconds()), 0)
    locked.on_hold_since = None


def _check_location(latitude: float | None, longitude: float | None) -> None:
    if (latitude is None) != (longitude is None):
        raise ActionError("a location needs both latitude and longitude")
    if latitude is not None and not -90 <= latitude <= 90:
        raise ActionError(f"latitude {latitude} is outside -90..90")
    if longitude is not None and not -180 <= longitude <= 180:
        raise ActionError(f"longitude {longitude} is outside -180..180")


@transaction.atomic
def create_request(
    *,
    service: ServiceType,
    channel: str,
    by: Actor,
    description: str = "",
    latitude: float | None = None,
    longitude: float | None = None,
    address: str = "",
    address_id: str = "",
    zipcode: str = "",
    answers: dict | None = None,
    reporter_name: str = "",
    reporter_email: str = "",
    reporter_phone: str = "",
    media_url: str = "",
    requested_at: datetime | None = None,
    priority: int | None = None,
) -> ServiceRequest:
    """File a new request, routed to a department and queue by the catalog's rules (see
    care311/catalog/routing.py); the created event records where it went and why."""
    if not service.active:
        raise ActionError(f"service {service.service_code!r} does not accept new requests")
    if channel not in Channel.values:
        raise ActionError(f"unknown channel {channel!r}")
    _check_location(latitude, longitude)
    if priority is not None and priority not in Priority.values:
        raise ActionError(f"unknown priority {priority!r}")
    now = timezone.now()
    requested_at = requested_at or now
    route = route_request(service, latitude, longitude)
    expected_at, sla_warn_at = sla_moments(service, requested_at)
    request = ServiceRequest.objects.create(
        service=service,
        department=route.department,
        queue=route.queue,
        priority=priority or Priority.NORMAL,
        agency_responsible=route.department.name if route.department else "",
        channel=channel,
        description=description,
        latitude=latitude,
        longitude=longitude,
        address=address,
        address_id=address_id,
        zipcode=zipcode,
        answers=answers or {},
        reporter_name=reporter_name,
        reporter_email=reporter_email,
        reporter_phone=reporter_phone,
        media_url=media_url,
        requested_at=requested_at,
        updated_at=now,
        expected_at=expected_at,
        sla_warn_at=sla_warn_at,
    )
    _record(
        request,
        EventKind.CREATED,
        by=by,
        at=now,
        changes={"status": [None, Status.NEW], "channel": channel, "routed": route.describe()},
    )
    return request


@transaction.atomic
def update_request(
    request: ServiceRequest, *, by: Actor, expected_version: int | None = None, **fields: Any
) -> ServiceRequest:
    """Change a request's details; the event names the fields, never private values."""
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise ActionError(f"these fields cannot be changed here: {', '.join(sorted(unknown))}")
    locked = _locked(request, expected_version)
    _check_location(
        fields.get("latitude", locked.latitude), fields.get("longitude", locked.longitude)
    )
    changes = {}
    for name, value in fields.items():
        old = getattr(locked, name)
        if old != value:
            changes[name] = "changed" if name in PRIVATE_FIELDS else [old, value]
            setattr(locked, name, value)
    if not changes:
        return locked
    _touch(locked, timezone.now())
    locked.save()
    _record(locked, EventKind.UPDATED, by=by, changes=changes, public=False, at=locked.updated_at)
    return locked


@transaction.atomic
def update_status(
    request: ServiceRequest,
    status: str,
    *,
    by: Actor,
    note: str = "",
    public: bool = True,
    expected_version: int | None = None,
) -> ServiceRequest:
    """Move an open request between open states (close, reopen, merge, hold and referral
    have their own actions, which keep the SLA clock and hand-off records right)."""
    if status not in Status.values:
        raise ActionError(f"unknown status {status!r}")
    if status in CLOSED_STATUSES:
        raise ActionError(f"use close_request or merge_request to set {status!r}")
    if status in (Status.ON_HOLD, Status.REFERRED):
        verb = "hold_request" if status == Status.ON_HOLD else "refer_request"
        raise ActionError(f"use {verb} to set {status!r}")
    locked = _locked(request, expected_version)
    if locked.is_closed:
        raise ActionError(f"request {locked.public_id} is {locked.status}; reopen it first")
    if locked.status == Status.ON_HOLD:
        raise ActionError(f"request {locked.public_id} is on hold; resume it first")
    if locked.status == status:
        raise ActionError(f"request {locked.public_id} is already {status}")
    old = locked.status
    locked.status = status
    _touch(locked, timezone.now())
    if note and public:
        locked.status_notes = note
    locked.save()
    _record(
        locked,
        EventKind.STATUS_CHANGED,
        by=by,
        note=note,
        public=public,
        changes={"status": [old, status]},
        at=locked.updated_at,
    )
    return locked


@transaction.atomic
def assign_request(
    request: ServiceRequest,
    *,
    department: Department,
    by: Actor,
    note: str = "",
    expected_version: int | None = None,
) -> ServiceRequest:
    """Hand a request to another department; it leaves its queue and assignee behind (see
    casework.reassign_request to name a queue or a person too)."""
    locked = _locked(request, expected_version)
    if locked.is_closed:
        raise ActionError(f"request {locked.public_id} is {locked.status}; reopen it first")
    if locked.department_id == department.pk:
        raise ActionError(f"request {locked.public_id} is already with {department.name}")
    old = locked.department.code if locked.department else None
    changes: dict[str, list] = {"department": [old, department.code]}
    if locked.queue is not None:
        changes["queue"] = [locked.queue.code, None]
    if locked.assigned_to is not None:
        changes["assigned_to"] = [locked.assigned_to.get_username(), None]
    locked.department, locked.queue, locked.assigned_to = department, None, None
    locked.agency_responsible = department.name
    _touch(locked, timezone.now())
    locked.save()
    _record(
        locked,
        EventKind.ASSIGNED,
        by=by,
        note=note,
        public=True,
        changes=changes,
        at=locked.updated_at,
    )
    return locked


@transaction.atomic
def close_request(
    request: ServiceRequest,
    *,
    reason: ClosureReason | str,
    by: Actor,
    note: str = "",
    photo: CleanPhoto | None = None,
    expected_version: int | None = None,
) -> ServiceRequest:
    """Close a request with a reason from its service's list (a ClosureReason or its code),
    an optional public note and an optional photo of the finished work.

    A service with no closure reasons at all (none of its own, none for all services) takes
    the reason as free text, as imported catalogs and a city that has not written its list
    yet need; once any reason applies to it, only the list is accepted.
    """
    locked = _locked(request, expected_version)
    if locked.is_closed:
        raise ActionError(f"request {locked.public_id} is already {locked.status}")
    chosen = _closure_reason(locked.service, reason)
    label = chosen.label if chosen else str(reason).strip()

    old = locked.status
    now = timezone.now()
    _end_hold(locked, now)
    locked.status = Status.CLOSED
    locked.closure_reason = label
    locked.closed_as = chosen
    locked.closed_at = now
    _touch(locked, now)
    if note:
        locked.status_notes = note
    locked.save()

    changes = {"status": [old, Status.CLOSED], "closure_reason": label}
    if chosen is not None:
        changes["closure_code"] = chosen.code
    if photo is not None:
        _store_photo(locked, photo, PhotoKind.CLOSING, now)
        changes["photo"] = PhotoKind.CLOSING
    _record(locked, EventKind.CLOSED, by=by, note=note, at=now, changes=changes)
    return locked


def _closure_reason(service: ServiceType, reason: ClosureReason | str) -> ClosureReason | None:
    """The reason from the service's list that `reason` names (its code, or its English label
    in any case); None for free text when the service has no list; ActionError naming the
    choices otherwise."""
    offered = closure_reasons_for(service)
    if isinstance(reason, ClosureReason):
        if reason not in offered:
            raise ActionError(f"{reason.label!r} is not a closure reason for {service.name}")
        return reason
    code = reason.strip()
    if not code:
        raise ActionError("a closure needs a reason")
    if not offered:
        return None
    for candidate in offered:
        if code == candidate.code or code.casefold() == candidate.label.casefold():
            return candidate
    choices = ", ".join(candidate.code for candidate in offered)
    raise ActionError(
        f"{code!r} is not a closure reason for {service.name}; choose one of: {choices}"
    )


@transaction.atomic
def reopen_request(
    request: ServiceRequest, *, reason: str, by: Actor, expected_version: int | None = None
) -> ServiceRequest:
    reason = reason.strip()
    if not reason:
        raise ActionError("reopening needs a reason")
    locked = _locked(request, expected_version)
    if not locked.is_closed:
        raise ActionError(f"request {locked.public_id} is {locked.status}, not closed")
    old = locked.status
    now = timezone.now()
    locked.status = Status.NEW
    locked.closure_reason = ""
    locked.closed_as = None
    locked.closed_at = None
    locked.duplicate_of = None
    _touch(locked, now)
    locked.save()
    _record(
        locked,
        EventKind.REOPENED,
        by=by,
        note=reason,
        at=now,
        changes={"status": [old, Status.NEW]},
    )
    return locked


@transaction.atomic
def merge_request(
    duplicate: ServiceRequest,
    *,
    into: ServiceRequest,
    by: Actor,
    expected_version: int | None = None,
) -> ServiceRequest:
    """Close `duplicate` as a duplicate of `into`, which carries on and must be open."""
    locked = _locked(duplicate, expected_version)
    target = ServiceRequest.objects.select_for_update().get(pk=into.pk)
    if locked.pk == target.pk:
        raise ActionError("a request cannot be a duplicate of itself")
    if locked.is_closed:
        raise ActionError(f"request {locked.public_id} is already {locked.status}")
    if target.status == Status.DUPLICATE:
        raise ActionError(
            f"request {target.public_id} is itself a duplicate; merge into "
            f"{target.duplicate_of.public_id if target.duplicate_of else 'the original'}"
        )
    if target.is_closed:
        raise ActionError(f"request {target.public_id} is closed; reopen it or choose an open one")
    old = locked.status
    now = timezone.now()
    _end_hold(locked, now)
    locked.status = Status.DUPLICATE
    locked.duplicate_of = target
    locked.closure_reason = f"Duplicate of {target.public_id}"
    locked.closed_at = now
    _touch(locked, now)
    locked.save()
    _record(
        locked,
        EventKind.MERGED,
        by=by,
        at=now,
        changes={"status": [old, Status.DUPLICATE], "duplicate_of": target.public_id},
    )
    return locked


@transaction.atomic
def add_note(
    request: ServiceRequest,
    *,
    note: str,
    by: Actor,
    public: bool = False,
    expected_version: int | None = None,
) -> HistoryEvent:
    note = note.strip()
    if not note:
        raise ActionError("a note cannot be empty")
    locked = _locked(request, expected_version)
    _touch(locked, timezone.now())
    locked.save(update_fields=["updated_at", "version"])
    return _record(locked, EventKind.NOTE, by=by, note=note, public=public, at=locked.updated_at)


@transaction.atomic
def follow_request(
    request: ServiceRequest,
    *,
    by: Actor,
    me_too: bool,
    notify: bool,
    email: str = "",
    phone: str = "",
    user: User | None = None,
    language: str = "en",
) -> Follower:
    """A resident follows a request: "this is my problem too" (me_too), or asks for updates.

    Following again with the same email, phone or account updates the one follower. The event
    is public for a me-too (the count of residents affected is public), private otherwise,
    and never holds contact details.
    """
    email, phone = email.strip().lower(), phone.strip()
    locked = _locked(request)
    follower = _existing_follower(locked, email=email, phone=phone, user=user)
    now = timezone.now()
    if follower is None:
        follower = Follower(
            request=locked, token=secrets.token_urlsafe(24), created_at=now, me_too=me_too
        )
    follower.me_too = follower.me_too or me_too
    follower.notify = follower.notify or notify
    follower.email = follower.email or email
    follower.phone = follower.phone or phone
    follower.user = follower.user or user
    follower.language = language
    follower.save()
    _touch(locked, now)
    locked.save(update_fields=["updated_at", "version"])
    count = Follower.objects.filter(request=locked, me_too=True).count()
    if me_too:
        _record(locked, EventKind.FOLLOWED, by=by, at=now, changes={"residents_affected": count})
    else:
        _record(locked, EventKind.SUBSCRIBED, by=by, at=now, public=False, changes={})
    return follower


def _existing_follower(
    request: ServiceRequest, *, email: str, phone: str, user: User | None
) -> Follower | None:
    followers = Follower.objects.filter(request=request)
    if user is not None and user.pk is not None:
        found = followers.filter(user=user).first()
        if found is not None:
            return found
    if email:
        return followers.filter(email=email).first()
    if phone:
        return followers.filter(phone=phone).first()
    return None


@transaction.atomic
def unfollow_request(follower: Follower, *, by: Actor) -> Follower:
    """Stop updates to a follower; a me-too still counts as a resident affected."""
    locked = Follower.objects.select_for_update().get(pk=follower.pk)
    if not locked.notify:
        return locked
    locked.notify = False
    locked.save(update_fields=["notify"])
    _record(locked.request, EventKind.UNSUBSCRIBED, by=by, public=False, changes={})
    return locked


@transaction.atomic
def add_photo(
    request: ServiceRequest,
    *,
    photo: CleanPhoto,
    by: Actor,
    kind: str = PhotoKind.REPORT,
    expected_version: int | None = None,
) -> Photo:
    """Store a cleaned photo (see photos.clean_photo) with the request."""
    if kind not in PhotoKind.values:
        raise ActionError(f"unknown photo kind {kind!r}")
    locked = _locked(request, expected_version)
    now = timezone.now()
    stored = _store_photo(locked, photo, kind, now)
    _touch(locked, now)
    locked.save(update_fields=["updated_at", "version"])
    _record(locked, EventKind.PHOTO_ADDED, by=by, at=now, changes={"photo": kind})
    return stored


def _store_photo(locked: ServiceRequest, photo: CleanPhoto, kind: str, now: datetime) -> Photo:
    stored = Photo(
        request=locked,
        kind=kind,
        content_type=photo.content_type,
        width=photo.width,
        height=photo.height,
        added_at=now,
    )
    stored.file.save(f"{secrets.token_hex(16)}.{photo.suffix}", ContentFile(photo.data), save=False)
    stored.save()
    return stored


@transaction.atomic
def reopen_as_not_fixed(
    request: ServiceRequest, *, by: Actor, note: str = "", now: datetime | None = None
) -> ServiceRequest:
    """The resident says a closed request was not fixed: reopen it and record the closure
    that did not hold against the department's service target (a NotFixedReport)."""
    locked = _locked(request)
    now = now or timezone.now()
    if locked.status != Status.CLOSED or locked.closed_at is None:
        raise ActionError(f"request {locked.public_id} is {locked.status}, not closed")
    if now - locked.closed_at > NOT_FIXED_WINDOW:
        raise ActionError(
            f"request {locked.public_id} was closed more than {NOT_FIXED_WINDOW.days} days ago"
        )
    NotFixedReport.objects.create(
        request=locked,
        department=locked.department,
        closed_at=locked.closed_at,
        closure_reason=locked.closure_reason,
        reported_at=now,
    )
    old_reason = locked.closure_reason
    locked.status = Status.NEW
    locked.closure_reason = ""
    locked.closed_as = None
    locked.closed_at = None
    _touch(locked, now)
    locked.save()
    _record(
        locked,
        EventKind.NOT_FIXED,
        by=by,
        at=now,
        note=note.strip(),
        changes={
            "status": [Status.CLOSED, Status.NEW],
            "closure_reason": old_reason,
            "counts_against_sla": True,
        },
    )
    return locked
