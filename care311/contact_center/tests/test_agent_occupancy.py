"""Occupancy, utilization and calls per agent hour come from agents' state intervals.

One agent, one hour from T0 = 1700002800 (2023-11-14 17:00 CST):
  logged in 17:00:00-18:00:00 (3,600 s); paused 17:10:00-17:15:00 (300 s, "training");
  on a call 17:16:50-17:21:50 (300 s) and 17:23:25-17:25:25 (120 s).
  occupancy   = 420 / (3,600 - 300) = 12.73 %
  utilization = 420 / 3,600          = 11.67 %
  calls per agent hour = 2 handled / 1 logged-in hour = 2
By half hour: 17:00-17:30 holds the pause and both calls (420 / (1,800 - 300) = 28 %,
2 calls / 0.5 h = 4 an hour); 17:30-18:00 only logged-in time (0 %).
"""

from datetime import date

import pytest

from care311.contact_center.tests.conftest import figures, import_calls

pytestmark = pytest.mark.django_db

T0 = 1700002800
AGENT = "Agent/7"
DAY = date(2023, 11, 14)
LOG = [
    f"{T0}|NONE|NONE|{AGENT}|AGENTLOGIN|SIP/7",
    f"{T0 + 600}|NONE|NONE|{AGENT}|PAUSE|training",
    f"{T0 + 900}|NONE|NONE|{AGENT}|UNPAUSE|",
    f"{T0 + 1000}|c1|help|NONE|ENTERQUEUE||",
    f"{T0 + 1010}|c1|help|{AGENT}|CONNECT|10|c1b|3",
    f"{T0 + 1310}|c1|help|{AGENT}|COMPLETEAGENT|10|300|1",
    f"{T0 + 1400}|c2|help|NONE|ENTERQUEUE||",
    f"{T0 + 1405}|c2|help|{AGENT}|CONNECT|5|c2b|2",
    f"{T0 + 1525}|c2|help|{AGENT}|COMPLETECALLER|5|120|1",
    f"{T0 + 3600}|NONE|NONE|{AGENT}|AGENTLOGOFF|SIP/7|3600",
]


@pytest.fixture
def hour(tmp_path):
    path = tmp_path / "queue_log"
    path.write_text("\n".join(LOG) + "\n")
    import_calls(path)


def test_it_computes_occupancy_and_utilization_for_the_hour(hour):
    got = figures(DAY, DAY, "agent", AGENT)

    assert got["occupancy"] == pytest.approx(100 * 420 / 3300)
    assert got["utilization"] == pytest.approx(100 * 420 / 3600)
    assert got["calls_per_agent_hour"] == 2.0
    assert got["aht"] == 210.0


def test_it_cuts_agent_time_at_interval_boundaries(hour):
    first = figures(DAY, DAY, "interval:30,agent", "2023-11-14 17:00 CST", AGENT)
    second = figures(DAY, DAY, "interval:30,agent", "2023-11-14 17:30 CST", AGENT)

    assert first["occupancy"] == 28.0
    assert first["calls_per_agent_hour"] == 4.0
    assert (second["occupancy"], second["utilization"]) == (0.0, 0.0)
    assert second["calls_per_agent_hour"] == 0.0


def test_it_does_not_split_agent_time_by_queue(hour):
    assert figures(DAY, DAY, "queue", "help")["occupancy"] is None
