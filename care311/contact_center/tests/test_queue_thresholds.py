"""Each call is judged against its own queue's service-level and short-abandon thresholds,
and changing a queue's thresholds recomputes its figures.

Queue "fast" (T = 10 s, S = 3 s) and queue "slow" (T = 60 s, S = 10 s), on 2023-11-14
around 17:00 Chicago time (T0 = 1700002800 = 23:00:00 UTC):
  fast: answered after 5 s and 30 s; abandoned after 2 s and 8 s
  slow: answered after 45 s and 90 s; abandoned after 4 s and 50 s
Within T: fast 5 (answered), 2 and 8 (abandoned); slow 45 (answered), 4 and 50 (abandoned).
Short: fast 2; slow 4.
"""

from datetime import date

import pytest

from care311.contact_center import actions
from care311.contact_center.models import IntervalSummary, Queue
from care311.contact_center.tests.conftest import figures, import_calls
from care311.service_requests.actors import System

pytestmark = pytest.mark.django_db

T0 = 1700002800
DAY = date(2023, 11, 14)


def _call(key: str, queue: str, wait: int, answered: bool) -> list[str]:
    start = T0 + len(key) * 100
    end = (
        f"{start + wait}|{key}|{queue}|A1|CONNECT|{wait}|x"
        if answered
        else (f"{start + wait}|{key}|{queue}|NONE|ABANDON|1|1|{wait}")
    )
    return [f"{start}|{key}|{queue}|NONE|ENTERQUEUE||", end]


@pytest.fixture
def calls(tmp_path):
    Queue.objects.create(name="fast", service_level_seconds=10, short_abandon_seconds=3)
    Queue.objects.create(name="slow", service_level_seconds=60, short_abandon_seconds=10)
    lines = [
        *_call("f", "fast", 5, True),
        *_call("ff", "fast", 30, True),
        *_call("fff", "fast", 2, False),
        *_call("ffff", "fast", 8, False),
        *_call("s", "slow", 45, True),
        *_call("ss", "slow", 90, True),
        *_call("sss", "slow", 4, False),
        *_call("ssss", "slow", 50, False),
    ]
    path = tmp_path / "queue_log"
    path.write_text("\n".join(sorted(lines)) + "\n")
    import_calls(path)


def test_it_uses_each_queues_own_thresholds(calls):
    fast = figures(DAY, DAY, "queue", "fast")
    slow = figures(DAY, DAY, "queue", "slow")
    both = figures(DAY)

    assert fast["service_level_offered"] == 25.0  # 1 of 4
    assert fast["service_level_abandons_met"] == 75.0  # (1 + 2) of 4
    assert fast["short_abandons"] == 1
    assert fast["service_level_short_excluded"] == pytest.approx(100 / 3)  # 1 of (4 - 1)
    assert slow["service_level_offered"] == 25.0
    assert slow["service_level_abandons_met"] == 75.0
    assert slow["abandonment_rate_short_excluded"] == pytest.approx(100 / 3)  # (2-1) of (4-1)
    assert both["service_level_answered"] == 50.0  # 5 s in fast and 45 s in slow, of 4
    assert both["short_abandons"] == 2


def test_it_recomputes_a_queues_figures_when_its_thresholds_change(calls):
    actions.set_queue_targets(
        Queue.objects.get(name="fast"),
        service_level_seconds=30,
        service_level_target=90,
        short_abandon_seconds=1,
        abandon_target=5,
        by=System("test"),
    )

    fast = figures(DAY, DAY, "queue", "fast")
    assert fast["service_level_offered"] == 50.0  # 5 s and 30 s answered within 30 s
    assert fast["short_abandons"] == 0
    assert figures(DAY, DAY, "queue", "slow")["service_level_offered"] == 25.0
    assert IntervalSummary.objects.filter(queue__name="fast").count() > 0
