"""Each action changes the request, writes exactly one history event, and refuses bad moves."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from care311.service_requests import actions
from care311.service_requests.actions import ActionError
from care311.service_requests.actors import System
from care311.service_requests.models import EventKind, HistoryEvent, Status
from care311.service_requests.signals import request_changed

SYSTEM = System("test-suite")


@pytest.fixture
def request_(pothole, agent):
    return actions.create_request(
        service=pothole,
        channel="phone",
        by=agent,
        description="Deep hole by the curb",
        latitude=36.154,
        longitude=-95.992,
        address="100 S Main St",
        reporter_name="Rosa Diaz",
        reporter_email="rosa@example.net",
        reporter_phone="555-0100",
        requested_at=datetime(2026, 3, 2, 15, 0, tzinfo=UTC),
    )


def only_event(request, kind):
    events = list(request.events.all())
    assert [event.kind for event in events][-1] == kind
    return events[-1]


def test_it_creates_a_request_with_its_department_and_due_date(request_, streets, agent):
    assert request_.status == Status.NEW
    assert request_.department == streets
    assert request_.agency_responsible == "Streets"
    assert request_.expected_at == datetime(2026, 3, 5, 15, 0, tzinfo=UTC)
    assert len(request_.public_id) == 14 and request_.public_id.count("-") == 2
    event = request_.events.get()
    assert (event.kind, event.actor, event.actor_name, event.public) == (
        EventKind.CREATED,
        agent,
        "agent.ana",
        True,
    )
    assert event.changes == {
        "status": [None, "new"],
        "channel": "phone",
        "routed": {
            "department": "streets",
            "queue": None,
            "how": "service department",
            "rule": None,
            "district": None,
        },
    }


def test_it_refuses_a_location_out_of_range(pothole):
    with pytest.raises(ActionError, match=r"latitude 91\.0 is outside -90\.\.90"):
        actions.create_request(
            service=pothole, channel="web", by=SYSTEM, latitude=91.0, longitude=0.0
        )
    with pytest.raises(ActionError, match="both latitude and longitude"):
        actions.create_request(service=pothole, channel="web", by=SYSTEM, latitude=36.1)
    assert HistoryEvent.objects.count() == 0


def test_it_refuses_an_unknown_channel_and_an_inactive_service(pothole):
    with pytest.raises(ActionError, match="unknown channel 'fax'"):
        actions.create_request(service=pothole, channel="fax", by=SYSTEM)
    pothole.active = False
    pothole.save()
    with pytest.raises(ActionError, match="does not accept new requests"):
        actions.create_request(service=pothole, channel="web", by=SYSTEM)


def test_it_changes_status_with_a_public_note(request_, agent):
    changed = actions.update_status(request_, Status.IN_PROGRESS, by=agent, note="Crew sent")
    assert changed.status == Status.IN_PROGRESS
    assert changed.status_notes == "Crew sent"
    event = only_event(changed, EventKind.STATUS_CHANGED)
    assert event.changes == {"status": ["new", "in_progress"]}
    assert event.note == "Crew sent"
    assert request_.events.count() == 2


def test_it_refuses_a_status_change_that_means_nothing(request_, agent):
    with pytest.raises(ActionError, match="is already new"):
        actions.update_status(request_, Status.NEW, by=agent)
    with pytest.raises(ActionError, match="use close_request"):
        actions.update_status(request_, Status.CLOSED, by=agent)
    with pytest.raises(ActionError, match="unknown status 'done'"):
        actions.update_status(request_, "done", by=agent)
    assert request_.events.count() == 1


def test_it_assigns_to_another_department(request_, parks, agent):
    assigned = actions.assign_request(request_, department=parks, by=agent, note="Park path")
    assert assigned.department == parks
    assert assigned.agency_responsible == "Parks"
    event = only_event(assigned, EventKind.ASSIGNED)
    assert event.changes == {"department": ["streets", "parks"]}
    with pytest.raises(ActionError, match="already with Parks"):
        actions.assign_request(assigned, department=parks, by=agent)


def test_it_closes_with_a_reason_and_reopens(request_, agent):
    with pytest.raises(ActionError, match="needs a reason"):
        actions.close_request(request_, reason="  ", by=agent)
    closed = actions.close_request(request_, reason="Repaired", note="Filled today", by=agent)
    assert (closed.status, closed.closure_reason) == (Status.CLOSED, "Repaired")
    assert closed.closed_at is not None
    assert only_event(closed, EventKind.CLOSED).changes == {
        "status": ["new", "closed"],
        "closure_reason": "Repaired",
    }
    with pytest.raises(ActionError, match="is already closed"):
        actions.close_request(closed, reason="Again", by=agent)

    reopened = actions.reopen_request(closed, reason="Resident says not fixed", by=SYSTEM)
    assert (reopened.status, reopened.closure_reason, reopened.closed_at) == ("new", "", None)
    event = only_event(reopened, EventKind.REOPENED)
    assert (event.actor, event.actor_name, event.note) == (
        None,
        "test-suite",
        "Resident says not fixed",
    )
    with pytest.raises(ActionError, match="is new, not closed"):
        actions.reopen_request(reopened, reason="x", by=SYSTEM)


def test_it_merges_a_duplicate_into_the_original(request_, pothole, agent):
    second = actions.create_request(service=pothole, channel="web", by=SYSTEM)
    merged = actions.merge_request(second, into=request_, by=agent)
    assert merged.status == Status.DUPLICATE
    assert merged.duplicate_of == request_
    assert merged.is_closed
    assert only_event(merged, EventKind.MERGED).changes == {
        "status": ["new", "duplicate"],
        "duplicate_of": request_.public_id,
    }
    third = actions.create_request(service=pothole, channel="web", by=SYSTEM)
    with pytest.raises(ActionError, match="is itself a duplicate"):
        actions.merge_request(third, into=merged, by=agent)
    with pytest.raises(ActionError, match="duplicate of itself"):
        actions.merge_request(third, into=third, by=agent)


def test_it_records_changed_details_without_private_values(request_, agent):
    updated = actions.update_request(
        request_, by=agent, description="Two holes", reporter_phone="555-0199"
    )
    event = only_event(updated, EventKind.UPDATED)
    assert event.changes == {
        "description": ["Deep hole by the curb", "Two holes"],
        "reporter_phone": "changed",
    }
    assert event.public is False
    assert "555-0199" not in str(event.changes)
    with pytest.raises(ActionError, match="cannot be changed here: status"):
        actions.update_request(updated, by=agent, status="closed")


def test_it_writes_nothing_for_an_update_that_changes_nothing(request_, agent):
    actions.update_request(request_, by=agent, description="Deep hole by the curb")
    assert request_.events.count() == 1


def test_it_adds_an_internal_note(request_, agent):
    event = actions.add_note(request_, note="Called back, no answer", by=agent)
    assert (event.kind, event.public, event.note) == (
        EventKind.NOTE,
        False,
        "Called back, no answer",
    )
    with pytest.raises(ActionError, match="cannot be empty"):
        actions.add_note(request_, note=" ", by=agent)


@pytest.mark.django_db(transaction=True)
def test_it_announces_a_change_only_after_commit(pothole):
    heard = []

    def receiver(sender, request, event, **kwargs):
        heard.append((request.public_id, event.kind))

    request_changed.connect(receiver)
    try:
        request = actions.create_request(service=pothole, channel="web", by=SYSTEM)
        assert heard == [(request.public_id, "created")]
        with pytest.raises(RuntimeError), actions.transaction.atomic():
            actions.add_note(request, note="rolled back", by=SYSTEM)
            raise RuntimeError
        assert heard == [(request.public_id, "created")]
        assert request.events.count() == 1
    finally:
        request_changed.disconnect(receiver)


def test_it_locks_the_row_while_changing_it(request_, agent):
    with CaptureQueriesContext(connection) as queries:
        actions.update_status(request_, Status.ACKNOWLEDGED, by=agent)
    selects = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT")]
    # SQLite has no row locks (its IMMEDIATE transactions lock the whole database instead).
    expected = "FOR UPDATE" if connection.vendor == "postgresql" else "SELECT"
    assert len(selects) == 1 and expected in selects[0]


def test_due_date_counts_business_hours(streets):
    from care311.catalog.models import ServiceType, SlaClock

    service = ServiceType.objects.create(
        service_code="bh",
        name="Sign",
        department=streets,
        sla_hours=10,
        sla_clock=SlaClock.BUSINESS,
    )
    # Friday 2026-03-06 15:00 in Chicago (CST, UTC-6): 2 hours left Friday, 8 on Monday.
    friday = datetime(2026, 3, 6, 21, 0, tzinfo=UTC)
    request = actions.create_request(service=service, channel="web", by=SYSTEM, requested_at=friday)
    # Due Monday 2026-03-09 16:00 in Chicago, which is CDT (UTC-5) after the 8 March change.
    assert request.expected_at == datetime(2026, 3, 9, 21, 0, tzinfo=UTC)
    assert request.expected_at - friday == timedelta(days=3)
