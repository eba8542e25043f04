"""The SLA sweep: warn before a request's target is missed, escalate when it is.

`sweep_slas` is a task (Django Tasks API): `care311 sla sweep` runs it once, and a timer or
the demo's loop enqueues it every few minutes for `care311 db_worker`. It is idempotent: each
request is warned at most once and escalated at most once, however often or concurrently the
sweep runs, because the flag (sla_warned_at, sla_escalated_at) is set under the row's lock in
the same transaction as its history event, and the notifications are keyed by request and due
moment.

Swept: requests filed in care311 (not imported history), open, not on hold (the clock is
stopped) and not referred (the agency's clock is not the city's). A hold cannot undo a breach
and reopening keeps the due moment, so a request is escalated once in its life.

The sweep does not bump a request's version: it sets only its own bookkeeping, which no form
edits, so it never makes a member of staff's form conflict.
"""

import logging
from dataclasses import asdict, dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django_tasks import task

from care311.accounts import roles
from care311.notifications.messages import notify
from care311.service_requests.actions import _record
from care311.service_requests.actors import System
from care311.service_requests.models import CLOSED_STATUSES, EventKind, ServiceRequest, Status

logger = logging.getLogger(__name__)

SWEEP = System("sla-sweep")
UNSWEPT = (*CLOSED_STATUSES, Status.ON_HOLD, Status.REFERRED)


@dataclass
class SweepCounts:
    warned: int = 0
    escalated: int = 0


@task()
def sweep_slas() -> dict[str, int]:
    """Warn and escalate every request due for it now; returns the counts."""
    counts = run_sweep()
    if counts.warned or counts.escalated:
        logger.info("SLA sweep: warned %s, escalated %s", counts.warned, counts.escalated)
    return asdict(counts)


def run_sweep() -> SweepCounts:
    now = timezone.now()
    counts = SweepCounts()
    for pk in list(_to_warn(now).values_list("pk", flat=True)):
        counts.warned += _warn(pk, now)
    for pk in list(_to_escalate(now).values_list("pk", flat=True)):
        counts.escalated += _escalate(pk, now)
    return counts


def _swept() -> QuerySet[ServiceRequest]:
    return ServiceRequest.objects.filter(source="").exclude(status__in=UNSWEPT)


def _to_warn(now) -> QuerySet[ServiceRequest]:
    # Already past due: the escalation says more than a warning would.
    return _swept().filter(
        sla_warn_at__lte=now,
        expected_at__gt=now,
        sla_warned_at__isnull=True,
        sla_escalated_at__isnull=True,
    )


def _to_escalate(now) -> QuerySet[ServiceRequest]:
    return _swept().filter(expected_at__lte=now, sla_escalated_at__isnull=True)


@transaction.atomic
def _warn(pk: int, now) -> bool:
    # Checked again under the lock: another sweep, or an action, may have got there first.
    locked = _to_warn(now).select_for_update().filter(pk=pk).first()
    if locked is None:
        return False
    locked.sla_warned_at = now
    locked.save(update_fields=["sla_warned_at"])
    due = locked.expected_at
    event = _record(
        locked,
        EventKind.SLA_WARNING,
        by=SWEEP,
        public=False,
        at=now,
        changes={"expected_at": due.isoformat() if due else None},
    )
    notify(
        "sla_warning",
        key=f"sla-warning:{locked.public_id}:{event.changes['expected_at']}",
        language="en",
        email=_warning_address(locked),
        context=_context(locked),
    )
    return True


@transaction.atomic
def _escalate(pk: int, now) -> bool:
    locked = _to_escalate(now).select_for_update().filter(pk=pk).first()
    if locked is None:
        return False
    locked.sla_escalated_at = now
    locked.save(update_fields=["sla_escalated_at"])
    supervisors = list(
        get_user_model()
        .objects.filter(groups__name=roles.SUPERVISOR, is_active=True)
        .exclude(email="")
        .order_by("pk")
    )
    due = locked.expected_at
    event = _record(
        locked,
        EventKind.SLA_ESCALATED,
        by=SWEEP,
        public=False,
        at=now,
        changes={
            "expected_at": due.isoformat() if due else None,
            "escalated_to": [user.get_username() for user in supervisors],
        },
    )
    for supervisor in supervisors:
        notify(
            "sla_escalation",
            key=f"sla-escalation:{locked.public_id}:{event.changes['expected_at']}",
            language="en",
            email=supervisor.email,
            context=_context(locked),
        )
    return True


def _warning_address(request: ServiceRequest) -> str:
    """The assignee's email, else the department's contact address ("" sends nothing)."""
    if request.assigned_to is not None and request.assigned_to.email:
        return request.assigned_to.email
    return request.department.contact_email if request.department else ""


def _context(request: ServiceRequest) -> dict:
    due = timezone.localtime(request.expected_at) if request.expected_at else None
    return {
        "public_id": request.public_id,
        "service": request.service.name,
        "department": request.department.name if request.department else "",
        "queue": request.queue.name if request.queue else "",
        "due": f"{due:%Y-%m-%d %H:%M %Z}" if due else "",
        "path": f"/desk/queues/requests/{request.public_id}/",
    }
