"""First-contact resolution: a first call about a request counts as resolved when no other
call about the same request comes within N days (CARE311_FCR_DAYS, default 7).

Calls (queue_log, 17:00 CST on the day named; agent X or Y), each linked to a request:
  A  14 Nov  X  files request 1     B  16 Nov  Y  about request 1 again (2 days later)
  C  14 Nov  Y  files request 2     (no other call)
  D  14 Nov  Y  files request 3     E  23 Nov  X  about request 3 again (9 days later)
Within 7 days only A is repeated: FCR = 2 resolved of 3 first calls (A, C, D) = 66.7 %;
X 0 of 1, Y 2 of 2. Within 14 days D is repeated too: 1 of 3.
"""

from datetime import date

import pytest

from care311.catalog.models import Department, ServiceType
from care311.contact_center import actions
from care311.contact_center.models import CallRecord
from care311.contact_center.tests.conftest import figures, import_calls
from care311.service_requests.actions import create_request
from care311.service_requests.actors import System

pytestmark = pytest.mark.django_db

T0 = 1700002800  # 2023-11-14 17:00 CST
DAY = 86400
CALLS = {"A": (0, "X"), "B": (2, "Y"), "C": (0, "Y"), "D": (0, "Y"), "E": (9, "X")}
FIRST, LAST = date(2023, 11, 14), date(2023, 11, 23)
NAMES = ("fcr", "requests_filed")


@pytest.fixture
def linked(tmp_path):
    lines = []
    for index, (key, (days, agent)) in enumerate(CALLS.items()):
        start = T0 + days * DAY + index * 60
        lines += [
            f"{start}|{key}|help|NONE|ENTERQUEUE||",
            f"{start + 5}|{key}|help|{agent}|CONNECT|5|x",
            f"{start + 65}|{key}|help|{agent}|COMPLETECALLER|5|60|1",
        ]
    path = tmp_path / "queue_log"
    path.write_text("\n".join(sorted(lines)) + "\n")
    import_calls(path)

    streets = Department.objects.create(code="streets", name="Streets")
    pothole = ServiceType.objects.create(service_code="POT", name="Pothole", department=streets)
    by = System("test")
    requests = [create_request(service=pothole, channel="phone", by=by) for _ in range(3)]
    call = {c.source_key: c for c in CallRecord.objects.all()}
    for key, request, filed in (
        ("A", 0, True),
        ("B", 0, False),
        ("C", 1, True),
        ("D", 2, True),
        ("E", 2, False),
    ):
        actions.link_call(call[key], requests[request], filed=filed, by=by)


def test_it_counts_first_calls_not_repeated_within_seven_days(linked):
    got = figures(FIRST, LAST, names=NAMES)

    assert got["fcr"] == pytest.approx(200 / 3)
    assert got["requests_filed"] == 3


def test_it_credits_the_agent_who_took_the_first_call(linked):
    assert figures(FIRST, LAST, "agent", "X")["fcr"] == 0.0
    assert figures(FIRST, LAST, "agent", "Y")["fcr"] == 100.0
    assert figures(FIRST, LAST, "agent", "Y", names=NAMES)["requests_filed"] == 2


def test_it_takes_the_window_as_a_parameter(linked):
    assert figures(FIRST, LAST, fcr_days=14)["fcr"] == pytest.approx(100 / 3)


def test_it_counts_only_first_calls_made_in_the_period(linked):
    # B and E are repeat calls: a period holding only them has no first contacts.
    assert figures(date(2023, 11, 16), date(2023, 11, 16))["fcr"] is None
