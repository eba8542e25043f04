"""Every change to a service request happens here.

Each action runs in a transaction, locks the request, writes exactly one history event and
announces the change after commit. Views, importers, the API and the desk all call these.
"""

import secrets
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from care311.catalog.models import Department, ServiceType
from care311.catalog.sla import due_at
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


def _locked(request: ServiceRequest) -> ServiceRequest:
    return ServiceRequest.objects.select_for_update().get(pk=request.pk)


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
) -> ServiceRequest:
    if not service.active:
        raise ActionError(f"service {service.service_code!r} does not accept new requests")
    if channel not in Channel.values:
        raise ActionError(f"unknown channel {channel!r}")
    _check_location(latitude, longitude)
    now = timezone.now()
    requested_at = requested_at or now
    request = ServiceRequest.objects.create(
        service=service,
        department=service.department,
        agency_responsible=service.department.name if service.department else "",
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
        expected_at=due_at(service, requested_at),
    )
    _record(
        request,
        EventKind.CREATED,
        by=by,
        at=now,
        changes={"status": [None, Status.NEW], "channel": channel},
    )
    return request


@transaction.atomic
def update_request(request: ServiceRequest, *, by: Actor, **fields: Any) -> ServiceRequest:
    """Change a request's details; the event names the fields, never private values."""
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise ActionError(f"these fields cannot be changed here: {', '.join(sorted(unknown))}")
    locked = _locked(request)
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
    locked.updated_at = timezone.now()
    locked.save()
    _record(locked, EventKind.UPDATED, by=by, changes=changes, public=False, at=locked.updated_at)
    return locked


@transaction.atomic
def update_status(
    request: ServiceRequest, status: str, *, by: Actor, note: str = "", public: bool = True
) -> ServiceRequest:
    """Move an open request between open states (close, reopen and merge have their own)."""
    if status not in Status.values:
        raise ActionError(f"unknown status {status!r}")
    if status in CLOSED_STATUSES:
        raise ActionError(f"use close_request or merge_request to set {status!r}")
    locked = _locked(request)
    if locked.is_closed:
        raise ActionError(f"request {locked.public_id} is {locked.status}; reopen it first")
    if locked.status == status:
        raise ActionError(f"request {locked.public_id} is already {status}")
    old = locked.status
    locked.status = status
    locked.updated_at = timezone.now()
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
    request: ServiceRequest, *, department: Department, by: Actor, note: str = ""
) -> ServiceRequest:
    locked = _locked(request)
    if locked.is_closed:
        raise ActionError(f"request {locked.public_id} is {locked.status}; reopen it first")
    if locked.department_id == department.pk:
        raise ActionError(f"request {locked.public_id} is already with {department.name}")
    old = locked.department.code if locked.department else None
    locked.department = department
    locked.agency_responsible = department.name
    locked.updated_at = timezone.now()
    locked.save()
    _record(
        locked,
        EventKind.ASSIGNED,
        by=by,
        note=note,
        public=True,
        changes={"department": [old, department.code]},
        at=locked.updated_at,
    )
    return locked


@transaction.atomic
def close_request(
    request: ServiceRequest, *, reason: str, by: Actor, note: str = ""
) -> ServiceRequest:
    reason = reason.strip()
    if not reason:
        raise ActionError("a closure needs a reason")
    locked = _locked(request)
    if locked.is_closed:
        raise ActionError(f"request {locked.public_id} is already {locked.status}")
    old = locked.status
    now = timezone.now()
    locked.status = Status.CLOSED
    locked.closure_reason = reason
    locked.closed_at = now
    locked.updated_at = now
    if note:
        locked.status_notes = note
    locked.save()
    _record(
        locked,
        EventKind.CLOSED,
        by=by,
        note=note,
        at=now,
        changes={"status": [old, Status.CLOSED], "closure_reason": reason},
    )
    return locked


@transaction.atomic
def reopen_request(request: ServiceRequest, *, reason: str, by: Actor) -> ServiceRequest:
    reason = reason.strip()
    if not reason:
        raise ActionError("reopening needs a reason")
    locked = _locked(request)
    if not locked.is_closed:
        raise ActionError(f"request {locked.public_id} is {locked.status}, not closed")
    old = locked.status
    now = timezone.now()
    locked.status = Status.NEW
    locked.closure_reason = ""
    locked.closed_at = None
    locked.duplicate_of = None
    locked.updated_at = now
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
def merge_request(duplicate: ServiceRequest, *, into: ServiceRequest, by: Actor) -> ServiceRequest:
    """Close `duplicate` as a duplicate of `into`, which carries on."""
    locked, target = (
        ServiceRequest.objects.select_for_update().get(pk=pk) for pk in (duplicate.pk, into.pk)
    )
    if locked.pk == target.pk:
        raise ActionError("a request cannot be a duplicate of itself")
    if locked.is_closed:
        raise ActionError(f"request {locked.public_id} is already {locked.status}")
    if target.status == Status.DUPLICATE:
        raise ActionError(
            f"request {target.public_id} is itself a duplicate; merge into "
            f"{target.duplicate_of.public_id if target.duplicate_of else 'the original'}"
        )
    old = locked.status
    now = timezone.now()
    locked.status = Status.DUPLICATE
    locked.duplicate_of = target
    locked.closure_reason = f"Duplicate of {target.public_id}"
    locked.closed_at = now
    locked.updated_at = now
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
    request: ServiceRequest, *, note: str, by: Actor, public: bool = False
) -> HistoryEvent:
    note = note.strip()
    if not note:
        raise ActionError("a note cannot be empty")
    locked = _locked(request)
    locked.updated_at = timezone.now()
    locked.save(update_fields=["updated_at"])
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
    locked.updated_at = now
    locked.save(update_fields=["updated_at"])
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
    request: ServiceRequest, *, photo: CleanPhoto, by: Actor, kind: str = PhotoKind.REPORT
) -> Photo:
    """Store a cleaned photo (see photos.clean_photo) with the request."""
    if kind not in PhotoKind.values:
        raise ActionError(f"unknown photo kind {kind!r}")
    locked = _locked(request)
    now = timezone.now()
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
    locked.updated_at = now
    locked.save(update_fields=["updated_at"])
    _record(locked, EventKind.PHOTO_ADDED, by=by, at=now, changes={"photo": kind})
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
    locked.closed_at = None
    locked.updated_at = now
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
