"""The department performance page's figures match those computed straight from the real NYC
export (its own CSV, read here with the csv module), on SQLite and PostgreSQL alike."""

import csv
from datetime import date, datetime
from typing import TypedDict
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from care311.analytics.performance.dashboard import dashboard
from care311.analytics.performance.periods import MONTH, choose
from care311.analytics.scope import Scope
from care311.catalog.models import Department
from care311.imports.tests.support import NYC_CSV
from care311.service_requests.models import ServiceRequest

pytestmark = pytest.mark.django_db
NEW_YORK = ZoneInfo("America/New_York")
CHANNELS = {"PHONE": "phone", "ONLINE": "web", "MOBILE": "app"}


def source_rows(agency: str) -> list[dict]:
    with NYC_CSV.open(newline="") as handle:
        return [row for row in csv.DictReader(handle) if row["Agency"] == agency]


class Expected(TypedDict):
    """One agency's month as the source file gives it."""

    received: int
    closed: int
    backlog: int
    skewed: int
    met: int
    missed: int
    channels: dict[str, int]
    p50: float | None
    p90: float | None


def when(text: str) -> datetime:
    return datetime.strptime(text, "%m/%d/%Y %I:%M:%S %p").replace(tzinfo=NEW_YORK)


def when_or_none(text: str) -> datetime | None:
    """A time the export may leave blank (closure, due date)."""
    return when(text) if text else None


def expected(agency: str, start: datetime, stop: datetime) -> Expected:
    """The figures of one agency's month, from the source file alone."""
    found = Expected(
        received=0, closed=0, backlog=0, skewed=0, met=0, missed=0, channels={}, p50=None, p90=None
    )
    channels = found["channels"]
    hours = []
    for row in source_rows(agency):
        created, closed, due = (
            when(row["Created Date"]),
            when_or_none(row["Closed Date"]),
            when_or_none(row["Due Date"]),
        )
        is_closed = row["Status"] == "Closed"
        if start <= created < stop:
            found["received"] += 1
            channel = CHANNELS.get(row["Open Data Channel Type"], "import")
            channels[channel] = channels.get(channel, 0) + 1
        if is_closed and closed is not None and start <= closed < stop:
            found["closed"] += 1
            if closed < created:
                found["skewed"] += 1
            else:
                hours.append((closed - created).total_seconds() / 3600)
                if due is not None:
                    found["met" if closed <= due else "missed"] += 1
        if created < stop and (not is_closed or (closed is not None and closed >= stop)):
            found["backlog"] += 1
    found["p50"], found["p90"] = np.percentile(hours, [50, 90]) if hours else (None, None)
    return found


@pytest.fixture
def in_new_york(settings):
    settings.TIME_ZONE = "America/New_York"


@pytest.mark.parametrize(
    ("agency", "month"), [("NYPD", (2019, 3)), ("HPD", (2018, 6)), ("DSNY", (2019, 3))]
)
def test_it_counts_a_month_as_the_source_file_does(
    nyc, in_new_york, agency: str, month: tuple[int, int]
):
    department = Department.objects.get(pk=_department_of(agency))
    choice = choose(MONTH, date(*month, 15), NEW_YORK)
    scope = Scope(ServiceRequest.objects.filter(department=department), department, None, choice)
    start, stop = choice.period.bounds()
    want = expected(agency, start, stop)

    board = dashboard(scope)

    counts = board.current.counts
    assert counts["received"] == want["received"] > 0
    assert counts["closed"] == want["closed"]
    assert counts["backlog"] == want["backlog"]
    assert counts["skewed"] == want["skewed"]
    assert counts["sla_met"] == want["met"]
    assert counts["sla_missed"] == want["missed"]
    for channel, count in want["channels"].items():
        assert counts[f"channel-{channel}"] == count
    assert board.current.median_hours == pytest.approx(want["p50"])
    assert board.current.p90_hours == pytest.approx(want["p90"])


def _department_of(agency: str) -> int:
    """The department the import made of an agency: the one its requests went to."""
    return (
        ServiceRequest.objects.filter(source="nyc", service__name__isnull=False)
        .filter(source_id__in=[row["Unique Key"] for row in source_rows(agency)][:1])
        .values_list("department_id", flat=True)
        .get()
    )
