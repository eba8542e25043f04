"""Every change to a service request happens here.

Each action runs in a transaction, locks the request, writes exactly one history event and
announces the change after commit. Views, importers, the API and the desk all call these.
"""

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from care311.catalog.models import Department, ServiceType
from care311.catalog.sla import due_at
from care311.service_requests.actors import Actor, actor_fields
from care311.service_requests.models import (
    CLOSED_STATUSES,
    Channel,
    EventKind,
    HistoryEvent,
    ServiceRequest,
    Status,
)
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
