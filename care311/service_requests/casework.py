"""Case work on a department's queues: claim, reassign, refer, hold and resume.

The same rules as actions.py: a transaction, the request locked (and its version checked when
a form sent one), exactly one history event, the version bumped, the change announced on
commit.
"""

from datetime import timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from care311.accounts.access import staff_department_id
from care311.catalog.models import Department, WorkQueue
from care311.catalog.sla import clock_for, sla_moments
from care311.service_requests.actions import ActionError, _end_hold, _locked, _record, _touch
from care311.service_requests.actors import Actor
from care311.service_requests.models import EventKind, ServiceRequest, Status

AGENCY_MAX = 200


def _open(locked: ServiceRequest) -> None:
    if locked.is_closed:
        raise ActionError(f"request {locked.public_id} is {locked.status}; reopen it first")


def _name(user: AbstractBaseUser | None) -> str | None:
    return user.get_username() if user is not None else None


def _label(value: Department | WorkQueue | AbstractBaseUser | None) -> str | None:
    """How the event names a department, queue or person."""
    if value is None or isinstance(value, AbstractBaseUser):
        return _name(value)
    return value.code


@transaction.atomic
def claim_request(
    request: ServiceRequest, *, by: AbstractBaseUser, expected_version: int | None = None
) -> ServiceRequest:
    """Assign the request to the member of staff acting (the "claim" button of a queue)."""
    if not isinstance(by, AbstractBaseUser):
        raise ActionError("only a member of staff can claim a request")
    locked = _locked(request, expected_version)
    _open(locked)
    if locked.assigned_to_id == by.pk:
        raise ActionError(f"request {locked.public_id} is already yours")
    if locked.assigned_to_id is not None:
        raise ActionError(
            f"request {locked.public_id} is claimed by {_name(locked.assigned_to)}; "
            "reassign it instead"
        )

    _touch(locked, timezone.now())
    locked.assigned_to_id = by.pk
    locked.save()
    _record(
        locked,
        EventKind.ASSIGNED,
        by=by,
        public=False,
        at=locked.updated_at,
        changes={"assigned_to": [None, by.get_username()]},
    )
    return locked


@transaction.atomic
def reassign_request(
    request: ServiceRequest,
    *,
    by: Actor,
    queue: WorkQueue | None = None,
    department: Department | None = None,
    assignee: AbstractBaseUser | None = None,
    unassign: bool = False,
    note: str = "",
    expected_version: int | None = None,
) -> ServiceRequest:
    """Move a request to another queue, department or person. A new department without a
    queue leaves the request outside any queue and unassigned; a person named must work for
    the request's (new) department unless they work citywide (no department)."""
    if queue is not None and department is not None and queue.department_id != department.pk:
        raise ActionError(f"queue {queue.name} belongs to {queue.department.name}")
    locked = _locked(request, expected_version)
    _open(locked)

    target = queue.department if queue is not None else department or locked.department
    moved = target is not None and target.pk != locked.department_id
    new_queue = queue if queue is not None else (None if moved else locked.queue)
    new_assignee = assignee if assignee is not None else locked.assigned_to
    if unassign or (moved and assignee is None):
        new_assignee = None
    if new_assignee is not None and target is not None:
        works_for = staff_department_id(new_assignee)
        if works_for is not None and works_for != target.pk:
            raise ActionError(f"{_name(new_assignee)} does not work for {target.name}")

    changes = {}
    for field, old, new in (
        ("department", locked.department, target),
        ("queue", locked.queue, new_queue),
        ("assigned_to", locked.assigned_to, new_assignee),
    ):
        if (old.pk if old else None) != (new.pk if new else None):
            changes[field] = [_label(old), _label(new)]
    if not changes:
        raise ActionError(f"request {locked.public_id} is already there")

    locked.department, locked.queue = target, new_queue
    locked.assigned_to_id = new_assignee.pk if new_assignee else None
    if moved and target is not None:
        locked.agency_responsible = target.name
    _touch(locked, timezone.now())
    locked.save()
    _record(
        locked,
        EventKind.ASSIGNED,
        by=by,
        note=note.strip(),
        public=moved,  # which department has it is public; queues and people are not
        at=locked.updated_at,
        changes=changes,
    )
    return locked


@transaction.atomic
def refer_request(
    request: ServiceRequest,
    *,
    agency: str,
    by: Actor,
    note: str = "",
    expected_version: int | None = None,
) -> ServiceRequest:
    """Hand the request to an agency outside the city (status referred); the event records
    the agency and the hand-off note, which residents see."""
    agency, note = agency.strip(), note.strip()
    if not agency:
        raise ActionError("a referral needs the agency's name")
    if len(agency) > AGENCY_MAX:
        raise ActionError(f"the agency's name is longer than {AGENCY_MAX} characters")
    locked = _locked(request, expected_version)
    _open(locked)
    if locked.status == Status.REFERRED and locked.referred_to == agency:
        raise ActionError(f"request {locked.public_id} is already referred to {agency}")

    old = locked.status
    now = timezone.now()
    _end_hold(locked, now)
    locked.status = Status.REFERRED
    locked.referred_to = agency
    if note:
        locked.status_notes = note
    _touch(locked, now)
    locked.save()
    _record(
        locked,
        EventKind.REFERRED,
        by=by,
        note=note,
        at=now,
        changes={"status": [old, Status.REFERRED], "referred_to": agency},
    )
    return locked


@transaction.atomic
def hold_request(
    request: ServiceRequest, *, by: Actor, note: str, expected_version: int | None = None
) -> ServiceRequest:
    """Put the request on hold (waiting for the resident, for instance): its SLA clock stops
    until resume_request. The note says what the city is waiting for; residents see it."""
    note = note.strip()
    if not note:
        raise ActionError("a hold needs a note saying what the request is waiting for")
    locked = _locked(request, expected_version)
    _open(locked)
    if locked.status == Status.ON_HOLD:
        raise ActionError(f"request {locked.public_id} is already on hold")

    old = locked.status
    now = timezone.now()
    locked.status = Status.ON_HOLD
    locked.on_hold_since = now
    locked.status_notes = note
    _touch(locked, now)
    locked.save()
    _record(
        locked, EventKind.HELD, by=by, note=note, at=now, changes={"status": [old, Status.ON_HOLD]}
    )
    return locked


@transaction.atomic
def resume_request(
    request: ServiceRequest, *, by: Actor, note: str = "", expected_version: int | None = None
) -> ServiceRequest:
    """End a hold: the request is in progress again and its clock restarts with the target
    it had left when the hold began, so the due moment moves by the time held. A request held
    after its due moment stays breached (its due moment does not move)."""
    locked = _locked(request, expected_version)
    if locked.status != Status.ON_HOLD or locked.on_hold_since is None:
        raise ActionError(f"request {locked.public_id} is {locked.status}, not on hold")

    now = timezone.now()
    clock = clock_for(locked.service)
    changes: dict = {"status": [Status.ON_HOLD, Status.IN_PROGRESS]}
    if locked.expected_at is not None:
        left = clock.between(locked.on_hold_since, locked.expected_at)
        if left > timedelta(0):
            due, warn = sla_moments(locked.service, now, left)
            changes["expected_at"] = [locked.expected_at.isoformat(), due and due.isoformat()]
            locked.expected_at, locked.sla_warn_at = due, warn
    _end_hold(locked, now)
    changes["held_seconds"] = locked.held_seconds
    locked.status = Status.IN_PROGRESS
    if note.strip():
        locked.status_notes = note.strip()
    _touch(locked, now)
    locked.save()
    _record(locked, EventKind.RESUMED, by=by, note=note.strip(), at=now, changes=changes)
    return locked
