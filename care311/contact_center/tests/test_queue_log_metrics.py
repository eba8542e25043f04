"""The metrics of the real queue_log match figures worked out by hand from the file.

From the table in test_queue_log_import.py (21 calls, queue 9000, T = 20 s, S = 5 s):
  answered 8 (7 completed + call 20, which has no completion line), abandoned 12,
  still waiting 1 (call 21), so offered = 21 - 1 = 20.
  Answered waits 1, 2, 36, 6, 84, 4, 5, 5: sum 143; within 20 s: six (not 36, 84).
  Abandoned waits 13, 45, 17, 32, 17, 21, 15, 23, 17, 10, 2, 3: sum 215;
    within 20 s: 13, 17, 17, 15, 17, 10, 2, 3 = eight; short (< 5 s): 2 and 3 = two.
  Talk of the 7 completed calls 3, 4, 8, 12, 5, 13, 0: sum 45 (no hold or wrap-up in a
    queue_log).

  service level, answered basis     6 / 8             = 75 %
  service level, offered basis      6 / 20            = 30 %
  abandons within T met             (6 + 8) / 20      = 70 %
  short abandons excluded           6 / (20 - 2)      = 33.33 %
  ASA                               143 / 8           = 17.875 s
  average time to abandon           215 / 12          = 17.9167 s
  abandonment rate                  12 / 20           = 60 %
  ... short abandons excluded       (12 - 2)/(20 - 2) = 55.56 %
  AHT                               45 / 7            = 6.4286 s

The calls arrived on 2010-02-22 between 04:18 and 05:56 Chicago time (CST = UTC-6).
By local hour: 04:00-05:00 holds calls 1-13 (answered 1, 2, 3, 5: waits 1, 2, 36, 6;
9 abandoned), 05:00-06:00 calls 14-21 (answered 14, 15, 16, 20: waits 84, 4, 5, 5;
abandoned 17, 18, 19; 21 waiting): offered 7, within 20 s three.
"""

from datetime import date

import pytest

from care311.contact_center.tests.conftest import figures, import_calls

pytestmark = pytest.mark.django_db
DAY = date(2010, 2, 22)


def test_it_computes_the_days_figures_as_worked_out_by_hand(queue_log):
    import_calls(queue_log)

    got = figures(DAY)

    assert got["offered"] == 20
    assert got["answered"] == 8
    assert got["abandoned"] == 12
    assert got["waiting"] == 1
    assert got["incomplete"] == 1
    assert got["short_abandons"] == 2
    assert got["service_level_answered"] == 75.0
    assert got["service_level_offered"] == 30.0
    assert got["service_level_abandons_met"] == 70.0
    assert got["service_level_short_excluded"] == pytest.approx(100 * 6 / 18)
    assert got["asa"] == 17.875
    assert got["average_time_to_abandon"] == pytest.approx(215 / 12)
    assert got["abandonment_rate"] == 60.0
    assert got["abandonment_rate_short_excluded"] == pytest.approx(100 * 10 / 18)
    assert got["aht"] == pytest.approx(45 / 7)
    assert got["transfers"] == 0


def test_it_groups_by_local_hour(queue_log):
    import_calls(queue_log)

    early = figures(DAY, DAY, "interval:60", "2010-02-22 04:00 CST")
    late = figures(DAY, DAY, "interval:60", "2010-02-22 05:00 CST")

    assert (early["offered"], early["answered"], early["abandoned"]) == (13, 4, 9)
    assert early["service_level_offered"] == pytest.approx(100 * 3 / 13)
    assert early["asa"] == (1 + 2 + 36 + 6) / 4
    assert (late["offered"], late["answered"], late["abandoned"], late["waiting"]) == (7, 4, 3, 1)
    assert late["service_level_offered"] == pytest.approx(100 * 3 / 7)
    assert late["asa"] == (84 + 4 + 5 + 5) / 4


def test_it_groups_by_agent(queue_log):
    import_calls(queue_log)

    agent_2004 = figures(DAY, DAY, "agent", "Local/2004@from-internal/n")
    agent_2001 = figures(DAY, DAY, "agent", "Local/2001@from-internal/n")

    # 2004 answered calls 1, 2, 3, 5, 15, 16 and 20 (20 incomplete); talk 3+4+8+12+13+0.
    assert (agent_2004["answered"], agent_2004["incomplete"]) == (7, 1)
    assert agent_2004["aht"] == 40 / 6
    assert (agent_2001["answered"], agent_2001["aht"], agent_2001["asa"]) == (1, 5, 84)


def test_it_shows_no_occupancy_without_login_lines(queue_log):
    import_calls(queue_log)

    got = figures(DAY, DAY, "agent", "Local/2004@from-internal/n")

    # The log has CONNECT and COMPLETE lines but no AGENTLOGIN or ADDMEMBER: time on calls
    # is known, logged-in time is not, so occupancy is not a number rather than a guess.
    assert got["occupancy"] is None
    assert got["calls_per_agent_hour"] is None
