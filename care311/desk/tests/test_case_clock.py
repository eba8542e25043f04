"""The clock in words on queues and case pages: working time in hours (a working day is not
24 of them), calendar time in days, and a closed request says whether it met its target."""

from datetime import UTC, datetime, timedelta

from care311.catalog.sla import SlaState
from care311.desk.queues import closed_sla_text, sla_text
from care311.service_requests.models import ServiceRequest

DUE = datetime(2026, 12, 16, 23, 0, tzinfo=UTC)


def test_working_time_is_told_in_hours():
    left = SlaState(remaining=timedelta(hours=71, minutes=5), paused=False, business=True)

    assert sla_text(left) == "71 h 05 min of working time left"


def test_calendar_time_is_told_in_days():
    left = SlaState(remaining=timedelta(hours=71, minutes=5), paused=False, business=False)
    late = SlaState(remaining=-timedelta(hours=27), paused=False, business=False)

    assert sla_text(left) == "2 d 23 h left"
    assert sla_text(late) == "overdue by 1 d 3 h"


def test_a_closed_request_says_whether_it_met_its_target():
    on_time = ServiceRequest(expected_at=DUE, closed_at=DUE - timedelta(hours=1))
    late = ServiceRequest(expected_at=DUE, closed_at=DUE + timedelta(minutes=1))
    untimed = ServiceRequest(expected_at=None, closed_at=DUE)

    assert closed_sla_text(on_time) == "closed within the target"
    assert closed_sla_text(late) == "closed after the target"
    assert closed_sla_text(untimed) == "closed; no target"
