"""Every case-work action writes exactly one history event: its kind, changes and actor."""

from datetime import UTC, datetime

import pytest

from care311.catalog.models import ClosureReason, WorkQueue
from care311.service_requests import actions, casework
from care311.service_requests.actions import ActionError
from care311.service_requests.models import EventKind, Status


@pytest.fixture
def filed(pothole, staff):
    return actions.create_request(
        service=pothole,
        channel="phone",
        by=staff["ana"],
        requested_at=datetime(2026, 3, 2, 15, 0, tzinfo=UTC),
    )


def last_event(request):
    events = list(request.events.order_by("at", "id"))
    return events[-1], len(events)


def summary(event):
    return (event.kind, event.actor_name, event.public, event.changes, event.note)


def test_it_records_a_claim(filed, staff):
    claimed = casework.claim_request(filed, by=staff["stella"])

    event, count = last_event(claimed)
    assert count == 2
    assert summary(event) == (
        EventKind.ASSIGNED,
        "stella",
        False,
        {"assigned_to": [None, "stella"]},
        "",
    )
    assert (claimed.assigned_to, claimed.version) == (staff["stella"], 2)
    with pytest.raises(ActionError, match=r"is already yours"):
        casework.claim_request(claimed, by=staff["stella"])
    with pytest.raises(ActionError, match=r"is claimed by stella; reassign it instead"):
        casework.claim_request(claimed, by=staff["ana"])


def test_it_records_a_reassignment_to_another_departments_queue(filed, staff, parks):
    casework.claim_request(filed, by=staff["stella"])
    trees = WorkQueue.objects.create(code="trees", name="Trees", department=parks)

    moved = casework.reassign_request(filed, queue=trees, by=staff["ana"], note="Tree roots")

    event, count = last_event(moved)
    assert count == 3
    assert summary(event) == (
        EventKind.ASSIGNED,
        "ana",
        True,
        {
            "department": ["streets", "parks"],
            "queue": [None, "trees"],
            "assigned_to": ["stella", None],
        },
        "Tree roots",
    )
    assert (moved.department, moved.agency_responsible, moved.queue) == (parks, "Parks", trees)


def test_it_refuses_a_person_of_another_department(filed, staff):
    with pytest.raises(ActionError, match="parker does not work for Streets"):
        casework.reassign_request(filed, assignee=staff["parker"], by=staff["ana"])
    assert filed.events.count() == 1


def test_it_records_a_referral_with_the_agency_and_hand_off_note(filed, staff):
    referred = casework.refer_request(
        filed, agency="State DOT", note="State highway: ticket 4471", by=staff["ana"]
    )

    event, _ = last_event(referred)
    assert summary(event) == (
        EventKind.REFERRED,
        "ana",
        True,
        {"status": ["new", "referred"], "referred_to": "State DOT"},
        "State highway: ticket 4471",
    )
    assert (referred.status, referred.referred_to) == (Status.REFERRED, "State DOT")


def test_it_records_a_hold_and_a_resumption(filed, staff):
    held = casework.hold_request(filed, note="Waiting for the resident's photo", by=staff["ana"])
    event, _ = last_event(held)
    assert summary(event) == (
        EventKind.HELD,
        "ana",
        True,
        {"status": ["new", "on_hold"]},
        "Waiting for the resident's photo",
    )

    resumed = casework.resume_request(held, by=staff["stella"])
    event, count = last_event(resumed)
    assert (event.kind, event.actor_name, event.changes["status"], count) == (
        EventKind.RESUMED,
        "stella",
        ["on_hold", "in_progress"],
        3,
    )
    assert resumed.version == 3


def test_it_records_a_closure_with_its_reason_and_a_note(filed, staff, pothole):
    patched = ClosureReason.objects.create(service=pothole, code="patched", label="Patched")

    closed = actions.close_request(filed, reason=patched, note="Filled today", by=staff["stella"])

    event, _ = last_event(closed)
    assert summary(event) == (
        EventKind.CLOSED,
        "stella",
        True,
        {"status": ["new", "closed"], "closure_reason": "Patched", "closure_code": "patched"},
        "Filled today",
    )
    assert (closed.closed_as, closed.closure_reason, closed.status_notes) == (
        patched,
        "Patched",
        "Filled today",
    )


def test_it_records_a_merge_and_a_note(filed, staff, pothole):
    original = actions.create_request(service=pothole, channel="web", by=staff["ana"])

    merged = actions.merge_request(filed, into=original, by=staff["ben"])
    event, _ = last_event(merged)
    assert summary(event) == (
        EventKind.MERGED,
        "ben",
        True,
        {"status": ["new", "duplicate"], "duplicate_of": original.public_id},
        "",
    )

    note = actions.add_note(original, note="Crew on the way", by=staff["stella"])
    assert summary(note) == (EventKind.NOTE, "stella", False, {}, "Crew on the way")
