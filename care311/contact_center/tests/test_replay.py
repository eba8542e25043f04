"""`care311 calls replay` feeds a day of the bank's records (../shared/data) into the live
pipeline, sped up: calls are stamped with the time they are fed, keep the records' own
waits and talk times, and the wallboard moves with them."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from care311.contact_center import wallboard
from care311.contact_center.adapters.events import CallEvent
from care311.contact_center.models import AgentStateInterval, CallRecord
from care311.contact_center.quality import Quality
from care311.contact_center.replay import read_day, replay_day
from care311.contact_center.tests.conftest import CHICAGO, bank_rows, write_rows

pytestmark = pytest.mark.django_db

SPEED = 600  # each 0.25 s tick of the fake clock feeds 150 s of the bank's day


@pytest.fixture
def morning(tmp_path):
    """Monday 4 January 1999 from 08:00 to 08:30 on the bank's clock."""
    rows = bank_rows("01_January.txt", "990104")
    path = write_rows(tmp_path / "jan4.txt", rows)
    return read_day([path], CHICAGO, date(1999, 1, 4), "08:00", "08:30")


class FakeClock:
    def __init__(self):
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def test_it_feeds_the_days_calls_with_their_own_waits(morning):
    clock = FakeClock()
    started = timezone.now()

    replay_day(morning, SPEED, quality=Quality("t", "bank"), clock=clock, sleep=clock.sleep)

    calls = CallRecord.objects.filter(source="replay")
    offered = [e for e in morning.events if getattr(e, "kind", None) == "offered"]
    ivr = [e for e in morning.events if getattr(e, "kind", None) == "ivr"]
    assert calls.count() == len(offered) + len(ivr) == 47
    first = min(calls.values_list("arrived_at", flat=True))
    assert started <= first <= timezone.now()
    # 30 minutes of arrivals come within 30 * 60 / 600 = 3 s of replay time.
    last = max(calls.values_list("arrived_at", flat=True))
    assert last - first < timedelta(seconds=3)
    waits = sorted(
        wait
        for e in morning.events
        if isinstance(e, CallEvent)
        and e.kind in ("answered", "abandoned")
        and (wait := e.wait) is not None
    )
    recorded = sorted(
        wait
        for wait in calls.exclude(outcome="ivr").values_list("wait_seconds", flat=True)
        if wait is not None
    )
    assert recorded == waits


def test_it_logs_every_agent_out_at_the_end(morning):
    clock = FakeClock()

    replay_day(morning, SPEED, quality=Quality("t", "bank"), clock=clock, sleep=clock.sleep)

    assert AgentStateInterval.objects.filter(state="on_call").count() > 10
    assert not AgentStateInterval.objects.filter(ended_at__isnull=True).exists()


def test_it_moves_the_wallboard_while_it_runs(morning):
    clock = FakeClock()
    boards = []

    def look() -> bool:
        boards.append(wallboard.snapshot())
        return False

    replay_day(
        morning, SPEED, quality=Quality("t", "bank"), clock=clock, sleep=clock.sleep, stop=look
    )

    offered = [int(board["total"]["offered"]["text"].replace(",", "")) for board in boards]
    assert offered == sorted(offered) and offered[-1] > offered[1] > 0
    busy = {sum(s["count"] for s in board["agents"] if s["state"] == "on_call") for board in boards}
    assert len(busy) > 2  # agents picking up and putting down calls
