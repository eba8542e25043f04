"""On hold the SLA clock stops; resuming moves the due moment by the working time held."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine

from care311.catalog.models import Holiday
from care311.catalog.sla import sla_remaining
from care311.service_requests import actions, casework

MONDAY_0900 = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)  # CST


@pytest.fixture
def filed(business_service, staff):
    with time_machine.travel(MONDAY_0900, tick=False):
        return actions.create_request(service=business_service, channel="web", by=staff["ana"])


def test_it_stops_the_clock_while_on_hold_and_moves_the_due_moment(filed, staff):
    assert filed.expected_at == datetime(2026, 3, 2, 23, 0, tzinfo=UTC)  # Monday 17:00 CST
    with time_machine.travel(datetime(2026, 3, 2, 17, 0, tzinfo=UTC), tick=False):  # 11:00
        held = casework.hold_request(filed, note="Which corner?", by=staff["ana"])

    # Two days later the clock still shows the six working hours it had.
    state = sla_remaining(
        held.service, held.expected_at, datetime(2026, 3, 4, 18, tzinfo=UTC), held.on_hold_since
    )
    assert (state.remaining, state.paused) == (timedelta(hours=6), True)

    with time_machine.travel(datetime(2026, 3, 4, 16, 0, tzinfo=UTC), tick=False):  # Wed 10:00
        resumed = casework.resume_request(held, by=staff["stella"])

    assert resumed.expected_at == datetime(2026, 3, 4, 22, 0, tzinfo=UTC)  # Wednesday 16:00
    # Held Monday 11-17, Tuesday 8-17, Wednesday 8-10: 17 working hours.
    assert resumed.held_seconds == 17 * 3600
    assert resumed.on_hold_since is None
    assert resumed.events.last().changes == {
        "status": ["on_hold", "in_progress"],
        "expected_at": ["2026-03-02T23:00:00+00:00", "2026-03-04T22:00:00+00:00"],
        "held_seconds": 61200,
    }


def test_it_counts_no_holiday_or_weekend_as_held(filed, staff):
    Holiday.objects.create(date=date(2026, 3, 9), name="A city holiday")
    with time_machine.travel(datetime(2026, 3, 6, 22, 0, tzinfo=UTC), tick=False):  # Fri 16:00
        # A request filed on Friday afternoon: due after 8 working hours.
        filed = actions.create_request(
            service=filed.service, channel="web", by=staff["ana"], description="late friday"
        )
        held = casework.hold_request(filed, note="Waiting", by=staff["ana"])
    with time_machine.travel(datetime(2026, 3, 10, 14, 0, tzinfo=UTC), tick=False):  # Tue 09:00
        resumed = casework.resume_request(held, by=staff["ana"])

    # Friday 16-17 and Tuesday 8-9 (CDT from Sunday; Monday a holiday): two hours held.
    assert resumed.held_seconds == 2 * 3600
    # The whole target was left: eight working hours from Tuesday 09:00 CDT.
    assert resumed.expected_at == datetime(2026, 3, 10, 22, 0, tzinfo=UTC)  # Tuesday 17:00


def test_it_leaves_a_request_held_after_its_due_moment_breached(filed, staff):
    with time_machine.travel(datetime(2026, 3, 3, 15, 0, tzinfo=UTC), tick=False):  # Tue 09:00
        held = casework.hold_request(filed, note="Waiting", by=staff["ana"])
    with time_machine.travel(datetime(2026, 3, 5, 15, 0, tzinfo=UTC), tick=False):
        resumed = casework.resume_request(held, by=staff["ana"])

    assert resumed.expected_at == filed.expected_at
    assert "expected_at" not in resumed.events.last().changes
